//! `hq plan FILE`: what `hq apply` would do to make the data file match an environment file,
//! in the order it would do it (dependencies first), not the file's.

use crate::db::Reader;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::envdiff::{DiffAction, Difference};
use crate::error::Result;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Plan {
    pub file: String,
    /// Creations and changes in dependency order, then (with --prune) removals in reverse.
    pub steps: Vec<Difference>,
    /// Removals left out because --prune was not given.
    pub not_pruned: usize,
    /// What those are: in the data file, not declared in the file, and kept (`customers 100006`).
    pub kept: Vec<String>,
}

pub(crate) fn plan(
    c: &Reader,
    now: DateTime<Utc>,
    path: &std::path::Path,
    prune: bool,
) -> Result<Plan> {
    let (mut desired, src, want) = super::read_split(path)?;
    let mut current = super::diff::current(c, now, &mut desired, &src)?;
    super::apply::older_version(&current, &desired)
        .map_err(|e| super::diff::locate(e, src.place("version", None, None, None)))?;
    let all = super::diff::all(c, &mut current, &mut desired, &want)?;
    Ok(steps(path, all, prune))
}

/// The plan that carries out `all` (the differences from the data file to the file).
pub(crate) fn steps(path: &std::path::Path, all: Vec<Difference>, prune: bool) -> Plan {
    let (mut removals, mut steps): (Vec<Difference>, Vec<Difference>) = all
        .into_iter()
        .partition(|d| d.action == DiffAction::Remove);
    // Stable sorts: within a kind, the diff's order (by the file's order) stays.
    // Section's order is the dependency order.
    steps.sort_by_key(|d| d.kind);
    removals.sort_by_key(|d| std::cmp::Reverse(d.kind));
    let not_pruned = if prune { 0 } else { removals.len() };
    let mut kept = Vec::new();
    if prune {
        steps.extend(removals);
    } else {
        kept = removals
            .iter()
            .map(|d| format!("{} {}", d.kind, d.key).trim_end().to_string())
            .collect();
    }
    Plan {
        file: path.display().to_string(),
        steps,
        not_pruned,
        kept,
    }
}
