//! `hq pos --store S --worker W ...`: what a store associate can do, judged by what the
//! store's channel database holds (DOMAIN.md 10). Configuration (features, parameters, layouts,
//! permissions, staff) is read only from there; the writes the product makes live (client
//! books, activities, notes, attribute values, sync customers) go to HQ.

use crate::db::Reader;
use serde::Serialize;

use super::{Applied, Mode, OpEnv, clienteling, customer, feature, mutate, staff, store};
use crate::db::{Db, clienteling as db};
use crate::domain::attribute::GroupMember;
use crate::domain::clienteling::{
    self as rules, Activity, CardProperty, ClientBook, Note, OP_ADD_TO_CLIENT_BOOK,
    OP_REASSIGN_CLIENT_BOOK, OP_REMOVE_FROM_CLIENT_BOOK, OP_VIEW_CLIENT_BOOK,
    OP_VIEW_STORE_CLIENT_BOOKS,
};
use crate::domain::customer::{ContactKind, Customer};
use crate::domain::{Change, Cmd, Hint, validate};
use crate::error::{HqError, Result};

/// A worker signed in at a store, as the store's channel database knows them.
#[derive(Debug, Clone, Serialize)]
pub struct Pos {
    pub store: String,
    pub channel_db: String,
    pub legal_entity: String,
    pub worker: String,
    pub permission_group: String,
    /// The layout in effect for this worker: their own, else the store's.
    pub layout: Option<String>,
}

fn run_job(job: u32, cdb: &str) -> Cmd {
    Cmd::new("job run")
        .arg(job.to_string())
        .set("channel_db", cdb)
}

/// Signs a worker in at a store: both must be in the store's channel database, and the worker
/// must share an employee address book with the store there.
pub fn open(c: &Reader, store_no: &str, worker_id: &str) -> Result<Pos> {
    let s = store::get(c, "store", store_no)?;
    let w = staff::get_worker(c, "worker", worker_id)?;
    let cdb = s.channel_database.clone();
    let Some((legal_entity, store_layout)) = db::ch_store(c, &cdb, &s.number)? else {
        return Err(HqError::invalid(format!(
            "store {} is not in its channel database {cdb} yet",
            s.number
        ))
        .hinted(Hint::to("distribute it with", run_job(1070, &cdb))));
    };
    let Some((group, worker_layout)) = db::ch_worker(c, &cdb, &w.personnel_number)? else {
        return Err(HqError::invalid(format!(
            "worker {} is not in channel database {cdb} yet",
            w.personnel_number
        ))
        .hinted(Hint::to("distribute staff with", run_job(1060, &cdb))));
    };
    if !db::ch_worker_belongs(c, &cdb, &w.personnel_number, &s.number)? {
        let mut err = HqError::invalid(format!(
            "worker {} does not belong to store {}: they share no employee address book in channel database {cdb}",
            w.personnel_number, s.number
        ));
        if w.belongs_to(&s.employee_address_books) {
            err = err.hinted(
                Hint::to(
                    "HQ has them sharing one now; distribute it with",
                    run_job(1060, &cdb),
                )
                .then(" and ")
                .run(run_job(1070, &cdb)),
            );
        } else {
            err = err.hinted(Hint::to(
                "give the worker one of the store's employee address books:",
                Cmd::new("worker set")
                    .arg(&w.personnel_number)
                    .set_ph("add_employee_address_book", "BOOK"),
            ));
        }
        return Err(err);
    }
    Ok(Pos {
        store: s.number,
        channel_db: cdb,
        legal_entity,
        worker: w.personnel_number,
        permission_group: group,
        layout: worker_layout.or(store_layout),
    })
}

