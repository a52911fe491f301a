//! SQL for activity types, POS permission groups and workers.

use super::Reader;

use super::WriteTx;
use crate::domain::staff::{ActivityType, PermissionGroup, Worker};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

// ---- activity types ----

pub(crate) fn activity_type(c: &Reader, id: &str) -> Res<Option<ActivityType>> {
    super::record::find(c, "activity_types", id)
}

pub(crate) fn activity_types(c: &Reader) -> Res<Vec<ActivityType>> {
    super::record::all(c, "activity_types")
}

pub(crate) fn upsert_activity_type(tx: &WriteTx, a: &ActivityType) -> Res<()> {
    super::record::upsert(tx, "activity_types", a)
}

pub(crate) fn delete_activity_type(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM activity_types WHERE id = ?1", &[&id])?;
    Ok(())
}

// ---- permission groups ----

fn operations(c: &Reader, group: &str) -> Res<Vec<u32>> {
    c.conn().rows(
        "SELECT operation FROM permission_group_operations WHERE group_id = ?1 ORDER BY operation",
        &[&group],
        |r| Ok(r.get::<i64>(0)? as u32),
    )
}

pub(crate) fn permission_group(c: &Reader, id: &str) -> Res<Option<PermissionGroup>> {
    let found: Option<(String, String)> = c.conn().row(
        "SELECT id, description FROM permission_groups WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match found {
        Some((id, description)) => Ok(Some(PermissionGroup {
            operations: operations(c, &id)?,
            id,
            description,
        })),
        None => Ok(None),
    }
}

pub(crate) fn permission_groups(c: &Reader) -> Res<Vec<PermissionGroup>> {
    let ids = c
        .conn()
        .texts("SELECT id FROM permission_groups ORDER BY id", &[])?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(g) = permission_group(c, &id)? {
            out.push(g);
        }
    }
    Ok(out)
}

/// Writes a group and its operations; operations dropped leave tombstones.
pub(crate) fn upsert_permission_group(tx: &WriteTx, g: &PermissionGroup) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO permission_groups (id, description, change_version) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET description = ?2, change_version = ?3",
        &[&g.id, &g.description, &tx.version()],
    )?;
    let existing = operations(tx, &g.id)?;
    for op in &existing {
        if !g.operations.contains(op) {
            tx.conn().exec(
                "DELETE FROM permission_group_operations WHERE group_id = ?1 AND operation = ?2",
                &[&g.id, op],
            )?;
        }
    }
    for op in &g.operations {
        if !existing.contains(op) {
            tx.conn().exec(
                "INSERT INTO permission_group_operations (group_id, operation, change_version)
                 VALUES (?1, ?2, ?3)",
                &[&g.id, op, &tx.version()],
            )?;
        }
    }
    Ok(())
}

pub(crate) fn delete_permission_group(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM permission_group_operations WHERE group_id = ?1",
        &[&id],
    )?;
    tx.conn()
        .exec("DELETE FROM permission_groups WHERE id = ?1", &[&id])?;
    Ok(())
}

pub(crate) fn workers_in_group(c: &Reader, group: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT personnel_number FROM workers WHERE permission_group = ?1 ORDER BY personnel_number",
        &[&group],
    )
}

// ---- workers ----

/// The columns [`worker_from`] reads, in its order.
const WORKER_COLUMNS: &str = "personnel_number, name, permission_group, layout";

fn worker_from(r: &super::sql::Row) -> Res<Worker> {
    Ok(Worker {
        personnel_number: r.get(0)?,
        name: r.get(1)?,
        employee_address_books: Vec::new(),
        permission_group: r.get(2)?,
        layout: r.get(3)?,
    })
}

fn worker_books(c: &Reader, w: &mut Worker) -> Res<()> {
    w.employee_address_books = c.conn().texts(
        "SELECT address_book FROM worker_address_books WHERE worker = ?1 ORDER BY position",
        &[&w.personnel_number],
    )?;
    Ok(())
}

pub(crate) fn worker(c: &Reader, id: &str) -> Res<Option<Worker>> {
    let found = c.conn().row(
        &format!("SELECT {WORKER_COLUMNS} FROM workers WHERE personnel_number = ?1"),
        &[&id],
        worker_from,
    )?;
    match found {
        Some(mut w) => {
            worker_books(c, &mut w)?;
            Ok(Some(w))
        }
        None => Ok(None),
    }
}

pub(crate) fn workers(c: &Reader) -> Res<Vec<Worker>> {
    let mut all = c.conn().rows(
        &format!("SELECT {WORKER_COLUMNS} FROM workers ORDER BY personnel_number"),
        &[],
        worker_from,
    )?;
    for w in &mut all {
        worker_books(c, w)?;
    }
    Ok(all)
}

pub(crate) fn upsert_worker(tx: &WriteTx, w: &Worker) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO workers (personnel_number, name, permission_group, layout, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (personnel_number) DO UPDATE SET name = ?2, permission_group = ?3,
             layout = ?4, change_version = ?5",
        &[
            &w.personnel_number,
            &w.name,
            &w.permission_group,
            &w.layout,
            &tx.version(),
        ],
    )?;
    let existing = tx.conn().texts(
        "SELECT address_book FROM worker_address_books WHERE worker = ?1",
        &[&w.personnel_number],
    )?;
    for old in &existing {
        if !w
            .employee_address_books
            .iter()
            .any(|b| b.eq_ignore_ascii_case(old))
        {
            tx.conn().exec(
                "DELETE FROM worker_address_books WHERE worker = ?1 AND address_book = ?2",
                &[&w.personnel_number, old],
            )?;
        }
    }
    for (i, b) in w.employee_address_books.iter().enumerate() {
        tx.conn().exec(
            "INSERT INTO worker_address_books (worker, address_book, position, change_version)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (worker, address_book) DO UPDATE SET position = ?3,
                 change_version = CASE WHEN worker_address_books.position = ?3
                                       THEN worker_address_books.change_version ELSE ?4 END",
            &[&w.personnel_number, b, &(i as i64), &tx.version()],
        )?;
    }
    Ok(())
}

pub(crate) fn delete_worker(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM worker_address_books WHERE worker = ?1", &[&id])?;
    tx.conn()
        .exec("DELETE FROM workers WHERE personnel_number = ?1", &[&id])?;
    Ok(())
}

pub(crate) fn workers_using_address_book(c: &Reader, book: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT worker FROM worker_address_books WHERE address_book = ?1 ORDER BY worker",
        &[&book],
    )
}
