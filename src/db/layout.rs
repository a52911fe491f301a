//! SQL for screen layouts, their buttons, registers, and layout assignments.

use super::Reader;

use super::WriteTx;
use crate::domain::layout::{Button, Register, ScreenLayout};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

fn buttons(c: &Reader, layout: &str) -> Res<Vec<Button>> {
    c.conn().rows(
        "SELECT grid, row_number, column_number, operation, text FROM layout_buttons
         WHERE layout = ?1 ORDER BY grid, row_number, column_number",
        &[&layout],
        |r| {
            Ok(Button {
                grid: r.get(0)?,
                row: r.get::<i64>(1)? as u32,
                column: r.get::<i64>(2)? as u32,
                operation: r.get::<i64>(3)? as u32,
                text: r.get(4)?,
            })
        },
    )
}

pub(crate) fn layout(c: &Reader, id: &str) -> Res<Option<ScreenLayout>> {
    let found: Option<(String, String)> = c.conn().row(
        "SELECT id, name FROM screen_layouts WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match found {
        Some((id, name)) => Ok(Some(ScreenLayout {
            buttons: buttons(c, &id)?,
            id,
            name,
        })),
        None => Ok(None),
    }
}

pub(crate) fn layouts(c: &Reader) -> Res<Vec<ScreenLayout>> {
    let ids = c
        .conn()
        .texts("SELECT id FROM screen_layouts ORDER BY id", &[])?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(l) = layout(c, &id)? {
            out.push(l);
        }
    }
    Ok(out)
}

pub(crate) fn upsert_layout(tx: &WriteTx, id: &str, name: &str) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO screen_layouts (id, name, change_version) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET name = ?2, change_version = ?3",
        &[&id, &name, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_layout(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM layout_buttons WHERE layout = ?1", &[&id])?;
    tx.conn()
        .exec("DELETE FROM screen_layouts WHERE id = ?1", &[&id])?;
    Ok(())
}

pub(crate) fn insert_button(tx: &WriteTx, layout: &str, b: &Button) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO layout_buttons (layout, grid, row_number, column_number, operation, text, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[&layout, &b.grid, &b.row, &b.column, &b.operation, &b.text, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_button(tx: &WriteTx, layout: &str, b: &Button) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM layout_buttons WHERE layout = ?1 AND grid = ?2 AND row_number = ?3 AND column_number = ?4",
        &[&layout, &b.grid, &b.row, &b.column],
    )?;
    Ok(())
}

/// Who uses a layout: (stores, registers, workers).
pub(crate) fn users_of_layout(
    c: &Reader,
    id: &str,
) -> Res<(Vec<String>, Vec<String>, Vec<String>)> {
    let list = |sql: &str| c.conn().texts(sql, &[&id]);
    Ok((
        list("SELECT number FROM stores WHERE screen_layout = ?1 ORDER BY number")?,
        list("SELECT id FROM registers WHERE layout = ?1 ORDER BY id")?,
        list("SELECT personnel_number FROM workers WHERE layout = ?1 ORDER BY personnel_number")?,
    ))
}

// ---- registers ----

pub(crate) fn register(c: &Reader, id: &str) -> Res<Option<Register>> {
    super::record::find(c, "registers", id)
}

pub(crate) fn registers(c: &Reader, store: Option<&str>) -> Res<Vec<Register>> {
    let all: Vec<Register> = super::record::all(c, "registers")?;
    Ok(all
        .into_iter()
        .filter(|r| store.is_none_or(|s| r.store.eq_ignore_ascii_case(s)))
        .collect())
}

pub(crate) fn upsert_register(tx: &WriteTx, r: &Register) -> Res<()> {
    super::record::upsert(tx, "registers", r)
}

pub(crate) fn delete_register(tx: &WriteTx, id: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM registers WHERE id = ?1", &[&id])?;
    Ok(())
}
