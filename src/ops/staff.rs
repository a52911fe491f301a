//! Activity types, POS permission groups and workers (DOMAIN.md 1, 7).

use crate::db::Reader;

use super::record::Kept;
use super::{Applied, Mode, OpEnv, address_book, in_use, mutate, save_changed};
use crate::db::{Db, WriteTx, staff as db};

pub(crate) use super::load::{operations, worker as get_worker};
use crate::domain::record::Draft;
use crate::domain::staff::{ActivityType, PermissionGroup, Worker};
use crate::domain::{Change, Cmd, Hint};
use crate::error::Result;

// ---- activity types ----

pub(crate) fn activity_types(c: &Reader) -> Result<Vec<ActivityType>> {
    db::activity_types(c)
}

pub(crate) fn get_activity_type(c: &Reader, field: &str, id: &str) -> Result<ActivityType> {
    super::record::get(c, field, id)
}

impl Kept for ActivityType {
    const NOUN: &'static str = "activity-type";
    const WHAT: &'static str = "activity type";
    const CHANGE: &'static str = "activity_type";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::activity_type(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::activity_types(c)?.into_iter().map(|a| a.id).collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_activity_type(tx, r)
    }
}

pub(crate) fn remove_activity_type(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<ActivityType>> {
    mutate(db_, env, mode, |tx| {
        let a = get_activity_type(tx, "ID", id)?;
        db::delete_activity_type(tx, &a.id)?;
        let change = Change::delete("activity_type", &a.id, &a);
        Ok((a, vec![change]))
    })
}

// ---- permission groups ----

pub(crate) fn permission_groups(c: &Reader) -> Result<Vec<PermissionGroup>> {
    db::permission_groups(c)
}

pub(crate) fn get_permission_group(c: &Reader, field: &str, id: &str) -> Result<PermissionGroup> {
    super::record::get(c, field, id)
}

impl Kept for PermissionGroup {
    const NOUN: &'static str = "permission-group";
    const WHAT: &'static str = "permission group";
    const CHANGE: &'static str = "permission_group";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::permission_group(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::permission_groups(c)?
            .into_iter()
            .map(|g| g.id)
            .collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_permission_group(tx, r)
    }
}

/// Allows (`allow` true) or denies operations to a group.
pub(crate) fn permit(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    ops: &[u32],
    allow: bool,
) -> Result<Applied<PermissionGroup>> {
    operations(ops)?;
    mutate(db_, env, mode, |tx| {
        let old = get_permission_group(tx, "ID", id)?;
        let mut new = old.clone();
        for op in ops {
            if allow && !new.operations.contains(op) {
                new.operations.push(*op);
            }
            if !allow {
                new.operations.retain(|o| o != op);
            }
        }
        new.operations.sort_unstable();
        let changes = save_changed("permission_group", &old.id, &old, &new, || {
            db::upsert_permission_group(tx, &new)
        })?;
        Ok((new, changes))
    })
}

pub(crate) fn remove_permission_group(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<PermissionGroup>> {
    mutate(db_, env, mode, |tx| {
        let g = get_permission_group(tx, "ID", id)?;
        let workers = db::workers_in_group(tx, &g.id)?;
        if let Some(err) = in_use("permission-group", &g.id, &[("workers", workers)]) {
            return Err(err);
        }
        db::delete_permission_group(tx, &g.id)?;
        let change = Change::delete("permission_group", &g.id, &g);
        Ok((g, vec![change]))
    })
}

// ---- workers ----

pub(crate) fn workers(c: &Reader) -> Result<Vec<Worker>> {
    db::workers(c)
}

impl Kept for Worker {
    const NOUN: &'static str = "worker";
    const WHAT: &'static str = "worker";
    const CHANGE: &'static str = "worker";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::worker(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::workers(c)?
            .into_iter()
            .map(|w| w.personnel_number)
            .collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_worker(tx, r)
    }
    fn settle(c: &Reader, new: &mut Self, _: Option<&Self>, d: &Draft<Self>) -> Result<()> {
        // What is added is looked up under the name it was given by.
        for b in d.edits("employee_address_books").0 {
            address_book::get(c, "add_employee_address_book", b)?;
        }
        complete(c, new)
    }
}

/// Resolves the parts of a worker that name other records, and checks the worker's rules.
fn complete(c: &Reader, w: &mut Worker) -> Result<()> {
    w.employee_address_books =
        crate::domain::org::edit_id_list(&w.employee_address_books, &[], &[]);
    let books = w
        .employee_address_books
        .iter()
        .map(|b| address_book::get(c, "employee_address_book", b))
        .collect::<Result<Vec<_>>>()?;
    w.check_address_books(&books)?;
    w.employee_address_books = books.into_iter().map(|b| b.id).collect();
    w.permission_group = get_permission_group(c, "permission_group", &w.permission_group)?.id;
    if let Some(l) = &w.layout {
        w.layout = Some(super::load::layout(c, "layout", l)?.id);
    }
    Ok(())
}

pub(crate) fn remove_worker(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<Worker>> {
    mutate(db_, env, mode, |tx| {
        let w = get_worker(tx, "PERSONNEL_NUMBER", id)?;
        let books = crate::db::clienteling::books(tx, Some(&w.personnel_number))?;
        let full: Vec<String> = books
            .iter()
            .filter(|b| b.customer_count > 0)
            .map(|b| b.id.clone())
            .collect();
        if let Some(err) = super::in_use(
            "worker",
            &w.personnel_number,
            &[("client books with customers", full)],
        ) {
            return Err(err.hinted(
                Hint::from("move their customers to another worker's book first (")
                    .run(
                        Cmd::new("clientbook reassign")
                            .ph("ACCOUNT")
                            .set_ph("to", "WORKER"),
                    )
                    .then(")"),
            ));
        }
        // Empty client books go with their owner.
        for b in &books {
            crate::db::clienteling::delete_book(tx, &b.id)?;
        }
        db::delete_worker(tx, &w.personnel_number)?;
        let change = Change::delete("worker", &w.personnel_number, &w);
        Ok((w, vec![change]))
    })
}

/// The stores a worker belongs to (sharing an employee address book).
pub(crate) fn stores_of_worker(c: &Reader, w: &Worker) -> Result<Vec<String>> {
    Ok(crate::db::org::stores(c, None)?
        .into_iter()
        .filter(|s| w.belongs_to(&s.employee_address_books))
        .map(|s| s.number)
        .collect())
}
