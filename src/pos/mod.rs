//! `hq pos --store S --worker W ...`: what a store associate can do, judged by what the
//! store's channel database holds (DOMAIN.md 10). Configuration (features, parameters, layouts,
//! permissions, staff) is read only from there; the writes the product makes live (client
//! books, activities, notes, attribute values, sync customers) go to HQ.

use crate::db::Reader;
use serde::Serialize;

use crate::db::{Db, clienteling as db};
use crate::domain::attribute::GroupMember;
use crate::domain::clienteling::{
    self as rules, Activity, CardProperty, ClientBook, Note, OP_ADD_TO_CLIENT_BOOK,
    OP_REASSIGN_CLIENT_BOOK, OP_REMOVE_FROM_CLIENT_BOOK, OP_VIEW_CLIENT_BOOK,
    OP_VIEW_STORE_CLIENT_BOOKS,
};
use crate::domain::customer::{ContactKind, Customer};
use crate::domain::customer::{ENHANCED_ASYNC, MULTIPLE_CONTACTS};
use crate::domain::pos as at;
use crate::domain::{Change, validate};
use crate::error::Result;
use crate::ops::store_access::book_group;
pub(crate) use crate::ops::store_access::{Pos, open, require};
use crate::ops::{Applied, Mode, OpEnv, clienteling, customer, mutate, staff, store, store_access};

/// A page of a client book view: the customers with their card-level details.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BookView {
    /// The worker's book (`view`), or null when they have none yet; null for `store-view`.
    pub client_book: Option<String>,
    /// The books shown.
    pub books: Vec<String>,
    pub customers: Vec<BookEntry>,
    /// Whether more customers follow the page (told on stderr, not in the JSON).
    #[serde(skip)]
    pub more: Option<crate::ops::More>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct BookEntry {
    pub account: String,
    pub name: String,
    pub client_book: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub attributes: Vec<crate::domain::customer::AttributeValue>,
    /// With `--upcoming`: in how many days the date comes up (0: today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_until: Option<u32>,
}

fn primary(cu: &Customer, kind: ContactKind) -> Option<String> {
    cu.contacts
        .iter()
        .find(|c| c.kind == kind && c.primary)
        .or_else(|| cu.contacts.iter().find(|c| c.kind == kind))
        .map(|c| c.value.clone())
}

/// What a view is filtered by: attribute filters and dates coming up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Criteria {
    pub filters: Vec<crate::domain::filter::Filter>,
    pub upcoming: Option<crate::domain::filter::Upcoming>,
}

/// The filters as typed, read against the attributes the store may filter its client books
/// by: the refinable members of the client book attribute group and of the customer attribute
/// group, as delivered to its channel database (types as HQ defines them).
fn criteria(c: &Reader, p: &Pos, filters: &[String], upcoming: Option<&str>) -> Result<Criteria> {
    if filters.is_empty() && upcoming.is_none() {
        return Ok(Criteria::default());
    }
    let mut groups = vec![book_group(c, p)?];
    if let Some(name) = db::ch_param(p.ch(c), &p.channel_db, "customer_attribute_group")?
        .and_then(|v| v.as_str().map(str::to_string))
    {
        let members = db::ch_group_members(p.ch(c), &p.channel_db, &name)?;
        groups.push((name, members));
    }
    let candidates = crate::ops::attribute::filter_candidates(c, &groups, true)?;
    let (filters, upcoming) =
        crate::ops::attribute::read_filters(&candidates, filters, upcoming, "filter")?;
    Ok(Criteria { filters, upcoming })
}

