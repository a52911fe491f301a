//! `hq plan FILE`: what `hq apply` would do to make the data file match an environment file,
//! in the order it would do it (dependencies first), not the file's.

use crate::db::Reader;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::diff::Split;
use super::steps::{Chained, Named, Steps};
use crate::domain::envdiff::{DiffAction, Difference};
use crate::error::Result;

/// The steps, in the order apply carries them out: [`Plan::changes`], then with --prune
/// [`Plan::customer_removals`] and [`Plan::removals`]. The customers' lists may be long: they
/// are [`Steps`], read back from a temporary file past the first few thousand.
#[derive(Debug)]
pub(crate) struct Plan {
    pub file: String,
    /// Creations and changes in dependency order (the customers' last, in account order).
    pub changes: Steps,
    /// Customers the file does not declare, in account order: the first removals with
    /// --prune, else kept.
    pub customer_removals: Steps,
    /// What else the file does not declare (a few), in reverse dependency order.
    pub removals: Steps,
    pub prune: bool,
    /// How many customers `changes` creates.
    pub customer_creates: u64,
}

impl Plan {
    /// What apply does, in its order (`steps` in `--json`).
    pub(crate) fn steps(&self) -> Chained<'_> {
        Chained(if self.prune {
            vec![&self.changes, &self.customer_removals, &self.removals]
        } else {
            vec![&self.changes]
        })
    }

    /// How many steps.
    pub(crate) fn len(&self) -> usize {
        self.changes.len() + if self.prune { self.removal_count() } else { 0 }
    }

    /// How many things the file does not declare (removed with --prune, else kept).
    pub(crate) fn removal_count(&self) -> usize {
        self.customer_removals.len() + self.removals.len()
    }

    /// Removals left out because --prune was not given.
    pub(crate) fn not_pruned(&self) -> usize {
        if self.prune { 0 } else { self.removal_count() }
    }

    /// What the file does not declare and is kept (`customers 100006`): none with --prune.
    pub(crate) fn kept(&self) -> Named<'_> {
        Named(if self.prune {
            Vec::new()
        } else {
            vec![&self.customer_removals, &self.removals]
        })
    }

    /// The first `n` of what the file does not declare, named, and how many there are.
    pub(crate) fn first_removals(&self, n: usize) -> Result<(Vec<String>, usize)> {
        let names = self
            .customer_removals
            .iter()
            .chain(self.removals.iter())
            .take(n)
            .map(|d| d.map(|d| super::steps::name(&d)))
            .collect::<Result<_>>()?;
        Ok((names, self.removal_count()))
    }
}

impl Serialize for Plan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            file: &'a str,
            steps: Chained<'a>,
            not_pruned: usize,
            kept: Named<'a>,
        }
        Shown {
            file: &self.file,
            steps: self.steps(),
            not_pruned: self.not_pruned(),
            kept: self.kept(),
        }
        .serialize(s)
    }
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
    let split = super::diff::split(c, &mut current, &mut desired, &want)?;
    Ok(steps(path, split, prune))
}

/// The plan that carries out the differences from the data file to the file.
pub(crate) fn steps(path: &std::path::Path, split: Split, prune: bool) -> Plan {
    let (mut removals, mut changes): (Vec<Difference>, Vec<Difference>) = split
        .sections
        .into_iter()
        .partition(|d| d.action == DiffAction::Remove);
    // Stable sorts: within a kind, the diff's order (by the file's order) stays.
    // Section's order is the dependency order; the customers come last, and go first.
    changes.sort_by_key(|d| d.kind);
    removals.sort_by_key(|d| std::cmp::Reverse(d.kind));
    let mut all_changes = Steps::held(changes);
    all_changes.extend(split.customers);
    Plan {
        file: path.display().to_string(),
        changes: all_changes,
        customer_removals: split.customer_removals,
        removals: Steps::held(removals),
        prune,
        customer_creates: split.customer_creates,
    }
}
