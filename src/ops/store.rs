//! Stores (DOMAIN.md 1).

use crate::db::Reader;

pub(crate) use super::load::store as get;
use super::{Applied, Mode, OpEnv, address_book, channel_db, legal_entity, mutate, save_changed};
use crate::db::{Db, org};
use crate::domain::org::{AddressBook, DEFAULT_CHANNEL_DB, Store, edit_id_list};
use crate::domain::refuse;
use crate::domain::{Change, Hint, validate};
use crate::error::Result;

const NOUN: &str = "store";

/// A new store as the user gave it; validated by [`add`].
#[derive(Debug, Clone, Default)]
pub(crate) struct NewStore {
    pub number: String,
    pub name: String,
    pub legal_entity: String,
    pub currency: String,
    pub time_zone: String,
    pub street: String,
    pub city: String,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    /// Defaults to the legal entity's country.
    pub country: Option<String>,
    pub customer_address_books: Vec<String>,
    pub employee_address_books: Vec<String>,
    /// Defaults to `Default`.
    pub channel_db: Option<String>,
    pub async_customer_creation: bool,
    pub offline_customer_creation: bool,
}

/// Changes to a store; `None` leaves a field as it is. For the optional address parts an
/// empty string clears the value.
#[derive(Debug, Clone, Default)]
pub(crate) struct StorePatch {
    pub name: Option<String>,
    pub currency: Option<String>,
    pub time_zone: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    /// Replaces the whole list.
    pub customer_address_books: Option<Vec<String>>,
    pub add_customer_address_books: Vec<String>,
    pub remove_customer_address_books: Vec<String>,
    pub employee_address_books: Option<Vec<String>>,
    pub add_employee_address_books: Vec<String>,
    pub remove_employee_address_books: Vec<String>,
    pub channel_db: Option<String>,
    pub async_customer_creation: Option<bool>,
    pub offline_customer_creation: Option<bool>,
    /// The default customer's account; `Some("")` clears it.
    pub default_customer: Option<String>,
}

fn optional_text(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Ok(Some(validate::text(field, v, 60)?)),
    }
}

