//! The load step of a use case (load -> the domain decides -> save -> audit): each record named
//! by a field, or the refusal that it does not exist, naming the field and what does. Every
//! use case loads through here, so no use case needs another's module to find a record (the
//! ops modules form no circle; tests/cli/layers.rs checks it).

use super::not_found;
use crate::db::Reader;
use crate::domain::customer::Customer;
use crate::domain::layout::ScreenLayout;
use crate::domain::org::Store;
use crate::domain::pos;
use crate::domain::staff::Worker;
use crate::error::Result;

/// A store by its number.
pub(crate) fn store(c: &Reader, field: &str, number: &str) -> Result<Store> {
    match crate::db::org::store(c, number)? {
        Some(s) => Ok(s),
        None => {
            let known: Vec<String> = crate::db::org::stores(c, None)?
                .into_iter()
                .map(|s| s.number)
                .collect();
            Err(not_found("store", field, number, &known))
        }
    }
}

/// A customer in HQ by its account. A temporary id of an async customer is followed to its
/// account once synced; before that it is refused, since the customer is not in HQ yet.
pub(crate) fn customer(c: &Reader, field: &str, account: &str) -> Result<Customer> {
    if let Some(p) = pending_by_id(c, account)? {
        return match p.account {
            Some(a) => customer(c, field, &a),
            None => {
                Err(crate::domain::customer::pending_not_in_hq(account, &p.channel_database).into())
            }
        };
    }
    crate::db::customer::customer(c, account)?
        .ok_or_else(|| crate::domain::customer::not_found(field, account).into())
}

/// A screen layout by its id.
pub(crate) fn layout(c: &Reader, field: &str, id: &str) -> Result<ScreenLayout> {
    match crate::db::layout::layout(c, id)? {
        Some(l) => Ok(l),
        None => {
            let known: Vec<String> = crate::db::layout::layouts(c)?
                .into_iter()
                .map(|l| l.id)
                .collect();
            Err(not_found("layout", field, id, &known))
        }
    }
}

/// A worker by its personnel number.
pub(crate) fn worker(c: &Reader, field: &str, id: &str) -> Result<Worker> {
    match crate::db::staff::worker(c, id)? {
        Some(w) => Ok(w),
        None => {
            let known: Vec<String> = crate::db::staff::workers(c)?
                .into_iter()
                .map(|w| w.personnel_number)
                .collect();
            Err(not_found("worker", field, id, &known))
        }
    }
}

/// Looks up operation ids (exit 4 for one hq does not know).
pub(crate) fn operations(ids: &[u32]) -> Result<Vec<&'static pos::Operation>> {
    ids.iter()
        .map(|id| pos::find(*id).ok_or_else(|| pos::unknown_operation(*id).into()))
        .collect()
}

/// An async customer by its temporary id, synced or not: as headquarters has it (inside the
/// data file, or uploaded from a file), else as a channel database file has it. Only a UUID
/// is looked for in the files (an account never opens them).
pub(crate) fn pending_by_id(c: &Reader, id: &str) -> Result<Option<crate::db::customer::Pending>> {
    if let Some(p) = crate::db::customer::pending_by_id(c, id)? {
        return Ok(Some(p));
    }
    if uuid::Uuid::parse_str(id).is_err() {
        return Ok(None);
    }
    for (_, f) in super::channel_db::own_files(c)? {
        if let Some(p) = crate::db::customer::pending_by_id(f.reader(), id)? {
            return Ok(Some(p));
        }
    }
    Ok(None)
}
