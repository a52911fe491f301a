//! `hq customer import FILE.csv`: many customers in one transaction, with the same rules as
//! `hq customer add` (one code path: [`customer::prepare`]).
//!
//! The file streams through; lookups are cached; accounts are allocated in memory from each
//! legal entity's sequence and the sequences saved once at the end. Any invalid row stops the
//! import with file, line and column, and nothing is written. A dry run checks every row and
//! reports every invalid one.

use std::collections::HashMap;
use std::io::Read;

use serde::Serialize;

use crate::db::{Db, customer as db};
use crate::domain::customer::{AddressDraft, Customer};
use crate::domain::model::Described;
use crate::domain::record::{Record, Value};
use crate::domain::validate::close_matches;
use crate::domain::{Change, Cmd, Hint};
use crate::error::{ErrorKind, FIELD, HqError, Result};
use crate::ops::customer::{self, Cache, NewCustomer};
use crate::ops::numseq::Accounts;
use crate::ops::{Applied, Mode, OpEnv, mutate};

/// The columns hq reads, in the order docs/customers.md documents them: the account, the
/// customer's fields a new customer is given (by their names in its definition), its
/// contacts and the address's purpose, then the address's fields, named as its definition
/// names them beside the customer's own (`AddressDraft::TEXT`). Lists (affiliations, address
/// books, emails, phones) are separated by `;`.
pub static COLUMNS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    std::iter::once("account")
        .chain(
            Customer::FIELDS
                .iter()
                .filter(|f| f.given_on_add())
                .map(|f| f.name),
        )
        .chain(["email", "phone", "marketing_opt_in", "purpose"])
        .chain(AddressDraft::TEXT.iter().map(|f| f.beside))
        .collect()
});

/// One invalid row.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ImportReport {
    pub file: String,
    pub dry_run: bool,
    pub rows: u64,
    /// Rows that passed every check (in a dry run, what would be imported).
    pub valid: u64,
    /// Rows written: none in a dry run.
    pub imported: u64,
    pub first_account: Option<String>,
    pub last_account: Option<String>,
    pub errors: Vec<RowError>,
}

/// The column a field is in: its name, but a list's field is the list (`affiliation` is in
/// `affiliations`).
fn column_of(field: &str) -> Option<&'static str> {
    let name = match field {
        "affiliation" => "affiliations",
        "address_book" => "address_books",
        other => other,
    };
    COLUMNS.iter().copied().find(|c| *c == name)
}

/// The error as the CSV face says it (`column group`), on its line.
fn row_error(line: u64, err: HqError) -> (RowError, HqError) {
    let column = err.field.as_deref().and_then(column_of);
    // What is not a column is a flag of the import command (`--store`).
    let err = err.render_field(|n| {
        column_of(n).map_or_else(|| crate::error::flag_of(n), |c| format!("column {c}"))
    });
    let re = RowError {
        line,
        column: column.map(str::to_string),
        message: err.message.clone(),
    };
    (re, err)
}

/// Files larger than this are loaded with the customer indexes dropped and rebuilt at the end.
const BULK_BYTES: u64 = 4 << 20;

