//! Stores (DOMAIN.md 1).

use crate::db::Reader;

pub(crate) use super::load::store as get;
use super::record::Kept;
use super::{Applied, Mode, OpEnv, address_book, channel_db, legal_entity, mutate};
use crate::db::{Db, WriteTx, org};
use crate::domain::org::{AddressBook, DEFAULT_CHANNEL_DB, Store, edit_id_list};
use crate::domain::record::{Draft, Value};
use crate::domain::{Change, Hint};
use crate::error::Result;

const NOUN: &str = "store";

impl Kept for Store {
    const NOUN: &'static str = NOUN;
    const WHAT: &'static str = "store";
    const CHANGE: &'static str = "store";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        org::store(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(org::stores(c, None)?
            .into_iter()
            .map(|s| s.number)
            .collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        org::upsert_store(tx, r)
    }
    /// The currency and time zone of the legal entity's stores (of any store, when its legal
    /// entity has none yet): most new stores share them.
    fn suggest(c: &Reader, d: &Draft<Self>, field: &str) -> Result<Option<String>> {
        if !matches!(field, "currency" | "time_zone") {
            return Ok(None);
        }
        let le = match d.get("legal_entity") {
            Some(Value::Text(Some(le))) => Some(le.clone()),
            _ => None,
        };
        let mut stores = org::stores(c, le.as_deref())?;
        if stores.is_empty() {
            stores = org::stores(c, None)?;
        }
        Ok(stores.into_iter().next().map(|s| {
            if field == "currency" {
                s.currency
            } else {
                s.time_zone
            }
        }))
    }
    /// What it names exists (kept as spelled there); `add` takes the legal entity's country
    /// and the Default channel database when left out; at least one address book of each
    /// kind; a default customer of the store's legal entity (with a warning when its receipt
    /// email would be every new customer's).
    fn settle_warning(
        c: &Reader,
        new: &mut Self,
        old: Option<&Self>,
        d: &Draft<Self>,
    ) -> Result<Vec<Hint>> {
        // What is named is looked up under the name it was given by.
        for (list, one) in [
            ("customer_address_books", "customer_address_book"),
            ("employee_address_books", "employee_address_book"),
        ] {
            if let Some(Value::List(ids)) = d.get(list) {
                resolve_books(c, one, ids)?;
            }
            resolve_books(c, &format!("add_{one}"), d.edits(list).0)?;
        }
        let mut warnings = Vec::new();
        match old {
            None => {
                let le = legal_entity::get(c, "legal_entity", &new.legal_entity)?;
                if new.country.is_empty() {
                    new.country = le.country;
                }
                new.legal_entity = le.id;
            }
            Some(old) => {
                if d.has("default_customer") {
                    let given = new.default_customer.clone().unwrap_or_default();
                    let (acc, w) = resolve_default_customer(c, old, &given)?;
                    new.default_customer = acc;
                    warnings.extend(w);
                }
            }
        }
        if new.channel_db.is_empty() {
            new.channel_db = DEFAULT_CHANNEL_DB.to_string();
        }
        if old.is_none() || d.has("channel_db") {
            new.channel_db = channel_db::get_db(c, "channel_db", &new.channel_db)?.id;
        }
        let all = resolve_store_books(c, new)?;
        new.check_address_books(&all)?;
        Ok(warnings)
    }
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
