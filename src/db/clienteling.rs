//! SQL for clienteling: client books, activities, notes and measure values (live in HQ), and
//! what the POS face reads from a store's channel database (`ch_*` tables).

use super::Reader;
use super::sql::{Arg, Row, Val};
use crate::domain::filter::Filter;

use super::WriteTx;
use crate::domain::attribute::GroupMember;
use crate::domain::clienteling::{Activity, ClientBook, Note};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

// ---- client books (HQ, live) ----

/// The columns [`book_from`] reads, in its order.
const BOOK_COLUMNS: &str = "id, worker, legal_entity, created_at";

fn book_from(c: &Reader, r: &Row) -> Res<ClientBook> {
    let id: String = r.get(0)?;
    let customer_count = c
        .conn()
        .row(
            "SELECT count(*) FROM client_book_customers WHERE book_id = ?1",
            &[&id],
            |r| r.get::<i64>(0),
        )?
        .unwrap_or(0);
    Ok(ClientBook {
        worker: r.get(1)?,
        legal_entity: r.get(2)?,
        created_at: r.get(3)?,
        customer_count: customer_count.max(0) as u64,
        id,
    })
}

pub(crate) fn book(c: &Reader, id: &str) -> Res<Option<ClientBook>> {
    c.conn().row(
        &format!("SELECT {BOOK_COLUMNS} FROM client_books WHERE id = ?1"),
        &[&id],
        |r| book_from(c, r),
    )
}

pub(crate) fn book_of(c: &Reader, worker: &str, legal_entity: &str) -> Res<Option<ClientBook>> {
    c.conn().row(
        &format!("SELECT {BOOK_COLUMNS} FROM client_books WHERE worker = ?1 AND legal_entity = ?2"),
        &[&worker, &legal_entity],
        |r| book_from(c, r),
    )
}

/// The id of a worker's book in a legal entity, without counting its customers.
pub(crate) fn book_id_of(c: &Reader, worker: &str, legal_entity: &str) -> Res<Option<String>> {
    Ok(c.conn()
        .texts(
            "SELECT id FROM client_books WHERE worker = ?1 AND legal_entity = ?2",
            &[&worker, &legal_entity],
        )?
        .into_iter()
        .next())
}

/// Every book as (id, owner), in one legal entity, without counting customers.
pub(crate) fn book_owners(c: &Reader, legal_entity: &str) -> Res<Vec<(String, String)>> {
    c.conn().rows(
        "SELECT id, worker FROM client_books WHERE legal_entity = ?1 ORDER BY id",
        &[&legal_entity],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub(crate) fn books(c: &Reader, worker: Option<&str>) -> Res<Vec<ClientBook>> {
    c.conn().rows(
        &format!(
            "SELECT {BOOK_COLUMNS} FROM client_books WHERE ?1 IS NULL OR worker = ?1 ORDER BY id"
        ),
        &[&worker],
        |r| book_from(c, r),
    )
}

pub(crate) fn insert_book(tx: &WriteTx, b: &ClientBook) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO client_books (id, worker, legal_entity, created_at, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[
            &b.id,
            &b.worker,
            &b.legal_entity,
            &b.created_at,
            &tx.version(),
        ],
    )?;
    Ok(())
}

pub(crate) fn delete_book(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM client_books WHERE id = ?1", &[&id])?;
    Ok(())
}

/// The customers in `worker`'s client books (of one legal entity, or all), by account.
pub(crate) fn accounts_of_worker(
    c: &Reader,
    worker: &str,
    legal_entity: Option<&str>,
) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT k.account FROM client_book_customers k JOIN client_books b ON b.id = k.book_id
         WHERE b.worker = ?1 AND (?2 IS NULL OR b.legal_entity = ?2) ORDER BY k.account",
        &[&worker, &legal_entity],
    )
}

/// The client book a customer is in, if any.
pub(crate) fn book_of_customer(c: &Reader, account: &str) -> Res<Option<String>> {
    Ok(c.conn()
        .texts(
            "SELECT book_id FROM client_book_customers WHERE account = ?1",
            &[&account],
        )?
        .into_iter()
        .next())
}

