use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::fix::count;
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::{Mode, clienteling, customer};

/// Remove customers (refused while a store names one as its default customer)
///
/// A customer's contacts, addresses, attribute values, client book membership, clienteling
/// activities, notes and Customer Insights measure values go with it. One account: when it
/// has any activities, notes, measure values or a client book, hq asks first at a terminal
/// and needs --yes without one. Several accounts, --group or --from remove them all in one
/// transaction (asked first at a terminal; --yes without one); the audit entry names every
/// account removed. With no account given, a terminal asks for one.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer remove 100002 --dry-run
  hq customer remove 100002 --yes
  hq customer remove 100002 100003 100004 --yes
  hq customer remove --group 99 --dry-run
  hq customer remove --group 99/USRT --yes
  hq customer list --group 99 --json | jq -r '.[].account' | hq customer remove --from - --yes")]
pub(crate) struct RemoveArgs {
    /// The customer accounts [at a terminal, none given: asked for]
    pub accounts: Vec<String>,
    /// Every customer of this customer group (ID, or ID/LEGAL_ENTITY when several legal
    /// entities have a group ID)
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Accounts from a file, one a line (`-`: standard input; blank lines, lines starting
    /// with # and a first line `account` are skipped)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let mut accounts = a.accounts;
    if let Some(path) = &a.from {
        accounts.extend(read_accounts(path)?);
    }
    if a.group.is_none() && a.from.is_none() && accounts.len() <= 1 {
        let account = match accounts.pop() {
            Some(account) => account,
            None if ctx.ui.interactive() => super::ask_account(ctx, db.read(), None)?,
            None => return Err(crate::domain::customer::nothing_to_remove().into()),
        };
        return remove_one(ctx, &mut db, &account, a.write.mode());
    }
    let sel = customer::Selection {
        accounts,
        group: a.group,
    };
    let mode = a.write.mode();
    let preview = customer::removal_preview(&mut db, &sel)?;
    if preview.customers == 0 {
        // Nothing selected: a group with no customers, or a file that names no account.
        let why = match &sel.group {
            Some(g) => format!("customer group {g} has no customers"),
            None => "no account was given".to_string(),
        };
        if ctx.ui.json() {
            ctx.ui.print_json(&Report {
                dry_run: mode == Mode::DryRun,
                removal: &customer::Removal {
                    group: sel.group.clone(),
                    counts: preview,
                    accounts: Vec::new(),
                },
            })?;
        }
        ctx.ui.status(&format!("Nothing to change: {why}."));
        return Ok(());
    }
    let with = taken_with(&preview);
    if mode == Mode::Commit
        && !ctx.ui.confirm(
            &format!("Remove {}{with}?", count(preview.customers, "customers")),
            &format!(
                "removing {}{with} needs confirmation",
                count(preview.customers, "customers")
            ),
        )?
    {
        ctx.ui.status("Not removed; nothing changed.");
        return Ok(());
    }
    let applied = customer::remove_many(&mut db, &ctx.env, mode, &sel)?;
    let r = &applied.value;
    if ctx.ui.json() {
        ctx.ui.print_json(&Report {
            dry_run: mode == Mode::DryRun,
            removal: r,
        })?;
    }
    let mut shown: Vec<&str> = r.accounts.iter().map(String::as_str).take(5).collect();
    if r.accounts.len() > shown.len() {
        shown.push("...");
    }
    let verb = if mode == Mode::DryRun {
        "Would remove"
    } else {
        "Removed"
    };
    ctx.ui.status(&format!(
        "{verb} {}{}: {}",
        count(r.counts.customers, "customers"),
        taken_with(&r.counts),
        shown.join(", ")
    ));
    if mode == Mode::DryRun {
        ctx.ui.status("Dry run: nothing was written.");
    }
    ctx.ui.print_equivalent_command();
    Ok(())
}

/// What `--json` prints for a removal of many.
#[derive(Serialize)]
struct Report<'a> {
    dry_run: bool,
    #[serde(flatten)]
    removal: &'a customer::Removal,
}

/// ` with 2 client book memberships and 3 activities`, or nothing when they have none.
fn taken_with(c: &crate::db::customer::RemovalCounts) -> String {
    let parts: Vec<String> = [
        (c.client_book_memberships, "client book memberships"),
        (c.activities, "activities"),
        (c.notes, "notes"),
        (c.measure_values, "measure values"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| count(n, what))
    .collect();
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => format!(" with {last}"),
        Some((last, rest)) => format!(" with {} and {last}", rest.join(", ")),
    }
}

/// One customer, its last values kept in the audit log.
fn remove_one(ctx: &Context, db: &mut crate::db::Db, account: &str, mode: Mode) -> Result<()> {
    let (activities, notes, measures) = clienteling::history(db.read(), account)?;
    let book = clienteling::book_of(db.read(), account)?;
    let mut history = format!(
        "its {}, {} and {}",
        count(activities, "activities"),
        count(notes, "notes"),
        count(measures, "measure values")
    );
    if let Some(b) = &book {
        history = format!("its place in client book {b} and {history}");
    }
    if mode == Mode::Commit
        && (activities + notes + measures > 0 || book.is_some())
        && !ctx.ui.confirm(
            &format!("Remove customer {account} with {history}?"),
            &format!(
                "removing customer {account} also removes {history}, which needs confirmation"
            ),
        )?
    {
        ctx.ui.status("Not removed; nothing changed.");
        return Ok(());
    }
    let applied = customer::remove(db, &ctx.env, mode, account)?;
    ctx.ui.report(&applied, String::new)
}

/// The accounts of a file (or standard input for `-`), one a line.
fn read_accounts(path: &std::path::Path) -> Result<Vec<String>> {
    use std::io::Read;
    let name = path.display().to_string();
    let mut text = String::new();
    let read = if name == "-" {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(|e| {
        let what = if name == "-" {
            "standard input".to_string()
        } else {
            name.clone()
        };
        HqError::new(ErrorKind::Io, format!("cannot read {what}: {e}"))
            .hinted("give a readable file of accounts, one a line (UTF-8)")
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty()
            || line.starts_with('#')
            || (i == 0 && line.eq_ignore_ascii_case("account"))
        {
            continue;
        }
        out.push(line.to_string());
    }
    Ok(out)
}
