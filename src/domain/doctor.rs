//! Readiness checks (`hq doctor`): each step done or missing, with the command that fixes it.

use serde::Serialize;

use super::fix::{Cmd, Hint};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CheckStatus {
    Done,
    Missing,
}

/// One step of a documented setup, for one subject (a legal entity, a store, a channel
/// database) or for the whole environment.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Check {
    /// A stable id for scripts (`feature`, `client_book_sequence`, ...).
    pub step: &'static str,
    /// What the step is, in the documentation's words.
    pub title: String,
    /// What it was checked for (`store HOUSTON`), if not the whole environment.
    pub subject: Option<String>,
    pub status: CheckStatus,
    /// What was found.
    pub detail: String,
    /// The commands that fix a missing step, in order (none when done).
    pub fix: Vec<Cmd>,
}

impl Check {
    pub(crate) fn done(
        step: &'static str,
        title: &str,
        subject: Option<String>,
        detail: String,
    ) -> Check {
        Check {
            step,
            title: title.to_string(),
            subject,
            status: CheckStatus::Done,
            detail,
            fix: Vec::new(),
        }
    }
    pub(crate) fn missing(
        step: &'static str,
        title: &str,
        subject: Option<String>,
        detail: String,
        fix: Vec<Cmd>,
    ) -> Check {
        Check {
            step,
            title: title.to_string(),
            subject,
            status: CheckStatus::Missing,
            detail,
            fix,
        }
    }
}

/// A readiness report: ready when no step is missing. Warnings do not make it unready.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    pub ready: bool,
    pub checks: Vec<Check>,
    pub warnings: Vec<Hint>,
}

impl Report {
    pub(crate) fn new(checks: Vec<Check>, warnings: Vec<Hint>) -> Report {
        Report {
            ready: checks.iter().all(|c| c.status == CheckStatus::Done),
            checks,
            warnings,
        }
    }
    pub(crate) fn missing(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.status == CheckStatus::Missing)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_when_nothing_is_missing() {
        let done = Check::done("a", "A", None, String::new());
        assert!(Report::new(vec![done.clone()], vec!["w".into()]).ready);
        let missing = Check::missing("b", "B", None, String::new(), vec![Cmd::new("x")]);
        let r = Report::new(vec![done, missing], vec![]);
        assert!(!r.ready);
        assert_eq!(r.missing(), 1);
    }
}