fn split(v: Option<&str>) -> Vec<String> {
    v.map(|s| {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Where each value of a row is: the file's column of each field, worked out once from the
/// header rather than looked up by name in every row.
struct Layout {
    account: Option<usize>,
    /// The customer's fields a new customer is given, with their columns.
    fields: Vec<(&'static crate::domain::model::Field, usize)>,
    email: Option<usize>,
    phone: Option<usize>,
    opt_in: Option<usize>,
    purpose: Option<usize>,
    /// The address's fields (their names in its definition), with their columns.
    address: Vec<(&'static str, usize)>,
}

impl Layout {
    fn of(index: &HashMap<&'static str, usize>) -> Layout {
        let at = |c: &str| index.get(c).copied();
        Layout {
            account: at("account"),
            fields: Customer::FIELDS
                .iter()
                .filter(|f| f.given_on_add())
                .filter_map(|f| Some((f, at(f.name)?)))
                .collect(),
            email: at("email"),
            phone: at("phone"),
            opt_in: at("marketing_opt_in"),
            purpose: at("purpose"),
            address: AddressDraft::TEXT
                .iter()
                .filter_map(|f| Some((f.name, at(f.beside)?)))
                .collect(),
        }
    }
}

/// The CSV to read: its name for messages, the reader, and whether it is a bulk load (see
/// [`is_bulk`]).
pub(crate) struct Source<'a, R> {
    pub name: &'a str,
    pub reader: R,
    pub bulk: bool,
    /// For tests only (`HQ_TEST_IMPORT_PAUSE_MS`): a pause while the rows are being checked,
    /// to prove that nothing can change what they are checked against.
    pub pause: Option<std::time::Duration>,
}

/// Whether a file of `size` bytes is loaded with the customer indexes dropped and rebuilt at
/// the end. `threshold` overrides the default of 4 MiB (about 30,000 customers).
pub(crate) fn is_bulk(size: Option<u64>, threshold: Option<u64>) -> bool {
    size.is_some_and(|n| n > threshold.unwrap_or(BULK_BYTES))
}

/// Rows the reading thread hands to the writing one at a time.
const BATCH: usize = 512;

/// A checked row: its line and the customer to write (account still empty when the sequence
/// allocates it), or why it is invalid.
type Row = (u64, Result<Customer>);

/// What the reading thread sends: checked rows and how far into the file it has read, or a
/// file that cannot be read any further.
type Batch = Result<(Vec<Row>, u64)>;

/// Imports customers from CSV. `progress` is told how many bytes have been read (checking and
/// writing as they go), then the phases after the last row (building indexes, committing).
///
/// Two threads: one reads the file and checks each row by the rules of `hq customer add` on
/// its own read connection (the organisation it looks up does not change during the import);
/// the caller's thread allocates accounts and writes, in one transaction.
pub(crate) fn import(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    source: Source<impl Read + Send>,
    store: Option<&str>,
    progress: &mut dyn FnMut(crate::ops::Tick),
) -> Result<Applied<ImportReport>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(source.reader);
    let (file, bulk, pause) = (source.name, source.bulk, source.pause);
    let headers = reader
        .headers()
        .map_err(|e| at(file, 1, None, format!("cannot read the header: {e}")))?
        .clone();
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    if !headers
        .iter()
        .any(|h| COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(h)))
    {
        return Err(at(
            file,
            1,
            None,
            "the first row is not a header row: none of its cells names a column".to_string(),
        )
        .hinted(format!(
            "start the file with a row of column names, such as {}",
            COLUMNS[..4].join(",")
        )));
    }
    for (i, h) in headers.iter().enumerate() {
        match COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(h)) {
            Some(c) => {
                if let Some(first) = index.insert(c, i) {
                    return Err(at(
                        file,
                        1,
                        Some(h),
                        format!(
                            "column {c} is named twice (columns {} and {}); which one holds the value is not clear",
                            first + 1,
                            i + 1
                        ),
                    )
                    .hinted("keep one column of each name"));
                }
            }
            None => {
                let close = close_matches(h, COLUMNS.iter().copied());
                let mut err = at(file, 1, Some(h), format!("unknown column {h:?}"));
                if !close.is_empty() {
                    err = err.hinted(format!("did you mean {}?", close.join(", ")));
                }
                return Err(err.hinted("the columns are documented in docs/customers.md"));
            }
        }
    }
    let dry = mode == Mode::DryRun;
    let lookups = db_.second_reader()?;
    db_.tune_for_bulk()?;
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<Batch>(8);
        // Written customers go back to the checking thread to be freed there, where they were
        // allocated: freed by the writer, they took the allocator's lock against the other
        // thread's allocations (a fifth of the writer's time at 200,000 rows).
        let (give_back, spent) = std::sync::mpsc::channel::<Vec<Customer>>();
        let layout = Layout::of(&index);
        let mut worker = None;
        let result = mutate(db_, env, mode, |tx| {
            // The checking thread starts once this transaction holds the write lock, so what
            // it checks against (groups, stores, address books) cannot change until the rows
            // are written: no other writer can commit in between.
            // A thread the system refuses is an I/O fault (exit 74), never a panic.
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let pipe = Pipe { send, spent };
                check_rows(reader, lookups, env, store, &layout, file, pipe)
            });
            worker = Some(spawned.map_err(|e| {
                HqError::new(
                    crate::error::ErrorKind::Io,
                    format!("cannot start a thread to check {file}'s rows: {e}"),
                )
                .hinted("the system refused a new thread; check its limits (ulimit -u) and run the command again")
            })?);
            if let Some(p) = pause {
                std::thread::sleep(p);
            }
            let indexes = if bulk {
                db::drop_indexes(tx)?
            } else {
                Vec::new()
            };
            let mut accounts = Accounts::default();
            let mut report = ImportReport {
                file: file.to_string(),
                rows: 0,
                imported: 0,
                dry_run: false,
                valid: 0,
                first_account: None,
                last_account: None,
                errors: Vec::new(),
            };
            for batch in batches {
                let (rows, read) = batch?;
                let mut written_rows = Vec::with_capacity(rows.len());
                // The batch's accounts first, then its customers in one go (a server takes
                // them many to a statement), then each row's outcome in order.
                let mut given = Vec::with_capacity(rows.len());
                for (line, checked) in rows {
                    let mut allocated = false;
                    let checked = checked.and_then(|mut cu| {
                        if cu.account.is_empty() {
                            allocated = true;
                            cu.account = accounts.next(tx, &cu.legal_entity)?;
                        }
                        Ok(cu)
                    });
                    given.push((line, checked, allocated));
                }
                let fresh: Vec<&Customer> = given
                    .iter()
                    .filter_map(|(_, c, _)| c.as_ref().ok())
                    .collect();
                let mut saved = db::save_new(tx, &fresh)?.into_iter();
                for (line, checked, allocated) in given {
                    report.rows += 1;
                    let written = checked.and_then(|cu| match saved.next() {
                        Some(Err(e)) if db::is_duplicate(&e) => {
                            Err(accounts.taken(tx, &cu.legal_entity, &cu.account, allocated))
                        }
                        Some(Err(e)) => Err(e),
                        _ => Ok(cu),
                    });
                    match written {
                        Ok(cu) => {
                            report.imported += 1;
                            if report.first_account.is_none() {
                                report.first_account = Some(cu.account.clone());
                            }
                            written_rows.push(cu);
                        }
                        Err(e) if is_row_error(&e) => {
                            // Said in the CSV's words: `column group`, in hints too.
                            let (re, e) = row_error(line, e);
                            if !dry {
                                let place = place(file, line, re.column.as_deref());
                                // The place names the column; the message need not again.
                                let said = re
                                    .column
                                    .as_deref()
                                    .and_then(|c| re.message.strip_prefix(&format!("column {c}: ")))
                                    .unwrap_or(&re.message);
                                let mut err = HqError::new(e.kind, format!("{place}: {said}"));
                                err.hints = e.hints;
                                err.hints.push(
                                    Hint::from("nothing was imported; fix the row and run the import again (")
                                        .run(Cmd::new("customer import").arg(file).switch("dry_run"))
                                        .then(" lists every invalid row)"),
                                );
                                return Err(err);
                            }
                            report.errors.push(re);
                        }
                        Err(e) => return Err(e),
                    }
                }
                if let Some(cu) = written_rows.last() {
                    report.last_account = Some(cu.account.clone());
                }
                // Freed by the checking thread, or here once it has stopped.
                let _ = give_back.send(written_rows);
                progress(crate::ops::Tick::Done(read));
            }
            if !indexes.is_empty() {
                progress(crate::ops::Tick::Phase("building indexes".into()));
            }
            db::recreate_indexes(tx, &indexes, report.imported)?;
            accounts.save(tx)?;
            progress(crate::ops::Tick::Phase("committing".into()));
            let summary = serde_json::json!({
                "file": file,
                "rows": report.rows,
                "imported": report.imported,
                "first_account": report.first_account,
                "last_account": report.last_account,
            });
            let changes = if report.imported > 0 {
                vec![Change::create("customer_import", file, &summary)]
            } else {
                Vec::new()
            };
            Ok((report, changes))
        });
        // The worker stops at the end of the file, or at its next batch once the writer has
        // stopped listening (the channel is closed when `batches` is dropped).
        if let Some(Err(panic)) = worker.map(|w| w.join()) {
            std::panic::resume_unwind(panic);
        }
        result.map(|mut a| {
            let r = &mut a.value;
            r.valid = r.imported;
            if a.mode == Mode::DryRun {
                r.dry_run = true;
                r.imported = 0;
            }
            a
        })
    })
}