/// Whether the worker may run an operation here, as distributed: the Clienteling feature for
/// 712 to 716, the permission group, and a button on the layout for the views.
pub fn require(c: &Reader, env: &OpEnv, p: &Pos, op: u32) -> Result<()> {
    let cdb = &p.channel_db;
    let name = crate::domain::pos::find(op)
        .map_or_else(|| op.to_string(), |o| format!("{op} ({})", o.name));
    if rules::needs_clienteling(op) {
        let def = feature::find("clienteling")?;
        let delivered = crate::db::feature::channel_record(c, cdb, def.key)?;
        let here = crate::domain::feature::on_at_store(
            def,
            feature::env_version(c)?,
            delivered.as_ref(),
            env.now,
        );
        if !here {
            let in_hq = feature::is_enabled(c, env.now, "clienteling")?;
            return Err(if in_hq {
                HqError::invalid(format!(
                    "operation {name} needs Clienteling: it is enabled in HQ but job 1110 has not carried it to channel database {cdb}"
                ))
                .hinted(Hint::to("run", run_job(1110, cdb)))
            } else {
                HqError::invalid(format!(
                    "operation {name} needs the Clienteling feature, which is not enabled"
                ))
                .hinted(
                    Hint::to(
                        "enable it with",
                        Cmd::new("feature enable").arg("clienteling"),
                    )
                    .then(", then run ")
                    .run(run_job(1110, cdb)),
                )
            });
        }
    }
    if !db::ch_allowed(c, cdb, &p.permission_group, op)? {
        return Err(HqError::invalid(format!(
            "operation {name} is not allowed to permission group {} (worker {}), as distributed to channel database {cdb}",
            p.permission_group, p.worker
        ))
        .hinted(
            Hint::to(
                "allow it with",
                Cmd::new("permission-group allow")
                    .arg(&p.permission_group)
                    .arg(op.to_string()),
            )
            .then(", then run ")
            .run(run_job(1060, cdb)),
        ));
    }
    if rules::needs_button(op) {
        let Some(layout) = &p.layout else {
            return Err(HqError::invalid(format!(
                "operation {name} needs a button, and store {} has no screen layout in channel database {cdb}",
                p.store
            ))
            .hinted(
                Hint::to(
                    "assign one with",
                    Cmd::new("layout assign").ph("LAYOUT").set("store", &p.store),
                )
                .then(", then run ")
                .run(run_job(1070, cdb))
                .then(" and ")
                .run(run_job(1090, cdb)),
            ));
        };
        if !db::ch_has_button(c, cdb, layout, op)? {
            return Err(HqError::invalid(format!(
                "operation {name} has no button on screen layout {layout}, as distributed to channel database {cdb}"
            ))
            .hinted(
                Hint::to(
                    "add one with",
                    Cmd::new("layout button add")
                        .arg(layout)
                        .set("operation", op.to_string()),
                )
                .then(", then run ")
                .run(run_job(1090, cdb)),
            ));
        }
    }
    Ok(())
}

/// Whether `worker` can open their client book and the store's at `store`, judged exactly as
/// `hq pos --store S --worker W clientbook view` and `store-view` judge it (for `hq doctor`).
pub fn can_use_client_book(c: &Reader, env: &OpEnv, store: &str, worker: &str) -> Result<()> {
    let p = open(c, store, worker)?;
    require(c, env, &p, OP_VIEW_CLIENT_BOOK)?;
    require(c, env, &p, OP_VIEW_STORE_CLIENT_BOOKS)?;
    book_group(c, &p).map(|_| ())
}

/// The client book attribute group as distributed: its name and members by display order.
fn book_group(c: &Reader, p: &Pos) -> Result<(String, Vec<GroupMember>)> {
    let name = db::ch_param(c, &p.channel_db, "client_book_attribute_group")?
        .and_then(|v| v.as_str().map(str::to_string));
    let Some(name) = name else {
        return Err(HqError::invalid(format!(
            "no client book attribute group is set, as distributed to channel database {}",
            p.channel_db
        ))
        .hinted(
            Hint::to(
                "set one with",
                Cmd::new("param set").set_ph("client_book_attribute_group", "GROUP"),
            )
            .then(", then run ")
            .run(run_job(1110, &p.channel_db)),
        ));
    };
    let members = db::ch_group_members(c, &p.channel_db, &name)?;
    Ok((name, members))
}

