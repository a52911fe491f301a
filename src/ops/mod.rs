//! The use cases. Each opens one transaction, loads what it needs, applies the domain's rules,
//! saves, and writes its audit entry inside the same transaction. This is the only layer that
//! joins the domain and the data file; it prints nothing and prompts for nothing.

pub(crate) mod address_book;
pub(crate) mod attribute;
pub(crate) mod audit;
pub(crate) mod channel_db;
pub(crate) mod clienteling;
pub(crate) mod copy;
pub(crate) mod customer;
pub(crate) mod doctor;
pub(crate) mod feature;
pub(crate) mod init;
pub(crate) mod layout;
pub(crate) mod legal_entity;
pub(crate) mod load;
pub(crate) mod numseq;
pub(crate) mod params;
pub(crate) mod record;
pub(crate) mod seed;
pub(crate) mod staff;
pub(crate) mod status;
pub(crate) mod store;
pub(crate) mod store_access;
pub(crate) mod upgrade;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::db::{Db, WriteTx, audit as audit_db};
use crate::domain::refuse;
use crate::domain::{Change, Cmd};
use crate::error::{HqError, Result};

/// Who is acting, when, and with what command line: what every audit entry records.
#[derive(Debug, Clone)]
pub(crate) struct OpEnv {
    pub now: DateTime<Utc>,
    pub actor: String,
    pub command_line: String,
}

impl OpEnv {
    pub(crate) fn now_text(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

/// Whether a change is written or only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Mode {
    #[default]
    Commit,
    /// Run the very same path, then roll back.
    DryRun,
}

/// What a mutating use case did (or, in a dry run, would do).
#[derive(Debug)]
pub(crate) struct Applied<T> {
    pub value: T,
    pub changes: Vec<Change>,
    pub mode: Mode,
    /// Things the administrator should know (printed as warnings, never part of the JSON).
    pub warnings: Vec<crate::domain::Hint>,
}

impl<T> Applied<T> {
    /// The same outcome, of another value.
    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> U) -> Applied<U> {
        Applied {
            value: f(self.value),
            changes: self.changes,
            mode: self.mode,
            warnings: self.warnings,
        }
    }
}

/// Rows a paged list left out after its page: counted up to [`More::CAP`] (`at_least` when
/// there may be more than that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct More {
    pub count: u64,
    pub at_least: bool,
    /// The `--offset` that shows the next page; none for a list without one (`log`), where a
    /// larger `--limit` shows more.
    pub next_offset: Option<u64>,
}

impl More {
    /// How far past a page the rows are counted: enough to say "at least 1000 more", few
    /// enough that counting past a searched page stays a few milliseconds (a search counts
    /// its matches one by one).
    pub(crate) const CAP: u32 = 1_000;

    /// From a count of the rows after the page, capped at [`More::CAP`]; none when there are
    /// none.
    pub(crate) fn after(counted: u64, next_offset: Option<u64>) -> Option<More> {
        (counted > 0).then_some(More {
            count: counted,
            at_least: counted >= u64::from(More::CAP),
            next_offset,
        })
    }
}

/// What a long run reports as it goes (the face draws it): how far, out of how much, and the
/// phase it is in when that is not counting (building indexes, committing).
#[derive(Debug, Clone)]
pub(crate) enum Tick {
    Done(u64),
    Total(u64),
    Phase(String),
}

/// Runs `f` in one write transaction. If it reports changes, an audit entry with them is
/// written in the same transaction. A dry run rolls everything back; so does any error.
pub(crate) fn mutate<T>(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    f: impl FnOnce(&WriteTx) -> Result<(T, Vec<Change>)>,
) -> Result<Applied<T>> {
    let tx = db.write()?;
    let (value, changes) = f(&tx)?;
    if !changes.is_empty() {
        let summary = crate::domain::change::summarize(&changes);
        // As text straight away: a bulk change lists many records, and a JSON tree of them
        // would hold several times the memory.
        let json = serde_json::to_string(&changes).map_err(|e| HqError::internal(e.into()))?;
        audit_db::insert(
            &tx,
            &env.now_text(),
            &env.actor,
            &env.command_line,
            &summary,
            &json,
        )?;
    }
    match mode {
        Mode::Commit if !changes.is_empty() => tx.commit()?,
        // Nothing changed, or a dry run: leave the file exactly as it was.
        _ => drop(tx),
    }
    Ok(Applied {
        value,
        changes,
        mode,
        warnings: Vec::new(),
    })
}

/// The change from `old` to `new` (none when they are equal), saved with `save` only when
/// something differs: what every `set` does.
pub(crate) fn save_changed<T: serde::Serialize>(
    entity: &'static str,
    key: &str,
    old: &T,
    new: &T,
    save: impl FnOnce() -> Result<()>,
) -> Result<Vec<Change>> {
    let changes: Vec<Change> = Change::update(entity, key, old, new).into_iter().collect();
    if !changes.is_empty() {
        save()?;
    }
    Ok(changes)
}

/// The domain's refusal for something named that does not exist
/// ([`crate::domain::refuse::not_found_in_list`]), as an error.
pub(crate) fn not_found(noun: &str, field: &str, value: &str, known: &[String]) -> HqError {
    refuse::not_found_in_list(noun, field, value, known).into()
}

/// [`not_found`] for something listed by another command than `hq NOUN list`.
pub(crate) fn not_found_listed(
    noun: &str,
    field: &str,
    value: &str,
    known: &[String],
    list: Cmd,
) -> HqError {
    refuse::not_found(noun, field, value, known, list).into()
}

/// The domain's refusal for removing what is still used ([`crate::domain::refuse::in_use`]).
pub(crate) fn in_use(noun: &str, id: &str, users: &[(&str, Vec<String>)]) -> Option<HqError> {
    refuse::in_use(noun, id, users).map(HqError::from)
}
