//! Address books (DOMAIN.md 1): which customers a store finds, which workers belong to it.

use crate::db::Reader;

use super::record::Kept;
use super::{Applied, Mode, OpEnv, in_use, mutate};
use crate::db::{Db, WriteTx, org};
use crate::domain::Change;
use crate::domain::org::{AddressBook, AddressBookKind};
use crate::domain::record::Draft;
use crate::error::Result;

const NOUN: &str = "address-book";

impl Kept for AddressBook {
    const NOUN: &'static str = NOUN;
    const WHAT: &'static str = "address book";
    const CHANGE: &'static str = "address_book";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        org::address_book(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        ids(c, None)
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        org::upsert_address_book(tx, r)
    }
    fn settle(c: &Reader, new: &mut Self, old: Option<&Self>, _: &Draft<Self>) -> Result<()> {
        let Some(old) = old.filter(|o| o.kind != new.kind) else {
            return Ok(());
        };
        // A store lists its books by kind; changing the kind under a store would move the
        // book from one list to the other behind the administrator's back.
        let mut users: Vec<String> = org::stores_using_address_book(c, &old.id)?
            .into_iter()
            .map(|s| format!("store {s}"))
            .collect();
        users.extend(
            crate::db::customer::customers_in_address_book(c, &old.id, 5)?
                .into_iter()
                .map(|c| format!("customer {c}")),
        );
        users.extend(
            crate::db::staff::workers_using_address_book(c, &old.id)?
                .into_iter()
                .map(|w| format!("worker {w}")),
        );
        if users.is_empty() {
            Ok(())
        } else {
            Err(crate::domain::org::kind_in_use(old, &users).into())
        }
    }
}

pub(crate) fn list(c: &Reader, kind: Option<AddressBookKind>) -> Result<Vec<AddressBook>> {
    org::address_books(c, kind)
}

pub(crate) fn ids(c: &Reader, kind: Option<AddressBookKind>) -> Result<Vec<String>> {
    Ok(list(c, kind)?.into_iter().map(|b| b.id).collect())
}

pub(crate) fn get(c: &Reader, field: &str, id: &str) -> Result<AddressBook> {
    super::record::get(c, field, id)
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
