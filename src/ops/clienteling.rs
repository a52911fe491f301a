//! Clienteling written live in HQ (DOMAIN.md 7): client books, activities, notes and Customer
//! Insights measure values. The POS face (`ops::pos`) and the HQ commands both come here.

use std::io::Read;

use crate::db::Reader;
use serde::Serialize;

use super::{Applied, Mode, OpEnv, customer, mutate, numseq, staff};
use crate::db::{WriteTx, clienteling as db};
use crate::domain::clienteling::{self as rules, Activity, ClientBook, Note, TimelineEntry};
use crate::domain::numseq::Reference;
use crate::domain::{Change, Cmd, Hint};
use crate::error::{HqError, Result};

pub(crate) fn books(c: &Reader, worker: Option<&str>) -> Result<Vec<ClientBook>> {
    let worker = match worker {
        Some(w) => Some(staff::get_worker(c, "worker", w)?.personnel_number),
        None => None,
    };
    db::books(c, worker.as_deref())
}

/// A client book with a page of its customers.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BookDetail {
    #[serde(flatten)]
    pub book: ClientBook,
    /// Accounts, in order: a page (`--limit`, `--offset`).
    pub customers: Vec<String>,
}

pub(crate) fn show_book(c: &Reader, id: &str, limit: u32, offset: u32) -> Result<BookDetail> {
    let book = book(c, id)?;
    Ok(BookDetail {
        customers: db::accounts_of(c, &book.id, limit, offset)?,
        book,
    })
}

pub(crate) fn book(c: &Reader, id: &str) -> Result<ClientBook> {
    db::book(c, id)?.ok_or_else(|| rules::no_such_book(id).into())
}

/// The error for a customer already in another worker's book.
fn in_other_book(account: &str, b: &ClientBook) -> HqError {
    rules::in_other_book(account, &b.id, &b.worker).into()
}

/// The worker's client book in a legal entity, created (with an id from the client_book_id
/// sequence) when it does not exist yet.
pub(crate) fn book_for(
    tx: &WriteTx,
    env: &OpEnv,
    worker: &str,
    legal_entity: &str,
    changes: &mut Vec<Change>,
) -> Result<ClientBook> {
    if let Some(b) = db::book_of(tx, worker, legal_entity)? {
        return Ok(b);
    }
    let (id, seq_change) = numseq::allocate_for(tx, Reference::ClientBookId, legal_entity)?;
    let b = ClientBook {
        id,
        worker: worker.to_string(),
        legal_entity: legal_entity.to_string(),
        created_at: env.now_text(),
        customer_count: 0,
    };
    db::insert_book(tx, &b)?;
    changes.push(seq_change);
    changes.push(Change::create("client_book", &b.id, &b));
    Ok(b)
}

/// Adds a customer to a worker's client book (created on first use). The customer must be of
/// the book's legal entity and in no other book.
pub(crate) fn add_to_book(
    tx: &WriteTx,
    env: &OpEnv,
    worker: &str,
    legal_entity: &str,
    account: &str,
) -> Result<(ClientBook, Vec<Change>)> {
    let cu = customer::get(tx, "ACCOUNT", account)?;
    rules::check_customer_of_book(&cu.account, &cu.legal_entity, legal_entity)?;
    let mut changes = Vec::new();
    if let Some(current) = db::book_of_customer(tx, &cu.account)? {
        let b = book(tx, &current)?;
        if b.worker.eq_ignore_ascii_case(worker)
            && b.legal_entity.eq_ignore_ascii_case(legal_entity)
        {
            return Ok((b, changes));
        }
        return Err(in_other_book(&cu.account, &b));
    }
    let b = book_for(tx, env, worker, legal_entity, &mut changes)?;
    db::put_customer(tx, &cu.account, &b.id, &env.now_text(), worker)?;
    changes.push(Change::create(
        "client_book_customer",
        &cu.account,
        &serde_json::json!({"account": cu.account, "client_book": b.id}),
    ));
    Ok((book(tx, &b.id)?, changes))
}

