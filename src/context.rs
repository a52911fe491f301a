//! The one context a command runs in, made once from the global flags and the environment:
//! the data file's path, the UI, who is acting, and the clock.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use crate::db::location::Location;

use chrono::{DateTime, Utc};

use crate::cli::GlobalArgs;
use crate::db::Db;
use crate::error::{HqError, Result};
use crate::ops::OpEnv;
use crate::ui::{Ui, UiOptions};

pub(crate) struct Context {
    pub ui: Ui,
    /// The data file, or the PostgreSQL database (`--data postgres://...`).
    pub data: Location,
    pub wait: Duration,
    pub env: OpEnv,
}

impl Context {
    /// The context of a command run on the user's behalf (`doctor --fix`, `setup`): the same
    /// data file, actor and clock; its own command line in the audit log; its output as text
    /// (none under `--json`, whose one document is the caller's); never an equivalent command.
    pub(crate) fn inner(&self, words: &[String]) -> Context {
        let command_line = std::iter::once("hq".to_string())
            .chain(
                words
                    .iter()
                    .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned())),
            )
            .collect::<Vec<_>>()
            .join(" ");
        Context {
            ui: self.ui.inner(),
            data: self.data.clone(),
            wait: self.wait,
            env: OpEnv {
                command_line,
                ..self.env.clone()
            },
        }
    }

    pub(crate) fn new(g: &GlobalArgs, args: &[OsString]) -> Result<Context> {
        // A password in a `postgres://` URL is never kept: not in the audit log's command
        // line, not in what is printed back.
        let words: Vec<String> = args
            .iter()
            .skip(1)
            .map(|a| crate::db::location::without_password(&a.to_string_lossy()))
            .collect();
        let ci = truthy("CI");
        let ui = Ui::new(UiOptions {
            json: g.json,
            quiet: g.quiet,
            verbose: g.verbose,
            color: g.color,
            no_color_env: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            no_input: g.no_input || ci,
            yes: g.yes,
            wide: g.wide,
            no_headers: g.no_headers,
            mute: false,
            args: words.clone(),
        });
        let now = match std::env::var("HQ_NOW") {
            Ok(text) if !text.is_empty() => DateTime::parse_from_rfc3339(&text)
                .map_err(|e| {
                    HqError::usage(format!("invalid value {text:?} for HQ_NOW: {e}"))
                        .hinted("use an RFC 3339 time such as 2026-01-15T09:00:00Z")
                })?
                .with_timezone(&Utc),
            _ => Utc::now(),
        };
        if !(g.wait.is_finite() && g.wait >= 0.0) {
            return Err(HqError::usage(format!(
                "invalid value {} for --wait: give a number of seconds, 0 or more",
                g.wait
            )));
        }
        let actor = g
            .actor
            .clone()
            .filter(|a| !a.trim().is_empty())
            .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("LOGNAME").ok().filter(|u| !u.is_empty()))
            .or_else(|| std::env::var("USERNAME").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(os_account);
        // One line of plain text: a line break or an escape code would forge `hq log` lines.
        let actor = crate::domain::validate::text("--actor", &actor, 100).map_err(|e| {
            HqError::from(e).hinted("give --actor or HQ_ACTOR a plain name on one line")
        })?;
        let command_line = std::iter::once("hq".to_string())
            .chain(
                words
                    .iter()
                    .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned())),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let data = location(g.data.clone())?;
        // For locations kept in the data (a channel database on a server).
        crate::db::location::remember_environment(
            std::env::vars()
                .filter(|(k, _)| k.starts_with("PG"))
                .collect(),
            home(),
        );
        Ok(Context {
            ui,
            data,
            wait: Duration::from_secs_f64(g.wait),
            env: OpEnv {
                now,
                actor,
                command_line,
            },
        })
    }

    /// Opens the data file or the PostgreSQL database `--data` names (exit 7 when it is
    /// missing or holds no hq environment).
    pub(crate) fn open(&self) -> Result<Db> {
        Db::open_at(&self.data, self.wait, &mut |f, t| self.upgrading(f, t))
    }

    fn upgrading(&self, from: u32, to: u32) {
        if !self.ui.json() {
            self.ui.status(&format!(
                "Upgrading {} from schema {from} to {to} (once; a large file takes a while)",
                self.data
            ));
        }
    }
}

/// An environment variable set to something other than empty, `0` or `false`.
fn truthy(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "no" | "off"
        )
    })
}

/// The OS account name of the process's user id (`uid:N` when the account has no name), for
/// the audit log when `--actor`, `HQ_ACTOR`, `USER` and `LOGNAME` are all unset.
#[cfg(unix)]
fn os_account() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(u)) if !u.name.is_empty() => u.name,
        _ => format!("uid:{uid}"),
    }
}

#[cfg(not(unix))]
fn os_account() -> String {
    "unknown".to_string()
}

/// Where the environment is: `--data` or `HQ_DATA`, else `./hq.db`. A `postgres://` URL names
/// a PostgreSQL database ([`Location::parse`]); anything else is a file's path, never a SQLite
/// URI or name: `file:t.db` is the file of that name in the working folder, and `:memory:`
/// (which keeps nothing) and the empty path are refused (exit 2).
pub(crate) fn location(given: Option<PathBuf>) -> Result<Location> {
    let Some(p) = given else {
        return Ok(Location::File(PathBuf::from("hq.db")));
    };
    location_given(p, "--data")
}

/// [`location`] of a path or URL given with `flag` (`hq copy --from`, `--to`).
pub(crate) fn location_given(p: PathBuf, flag: &str) -> Result<Location> {
    let text = p.to_string_lossy();
    if text.trim().is_empty() {
        let err = HqError::usage(format!(
            "invalid value '' for {flag}: give the data file's path"
        ));
        return Err(if flag == "--data" {
            err.hinted("leave --data and HQ_DATA out to use ./hq.db")
        } else {
            err
        });
    }
    if text == ":memory:" {
        return Err(HqError::usage(format!(
            "invalid value ':memory:' for {flag}: hq keeps an environment in a file, and an in-memory database keeps nothing"
        ))
        .hinted("give a file's path (for a file named ':memory:', write ./:memory:)"));
    }
    match Location::parse(&text, &|name| std::env::var(name).ok(), home())? {
        // The path as given, even when it is not UTF-8.
        Location::File(_) => Ok(Location::File(p)),
        server => Ok(server),
    }
}

/// The user's home folder, for `~/.pgpass`.
fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}
