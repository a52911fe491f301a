//! SQL for the organisation: legal entities, address books, channel database groups and
//! databases, stores.

use super::Reader;
use super::record;

use super::WriteTx;
use crate::domain::org::{
    AddressBook, AddressBookKind, ChannelDb, ChannelDbGroup, LegalEntity, Store,
};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

// ---- legal entities ----

pub(crate) fn legal_entity(c: &Reader, id: &str) -> Res<Option<LegalEntity>> {
    record::find(c, "legal_entities", id)
}

pub(crate) fn legal_entities(c: &Reader) -> Res<Vec<LegalEntity>> {
    record::all(c, "legal_entities")
}

pub(crate) fn upsert_legal_entity(tx: &WriteTx, le: &LegalEntity) -> Res<()> {
    record::upsert(tx, "legal_entities", le)
}

pub(crate) fn delete_legal_entity(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM legal_entities WHERE id = ?1", &[&id])?;
    Ok(())
}

// ---- address books ----

pub(crate) fn address_book(c: &Reader, id: &str) -> Res<Option<AddressBook>> {
    record::find(c, "address_books", id)
}

pub(crate) fn address_books(c: &Reader, kind: Option<AddressBookKind>) -> Res<Vec<AddressBook>> {
    let all: Vec<AddressBook> = record::all(c, "address_books")?;
    Ok(all
        .into_iter()
        .filter(|b| kind.is_none_or(|k| b.kind == k))
        .collect())
}

pub(crate) fn upsert_address_book(tx: &WriteTx, b: &AddressBook) -> Res<()> {
    record::upsert(tx, "address_books", b)
}

pub(crate) fn delete_address_book(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM address_books WHERE id = ?1", &[&id])?;
    Ok(())
}

/// The stores that use an address book, by store number.
pub(crate) fn stores_using_address_book(c: &Reader, id: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT store FROM store_address_books WHERE address_book = ?1 ORDER BY store",
        &[&id],
    )
}

// ---- channel database groups and databases ----

pub(crate) fn channel_db_group(c: &Reader, id: &str) -> Res<Option<ChannelDbGroup>> {
    record::find(c, "channel_db_groups", id)
}

pub(crate) fn channel_db_groups(c: &Reader) -> Res<Vec<ChannelDbGroup>> {
    record::all(c, "channel_db_groups")
}

pub(crate) fn upsert_channel_db_group(tx: &WriteTx, g: &ChannelDbGroup) -> Res<()> {
    record::upsert(tx, "channel_db_groups", g)
}

pub(crate) fn delete_channel_db_group(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM channel_db_groups WHERE id = ?1", &[&id])?;
    Ok(())
}

pub(crate) fn channel_db(c: &Reader, id: &str) -> Res<Option<ChannelDb>> {
    record::find(c, "channel_dbs", id)
}

pub(crate) fn channel_dbs(c: &Reader, group: Option<&str>) -> Res<Vec<ChannelDb>> {
    let all: Vec<ChannelDb> = record::all(c, "channel_dbs")?;
    Ok(all
        .into_iter()
        .filter(|d| group.is_none_or(|g| d.group.eq_ignore_ascii_case(g)))
        .collect())
}

pub(crate) fn upsert_channel_db(tx: &WriteTx, d: &ChannelDb) -> Res<()> {
    record::upsert(tx, "channel_dbs", d)
}

pub(crate) fn delete_channel_db(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM channel_dbs WHERE id = ?1", &[&id])?;
    Ok(())
}

pub(crate) fn stores_using_channel_db(c: &Reader, id: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT number FROM stores WHERE channel_db = ?1 ORDER BY number",
        &[&id],
    )
}

// ---- stores ----

fn fill_address_books(c: &Reader, store: &mut Store) -> Res<()> {
    let rows = c.conn().rows(
        "SELECT b.id, b.kind FROM store_address_books s
         JOIN address_books b ON b.id = s.address_book
         WHERE s.store = ?1 ORDER BY s.position",
        &[&store.number],
        |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
    )?;
    for (id, kind) in rows {
        if kind == "customer" {
            store.customer_address_books.push(id);
        } else {
            store.employee_address_books.push(id);
        }
    }
    Ok(())
}

pub(crate) fn store(c: &Reader, number: &str) -> Res<Option<Store>> {
    let found = record::find::<Store>(c, "stores", number)?;
    match found {
        Some(mut s) => {
            fill_address_books(c, &mut s)?;
            Ok(Some(s))
        }
        None => Ok(None),
    }
}

/// Stores, optionally of one legal entity, by number.
pub(crate) fn stores(c: &Reader, legal_entity: Option<&str>) -> Res<Vec<Store>> {
    let mut stores: Vec<Store> = c.conn().rows(
        &format!(
            "SELECT {} FROM stores WHERE ?1 IS NULL OR legal_entity = ?1 ORDER BY number",
            record::columns::<Store>()
        ),
        &[&legal_entity],
        |r| record::read_either("stores", r),
    )?;
    for s in &mut stores {
        fill_address_books(c, s)?;
    }
    Ok(stores)
}

pub(crate) fn stores_of_legal_entity(c: &Reader, id: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT number FROM stores WHERE legal_entity = ?1 ORDER BY number",
        &[&id],
    )
}

/// Writes a store and its address-book links. Links that did not change keep their change
/// version; links dropped leave tombstones (by trigger).
pub(crate) fn upsert_store(tx: &WriteTx, s: &Store) -> Res<()> {
    record::upsert(tx, "stores", s)?;
    let books: Vec<&String> = s
        .customer_address_books
        .iter()
        .chain(&s.employee_address_books)
        .collect();
    // Drop links no longer wanted.
    let existing = tx.conn().texts(
        "SELECT address_book FROM store_address_books WHERE store = ?1",
        &[&s.number],
    )?;
    for old in &existing {
        if !books.iter().any(|b| b.eq_ignore_ascii_case(old)) {
            tx.conn().exec(
                "DELETE FROM store_address_books WHERE store = ?1 AND address_book = ?2",
                &[&s.number, old],
            )?;
        }
    }
    for (position, book) in books.iter().enumerate() {
        // The row's own columns named by its table: PostgreSQL's `DO UPDATE` sees both the
        // row and `excluded`.
        tx.conn().exec(
            "INSERT INTO store_address_books (store, address_book, position, change_version)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (store, address_book) DO UPDATE SET position = ?3,
                 change_version = CASE WHEN store_address_books.position = ?3
                                       THEN store_address_books.change_version ELSE ?4 END",
            &[&s.number, *book, &(position as i64), &tx.version()],
        )?;
    }
    Ok(())
}

pub(crate) fn delete_store(tx: &WriteTx, number: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM store_address_books WHERE store = ?1",
        &[&number],
    )?;
    tx.conn()
        .exec("DELETE FROM stores WHERE number = ?1", &[&number])?;
    Ok(())
}