/// Moves a customer to another worker's client book (created on first use).
pub(crate) fn reassign_in(
    tx: &WriteTx,
    env: &OpEnv,
    account: &str,
    to: &str,
) -> Result<(ClientBook, Vec<Change>)> {
    let cu = customer::get(tx, "ACCOUNT", account)?;
    let target = staff::get_worker(tx, "to", to)?;
    let Some(current) = db::book_of_customer(tx, &cu.account)? else {
        return Err(rules::in_no_book(&cu.account).into());
    };
    let from = book(tx, &current)?;
    let mut changes = Vec::new();
    if from.worker.eq_ignore_ascii_case(&target.personnel_number) {
        return Ok((from, changes));
    }
    // A book is seen at the stores of its owner in its legal entity: with none, nobody would
    // see the customer.
    let here: Vec<String> = crate::db::org::stores(tx, Some(&from.legal_entity))?
        .into_iter()
        .filter(|s| target.belongs_to(&s.employee_address_books))
        .map(|s| s.number)
        .collect();
    if here.is_empty() {
        return Err(rules::no_store_there(&target.personnel_number, &from.legal_entity).into());
    }
    let b = book_for(
        tx,
        env,
        &target.personnel_number,
        &from.legal_entity,
        &mut changes,
    )?;
    db::put_customer(
        tx,
        &cu.account,
        &b.id,
        &env.now_text(),
        &target.personnel_number,
    )?;
    changes.extend(Change::update(
        "client_book_customer",
        &cu.account,
        &serde_json::json!({"client_book": from.id}),
        &serde_json::json!({"client_book": b.id}),
    ));
    Ok((book(tx, &b.id)?, changes))
}

/// What a reassignment did: the customers moved to `to`, and the books they are in now.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Reassigned {
    pub to: String,
    /// Accounts moved (those already in `to`'s book are not).
    pub moved: Vec<String>,
    pub books: Vec<ClientBook>,
}

/// Moves customers to `to`'s client books, in one transaction: the accounts named, or (with
/// none) every customer of `from`'s books (of `legal_entity` only, when given: a store's).
/// With `from`, each account named must be in one of its books.
pub(crate) fn reassign_many(
    tx: &WriteTx,
    env: &OpEnv,
    accounts: &[String],
    from: Option<&str>,
    legal_entity: Option<&str>,
    to: &str,
) -> Result<(Reassigned, Vec<Change>)> {
    let to = staff::get_worker(tx, "to", to)?.personnel_number;
    let from = from
        .map(|f| staff::get_worker(tx, "from", f).map(|w| w.personnel_number))
        .transpose()?;
    let accounts: Vec<String> = match (&from, accounts.is_empty()) {
        (Some(f), true) => db::accounts_of_worker(tx, f, legal_entity)?,
        (None, true) => return Err(rules::nothing_to_reassign().into()),
        (_, false) => accounts.to_vec(),
    };
    let mut changes = Vec::new();
    let mut moved = Vec::new();
    let mut books: Vec<ClientBook> = Vec::new();
    for account in &accounts {
        if let Some(f) = &from {
            let cu = customer::get(tx, "ACCOUNT", account)?;
            let holder = match db::book_of_customer(tx, &cu.account)? {
                Some(id) => Some(book(tx, &id)?.worker),
                None => None,
            };
            if !holder.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(f)) {
                return Err(rules::not_in_workers_books(&cu.account, f, holder.as_deref()).into());
            }
        }
        let (b, c) = reassign_in(tx, env, account, &to)?;
        if !c.is_empty() {
            moved.push(account.clone());
        }
        changes.extend(c);
        books.retain(|x| x.id != b.id);
        books.push(b);
    }
    Ok((Reassigned { to, moved, books }, changes))
}

/// HQ: `hq clientbook reassign [ACCOUNT...] --to WORKER [--from WORKER]`.
pub(crate) fn reassign(
    db_: &mut crate::db::Db,
    env: &OpEnv,
    mode: Mode,
    accounts: &[String],
    from: Option<&str>,
    to: &str,
) -> Result<Applied<Reassigned>> {
    mutate(db_, env, mode, |tx| {
        reassign_many(tx, env, accounts, from, None, to)
    })
}