fn view_of(
    c: &Reader,
    ids: Vec<String>,
    own: Option<String>,
    by: &Criteria,
    (today, limit, offset): (chrono::NaiveDate, u32, u32),
) -> Result<BookView> {
    let days = by
        .upcoming
        .as_ref()
        .map(|u| crate::domain::filter::upcoming_days(today, u.days));
    let upcoming = by
        .upcoming
        .as_ref()
        .zip(days.as_deref())
        .map(|(u, d)| (u.attribute.as_str(), d));
    // One more than the page says whether more follow, in the same pass.
    let mut accounts = db::book_customers(
        c,
        &ids,
        &by.filters,
        upcoming,
        limit.saturating_add(1),
        offset,
    )?;
    let more = (limit > 0 && accounts.len() > limit as usize).then(|| {
        let next = offset.saturating_add(limit);
        crate::ops::More {
            count: 1,
            at_least: true,
            next_offset: Some(u64::from(next)),
        }
    });
    accounts.truncate(limit as usize);
    let mut customers = Vec::new();
    for a in accounts {
        let cu = customer::get(c, "account", &a)?;
        let days_until = by.upcoming.as_ref().and_then(|u| {
            cu.attributes
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case(&u.attribute))
                .and_then(|a| crate::domain::filter::days_until(today, &a.value))
        });
        customers.push(BookEntry {
            days_until,
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
        more,
    })
}

/// Which client books a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// 712: the worker's own client book.
    Own,
    /// 713: the store's client books: every book whose owner shares an employee address book
    /// with the store (in the store's legal entity). It does not filter by customer address
    /// books.
    Store,
}

/// A page of a client book view, filtered by refinable client book attributes.
pub(crate) fn view(
    c: &Reader,
    env: &OpEnv,
    p: &Pos,
    scope: Scope,
    (filters, upcoming): (&[String], Option<&str>),
    page: (u32, u32),
) -> Result<BookView> {
    let op = match scope {
        Scope::Own => OP_VIEW_CLIENT_BOOK,
        Scope::Store => OP_VIEW_STORE_CLIENT_BOOKS,
    };
    require(c, env, p, op)?;
    let by = criteria(c, p, filters, upcoming)?;
    let (limit, offset) = page;
    let today = env.now.date_naive();
    view_page(c, p, scope, &by, (today, limit, offset))
}

fn view_page(
    c: &Reader,
    p: &Pos,
    scope: Scope,
    by: &Criteria,
    page: (chrono::NaiveDate, u32, u32),
) -> Result<BookView> {
    match scope {
        Scope::Own => {
            let own = db::book_id_of(c, &p.worker, &p.legal_entity)?;
            view_of(c, own.clone().into_iter().collect(), own, by, page)
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
            view_of(c, books, None, by, page)
        }
    }
}

/// 714: adds customers to the worker's client book (created on first use), in one
/// transaction.
pub(crate) fn add(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    accounts: &[String],
) -> Result<Applied<ClientBook>> {
    require(db_.read(), env, p, OP_ADD_TO_CLIENT_BOOK)?;
    mutate(db_, env, mode, |tx| {
        let mut changes = Vec::new();
        let mut last = None;
        for account in accounts {
            let (b, c) = clienteling::add_to_book(tx, env, &p.worker, &p.legal_entity, account)?;
            changes.extend(c);
            last = Some(b);
        }
        let book = last.ok_or_else(|| crate::error::HqError::from(at::no_accounts()))?;
        Ok((clienteling::book(tx, &book.id)?, changes))
    })
}

/// 715: removes customers from the worker's client book, in one transaction.
pub(crate) fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    accounts: &[String],
) -> Result<Applied<ClientBook>> {
    require(db_.read(), env, p, OP_REMOVE_FROM_CLIENT_BOOK)?;
    mutate(db_, env, mode, |tx| {
        let Some(own) = db::book_id_of(tx, &p.worker, &p.legal_entity)? else {
            return Err(at::no_book_yet(&p.worker).into());
        };
        let mut changes = Vec::new();
        for account in accounts {
            let cu = customer::get(tx, "ACCOUNT", account)?;
            let holder = db::book_of_customer(tx, &cu.account)?;
            if !holder.is_some_and(|b| b.eq_ignore_ascii_case(&own)) {
                return Err(at::not_in_book(&cu.account, &own, &p.worker, &p.store).into());
            }
            db::take_customer(tx, &cu.account)?;
            changes.push(Change::delete(
                "client_book_customer",
                &cu.account,
                &serde_json::json!({"account": cu.account, "client_book": own}),
            ));
        }
        Ok((clienteling::book(tx, &own)?, changes))
    })
}

