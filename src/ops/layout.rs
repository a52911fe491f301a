//! Screen layouts and their buttons, layout assignment, the effective layout, and registers
//! (DOMAIN.md 8).

use crate::db::Reader;
use serde::Serialize;

pub(crate) use super::load::layout as get;
use super::record::Kept;
use super::{Applied, Mode, OpEnv, in_use, mutate, save_changed, store};
use crate::db::{Db, WriteTx, layout as db, org, staff as staff_db};
use crate::domain::layout::{
    self as rules, Button, DEFAULT_GRID, LayoutSource, Register, ScreenLayout,
};
use crate::domain::record::Draft;
use crate::domain::{Change, Cmd, Hint, pos, validate};
use crate::error::Result;

pub(crate) fn list(c: &Reader) -> Result<Vec<ScreenLayout>> {
    db::layouts(c)
}

impl Kept for ScreenLayout {
    const NOUN: &'static str = "layout";
    const WHAT: &'static str = "screen layout";
    const CHANGE: &'static str = "screen_layout";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::layout(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::layouts(c)?.into_iter().map(|l| l.id).collect())
    }
    /// The layout itself; its buttons are changed by their own commands.
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_layout(tx, &r.id, &r.name)
    }
}

pub(crate) fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<ScreenLayout>> {
    mutate(db_, env, mode, |tx| {
        let l = get(tx, "ID", id)?;
        let (stores, registers, workers) = db::users_of_layout(tx, &l.id)?;
        let users = [
            ("stores", stores),
            ("registers", registers),
            ("workers", workers),
        ];
        if let Some(err) = in_use("layout", &l.id, &users) {
            return Err(err.hinted(Hint::to(
                "unassign it with",
                Cmd::new("layout unassign")
                    .set_ph("store", "S |")
                    .set_ph("register", "R |")
                    .set_ph("worker", "W"),
            )));
        }
        db::delete_layout(tx, &l.id)?;
        let change = Change::delete("screen_layout", &l.id, &l);
        Ok((l, vec![change]))
    })
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ButtonSpec {
    pub operation: u32,
    pub text: Option<String>,
    pub grid: Option<String>,
    pub row: Option<u32>,
    pub column: Option<u32>,
}

pub(crate) fn add_button(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    layout: &str,
    spec: ButtonSpec,
) -> Result<Applied<Button>> {
    let op = super::load::operations(&[spec.operation])?[0];
    rules::check_button_operation(op)?;
    let grid = validate::id("grid", spec.grid.as_deref().unwrap_or(DEFAULT_GRID))?;
    let text = match &spec.text {
        Some(t) => validate::name("text", t)?,
        None => op.name.to_string(),
    };
    mutate(db_, env, mode, |tx| {
        let l = get(tx, "LAYOUT", layout)?;
        let (row, column) = rules::place_button(&l, &grid, spec.row, spec.column)?;
        let b = Button {
            grid: grid.clone(),
            row,
            column,
            operation: op.id,
            text: text.clone(),
        };
        db::insert_button(tx, &l.id, &b)?;
        let key = format!("{}/{}/{}/{}", l.id, b.grid, b.row, b.column);
        let change = Change::create("layout_button", &key, &b);
        Ok((b, vec![change]))
    })
}

/// Removes the buttons of an operation, or the button at a position.
pub(crate) fn remove_buttons(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    layout: &str,
    operation: Option<u32>,
    at: Option<(String, u32, u32)>,
) -> Result<Applied<Vec<Button>>> {
    mutate(db_, env, mode, |tx| {
        let l = get(tx, "LAYOUT", layout)?;
        let gone: Vec<Button> = l
            .buttons
            .iter()
            .filter(|b| {
                operation.is_none_or(|op| b.operation == op)
                    && at.as_ref().is_none_or(|(g, r, c)| {
                        b.grid.eq_ignore_ascii_case(g) && b.row == *r && b.column == *c
                    })
            })
            .cloned()
            .collect();
        if gone.is_empty() {
            return Err(rules::no_such_button(&l.id).into());
        }
        let mut changes = Vec::new();
        for b in &gone {
            db::delete_button(tx, &l.id, b)?;
            changes.push(Change::delete(
                "layout_button",
                &format!("{}/{}/{}/{}", l.id, b.grid, b.row, b.column),
                b,
            ));
        }
        Ok((gone, changes))
    })
}

/// What a layout is assigned to.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Store(String),
    Register(String),
    Worker(String),
}

#[derive(Debug, Serialize)]
pub(crate) struct Assignment {
    pub layout: Option<String>,
    pub target: &'static str,
    pub id: String,
}