pub(crate) fn put_customer(tx: &WriteTx, account: &str, book: &str, at: &str, by: &str) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO client_book_customers (account, book_id, added_at, added_by, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account) DO UPDATE SET book_id = ?2, added_at = ?3, added_by = ?4,
             change_version = ?5",
        &[&account, &book, &at, &by, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn take_customer(tx: &WriteTx, account: &str) -> Res<bool> {
    Ok(tx.conn().exec(
        "DELETE FROM client_book_customers WHERE account = ?1",
        &[&account],
    )? > 0)
}

/// A page of a book's accounts, in order.
pub(crate) fn accounts_of(c: &Reader, book: &str, limit: u32, offset: u32) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT account FROM client_book_customers WHERE book_id = ?1 ORDER BY account LIMIT ?2 OFFSET ?3",
        &[&book, &limit, &offset],
    )
}

/// A page of the accounts in `books` whose attribute values pass `filters`, by account; or,
/// with `upcoming` (an attribute and the days ahead, soonest first, each as its `MM-DD`s),
/// those whose date comes up on those days, soonest first, then by account.
pub(crate) fn book_customers(
    c: &Reader,
    books: &[String],
    filters: &[Filter],
    upcoming: Option<(&str, &[Vec<String>])>,
    limit: u32,
    offset: u32,
) -> Res<Vec<String>> {
    if books.is_empty() {
        return Ok(Vec::new());
    }
    let pg = c.conn().is_pg();
    let mut args: Vec<Val> = books.iter().map(|b| Val::Text(b.clone())).collect();
    let marks: Vec<String> = (1..=books.len()).map(|i| format!("?{i}")).collect();
    let Some((attribute, days)) = upcoming else {
        let mut sql = format!(
            "SELECT m.account FROM client_book_customers m WHERE m.book_id IN ({})",
            marks.join(", ")
        );
        for f in filters {
            sql.push_str(" AND ");
            sql.push_str(&super::filter::exists(f, "m.account", &mut args, pg));
        }
        args.push(Val::Int(i64::from(limit)));
        args.push(Val::Int(i64::from(offset)));
        sql.push_str(&format!(
            " ORDER BY m.account LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
        ));
        return c.conn().texts(&sql, &super::sql::args(&args));
    };
    // Day by day, soonest first: each day's customers come from the index by day in account
    // order (named on SQLite, so that a count does not scan every value of the attribute
    // instead); a day wholly before the offset is only counted.
    let indexed = if pg {
        ""
    } else {
        " INDEXED BY customer_attribute_values_by_day"
    };
    let mut sql = format!(
        "FROM customer_attribute_values d{indexed} \
         WHERE d.attribute = ?{} AND {} AND \
         EXISTS (SELECT 1 FROM client_book_customers m WHERE m.account = d.account AND m.book_id IN ({}))",
        {
            args.push(Val::Text(attribute.to_string()));
            args.len()
        },
        super::filter::date_like(pg).replace("a.value", "d.value"),
        marks.join(", ")
    );
    for f in filters {
        sql.push_str(" AND ");
        sql.push_str(&super::filter::exists(f, "d.account", &mut args, pg));
    }
    let fixed = args.len();
    let mut out: Vec<String> = Vec::new();
    let mut skip = u64::from(offset);
    for day in days {
        if out.len() as u32 >= limit {
            break;
        }
        let mut a = args[..fixed].to_vec();
        let marks: Vec<String> = day
            .iter()
            .map(|md| {
                a.push(Val::Text(md.clone()));
                format!("?{}", a.len())
            })
            .collect();
        let on_day = format!("{sql} AND substr(d.value, 6, 5) IN ({})", marks.join(", "));
        if skip > 0 {
            let n: i64 = c
                .conn()
                .row(
                    &format!("SELECT count(*) {on_day}"),
                    &super::sql::args(&a),
                    |r| r.get(0),
                )?
                .unwrap_or(0);
            if n as u64 <= skip {
                skip -= n as u64;
                continue;
            }
        }
        a.push(Val::Int(i64::from(limit) - out.len() as i64));
        a.push(Val::Int(skip as i64));
        let page = format!(
            "SELECT d.account {on_day} ORDER BY d.account LIMIT ?{} OFFSET ?{}",
            a.len() - 1,
            a.len()
        );
        skip = 0;
        out.extend(c.conn().texts(&page, &super::sql::args(&a))?);
    }
    Ok(out)
}

// ---- activities and notes (HQ, live) ----