/// A page of a client book view: the customers with their card-level details.
#[derive(Debug, Clone, Serialize)]
pub struct BookView {
    /// The worker's book (`view`), or null when they have none yet; null for `store-view`.
    pub client_book: Option<String>,
    /// The books shown.
    pub books: Vec<String>,
    pub customers: Vec<BookEntry>,
    /// Whether more customers follow the page (told on stderr, not in the JSON).
    #[serde(skip)]
    pub more: Option<super::More>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BookEntry {
    pub account: String,
    pub name: String,
    pub client_book: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub attributes: Vec<crate::domain::customer::AttributeValue>,
}

fn primary(cu: &Customer, kind: ContactKind) -> Option<String> {
    cu.contacts
        .iter()
        .find(|c| c.kind == kind && c.primary)
        .or_else(|| cu.contacts.iter().find(|c| c.kind == kind))
        .map(|c| c.value.clone())
}

fn parse_filters(c: &Reader, p: &Pos, filters: &[String]) -> Result<Vec<(String, String)>> {
    if filters.is_empty() {
        return Ok(Vec::new());
    }
    let (group, members) = book_group(c, p)?;
    filters
        .iter()
        .map(|f| {
            let (name, value) = crate::domain::customer::name_value("filter", f)?;
            let m = rules::check_filter(&members, &group, &name)?;
            Ok((m.attribute.clone(), value))
        })
        .collect()
}

fn view_of(
    c: &Reader,
    ids: Vec<String>,
    own: Option<String>,
    filters: &[(String, String)],
    limit: u32,
    offset: u32,
) -> Result<BookView> {
    let accounts = db::book_customers(c, &ids, filters, limit, offset)?;
    let mut customers = Vec::new();
    for a in accounts {
        let cu = customer::get(c, "account", &a)?;
        customers.push(BookEntry {
            name: cu.display_name(),
            client_book: db::book_of_customer(c, &cu.account)?,
            email: primary(&cu, ContactKind::Email),
            phone: primary(&cu, ContactKind::Phone),
            attributes: cu.attributes.clone(),
            account: cu.account,
        });
    }
    Ok(BookView {
        client_book: own,
        books: ids,
        customers,
        more: None,
    })
}

/// Which client books a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// 712: the worker's own client book.
    Own,
    /// 713: the store's client books: every book whose owner shares an employee address book
    /// with the store (in the store's legal entity). It does not filter by customer address
    /// books.
    Store,
}

/// A page of a client book view, filtered by refinable client book attributes.
pub fn view(
    c: &Reader,
    env: &OpEnv,
    p: &Pos,
    scope: Scope,
    filters: &[String],
    page: (u32, u32),
) -> Result<BookView> {
    let op = match scope {
        Scope::Own => OP_VIEW_CLIENT_BOOK,
        Scope::Store => OP_VIEW_STORE_CLIENT_BOOKS,
    };
    require(c, env, p, op)?;
    let filters = parse_filters(c, p, filters)?;
    let (limit, offset) = page;
    let mut v = view_page(c, p, scope, &filters, limit, offset)?;
    // One more row after the page says whether there are more.
    if limit > 0 && v.customers.len() as u32 >= limit {
        let next = offset.saturating_add(limit);
        let probe = view_page(c, p, scope, &filters, 1, next)?;
        v.more = (!probe.customers.is_empty()).then_some(super::More {
            count: 1,
            at_least: true,
            next_offset: Some(u64::from(next)),
        });
    }
    Ok(v)
}

fn view_page(
    c: &Reader,
    p: &Pos,
    scope: Scope,
    filters: &[(String, String)],
    limit: u32,
    offset: u32,
) -> Result<BookView> {
    match scope {
        Scope::Own => {
            let own = db::book_id_of(c, &p.worker, &p.legal_entity)?;
            view_of(
                c,
                own.clone().into_iter().collect(),
                own,
                filters,
                limit,
                offset,
            )
        }
        Scope::Store => {
            let s = store::get(c, "store", &p.store)?;
            let mut books = Vec::new();
            for (id, worker) in db::book_owners(c, &p.legal_entity)? {
                if let Ok(owner) = staff::get_worker(c, "owner", &worker)
                    && owner.belongs_to(&s.employee_address_books)
                {
                    books.push(id);
                }
            }
            view_of(c, books, None, filters, limit, offset)
        }
    }
}

/// 714: adds a customer to the worker's client book (created on first use).
pub fn add(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    account: &str,
) -> Result<Applied<ClientBook>> {
    require(db_.read(), env, p, OP_ADD_TO_CLIENT_BOOK)?;
    mutate(db_, env, mode, |tx| {
        clienteling::add_to_book(tx, env, &p.worker, &p.legal_entity, account)
    })
}