/// 716: moves customers of the store's client books to another worker of the store: the
/// accounts named, or every customer of `from`'s book here.
pub(crate) fn reassign(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    accounts: &[String],
    from: Option<&str>,
    to: &str,
) -> Result<Applied<clienteling::Reassigned>> {
    require(db_.read(), env, p, OP_REASSIGN_CLIENT_BOOK)?;
    // The new owner must work at this store too.
    open(db_.read(), &p.store, to).map_err(|e| {
        let e = e.render_field(crate::error::flag_of);
        crate::error::HqError::from(at::cannot_reassign_to(to, &e.message))
    })?;
    mutate(db_, env, mode, |tx| {
        clienteling::reassign_many(tx, env, accounts, from, Some(&p.legal_entity), to)
    })
}

/// The customer, checked to be of the store's legal entity: any associate of the legal entity
/// sees its customers' activities and notes, no one else.
fn customer_here(c: &Reader, p: &Pos, account: &str) -> Result<Customer> {
    let cu = customer::get(c, "ACCOUNT", account)?;
    at::check_customer_here(&cu.account, &cu.legal_entity, &p.store, &p.legal_entity)?;
    Ok(cu)
}

/// 623, Edit customer: how the worker may change `account` here: a customer of the store's
/// legal entity, or an async customer waiting at this store (by its temporary id); the
/// contact and editing features as delivered to the store.
pub(crate) fn editing<'a>(
    c: &Reader,
    env: &OpEnv,
    p: &'a Pos,
    account: &str,
) -> Result<customer::At<'a>> {
    require(c, env, p, rules::OP_EDIT_CUSTOMER)?;
    let waiting_here = crate::ops::customer::pending_by_id(c, account)?
        .is_some_and(|w| w.account.is_none() && w.store.eq_ignore_ascii_case(&p.store));
    if !waiting_here {
        customer_here(c, p, account)?;
    }
    Ok(customer::At::Store {
        store: &p.store,
        multiple_contacts: store_access::feature_here(c, p, env, MULTIPLE_CONTACTS)?,
        pending_editable: store_access::feature_here(
            c,
            p,
            env,
            crate::domain::customer::ASYNC_EDITING,
        )?,
    })
}

/// Sets client book attribute values on a customer (checked against the client book attribute
/// group as distributed, and the attribute types).
pub(crate) fn set_attributes(
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
    Ok(at::note_text(text)?)
}

/// What an activity records, as given.
pub(crate) struct NewActivity<'a> {
    pub account: &'a str,
    pub kind: &'a str,
    pub text: &'a str,
    pub at: Option<&'a str>,
}