pub(crate) fn insert_activity(tx: &WriteTx, a: &Activity) -> Res<i64> {
    Ok(tx
        .conn()
        .row(
            "INSERT INTO customer_activities (account, type, worker, at, text, change_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            &[
                &a.account,
                &a.kind,
                &a.worker,
                &a.at,
                &a.text,
                &tx.version(),
            ],
            |r| r.get(0),
        )?
        .unwrap_or_default())
}

pub(crate) fn activities(c: &Reader, account: &str) -> Res<Vec<Activity>> {
    c.conn().rows(
        "SELECT id, account, type, worker, at, text FROM customer_activities
         WHERE account = ?1 ORDER BY at DESC, id DESC",
        &[&account],
        |r| {
            Ok(Activity {
                id: r.get(0)?,
                account: r.get(1)?,
                kind: r.get(2)?,
                worker: r.get(3)?,
                at: r.get(4)?,
                text: r.get(5)?,
            })
        },
    )
}

pub(crate) fn insert_note(tx: &WriteTx, n: &Note) -> Res<i64> {
    Ok(tx
        .conn()
        .row(
            "INSERT INTO customer_notes (account, worker, at, text, change_version)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            &[&n.account, &n.worker, &n.at, &n.text, &tx.version()],
            |r| r.get(0),
        )?
        .unwrap_or_default())
}

pub(crate) fn notes(c: &Reader, account: &str) -> Res<Vec<Note>> {
    c.conn().rows(
        "SELECT id, account, worker, at, text FROM customer_notes
         WHERE account = ?1 ORDER BY at DESC, id DESC",
        &[&account],
        |r| {
            Ok(Note {
                id: r.get(0)?,
                account: r.get(1)?,
                worker: r.get(2)?,
                at: r.get(3)?,
                text: r.get(4)?,
            })
        },
    )
}

// ---- Customer Insights measure values (HQ) ----