/// 715: removes a customer from the worker's client book.
pub fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    account: &str,
) -> Result<Applied<ClientBook>> {
    require(db_.read(), env, p, OP_REMOVE_FROM_CLIENT_BOOK)?;
    mutate(db_, env, mode, |tx| {
        let cu = customer::get(tx, "ACCOUNT", account)?;
        let Some(own) = db::book_id_of(tx, &p.worker, &p.legal_entity)? else {
            return Err(HqError::not_found(format!(
                "worker {} has no client book yet",
                p.worker
            )));
        };
        let holder = db::book_of_customer(tx, &cu.account)?;
        if !holder.is_some_and(|b| b.eq_ignore_ascii_case(&own)) {
            return Err(HqError::not_found(format!(
                "customer {} is not in client book {} of worker {}",
                cu.account, own, p.worker
            ))
            .hinted(Hint::to(
                "see the book with",
                Cmd::new("pos")
                    .set("store", &p.store)
                    .set("worker", &p.worker)
                    .subcommand("clientbook view"),
            )));
        }
        db::take_customer(tx, &cu.account)?;
        let change = Change::delete(
            "client_book_customer",
            &cu.account,
            &serde_json::json!({"account": cu.account, "client_book": own}),
        );
        Ok((clienteling::book(tx, &own)?, vec![change]))
    })
}

/// 716: moves a customer of the store's client books to another worker of the store.
pub fn reassign(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    account: &str,
    to: &str,
) -> Result<Applied<ClientBook>> {
    require(db_.read(), env, p, OP_REASSIGN_CLIENT_BOOK)?;
    // The new owner must work at this store too.
    open(db_.read(), &p.store, to).map_err(|e| {
        let e = e.render_field(crate::error::flag_of);
        HqError::invalid(format!("cannot reassign to worker {to}: {}", e.message)).with_field("to")
    })?;
    mutate(db_, env, mode, |tx| {
        clienteling::reassign_in(tx, env, account, to)
    })
}

/// The customer, checked to be of the store's legal entity: any associate of the legal entity
/// sees its customers' activities and notes, no one else.
fn customer_here(c: &Reader, p: &Pos, account: &str) -> Result<Customer> {
    let cu = customer::get(c, "ACCOUNT", account)?;
    if !cu.legal_entity.eq_ignore_ascii_case(&p.legal_entity) {
        return Err(validate::Invalid::new(
            "ACCOUNT",
            account,
            format!(
                "customer {} belongs to legal entity {}, and store {} to {}",
                cu.account, cu.legal_entity, p.store, p.legal_entity
            ),
        )
        .into());
    }
    Ok(cu)
}

/// Sets client book attribute values on a customer (checked against the client book attribute
/// group as distributed, and the attribute types).
pub fn set_attributes(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    account: &str,
    pairs: &[String],
) -> Result<Applied<Customer>> {
    require(db_.read(), env, p, OP_VIEW_CLIENT_BOOK)?;
    customer_here(db_.read(), p, account)?;
    let (name, members) = book_group(db_.read(), p)?;
    let group = crate::domain::attribute::AttributeGroup {
        name,
        description: String::new(),
        attributes: members,
    };
    customer::set_attributes_in(db_, env, mode, account, pairs, |_| {
        Ok(vec![(group, "client book attribute group")])
    })
}

/// The text of an activity or note: not empty, one line, at most 1,000 characters.
fn note_text(text: &str) -> Result<String> {
    if text.trim().is_empty() {
        return Err(validate::Invalid::new("text", text, "it must not be empty").into());
    }
    Ok(validate::text("text", text, 1000)?)
}

/// What an activity records, as given.
pub struct NewActivity<'a> {
    pub account: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub at: Option<&'a str>,
}

pub fn add_activity(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    new: NewActivity,
) -> Result<Applied<Activity>> {
    let NewActivity {
        account,
        kind,
        text,
        at,
    } = new;
    let cu = customer_here(db_.read(), p, account)?;
    // Activity types are read live from HQ.
    let ty = staff::get_activity_type(db_.read(), "type", kind)?;
    let text = note_text(text)?;
    let at = match at {
        Some(t) => validate::date_time("at", t)?.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => env.now_text(),
    };
    mutate(db_, env, mode, |tx| {
        let mut a = Activity {
            id: 0,
            account: cu.account.clone(),
            kind: ty.id.clone(),
            worker: p.worker.clone(),
            at,
            text,
        };
        a.id = db::insert_activity(tx, &a)?;
        let change = Change::create("activity", &a.id.to_string(), &a);
        Ok((a, vec![change]))
    })
}