pub(crate) fn add(db: &mut Db, env: &OpEnv, mode: Mode, new: NewStore) -> Result<Applied<Store>> {
    let number = validate::store_number("NUMBER", &new.number)?;
    let name = validate::name("name", &new.name)?;
    let currency = validate::currency("currency", &new.currency)?;
    let time_zone = validate::time_zone("time_zone", &new.time_zone)?;
    let street = validate::name("street", &new.street)?;
    let city = validate::name("city", &new.city)?;
    let state = optional_text("state", new.state.as_deref())?;
    let postal_code = optional_text("postal_code", new.postal_code.as_deref())?;
    let country = new
        .country
        .as_deref()
        .map(|c| validate::country("country", c))
        .transpose()?;
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::store(tx, &number)? {
            return Err(refuse::exists("store", "store", &existing.number).into());
        }
        let le = legal_entity::get(tx, "legal_entity", &new.legal_entity)?;
        let customer_books = resolve_books(
            tx,
            "customer_address_book",
            &edit_id_list(&[], &new.customer_address_books, &[]),
        )?;
        let employee_books = resolve_books(
            tx,
            "employee_address_book",
            &edit_id_list(&[], &new.employee_address_books, &[]),
        )?;
        let chdb = channel_db::get_db(
            tx,
            "channel_db",
            new.channel_db.as_deref().unwrap_or(DEFAULT_CHANNEL_DB),
        )?;
        let store = Store {
            number,
            name,
            legal_entity: le.id,
            currency,
            time_zone,
            address: crate::domain::org::Address {
                street,
                city,
                state,
                postal_code,
                country: country.unwrap_or(le.country),
            },
            customer_address_books: customer_books.iter().map(|b| b.id.clone()).collect(),
            employee_address_books: employee_books.iter().map(|b| b.id.clone()).collect(),
            channel_database: chdb.id,
            default_customer: None,
            async_customer_creation: new.async_customer_creation,
            offline_customer_creation: new.offline_customer_creation,
            screen_layout: None,
        };
        let all: Vec<AddressBook> = customer_books.into_iter().chain(employee_books).collect();
        store.check_address_books(&all)?;
        org::upsert_store(tx, &store)?;
        let change = Change::create("store", &store.number, &store);
        Ok((store, vec![change]))
    })
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
    patch: StorePatch,
) -> Result<Applied<Store>> {
    let name = patch
        .name
        .as_deref()
        .map(|v| validate::name("name", v))
        .transpose()?;
    let currency = patch
        .currency
        .as_deref()
        .map(|v| validate::currency("currency", v))
        .transpose()?;
    let time_zone = patch
        .time_zone
        .as_deref()
        .map(|v| validate::time_zone("time_zone", v))
        .transpose()?;
    let street = patch
        .street
        .as_deref()
        .map(|v| validate::name("street", v))
        .transpose()?;
    let city = patch
        .city
        .as_deref()
        .map(|v| validate::name("city", v))
        .transpose()?;
    let state = patch
        .state
        .as_deref()
        .map(|v| optional_text("state", Some(v)))
        .transpose()?;
    let postal_code = patch
        .postal_code
        .as_deref()
        .map(|v| optional_text("postal_code", Some(v)))
        .transpose()?;
    let country = patch
        .country
        .as_deref()
        .map(|v| validate::country("country", v))
        .transpose()?;
    let mut warning = None;
    let mut applied = mutate(db, env, mode, |tx| {
        let old = get(tx, "NUMBER", number)?;
        let mut new = old.clone();
        if let Some(account) = &patch.default_customer {
            let (acc, w) = resolve_default_customer(tx, &old, account)?;
            new.default_customer = acc;
            warning = w;
        }
        if let Some(v) = name {
            new.name = v;
        }
        if let Some(v) = currency {
            new.currency = v;
        }
        if let Some(v) = time_zone {
            new.time_zone = v;
        }
        if let Some(v) = street {
            new.address.street = v;
        }
        if let Some(v) = city {
            new.address.city = v;
        }
        if let Some(v) = state {
            new.address.state = v;
        }
        if let Some(v) = postal_code {
            new.address.postal_code = v;
        }
        if let Some(v) = country {
            new.address.country = v;
        }
        let customer = edit_books(
            tx,
            "customer_address_book",
            "add_customer_address_book",
            &old.customer_address_books,
            patch.customer_address_books.as_deref(),
            &patch.add_customer_address_books,
            &patch.remove_customer_address_books,
        )?;
        let employee = edit_books(
            tx,
            "employee_address_book",
            "add_employee_address_book",
            &old.employee_address_books,
            patch.employee_address_books.as_deref(),
            &patch.add_employee_address_books,
            &patch.remove_employee_address_books,
        )?;
        new.customer_address_books = customer.iter().map(|b| b.id.clone()).collect();
        new.employee_address_books = employee.iter().map(|b| b.id.clone()).collect();
        let all: Vec<AddressBook> = customer.into_iter().chain(employee).collect();
        new.check_address_books(&all)?;
        if let Some(id) = &patch.channel_db {
            new.channel_database = channel_db::get_db(tx, "channel_db", id)?.id;
        }
        if let Some(v) = patch.async_customer_creation {
            new.async_customer_creation = v;
        }
        if let Some(v) = patch.offline_customer_creation {
            new.offline_customer_creation = v;
        }
        let changes = save_changed("store", &old.number, &old, &new, || {
            org::upsert_store(tx, &new)
        })?;
        Ok((new, changes))
    })?;
    applied.warnings.extend(warning);
    Ok(applied)
}

/// The address book list after a replace, adds and removes, each named book looked up.
fn edit_books(
    c: &Reader,
    replace_field: &str,
    add_field: &str,
    current: &[String],
    replace: Option<&[String]>,
    add: &[String],
    remove: &[String],
) -> Result<Vec<AddressBook>> {
    let base = replace.unwrap_or(current);
    if let Some(r) = replace {
        resolve_books(c, replace_field, r)?;
    }
    resolve_books(c, add_field, add)?;
    let ids = edit_id_list(base, add, remove);
    resolve_books(c, replace_field, &ids)
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

impl StorePatch {
    /// True when the patch changes nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.currency.is_none()
            && self.time_zone.is_none()
            && self.street.is_none()
            && self.city.is_none()
            && self.state.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
            && self.customer_address_books.is_none()
            && self.add_customer_address_books.is_empty()
            && self.remove_customer_address_books.is_empty()
            && self.employee_address_books.is_none()
            && self.add_employee_address_books.is_empty()
            && self.remove_employee_address_books.is_empty()
            && self.channel_db.is_none()
            && self.async_customer_creation.is_none()
            && self.offline_customer_creation.is_none()
            && self.default_customer.is_none()
    }
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
