//! Address books (DOMAIN.md 1): which customers a store finds, which workers belong to it.

use crate::db::Reader;

use super::{Applied, Mode, OpEnv, in_use, mutate, not_found, save_changed};
use crate::db::{Db, org};
use crate::domain::org::{AddressBook, AddressBookKind};
use crate::domain::refuse;
use crate::domain::{Change, validate};
use crate::error::Result;

const NOUN: &str = "address-book";

pub(crate) struct NewAddressBook {
    pub id: String,
    pub name: String,
    pub kind: AddressBookKind,
}

#[derive(Default)]
pub(crate) struct AddressBookPatch {
    pub name: Option<String>,
    pub kind: Option<AddressBookKind>,
}

pub(crate) fn add(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    new: NewAddressBook,
) -> Result<Applied<AddressBook>> {
    let book = AddressBook {
        id: validate::id("ID", &new.id)?,
        name: validate::name("name", &new.name)?,
        kind: new.kind,
    };
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::address_book(tx, &book.id)? {
            return Err(refuse::exists("address book", "address-book", &existing.id).into());
        }
        org::upsert_address_book(tx, &book)?;
        Ok((
            book.clone(),
            vec![Change::create("address_book", &book.id, &book)],
        ))
    })
}

pub(crate) fn list(c: &Reader, kind: Option<AddressBookKind>) -> Result<Vec<AddressBook>> {
    org::address_books(c, kind)
}

pub(crate) fn ids(c: &Reader, kind: Option<AddressBookKind>) -> Result<Vec<String>> {
    Ok(list(c, kind)?.into_iter().map(|b| b.id).collect())
}

pub(crate) fn get(c: &Reader, field: &str, id: &str) -> Result<AddressBook> {
    match org::address_book(c, id)? {
        Some(b) => Ok(b),
        None => Err(not_found(NOUN, field, id, &ids(c, None)?)),
    }
}

pub(crate) fn set(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    patch: AddressBookPatch,
) -> Result<Applied<AddressBook>> {
    let name = patch.name.map(|v| validate::name("name", &v)).transpose()?;
    mutate(db, env, mode, |tx| {
        let old = get(tx, "ID", id)?;
        let mut new = old.clone();
        if let Some(v) = name {
            new.name = v;
        }
        if let Some(kind) = patch.kind {
            new.kind = kind;
        }
        if new.kind != old.kind {
            // A store lists its books by kind; changing the kind under a store would move the
            // book from one list to the other behind the administrator's back.
            let mut stores: Vec<String> = org::stores_using_address_book(tx, &old.id)?
                .into_iter()
                .map(|s| format!("store {s}"))
                .collect();
            stores.extend(
                crate::db::customer::customers_in_address_book(tx, &old.id, 5)?
                    .into_iter()
                    .map(|c| format!("customer {c}")),
            );
            stores.extend(
                crate::db::staff::workers_using_address_book(tx, &old.id)?
                    .into_iter()
                    .map(|w| format!("worker {w}")),
            );
            if !stores.is_empty() {
                return Err(crate::domain::org::kind_in_use(&old, &stores).into());
            }
        }
        let changes = save_changed("address_book", &old.id, &old, &new, || {
            org::upsert_address_book(tx, &new)
        })?;
        Ok((new, changes))
    })
}

pub(crate) fn remove(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<AddressBook>> {
    mutate(db, env, mode, |tx| {
        let book = get(tx, "ID", id)?;
        let stores = org::stores_using_address_book(tx, &book.id)?;
        let workers = crate::db::staff::workers_using_address_book(tx, &book.id)?;
        let customers = crate::db::customer::customers_in_address_book(tx, &book.id, 5)?;
        let users = [
            ("stores", stores),
            ("workers", workers),
            ("customers", customers),
        ];
        if let Some(err) = in_use(NOUN, &book.id, &users) {
            return Err(err);
        }
        org::delete_address_book(tx, &book.id)?;
        let change = Change::delete("address_book", &book.id, &book);
        Ok((book, vec![change]))
    })
}

/// The stores that use an address book.
pub(crate) fn stores_using(c: &Reader, id: &str) -> Result<Vec<String>> {
    org::stores_using_address_book(c, id)
}