/// Assigns a layout (or, with `None`, removes the assignment).
pub(crate) fn assign(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    layout: Option<&str>,
    target: Target,
) -> Result<Applied<Assignment>> {
    mutate(db_, env, mode, |tx| {
        let l = layout
            .map(|l| get(tx, "LAYOUT", l))
            .transpose()?
            .map(|l| l.id);
        let (kind, id, changes) = match &target {
            Target::Store(s) => {
                let old = store::get(tx, "store", s)?;
                let new = crate::domain::org::Store {
                    screen_layout: l.clone(),
                    ..old.clone()
                };
                let ch = save_changed("store", &old.number, &old, &new, || {
                    org::upsert_store(tx, &new)
                })?;
                ("store", old.number, ch)
            }
            Target::Register(r) => {
                let old = get_register(tx, "register", r)?;
                let new = Register {
                    layout: l.clone(),
                    ..old.clone()
                };
                let ch = save_changed("register", &old.id, &old, &new, || {
                    db::upsert_register(tx, &new)
                })?;
                ("register", old.id, ch)
            }
            Target::Worker(w) => {
                let old = super::load::worker(tx, "worker", w)?;
                let new = crate::domain::staff::Worker {
                    layout: l.clone(),
                    ..old.clone()
                };
                let ch = save_changed("worker", &old.personnel_number, &old, &new, || {
                    staff_db::upsert_worker(tx, &new)
                })?;
                ("worker", old.personnel_number, ch)
            }
        };
        Ok((
            Assignment {
                layout: l,
                target: kind,
                id,
            },
            changes,
        ))
    })
}

/// Which layout applies at a store (for a register and a worker), and why.
#[derive(Debug, Serialize)]
pub(crate) struct Effective {
    pub store: String,
    pub register: Option<String>,
    pub worker: Option<String>,
    pub layout: Option<String>,
    pub source: Option<LayoutSource>,
    pub store_layout: Option<String>,
    pub register_layout: Option<String>,
    pub worker_layout: Option<String>,
}

pub(crate) fn effective(
    c: &Reader,
    store_no: &str,
    register: Option<&str>,
    worker: Option<&str>,
) -> Result<Effective> {
    let s = store::get(c, "store", store_no)?;
    let r = register
        .map(|r| get_register(c, "register", r))
        .transpose()?;
    let w = worker
        .map(|w| super::load::worker(c, "worker", w))
        .transpose()?;
    rules::check_at_store(&s, r.as_ref(), w.as_ref())?;
    let wl = w.as_ref().and_then(|w| w.layout.clone());
    let rl = r.as_ref().and_then(|r| r.layout.clone());
    let found = rules::effective(wl.as_deref(), rl.as_deref(), s.screen_layout.as_deref());
    Ok(Effective {
        store: s.number,
        register: r.map(|r| r.id),
        worker: w.map(|w| w.personnel_number),
        layout: found.as_ref().map(|(l, _)| l.clone()),
        source: found.map(|(_, s)| s),
        store_layout: s.screen_layout,
        register_layout: rl,
        worker_layout: wl,
    })
}

// ---- registers ----

pub(crate) fn get_register(c: &Reader, field: &str, id: &str) -> Result<Register> {
    super::record::get(c, field, id)
}

impl Kept for Register {
    const NOUN: &'static str = "register";
    const WHAT: &'static str = "register";
    const CHANGE: &'static str = "register";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::register(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::registers(c, None)?.into_iter().map(|r| r.id).collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_register(tx, r)
    }
    /// Its store and layout exist, kept as spelled there.
    fn settle(c: &Reader, new: &mut Self, _: Option<&Self>, _: &Draft<Self>) -> Result<()> {
        new.store = store::get(c, "store", &new.store)?.number;
        if let Some(l) = &new.layout {
            new.layout = Some(get(c, "layout", l)?.id);
        }
        Ok(())
    }
}

pub(crate) fn registers(c: &Reader, store_no: Option<&str>) -> Result<Vec<Register>> {
    let s = store_no.map(|s| store::get(c, "store", s)).transpose()?;
    db::registers(c, s.as_ref().map(|s| s.number.as_str()))
}

pub(crate) fn remove_register(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<Register>> {
    mutate(db_, env, mode, |tx| {
        let r = get_register(tx, "ID", id)?;
        db::delete_register(tx, &r.id)?;
        let change = Change::delete("register", &r.id, &r);
        Ok((r, vec![change]))
    })
}

/// The operation catalogue, optionally only user operations.
pub(crate) fn operations(user_only: bool) -> Vec<pos::Operation> {
    pos::OPERATIONS
        .iter()
        .copied()
        .filter(|o| !user_only || o.user_operation)
        .collect()
}