pub fn add_note(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    account: &str,
    text: &str,
) -> Result<Applied<Note>> {
    let cu = customer_here(db_.read(), p, account)?;
    let text = note_text(text)?;
    mutate(db_, env, mode, |tx| {
        let mut n = Note {
            id: 0,
            account: cu.account.clone(),
            worker: p.worker.clone(),
            at: env.now_text(),
            text,
        };
        n.id = db::insert_note(tx, &n)?;
        let change = Change::create("note", &n.id.to_string(), &n);
        Ok((n, vec![change]))
    })
}

pub fn timeline(c: &Reader, p: &Pos, account: &str) -> Result<clienteling::Timeline> {
    let cu = customer_here(c, p, account)?;
    clienteling::timeline(c, &cu.account)
}

/// The customer card: contact details and three properties.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub account: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub client_book: Option<String>,
    pub properties: Vec<CardProperty>,
}

pub fn card(c: &Reader, p: &Pos, account: &str) -> Result<Card> {
    let cu = customer_here(c, p, account)?;
    let cdb = &p.channel_db;
    let insights_on = db::ch_param(c, cdb, "insights.enabled")?
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let measures: Vec<(String, Option<String>)> = if insights_on {
        let names: Vec<String> = db::ch_param(c, cdb, "insights.measures")?
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        names
            .into_iter()
            .map(|m| {
                let v = db::measure(c, &cu.account, &m)?;
                Ok((m, v))
            })
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let attributes: Vec<(GroupMember, Option<String>, Option<String>)> = match book_group(c, p) {
        Ok((_, members)) => members
            .into_iter()
            .map(|m| {
                let v = cu
                    .attributes
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(&m.attribute))
                    .map(|a| a.value.clone());
                let friendly = db::ch_friendly_name(c, cdb, &m.attribute)?;
                Ok((m, friendly, v))
            })
            .collect::<Result<_>>()?,
        Err(_) => Vec::new(),
    };
    let address = cu
        .addresses
        .iter()
        .find(|a| a.primary)
        .or(cu.addresses.first())
        .map(|a| {
            let mut parts = vec![a.street.clone(), a.city.clone()];
            parts.extend(a.state.clone());
            parts.extend(a.postal_code.clone());
            parts.push(a.country.clone());
            parts.join(", ")
        });
    Ok(Card {
        name: cu.display_name(),
        email: primary(&cu, ContactKind::Email),
        phone: primary(&cu, ContactKind::Phone),
        address,
        client_book: db::book_of_customer(c, &cu.account)?,
        properties: rules::card_properties(&measures, &attributes),
        account: cu.account,
    })
}

/// 612: a new customer for the store, inheriting from the store's default customer as the
/// store's channel database holds it (DOMAIN.md 2 and 10). A sync store writes it to HQ with an
/// account from the sequence; an async one writes a pending customer to the channel database.
pub fn add_customer(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    mut n: customer::NewCustomer,
) -> Result<Applied<Customer>> {
    let c = db_.read();
    require(c, env, p, rules::OP_CUSTOMER_ADD)?;
    let cdb = &p.channel_db;
    let s = store::get(c, "store", &p.store)?;
    let Some(account) = db::ch_default_customer(c, cdb, &s.number)? else {
        return Err(HqError::invalid(format!(
            "store {} has no default customer in channel database {cdb}, so it cannot create customers",
            s.number
        ))
        .hinted(
            Hint::to(
                "set one with",
                Cmd::new("store set")
                    .arg(&s.number)
                    .set_ph("default_customer", "ACCOUNT"),
            )
            .then(", then run ")
            .run(run_job(1070, cdb)),
        ));
    };
    let Some(default) = crate::db::customer::channel_customer(c, cdb, &account)? else {
        return Err(HqError::invalid(format!(
            "the default customer {account} of store {} has not reached channel database {cdb}",
            s.number
        ))
        .hinted(Hint::to("distribute customers with", run_job(1010, cdb))));
    };
    let Some(group) = crate::db::customer::channel_group(c, cdb, &default.group)? else {
        return Err(HqError::invalid(format!(
            "customer group {} of the default customer has not reached channel database {cdb}",
            default.group
        ))
        .hinted(Hint::to("distribute customers with", run_job(1010, cdb))));
    };
    n.store = Some(s.number.clone());
    // The functionality profile as distributed decides sync or async.
    let mut s = s;
    s.async_customer_creation = db::ch_async_customers(c, cdb, &s.number)?;
    customer::add_with(
        db_,
        env,
        mode,
        n,
        customer::Cache::with_store(s, default, group),
    )
}
