//! Stores (DOMAIN.md 1).

use crate::db::Reader;

pub(crate) use super::load::store as get;
use super::{Applied, Mode, OpEnv, address_book, channel_db, legal_entity, mutate, save_changed};
use crate::db::{Db, org};
use crate::domain::org::{AddressBook, DEFAULT_CHANNEL_DB, Store, edit_id_list};
use crate::domain::record::{Draft, Record, Value};
use crate::domain::refuse;
use crate::domain::{Change, Hint, validate};
use crate::error::Result;

const NOUN: &str = "store";

/// What a face gives for a store (`add`: every field it names; `set`: what changes).
pub(crate) type StoreDraft = Draft<Store>;

pub(crate) fn add(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    number: &str,
    draft: StoreDraft,
) -> Result<Applied<Store>> {
    let number = validate::store_number("NUMBER", number)?;
    let draft = draft.checked()?;
    let mut new = Store {
        number,
        ..Store::default()
    };
    draft.apply_new(&mut new);
    if let Some(f) = new.missing() {
        return Err(refuse::missing_field(f).into());
    }
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::store(tx, &new.number)? {
            return Err(refuse::exists("store", "store", &existing.number).into());
        }
        let mut store = new.clone();
        let le = legal_entity::get(tx, "legal_entity", &store.legal_entity)?;
        if store.country.is_empty() {
            store.country = le.country;
        }
        store.legal_entity = le.id;
        if store.channel_db.is_empty() {
            store.channel_db = DEFAULT_CHANNEL_DB.to_string();
        }
        store.channel_db = channel_db::get_db(tx, "channel_db", &store.channel_db)?.id;
        let all = resolve_store_books(tx, &mut store)?;
        store.check_address_books(&all)?;
        org::upsert_store(tx, &store)?;
        let change = Change::create("store", &store.number, &store);
        Ok((store, vec![change]))
    })
}

/// The store's address books looked up (unknown ones refused, exit 4), kept as their ids
/// are spelled, each once.
fn resolve_store_books(c: &Reader, store: &mut Store) -> Result<Vec<AddressBook>> {
    let customer = resolve_books(
        c,
        "customer_address_book",
        &edit_id_list(&store.customer_address_books, &[], &[]),
    )?;
    let employee = resolve_books(
        c,
        "employee_address_book",
        &edit_id_list(&store.employee_address_books, &[], &[]),
    )?;
    store.customer_address_books = customer.iter().map(|b| b.id.clone()).collect();
    store.employee_address_books = employee.iter().map(|b| b.id.clone()).collect();
    Ok(customer.into_iter().chain(employee).collect())
}

/// Looks up each address book named by `field`, refusing unknown ones (exit 4).
fn resolve_books(c: &Reader, field: &str, ids: &[String]) -> Result<Vec<AddressBook>> {
    ids.iter()
        .map(|id| address_book::get(c, field, id))
        .collect()
}

pub(crate) fn list(c: &Reader, legal_entity_id: Option<&str>) -> Result<Vec<Store>> {
    if let Some(le) = legal_entity_id {
        legal_entity::get(c, "legal_entity", le)?;
    }
    org::stores(c, legal_entity_id)
}

pub(crate) fn set(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    number: &str,
    draft: StoreDraft,
) -> Result<Applied<Store>> {
    let mut draft = draft.checked()?;
    let default_customer = draft.take("default_customer");
    let mut warning = None;
    let mut applied = mutate(db, env, mode, |tx| {
        let old = get(tx, "NUMBER", number)?;
        let mut new = old.clone();
        // What is named is looked up under the name it was given by.
        for (list, one) in [
            ("customer_address_books", "customer_address_book"),
            ("employee_address_books", "employee_address_book"),
        ] {
            if let Some(Value::List(ids)) = draft.get(list) {
                resolve_books(tx, one, ids)?;
            }
            resolve_books(tx, &format!("add_{one}"), draft.edits(list).0)?;
        }
        draft.apply(&mut new);
        if let Some(v) = &default_customer {
            let (acc, w) = resolve_default_customer(tx, &old, v.text().unwrap_or(""))?;
            new.default_customer = acc;
            warning = w;
        }
        let all = resolve_store_books(tx, &mut new)?;
        new.check_address_books(&all)?;
        if draft.has("channel_db") {
            new.channel_db = channel_db::get_db(tx, "channel_db", &new.channel_db)?.id;
        }
        let changes = save_changed("store", &old.number, &old, &new, || {
            org::upsert_store(tx, &new)
        })?;
        Ok((new, changes))
    })?;
    applied.warnings.extend(warning);
    Ok(applied)
}

pub(crate) fn remove(db: &mut Db, env: &OpEnv, mode: Mode, number: &str) -> Result<Applied<Store>> {
    mutate(db, env, mode, |tx| {
        let store = get(tx, "NUMBER", number)?;
        let registers: Vec<String> = crate::db::layout::registers(tx, Some(&store.number))?
            .into_iter()
            .map(|r| r.id)
            .collect();
        if let Some(err) = super::in_use(NOUN, &store.number, &[("registers", registers)]) {
            return Err(err);
        }
        org::delete_store(tx, &store.number)?;
        let change = Change::delete("store", &store.number, &store);
        Ok((store, vec![change]))
    })
}

/// For `store set --default-customer`: the customer must exist in the store's legal entity;
/// `""` clears it. Returns the account and, when the customer has a receipt email, the warning
/// that every customer created without one will share it.
pub(crate) fn resolve_default_customer(
    c: &Reader,
    store: &Store,
    account: &str,
) -> Result<(Option<String>, Option<Hint>)> {
    if account.trim().is_empty() {
        return Ok((None, None));
    }
    let cu = super::load::customer(c, "default_customer", account)?;
    let warning = crate::domain::customer::check_default_customer(store, &cu)?;
    Ok((Some(cu.account), warning))
}
