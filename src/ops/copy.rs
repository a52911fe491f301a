//! `hq copy`: a whole environment from one data location to another (a data file or a
//! PostgreSQL database, either way), in one transaction on the target.

use std::time::Duration;

use super::{Mode, OpEnv, mutate};
use crate::db::copy::{self as copy_db, Copied};
use crate::db::location::Location;
use crate::db::{Created, Db, status as meta};
use crate::domain::Change;
use crate::error::Result;

/// What a copy did.
#[derive(Debug, serde::Serialize)]
pub(crate) struct CopyReport {
    pub from: String,
    pub to: String,
    /// The target held an environment, replaced.
    pub replaced: bool,
    pub dry_run: bool,
    pub rows: u64,
    pub tables: Vec<Copied>,
}

/// Copies the environment at `from` into `to`: a new data file, an empty database, or (with
/// `replace`) one that holds an environment, whose rows all go first. The target is written in
/// one transaction: a failure, or a dry run, leaves it as it was (a new file is not made).
/// `each` hears of each table copied.
pub(crate) fn copy(
    from: &Location,
    to: &Location,
    wait: Duration,
    env: &OpEnv,
    mode: Mode,
    replace: bool,
    each: &mut dyn FnMut(&Copied),
) -> Result<CopyReport> {
    let (shown_from, shown_to) = (from.to_string(), to.to_string());
    if same(from, to) {
        return Err(crate::domain::refuse::copy_onto_itself(&shown_to).into());
    }
    let source = Db::open_at(from, wait, &mut |_, _| {})?;
    let source_meta = meta::meta(source.read())?;
    let (mut target, created) = match Db::create_at(to, wait)? {
        Created::New(db) => (db, true),
        Created::Existing { .. } if !replace => {
            return Err(
                crate::domain::refuse::copy_target_not_empty(&shown_from, &shown_to).into(),
            );
        }
        Created::Existing { .. } => (Db::open_at(to, wait, &mut |_, _| {})?, false),
    };
    target.tune_for_bulk()?;
    let run = (|| -> Result<CopyReport> {
        if created {
            // The settings row a write takes its change version from; the copy replaces it.
            meta::insert_meta(
                target.read(),
                &source_meta.env_version,
                &source_meta.created_at,
            )?;
        }
        let applied = mutate(&mut target, env, mode, |tx| {
            copy_db::clear(tx)?;
            let tables = copy_db::copy(source.read(), tx, |c| each(c))?;
            let rows = tables.iter().map(|t| t.rows).sum();
            let report = CopyReport {
                from: shown_from.clone(),
                to: shown_to.clone(),
                replaced: !created,
                dry_run: mode == Mode::DryRun,
                rows,
                tables,
            };
            let change = Change::create(
                "environment_copy",
                &shown_from,
                &serde_json::json!({ "version": source_meta.env_version, "rows": rows }),
            );
            Ok((report, vec![change]))
        })?;
        Ok(applied.value)
    })();
    match (run, created, mode) {
        (Err(e), true, _) => {
            target.discard();
            Err(e)
        }
        (Err(e), false, _) => Err(e),
        (Ok(r), true, Mode::DryRun) => {
            target.discard();
            Ok(r)
        }
        (Ok(r), true, Mode::Commit) => match target.publish(wait)? {
            Some(_) => Ok(r),
            None => {
                Err(crate::domain::refuse::copy_target_not_empty(&shown_from, &shown_to).into())
            }
        },
        (Ok(r), false, _) => Ok(r),
    }
}

/// Whether two locations are one: the same file (however its path is written), or the same
/// database.
fn same(a: &Location, b: &Location) -> bool {
    match (a, b) {
        (Location::File(p), Location::File(q)) => {
            p == q
                || matches!(
                    (std::fs::canonicalize(p), std::fs::canonicalize(q)),
                    (Ok(x), Ok(y)) if x == y
                )
        }
        _ => a.to_string() == b.to_string(),
    }
}
