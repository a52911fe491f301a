//! Completions that know the data: clap_complete's engine, switched on by `COMPLETE=<shell>`
//! (`source <(COMPLETE=bash hq)`, or what `hq completions SHELL` prints). The command tree is
//! the same; where a command takes the key of something that exists (a store, a worker, a
//! customer account, a legal entity, a feature, a job, an attribute group ...), the keys of the
//! data file are offered, read from `--data` (as typed on the line being completed) or
//! `HQ_DATA`, else `./hq.db`, opened read-only. No data file, or one this hq cannot read, offers
//! nothing: a completion never fails and never writes.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::db::{Db, Reader};
use crate::error::Result;
use crate::ops;

/// What a value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Stores,
    Workers,
    Customers,
    LegalEntities,
    Features,
    Jobs,
    AttributeGroups,
    Attributes,
    AttributeTypes,
    CustomerGroups,
    AddressBooks,
    ChannelDbs,
    ChannelDbGroups,
    NumberSequences,
    ActivityTypes,
    PermissionGroups,
    Layouts,
    Registers,
    Secrets,
}

/// What a noun's own key names (`hq store show NUMBER`).
fn of_noun(noun: &str) -> Option<Source> {
    Some(match noun {
        "store" => Source::Stores,
        "worker" => Source::Workers,
        "customer" => Source::Customers,
        "legal-entity" => Source::LegalEntities,
        "feature" => Source::Features,
        "job" => Source::Jobs,
        "attribute-group" => Source::AttributeGroups,
        "attribute" => Source::Attributes,
        "attribute-type" => Source::AttributeTypes,
        "customer-group" => Source::CustomerGroups,
        "address-book" => Source::AddressBooks,
        "channel-db" => Source::ChannelDbs,
        "channel-db-group" => Source::ChannelDbGroups,
        "numseq" => Source::NumberSequences,
        "activity-type" => Source::ActivityTypes,
        "permission-group" => Source::PermissionGroups,
        "layout" => Source::Layouts,
        "register" => Source::Registers,
        "secret" => Source::Secrets,
        _ => return None,
    })
}

/// What a flag names, wherever it is (`--store`, `--legal-entity` ...).
fn of_flag(long: &str) -> Option<Source> {
    Some(match long {
        "store" => Source::Stores,
        "worker" => Source::Workers,
        "default-customer" => Source::Customers,
        "legal-entity" => Source::LegalEntities,
        "group" | "customer-group" => Source::CustomerGroups,
        "address-book"
        | "customer-address-book"
        | "employee-address-book"
        | "add-address-book"
        | "remove-address-book" => Source::AddressBooks,
        "channel-db" => Source::ChannelDbs,
        "permission-group" => Source::PermissionGroups,
        "layout" | "screen-layout" => Source::Layouts,
        "register" => Source::Registers,
        "customer-attribute-group" | "client-book-attribute-group" => Source::AttributeGroups,
        "feature" => Source::Features,
        _ => return None,
    })
}

/// Positionals that are not the noun's key though they sit under it (`customer address add
/// ACCOUNT` is, `feature schedule FEATURE` is, `clientbook ... ACCOUNTS` are customers).
fn of_positional(noun: &str, path: &[String], id: &str) -> Option<Source> {
    match (noun, id) {
        // A new one's key (`hq store add NUMBER`, `keyvault secret add NAME`) is not completed.
        _ if path.last().is_some_and(|v| v == "add")
            && matches!(id, "id" | "number" | "personnel_number" | "name" | "code") =>
        {
            None
        }
        (_, "account" | "accounts") => Some(Source::Customers),
        ("attribute-group", "group") => Some(Source::AttributeGroups),
        ("attribute-group", "attribute") => Some(Source::Attributes),
        ("layout", "layout") => Some(Source::Layouts),
        ("job", "jobs" | "job") => Some(Source::Jobs),
        (_, "id" | "number" | "personnel_number" | "name" | "code" | "feature" | "features") => {
            of_noun(noun)
        }
        _ => None,
    }
}

/// The command tree `tree` with the completers attached (used only when completing).
pub(crate) fn attach_all(tree: clap::Command) -> clap::Command {
    attach(tree, &[])
}

/// Attaches completers under `path` (the subcommand names down to `cmd`): a positional by the
/// top-level noun (`keyvault secret` for secrets) and the verb, a flag by its name.
fn attach(cmd: clap::Command, path: &[String]) -> clap::Command {
    let noun = match path {
        [k, s, ..] if k == "keyvault" && s == "secret" => "secret",
        [first, ..] => first.as_str(),
        [] => "",
    };
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let positionals: Vec<(String, Source)> = if path.is_empty() {
        Vec::new()
    } else {
        cmd.get_positionals()
            .filter_map(|a| {
                let id = a.get_id().as_str();
                of_positional(noun, path, id).map(|s| (id.to_string(), s))
            })
            .collect()
    };
    let mut cmd = attach_flags(cmd);
    if !positionals.is_empty() {
        // In place: `mut_arg` would move a positional to the end, changing its index.
        cmd =
            cmd.mut_args(
                |a| match positionals.iter().find(|(id, _)| a.get_id().as_str() == id) {
                    Some((_, source)) => a.add(completer(*source)),
                    None => a,
                },
            );
    }
    for name in subs {
        let mut inner = path.to_vec();
        inner.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |c| attach(c, &inner));
    }
    cmd
}

fn attach_flags(cmd: clap::Command) -> clap::Command {
    let flags: Vec<(String, Source)> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional())
        .filter_map(|a| {
            let long = a.get_long()?;
            of_flag(long).map(|s| (a.get_id().as_str().to_string(), s))
        })
        .collect();
    if flags.is_empty() {
        return cmd;
    }
    cmd.mut_args(
        |a| match flags.iter().find(|(id, _)| a.get_id().as_str() == id) {
            Some((_, source)) => a.add(completer(*source)),
            None => a,
        },
    )
}