/// Activities and notes of a customer, newest first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Timeline {
    pub account: String,
    /// Activities and notes together, newest first.
    pub entries: Vec<TimelineEntry>,
    pub activities: Vec<Activity>,
    pub notes: Vec<Note>,
}

pub(crate) fn timeline(c: &Reader, account: &str) -> Result<Timeline> {
    let cu = customer::get(c, "ACCOUNT", account)?;
    let activities = db::activities(c, &cu.account)?;
    let notes = db::notes(c, &cu.account)?;
    Ok(Timeline {
        entries: crate::domain::clienteling::merge_timeline(&activities, &notes),
        activities,
        notes,
        account: cu.account,
    })
}

/// What `hq insights measure import` read.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MeasureImport {
    pub file: String,
    pub rows: u64,
    pub customers: u64,
}

/// Loads Customer Insights measure values from CSV with the columns account, measure, value.
/// Measures must be among those selected for the customer card; one transaction; any bad row
/// stops the import with its line and nothing is written.
pub(crate) fn import_measures(
    db_: &mut crate::db::Db,
    env: &OpEnv,
    mode: Mode,
    file: &str,
    input: impl Read,
) -> Result<Applied<MeasureImport>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let at = |line: u64, msg: String| HqError::invalid(format!("{file}:{line}: {msg}"));
    let headers = reader
        .headers()
        .map_err(|e| at(1, format!("cannot read the header: {e}")))?
        .clone();
    let col = |name: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                at(1, format!("the column {name} is missing"))
                    .hinted("the columns are account, measure, value")
            })
    };
    let (ca, cm, cv) = (col("account")?, col("measure")?, col("value")?);
    mutate(db_, env, mode, |tx| {
        let selected = super::params::load(tx)?.insights.measures;
        let mut rows = 0;
        let mut accounts = std::collections::HashSet::new();
        let mut record = csv::StringRecord::new();
        loop {
            let line = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(at(line, format!("cannot read the row: {e}"))),
            }
            let line = record.position().map_or(line, |p| p.line());
            let get = |i: usize| record.get(i).unwrap_or("");
            let cu = customer::get(tx, "account", get(ca)).map_err(|e| {
                let e = e.render_field(|n| format!("column {n}"));
                at(line, format!("column account: {}", e.message))
            })?;
            let Some(measure) = selected.iter().find(|m| m.eq_ignore_ascii_case(get(cm))) else {
                return Err(at(
                    line,
                    format!(
                        "column measure: {:?} is not a selected Customer Insights measure ({})",
                        get(cm),
                        selected.join(", ")
                    ),
                )
                .hinted(Hint::to(
                    "select measures with",
                    Cmd::new("insights set").set_ph("measure", "NAME"),
                )));
            };
            if get(cv).is_empty() {
                return Err(at(line, "column value: it is empty".into()));
            }
            db::set_measure(tx, &cu.account, measure, get(cv))?;
            rows += 1;
            accounts.insert(cu.account.to_lowercase());
        }
        let report = MeasureImport {
            file: file.to_string(),
            rows,
            customers: accounts.len() as u64,
        };
        let changes = if rows > 0 {
            vec![Change::create("insights_measure_import", file, &report)]
        } else {
            Vec::new()
        };
        Ok((report, changes))
    })
}

/// What removing a customer would also remove: (activities, notes, measure values).
pub(crate) fn history(c: &Reader, account: &str) -> Result<(u64, u64, u64)> {
    let cu = customer::get(c, "ACCOUNT", account)?;
    db::history(c, &cu.account)
}

/// The client book a customer is in, if any.
pub(crate) fn book_of(c: &Reader, account: &str) -> Result<Option<String>> {
    let cu = customer::get(c, "ACCOUNT", account)?;
    db::book_of_customer(c, &cu.account)
}