/// `FILE:LINE`, and `: column C` when the column is known.
fn place(file: &str, line: u64, col: Option<&str>) -> String {
    match col {
        Some(c) => format!("{file}:{line}: column {c}"),
        None => format!("{file}:{line}"),
    }
}

fn at(file: &str, line: u64, col: Option<&str>, msg: String) -> HqError {
    HqError::invalid(format!("{}: {msg}", place(file, line, col)))
}

/// An error that belongs to one row (reported with its line) rather than to the import.
fn is_row_error(e: &HqError) -> bool {
    matches!(
        e.kind,
        ErrorKind::Invalid | ErrorKind::NotFound | ErrorKind::Conflict | ErrorKind::Usage
    )
}

/// The checking thread's ends of its channels: checked rows out to the writer, written
/// customers back from it (to be freed here).
struct Pipe {
    send: std::sync::mpsc::SyncSender<Batch>,
    spent: std::sync::mpsc::Receiver<Vec<Customer>>,
}

/// The reading thread: parses each row and checks it by the rules of `hq customer add`
/// ([`customer::prepare`]), sending the rows in batches until the file ends or the writer
/// stops listening.
fn check_rows<R: Read>(
    mut reader: csv::Reader<R>,
    lookups: crate::db::Reader,
    env: &OpEnv,
    store: Option<&str>,
    layout: &Layout,
    file: &str,
    pipe: Pipe,
) {
    let Pipe { send, spent } = pipe;
    let mut cache = Cache::default();
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::with_capacity(BATCH);
    loop {
        for written in spent.try_iter() {
            drop(written);
        }
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                let _ = send.send(Ok((std::mem::take(&mut rows), reader.position().byte())));
                let _ = send.send(Err(at(
                    file,
                    line,
                    None,
                    format!("cannot read the row: {e}"),
                )));
                return;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let checked = new_customer(&record, layout, store)
            .and_then(|n| customer::prepare(&lookups, env, &mut cache, n, false))
            .map(|p| p.customer);
        rows.push((line, checked));
        if rows.len() == BATCH {
            let batch = std::mem::replace(&mut rows, Vec::with_capacity(BATCH));
            if send.send(Ok((batch, reader.position().byte()))).is_err() {
                return;
            }
        }
    }
    drop(lookups);
    let _ = send.send(Ok((rows, reader.position().byte())));
}

