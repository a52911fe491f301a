//! Activity types, POS permission groups and workers (DOMAIN.md 1, 7).

use crate::db::Reader;

use super::{Applied, Mode, OpEnv, address_book, in_use, mutate, not_found, save_changed};
use crate::db::{Db, staff as db};

pub(crate) use super::load::{operations, worker as get_worker};
use crate::domain::refuse;
use crate::domain::staff::{self as rules, ActivityType, PermissionGroup, Worker};
use crate::domain::{Change, Cmd, Hint, validate};
use crate::error::Result;

// ---- activity types ----

pub(crate) fn activity_types(c: &Reader) -> Result<Vec<ActivityType>> {
    db::activity_types(c)
}

pub(crate) fn get_activity_type(c: &Reader, field: &str, id: &str) -> Result<ActivityType> {
    match db::activity_type(c, id)? {
        Some(a) => Ok(a),
        None => {
            let known: Vec<String> = db::activity_types(c)?.into_iter().map(|a| a.id).collect();
            Err(not_found("activity-type", field, id, &known))
        }
    }
}

pub(crate) fn add_activity_type(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: &str,
) -> Result<Applied<ActivityType>> {
    let a = ActivityType {
        id: validate::id("ID", id)?,
        description: validate::name("description", description)?,
    };
    mutate(db_, env, mode, |tx| {
        if let Some(e) = db::activity_type(tx, &a.id)? {
            return Err(refuse::exists("activity type", "activity-type", &e.id).into());
        }
        db::upsert_activity_type(tx, &a)?;
        let change = Change::create("activity_type", &a.id, &a);
        Ok((a, vec![change]))
    })
}

pub(crate) fn set_activity_type(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: &str,
) -> Result<Applied<ActivityType>> {
    let description = validate::name("description", description)?;
    mutate(db_, env, mode, |tx| {
        let old = get_activity_type(tx, "ID", id)?;
        let new = ActivityType {
            description,
            ..old.clone()
        };
        let changes = save_changed("activity_type", &old.id, &old, &new, || {
            db::upsert_activity_type(tx, &new)
        })?;
        Ok((new, changes))
    })
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
    match db::permission_group(c, id)? {
        Some(g) => Ok(g),
        None => {
            let known: Vec<String> = db::permission_groups(c)?
                .into_iter()
                .map(|g| g.id)
                .collect();
            Err(not_found("permission-group", field, id, &known))
        }
    }
}

pub(crate) fn add_permission_group(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: &str,
) -> Result<Applied<PermissionGroup>> {
    let g = PermissionGroup {
        id: validate::id("ID", id)?,
        description: validate::name("description", description)?,
        operations: Vec::new(),
    };
    mutate(db_, env, mode, |tx| {
        if let Some(e) = db::permission_group(tx, &g.id)? {
            return Err(refuse::exists("permission group", "permission-group", &e.id).into());
        }
        db::upsert_permission_group(tx, &g)?;
        let change = Change::create("permission_group", &g.id, &g);
        Ok((g, vec![change]))
    })
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

pub(crate) fn set_permission_group(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: &str,
) -> Result<Applied<PermissionGroup>> {
    let description = validate::name("description", description)?;
    mutate(db_, env, mode, |tx| {
        let old = get_permission_group(tx, "ID", id)?;
        let new = PermissionGroup {
            description,
            ..old.clone()
        };
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

#[derive(Debug, Clone, Default)]
pub(crate) struct WorkerInput {
    pub name: Option<String>,
    /// Replaces the list.
    pub employee_address_books: Option<Vec<String>>,
    pub add_address_books: Vec<String>,
    pub remove_address_books: Vec<String>,
    pub permission_group: Option<String>,
    /// `Some("")` clears.
    pub layout: Option<String>,
}

impl WorkerInput {
    pub(crate) fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.employee_address_books.is_none()
            && self.add_address_books.is_empty()
            && self.remove_address_books.is_empty()
            && self.permission_group.is_none()
            && self.layout.is_none()
    }
}

/// Resolves the parts of a worker that name other records, and checks the worker's rules.
fn complete(c: &Reader, w: &mut Worker) -> Result<()> {
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

pub(crate) fn add_worker(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    input: WorkerInput,
) -> Result<Applied<Worker>> {
    let id = rules::personnel_number("PERSONNEL_NUMBER", id)?;
    let name = validate::name("name", input.name.as_deref().unwrap_or(""))?;
    mutate(db_, env, mode, |tx| {
        if let Some(e) = db::worker(tx, &id)? {
            return Err(refuse::exists("worker", "worker", &e.personnel_number).into());
        }
        let mut w = Worker {
            personnel_number: id.clone(),
            name,
            employee_address_books: crate::domain::org::edit_id_list(
                &[],
                &input.employee_address_books.clone().unwrap_or_default(),
                &[],
            ),
            permission_group: input.permission_group.clone().unwrap_or_default(),
            layout: input.layout.clone().filter(|l| !l.trim().is_empty()),
        };
        complete(tx, &mut w)?;
        db::upsert_worker(tx, &w)?;
        let change = Change::create("worker", &w.personnel_number, &w);
        Ok((w, vec![change]))
    })
}

pub(crate) fn set_worker(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    input: WorkerInput,
) -> Result<Applied<Worker>> {
    let name = input
        .name
        .as_deref()
        .map(|n| validate::name("name", n))
        .transpose()?;
    mutate(db_, env, mode, |tx| {
        let old = get_worker(tx, "PERSONNEL_NUMBER", id)?;
        let mut new = old.clone();
        if let Some(n) = name {
            new.name = n;
        }
        let base = input
            .employee_address_books
            .clone()
            .unwrap_or_else(|| old.employee_address_books.clone());
        new.employee_address_books = crate::domain::org::edit_id_list(
            &base,
            &input.add_address_books,
            &input.remove_address_books,
        );
        if let Some(g) = &input.permission_group {
            new.permission_group = g.clone();
        }
        if let Some(l) = &input.layout {
            new.layout = (!l.trim().is_empty()).then(|| l.clone());
        }
        complete(tx, &mut new)?;
        let changes = save_changed("worker", &old.personnel_number, &old, &new, || {
            db::upsert_worker(tx, &new)
        })?;
        Ok((new, changes))
    })
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