pub(crate) fn set_measure(tx: &WriteTx, account: &str, measure: &str, value: &str) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO customer_measures (account, measure, value, change_version)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account, measure) DO UPDATE SET value = ?3, change_version = ?4",
        &[&account, &measure, &value, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn measure(c: &Reader, account: &str, measure: &str) -> Res<Option<String>> {
    Ok(c.conn()
        .texts(
            "SELECT value FROM customer_measures WHERE account = ?1 AND measure = ?2",
            &[&account, &measure],
        )?
        .into_iter()
        .next())
}

/// How many activities, notes and measure values a customer has.
pub(crate) fn history(c: &Reader, account: &str) -> Res<(u64, u64, u64)> {
    let n = |t: &str| -> Res<u64> {
        // Table names come from the calls below, never from input.
        Ok(c.conn()
            .row(
                &format!("SELECT count(*) FROM {t} WHERE account = ?1"),
                &[&account],
                |r| r.get::<i64>(0),
            )?
            .map_or(0, |n| n.max(0) as u64))
    };
    Ok((
        n("customer_activities")?,
        n("customer_notes")?,
        n("customer_measures")?,
    ))
}

// ---- what a store's channel database holds ----

/// A channel store: (legal entity, screen layout).
pub(crate) fn ch_store(
    c: &Reader,
    cdb: &str,
    store: &str,
) -> Res<Option<(String, Option<String>)>> {
    c.conn().row(
        "SELECT legal_entity, screen_layout FROM ch_stores WHERE ch_db = ?1 AND number = ?2",
        &[&cdb, &store],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The stores a channel database holds: (number, name), by number; `own`: only those that
/// read this channel database.
pub(crate) fn ch_stores(c: &Reader, cdb: &str, own: bool) -> Res<Vec<(String, String)>> {
    let only = if own {
        " AND lower(channel_db) = lower(?1)"
    } else {
        ""
    };
    c.conn().rows(
        &format!("SELECT number, name FROM ch_stores WHERE ch_db = ?1{only} ORDER BY number"),
        &[&cdb],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The workers a channel database holds: (personnel number, name), by number; with `store`,
/// only those who share an employee address book with it there.
pub(crate) fn ch_workers(c: &Reader, cdb: &str, store: Option<&str>) -> Res<Vec<(String, String)>> {
    let rows = c.conn().rows(
        "SELECT personnel_number, name FROM ch_workers WHERE ch_db = ?1 ORDER BY personnel_number",
        &[&cdb],
        |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
    )?;
    let Some(store) = store else { return Ok(rows) };
    let mut at = Vec::new();
    for (n, name) in rows {
        if ch_worker_belongs(c, cdb, &n, store)? {
            at.push((n, name));
        }
    }
    Ok(at)
}

/// A store as its channel database holds it, as a store record (what the store works with
/// when it works alone): its address books by kind, in their order.
pub(crate) fn ch_store_record(
    c: &Reader,
    cdb: &str,
    number: &str,
) -> Res<Option<crate::domain::org::Store>> {
    let found = c.conn().row(
        "SELECT number, name, legal_entity, currency, time_zone, street, city, state,
                postal_code, country, channel_db, default_customer, async_customer_creation,
                offline_customer_creation, screen_layout
           FROM ch_stores WHERE ch_db = ?1 AND number = ?2",
        &[&cdb, &number],
        |r| {
            Ok(crate::domain::org::Store {
                number: r.get(0)?,
                name: r.get::<Option<String>>(1)?.unwrap_or_default(),
                legal_entity: r.get::<Option<String>>(2)?.unwrap_or_default(),
                currency: r.get::<Option<String>>(3)?.unwrap_or_default(),
                time_zone: r.get::<Option<String>>(4)?.unwrap_or_default(),
                street: r.get::<Option<String>>(5)?.unwrap_or_default(),
                city: r.get::<Option<String>>(6)?.unwrap_or_default(),
                state: r.get(7)?,
                postal_code: r.get(8)?,
                country: r.get::<Option<String>>(9)?.unwrap_or_default(),
                channel_db: r.get::<Option<String>>(10)?.unwrap_or_default(),
                default_customer: r.get(11)?,
                async_customer_creation: r.get::<Option<bool>>(12)?.unwrap_or(false),
                offline_customer_creation: r.get::<Option<bool>>(13)?.unwrap_or(false),
                screen_layout: r.get(14)?,
                ..Default::default()
            })
        },
    )?;
    let Some(mut st) = found else { return Ok(None) };
    let books = ch_address_books(c, cdb)?;
    for b in c.conn().texts(
        "SELECT address_book FROM ch_store_address_books
          WHERE ch_db = ?1 AND store = ?2 ORDER BY position",
        &[&cdb, &st.number],
    )? {
        match books.iter().find(|k| k.id.eq_ignore_ascii_case(&b)) {
            Some(k) if k.kind == crate::domain::org::AddressBookKind::Employee => {
                st.employee_address_books.push(b)
            }
            _ => st.customer_address_books.push(b),
        }
    }
    Ok(Some(st))
}

/// The address books a channel database holds.
pub(crate) fn ch_address_books(c: &Reader, cdb: &str) -> Res<Vec<crate::domain::org::AddressBook>> {
    c.conn().rows(
        "SELECT id, name, kind FROM ch_address_books WHERE ch_db = ?1 ORDER BY id",
        &[&cdb],
        |r| {
            let kind: Option<String> = r.get(2)?;
            Ok(crate::domain::org::AddressBook {
                id: r.get(0)?,
                name: r.get::<Option<String>>(1)?.unwrap_or_default(),
                kind: if kind.as_deref() == Some("employee") {
                    crate::domain::org::AddressBookKind::Employee
                } else {
                    crate::domain::org::AddressBookKind::Customer
                },
            })
        },
    )
}

/// A store's customer address books as distributed, in their order.
pub(crate) fn ch_customer_address_books(c: &Reader, cdb: &str, store: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT s.address_book FROM ch_store_address_books s
         JOIN ch_address_books b ON b.ch_db = s.ch_db AND b.id = s.address_book
         WHERE s.ch_db = ?1 AND s.store = ?2 AND b.kind = 'customer' ORDER BY s.position",
        &[&cdb, &store],
    )
}

/// Whether a store creates customers asynchronously, as distributed (its functionality
/// profile flag).
pub(crate) fn ch_async_customers(c: &Reader, cdb: &str, store: &str) -> Res<bool> {
    ch_store_flag(c, cdb, store, "async_customer_creation")
}

/// Whether a store may create customers offline, as distributed.
pub(crate) fn ch_offline_customers(c: &Reader, cdb: &str, store: &str) -> Res<bool> {
    ch_store_flag(c, cdb, store, "offline_customer_creation")
}

fn ch_store_flag(c: &Reader, cdb: &str, store: &str, column: &str) -> Res<bool> {
    Ok(c.conn()
        .row(
            &format!("SELECT {column} FROM ch_stores WHERE ch_db = ?1 AND number = ?2"),
            &[&cdb, &store],
            |r| r.get::<Option<bool>>(0),
        )?
        .flatten()
        .unwrap_or(false))
}

/// A store's default customer account as distributed.
pub(crate) fn ch_default_customer(c: &Reader, cdb: &str, store: &str) -> Res<Option<String>> {
    Ok(c.conn()
        .row(
            "SELECT default_customer FROM ch_stores WHERE ch_db = ?1 AND number = ?2",
            &[&cdb, &store],
            |r| r.get::<Option<String>>(0),
        )?
        .flatten())
}

/// A channel worker: (permission group, screen layout).
pub(crate) fn ch_worker(
    c: &Reader,
    cdb: &str,
    worker: &str,
) -> Res<Option<(String, Option<String>)>> {
    c.conn().row(
        "SELECT permission_group, layout FROM ch_workers WHERE ch_db = ?1 AND personnel_number = ?2",
        &[&cdb, &worker],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Whether a query of `SELECT EXISTS (...)` found a row.
fn found(c: &Reader, sql: &str, args: &[&dyn Arg]) -> Res<bool> {
    Ok(c.conn()
        .row(sql, args, |r| r.get::<bool>(0))?
        .unwrap_or(false))
}

/// Whether a worker shares an employee address book with a store, in the channel database.
pub(crate) fn ch_worker_belongs(c: &Reader, cdb: &str, worker: &str, store: &str) -> Res<bool> {
    found(
        c,
        "SELECT EXISTS (SELECT 1 FROM ch_worker_address_books w
             JOIN ch_store_address_books s ON s.ch_db = w.ch_db AND s.address_book = w.address_book
             JOIN ch_address_books b ON b.ch_db = w.ch_db AND b.id = w.address_book
             WHERE w.ch_db = ?1 AND w.worker = ?2 AND s.store = ?3 AND b.kind = 'employee')",
        &[&cdb, &worker, &store],
    )
}

/// Whether a permission group allows an operation, as distributed.
pub(crate) fn ch_allowed(c: &Reader, cdb: &str, group: &str, op: u32) -> Res<bool> {
    found(
        c,
        "SELECT EXISTS (SELECT 1 FROM ch_permission_group_operations
             WHERE ch_db = ?1 AND group_id = ?2 AND operation = ?3)",
        &[&cdb, &group, &op],
    )
}

pub(crate) fn ch_has_button(c: &Reader, cdb: &str, layout: &str, op: u32) -> Res<bool> {
    found(
        c,
        "SELECT EXISTS (SELECT 1 FROM ch_layout_buttons WHERE ch_db = ?1 AND layout = ?2 AND operation = ?3)",
        &[&cdb, &layout, &op],
    )
}

/// A Commerce parameter as distributed (its JSON value).
pub(crate) fn ch_param(c: &Reader, cdb: &str, key: &str) -> Res<Option<serde_json::Value>> {
    let v = c.conn().texts(
        "SELECT value FROM ch_params WHERE ch_db = ?1 AND key = ?2",
        &[&cdb, &key],
    )?;
    Ok(v.first().and_then(|s| serde_json::from_str(s).ok()))
}

/// An attribute group's members as distributed, by display order then name.
pub(crate) fn ch_group_members(c: &Reader, cdb: &str, group: &str) -> Res<Vec<GroupMember>> {
    c.conn().rows(
        "SELECT attribute, display_order, refinable FROM ch_attribute_group_members
         WHERE ch_db = ?1 AND group_name = ?2 ORDER BY display_order, attribute",
        &[&cdb, &group],
        |r| {
            Ok(GroupMember {
                attribute: r.get(0)?,
                order: r.get(1)?,
                refinable: r.get(2)?,
            })
        },
    )
}

/// An attribute's friendly name as distributed (job 1040), if it has one.
pub(crate) fn ch_friendly_name(c: &Reader, cdb: &str, attribute: &str) -> Res<Option<String>> {
    Ok(c.conn()
        .row(
            "SELECT friendly_name FROM ch_attributes WHERE ch_db = ?1 AND name = ?2",
            &[&cdb, &attribute],
            |r| r.get::<Option<String>>(0),
        )?
        .flatten())
}