pub(crate) fn add_activity(
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

pub(crate) fn add_note(
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

pub(crate) fn timeline(c: &Reader, p: &Pos, account: &str) -> Result<clienteling::Timeline> {
    let cu = customer_here(c, p, account)?;
    clienteling::timeline(c, &cu.account)
}

/// The customer card: contact details and three properties.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card {
    pub account: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub client_book: Option<String>,
    pub properties: Vec<CardProperty>,
    /// What the card lacks when the store works on its channel database alone (read live from
    /// headquarters): the client book, Customer Insights measures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub without_headquarters: Vec<&'static str>,
}

/// Whether the store's default customer, as its channel database holds it, is an
/// organization (a new customer is asked for the name of its kind).
pub(crate) fn default_is_organization(c: &Reader, p: &Pos) -> Result<bool> {
    let ch = p.ch(c);
    let Some(account) = db::ch_default_customer(ch, &p.channel_db, &p.store)? else {
        return Ok(false);
    };
    Ok(
        crate::db::customer::channel_customer(ch, &p.channel_db, &account)?
            .is_some_and(|d| d.kind.as_str() == "organization"),
    )
}

/// A customer as the store's channel database file holds it, when the store works alone:
/// one of the store's legal entity.
fn customer_in_file(c: &Reader, p: &Pos, account: &str) -> Result<Customer> {
    let Some(cu) = crate::db::customer::channel_customer(p.ch(c), &p.channel_db, account)? else {
        return Err(at::not_in_channel_db(account, &p.channel_db).into());
    };
    at::check_customer_here(&cu.account, &cu.legal_entity, &p.store, &p.legal_entity)?;
    Ok(cu)
}

pub(crate) fn card(c: &Reader, p: &Pos, account: &str) -> Result<Card> {
    let cu = if p.alone {
        customer_in_file(c, p, account)?
    } else {
        customer_here(c, p, account)?
    };
    let cdb = &p.channel_db;
    // Customer Insights and client books are read live from headquarters.
    let insights_on = !p.alone
        && db::ch_param(p.ch(c), cdb, "insights.enabled")?
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    let measures: Vec<(String, Option<String>)> = if insights_on {
        let names: Vec<String> = db::ch_param(p.ch(c), cdb, "insights.measures")?
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
                let friendly = db::ch_friendly_name(p.ch(c), cdb, &m.attribute)?;
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
        .map(|a| a.one_line());
    Ok(Card {
        name: cu.display_name(),
        email: primary(&cu, ContactKind::Email),
        phone: primary(&cu, ContactKind::Phone),
        address,
        client_book: if p.alone {
            None
        } else {
            db::book_of_customer(c, &cu.account)?
        },
        properties: rules::card_properties(&measures, &attributes),
        without_headquarters: if p.alone {
            vec!["client_book", "customer_insights"]
        } else {
            Vec::new()
        },
        account: cu.account,
    })
}

/// Customer search at the store: customers whose name, email, phone number or account starts
/// with `text`, among the store's customer address books as its channel database has them
/// (a client book, unlike this, does not filter by address book). A page, by account.
pub(crate) fn search(
    c: &Reader,
    p: &Pos,
    text: &str,
    (limit, offset): (u32, u32),
) -> Result<(Vec<Customer>, Option<crate::ops::More>)> {
    let text = at::search_text(text)?;
    let books = db::ch_customer_address_books(p.ch(c), &p.channel_db, &p.store)?;
    if books.is_empty() {
        return Err(at::undelivered(at::Undelivered::Store(&p.store), &p.channel_db).into());
    }
    if p.alone {
        // Alone, the customers the file holds (job 1010 delivers them).
        let (found, more) = crate::db::customer::channel_search(
            p.ch(c),
            &p.channel_db,
            &books,
            &text,
            (limit, offset),
        )?;
        let more = more.then(|| crate::ops::More {
            count: 1,
            at_least: true,
            next_offset: Some(u64::from(offset.saturating_add(limit))),
        });
        return Ok((found, more));
    }
    customer::list(
        c,
        customer::ListInput {
            address_books: Some(books),
            search: Some(text),
            limit,
            offset,
            ..Default::default()
        },
    )
}

/// 612: a new customer for the store, inheriting from the store's default customer as the
/// store's channel database holds it (DOMAIN.md 2 and 10). A sync store writes it to HQ with an
/// account from the sequence; an async one writes a pending customer to the channel database.
pub(crate) fn add_customer(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    mut n: customer::NewCustomer,
) -> Result<Applied<customer::Made>> {
    let mut cache = store_cache(db_.read(), env, p, &mut n)?;
    customer::add_with(db_, env, mode, n, &mut cache)
}

/// [`add_customer`] at a store working on its channel database file alone: an async customer,
/// waiting in the file (a store that creates customers in headquarters is refused).
pub(crate) fn add_customer_alone(
    env: &OpEnv,
    mode: Mode,
    p: &Pos,
    mut n: customer::NewCustomer,
) -> Result<Applied<customer::Made>> {
    let Some(file) = p.file.as_deref() else {
        return Err(at::needs_headquarters("creating a customer").into());
    };
    if !n.attributes.is_empty() {
        return Err(at::needs_headquarters(
            "setting attribute values (their types are headquarters')",
        )
        .into());
    }
    let mut cache = store_cache(file.reader(), env, p, &mut n)?;
    customer::add_alone(file, env, mode, n, &mut cache)
}

/// What a new customer at the store inherits and is checked by, read from the store's channel
/// database: its default customer with its group, the store's flags, the features delivered;
/// alone, the store itself and its address books too (`c` is then the file).
fn store_cache(
    c: &Reader,
    env: &OpEnv,
    p: &Pos,
    n: &mut customer::NewCustomer,
) -> Result<customer::Cache> {
    require(c, env, p, rules::OP_CUSTOMER_ADD)?;
    let cdb = &p.channel_db;
    let s = if p.alone {
        db::ch_store_record(p.ch(c), cdb, &p.store)?.ok_or_else(|| {
            crate::error::HqError::from(at::undelivered(at::Undelivered::Store(&p.store), cdb))
        })?
    } else {
        store::get(c, "store", &p.store)?
    };
    let ch = p.ch(c);
    let Some(account) = db::ch_default_customer(ch, cdb, &s.number)? else {
        return Err(at::no_default_customer(&s.number, cdb).into());
    };
    let Some(default) = crate::db::customer::channel_customer(ch, cdb, &account)? else {
        return Err(
            at::undelivered(at::Undelivered::DefaultCustomer(&s.number, &account), cdb).into(),
        );
    };
    let Some(group) =
        crate::db::customer::channel_group(ch, cdb, &default.legal_entity, &default.group)?
    else {
        return Err(
            at::undelivered(at::Undelivered::DefaultCustomerGroup(&default.group), cdb).into(),
        );
    };
    n.store = Some(s.number.clone());
    // The functionality profile as distributed decides sync or async; the features that decide
    // what a new customer may have are those the store has too.
    let mut s = s;
    s.async_customer_creation = db::ch_async_customers(ch, cdb, &s.number)?;
    // Offline, a customer is created only when the store allows it, and waits as an async
    // customer until it syncs.
    if p.offline {
        if !db::ch_offline_customers(ch, cdb, &s.number)? {
            return Err(at::offline_creation_off(&s.number, cdb).into());
        }
        n.force_async = true;
    }
    let features = (
        store_access::feature_here(c, p, env, MULTIPLE_CONTACTS)?,
        store_access::feature_here(c, p, env, ENHANCED_ASYNC)?,
    );
    let legal_entity = crate::domain::org::LegalEntity {
        id: s.legal_entity.clone(),
        country: s.country.clone(),
        language: default.language.clone(),
        ..Default::default()
    };
    let mut cache = customer::Cache::with_store(s.clone(), default, group)
        .with_features(features.0, features.1);
    if p.alone {
        cache = cache.with_org(
            legal_entity,
            db::ch_address_books(ch, cdb)?,
            crate::db::customer::channel_groups(ch, cdb)?,
        );
    }
    if !n.attributes.is_empty() {
        // At the store, a new customer's attribute values are client book attributes, as
        // distributed.
        let (name, members) = book_group(c, p)?;
        cache = cache.with_attribute_groups(vec![(
            crate::domain::attribute::AttributeGroup {
                name,
                description: String::new(),
                attributes: members,
            },
            "client book attribute group",
        )]);
    }
    // Enabled in HQ and not here yet: say so, and which job carries it.
    let needs_multiple = if n.emails.len() > 1 {
        Some("a second email")
    } else if n.phones.len() > 1 {
        Some("a second phone number")
    } else if n.marketing_opt_in.any() {
        Some("marketing consent")
    } else {
        None
    };
    if let Some(what) = needs_multiple
        && !features.0
        && !p.alone
        && crate::ops::feature::is_enabled(c, env.now, MULTIPLE_CONTACTS)?
    {
        let job = crate::domain::distribution::subjob_of_table("features")
            .map_or(1110, |(j, _)| j.number);
        return Err(at::feature_undelivered(
            what,
            crate::domain::customer::MULTIPLE_CONTACTS_NAME,
            cdb,
            job,
        )
        .into());
    }
    Ok(cache)
}