/// One CSV row as the input of `hq customer add`.
fn new_customer(
    record: &csv::StringRecord,
    layout: &Layout,
    store: Option<&str>,
) -> Result<NewCustomer> {
    let get = |at: Option<usize>| at.and_then(|i| record.get(i)).filter(|v| !v.is_empty());
    let opt_in = match get(layout.opt_in).map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "no" | "0") => false,
        Some("true" | "yes" | "1") => true,
        Some(other) => {
            return Err(HqError::invalid(format!(
                "invalid value {other:?} for {FIELD}: expected true or false"
            ))
            .with_named_field("marketing_opt_in"));
        }
    };
    let mut fields = crate::domain::customer::CustomerDraft::default();
    for (f, i) in &layout.fields {
        if let Some(v) = get(Some(*i)) {
            let v = if f.many {
                Value::List(split(Some(v)))
            } else {
                Value::Text(Some(v.to_string()))
            };
            fields.give(f.name, v);
        }
    }
    let mut address = AddressDraft {
        purpose: get(layout.purpose).map(str::to_string),
        primary: true,
        ..Default::default()
    };
    let mut any = false;
    for (name, i) in &layout.address {
        if let Some(v) = get(Some(*i)) {
            address.set_text(name, Some(v.to_string()));
            any = true;
        }
    }
    Ok(NewCustomer {
        store: store.map(str::to_string),
        account: get(layout.account).map(str::to_string),
        fields,
        emails: split(get(layout.email)),
        phones: split(get(layout.phone)),
        marketing_opt_in: if opt_in {
            crate::domain::customer::OptIn::All
        } else {
            crate::domain::customer::OptIn::None
        },
        address: any.then_some(address),
        force_async: false,
        attributes: Vec::new(),
        declared: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_columns() {
        assert_eq!(column_of("first_name"), Some("first_name"));
        assert_eq!(column_of("affiliation"), Some("affiliations"));
        assert_eq!(column_of("NUMBER"), None);
    }
}
