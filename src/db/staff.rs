//! SQL for activity types, POS permission groups and workers.

use super::Reader;
use rusqlite::{OptionalExtension, Row, params};

use super::WriteTx;
use crate::domain::staff::{ActivityType, PermissionGroup, Worker};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

type R<T> = rusqlite::Result<T>;

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
    tx.sql()
        .execute("DELETE FROM activity_types WHERE id = ?1", [id])?;
    Ok(())
}

// ---- permission groups ----

fn operations(c: &Reader, group: &str) -> R<Vec<u32>> {
    let mut st = c.sql().prepare_cached(
        "SELECT operation FROM permission_group_operations WHERE group_id = ?1 ORDER BY operation",
    )?;
    st.query_map([group], |r| r.get(0))?.collect()
}

pub(crate) fn permission_group(c: &Reader, id: &str) -> Res<Option<PermissionGroup>> {
    let found: Option<(String, String)> = c
        .sql()
        .query_row(
            "SELECT id, description FROM permission_groups WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
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
    let ids: Vec<String> = {
        let mut st = c
            .sql()
            .prepare("SELECT id FROM permission_groups ORDER BY id")?;
        st.query_map([], |r| r.get(0))?.collect::<R<_>>()?
    };
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
    tx.sql().execute(
        "INSERT INTO permission_groups (id, description, change_version) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET description = ?2, change_version = ?3",
        params![g.id, g.description, tx.version()],
    )?;
    let existing = operations(tx, &g.id)?;
    for op in &existing {
        if !g.operations.contains(op) {
            tx.sql().execute(
                "DELETE FROM permission_group_operations WHERE group_id = ?1 AND operation = ?2",
                params![g.id, op],
            )?;
        }
    }
    for op in &g.operations {
        if !existing.contains(op) {
            tx.sql().execute(
                "INSERT INTO permission_group_operations (group_id, operation, change_version)
                 VALUES (?1, ?2, ?3)",
                params![g.id, op, tx.version()],
            )?;
        }
    }
    Ok(())
}

pub(crate) fn delete_permission_group(tx: &WriteTx, id: &str) -> Res<()> {
    tx.sql().execute(
        "DELETE FROM permission_group_operations WHERE group_id = ?1",
        [id],
    )?;
    tx.sql()
        .execute("DELETE FROM permission_groups WHERE id = ?1", [id])?;
    Ok(())
}

pub(crate) fn workers_in_group(c: &Reader, group: &str) -> Res<Vec<String>> {
    let mut st = c.sql().prepare(
        "SELECT personnel_number FROM workers WHERE permission_group = ?1 ORDER BY personnel_number",
    )?;
    st.query_map([group], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .map_err(Into::into)
}

// ---- workers ----

fn worker_from(r: &Row) -> R<Worker> {
    Ok(Worker {
        personnel_number: r.get("personnel_number")?,
        name: r.get("name")?,
        employee_address_books: Vec::new(),
        permission_group: r.get("permission_group")?,
        layout: r.get("layout")?,
    })
}

fn worker_books(c: &Reader, w: &mut Worker) -> R<()> {
    let mut st = c.sql().prepare_cached(
        "SELECT address_book FROM worker_address_books WHERE worker = ?1 ORDER BY position",
    )?;
    w.employee_address_books = st
        .query_map([&w.personnel_number], |r| r.get(0))?
        .collect::<R<_>>()?;
    Ok(())
}

pub(crate) fn worker(c: &Reader, id: &str) -> Res<Option<Worker>> {
    let found = c
        .sql()
        .query_row(
            "SELECT * FROM workers WHERE personnel_number = ?1",
            [id],
            worker_from,
        )
        .optional()?;
    match found {
        Some(mut w) => {
            worker_books(c, &mut w)?;
            Ok(Some(w))
        }
        None => Ok(None),
    }
}

pub(crate) fn workers(c: &Reader) -> Res<Vec<Worker>> {
    let mut st = c
        .sql()
        .prepare("SELECT * FROM workers ORDER BY personnel_number")?;
    let mut all: Vec<Worker> = st.query_map([], worker_from)?.collect::<R<_>>()?;
    for w in &mut all {
        worker_books(c, w)?;
    }
    Ok(all)
}

pub(crate) fn upsert_worker(tx: &WriteTx, w: &Worker) -> Res<()> {
    tx.sql().execute(
        "INSERT INTO workers (personnel_number, name, permission_group, layout, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (personnel_number) DO UPDATE SET name = ?2, permission_group = ?3,
             layout = ?4, change_version = ?5",
        params![
            w.personnel_number,
            w.name,
            w.permission_group,
            w.layout,
            tx.version()
        ],
    )?;
    let existing: Vec<String> = {
        let mut st = tx
            .sql()
            .prepare("SELECT address_book FROM worker_address_books WHERE worker = ?1")?;
        st.query_map([&w.personnel_number], |r| r.get(0))?
            .collect::<R<_>>()?
    };
    for old in &existing {
        if !w
            .employee_address_books
            .iter()
            .any(|b| b.eq_ignore_ascii_case(old))
        {
            tx.sql().execute(
                "DELETE FROM worker_address_books WHERE worker = ?1 AND address_book = ?2",
                params![w.personnel_number, old],
            )?;
        }
    }
    for (i, b) in w.employee_address_books.iter().enumerate() {
        tx.sql().execute(
            "INSERT INTO worker_address_books (worker, address_book, position, change_version)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (worker, address_book) DO UPDATE SET position = ?3,
                 change_version = CASE WHEN position = ?3 THEN change_version ELSE ?4 END",
            params![w.personnel_number, b, i as i64, tx.version()],
        )?;
    }
    Ok(())
}

pub(crate) fn delete_worker(tx: &WriteTx, id: &str) -> Res<()> {
    tx.sql()
        .execute("DELETE FROM worker_address_books WHERE worker = ?1", [id])?;
    tx.sql()
        .execute("DELETE FROM workers WHERE personnel_number = ?1", [id])?;
    Ok(())
}

pub(crate) fn workers_using_address_book(c: &Reader, book: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT worker FROM worker_address_books WHERE address_book = ?1 ORDER BY worker",
        &[&book],
    )
}