fn completer(source: Source) -> ArgValueCompleter {
    ArgValueCompleter::new(move |current: &OsStr| candidates(source, current))
}

/// The data file (or database URL) the line being completed names: `--data PATH` or
/// `--data=PATH` on it, else `HQ_DATA`, else `./hq.db`.
fn data_path() -> PathBuf {
    let words: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let line = words
        .iter()
        .position(|w| w == "--")
        .map_or(&words[..], |i| &words[i + 1..]);
    for (i, w) in line.iter().enumerate() {
        if let Some(p) = w.strip_prefix("--data=") {
            return PathBuf::from(p);
        }
        if w == "--data"
            && let Some(p) = line.get(i + 1)
        {
            return PathBuf::from(p);
        }
    }
    std::env::var_os("HQ_DATA")
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("hq.db"), PathBuf::from)
}

fn candidates(source: Source, current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy().to_lowercase();
    let path = data_path();
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    let wait = std::time::Duration::from_millis(200);
    // A file is opened to read only (and only when it is there); a database is opened as
    // any command opens it. Nothing is offered when either fails.
    let opened = match crate::db::location::Location::parse(
        &path.to_string_lossy(),
        &|name| std::env::var(name).ok(),
        home,
    ) {
        Ok(crate::db::location::Location::File(path)) if path.exists() => {
            Db::open_read_only(&path, wait)
        }
        Ok(at @ crate::db::location::Location::Server(_)) => Db::open_at(&at, wait, &mut |_, _| {}),
        _ => return Vec::new(),
    };
    let Ok(db) = opened else {
        return Vec::new();
    };
    let pairs = keys(db.read(), source, &current).unwrap_or_default();
    pairs
        .into_iter()
        .filter(|(k, _)| k.to_lowercase().starts_with(&current))
        .map(|(k, help)| {
            let c = CompletionCandidate::new(k);
            if help.is_empty() {
                c
            } else {
                c.help(Some(help.into()))
            }
        })
        .collect()
}

/// The keys of what `source` names, with what people see beside them.
fn keys(c: &Reader, source: Source, current: &str) -> Result<Vec<(String, String)>> {
    Ok(match source {
        Source::Stores => ops::store::list(c, None)?
            .into_iter()
            .map(|s| (s.number, s.name))
            .collect(),
        Source::Workers => ops::staff::workers(c)?
            .into_iter()
            .map(|w| (w.personnel_number, w.name))
            .collect(),
        // By account prefix: a page, not the whole file.
        Source::Customers => {
            let (page, _) = ops::customer::list(
                c,
                ops::customer::ListInput {
                    search: (!current.is_empty()).then(|| current.to_string()),
                    limit: 100,
                    ..Default::default()
                },
            )?;
            page.into_iter()
                .map(|cu| {
                    let name = cu.display_name();
                    (cu.account, name)
                })
                .collect()
        }
        Source::LegalEntities => ops::legal_entity::list(c)?
            .into_iter()
            .map(|l| (l.id, l.name))
            .collect(),
        Source::Features => {
            ops::feature::list(c, chrono::Utc::now(), None, ops::feature::Filter::All)?
                .into_iter()
                .map(|f| {
                    let state = if f.enabled { "on" } else { "off" };
                    (f.key.to_string(), format!("{} ({state})", f.name))
                })
                .collect()
        }
        Source::Jobs => crate::domain::distribution::JOBS
            .iter()
            .map(|j| (j.number.to_string(), j.name.to_string()))
            .collect(),
        Source::AttributeGroups => ops::attribute::groups(c)?
            .into_iter()
            .map(|g| (g.name, g.description))
            .collect(),
        Source::Attributes => ops::attribute::list(c)?
            .into_iter()
            .map(|a| (a.name, a.friendly_name.unwrap_or_default()))
            .collect(),
        Source::AttributeTypes => ops::attribute::types(c)?
            .into_iter()
            .map(|t| (t.name, t.kind.as_str().to_string()))
            .collect(),
        Source::CustomerGroups => ops::customer::groups(c)?
            .into_iter()
            .map(|g| (g.id, format!("{} ({})", g.description, g.legal_entity)))
            .collect(),
        Source::AddressBooks => ops::address_book::list(c, None)?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect(),
        Source::ChannelDbs => ops::channel_db::dbs(c, None)?
            .into_iter()
            .map(|d| (d.id, d.description))
            .collect(),
        Source::ChannelDbGroups => ops::channel_db::groups(c)?
            .into_iter()
            .map(|g| (g.id, g.description))
            .collect(),
        Source::NumberSequences => ops::numseq::list(c)?
            .into_iter()
            .map(|s| (s.sequence.code, s.sequence.name))
            .collect(),
        Source::ActivityTypes => ops::staff::activity_types(c)?
            .into_iter()
            .map(|t| (t.id, t.description))
            .collect(),
        Source::PermissionGroups => ops::staff::permission_groups(c)?
            .into_iter()
            .map(|g| (g.id, g.description))
            .collect(),
        Source::Layouts => ops::layout::list(c)?
            .into_iter()
            .map(|l| (l.id, l.name))
            .collect(),
        Source::Registers => ops::layout::registers(c, None)?
            .into_iter()
            .map(|r| (r.id, r.store))
            .collect(),
        Source::Secrets => ops::params::keyvault(c)?
            .secrets
            .into_iter()
            .map(|s| (s.name, String::new()))
            .collect(),
    })
}
