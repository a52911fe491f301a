//! `hq doctor`: readiness checks.

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::doctor;

#[derive(Debug, Subcommand)]
pub(crate) enum DoctorCommand {
    Clienteling(ClientelingArgs),
}

/// Check the clienteling setup, step by step, and what each store's channel database has
///
/// The documented steps: enable Clienteling; a number sequence for Client book identifier in
/// each legal entity with a store; a client book attribute group with attributes; activity
/// types; operations 714, 715 and 716 allowed to permission groups; buttons for 712 and 713 on
/// the screen layouts in effect at each store; and jobs 1040, 1150, 1110 and 1090 delivered to
/// each store's channel database with nothing pending. Each missing step comes with the
/// commands that fix it. Warns about a default customer with a receipt email and about Customer
/// Insights enabled without valid settings. Exit 0 when ready, 1 when not.
///
/// With --fix, runs every fix that needs no choice (each its own command, transaction and
/// audit entry), checking again until nothing more can be done that way, then reports what is
/// left: the steps that need a choice (an attribute's name, a worker), with their commands.
/// It asks first at a terminal; without one it needs --yes. `hq setup clienteling` walks the
/// rest at a terminal.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq doctor clienteling
  hq doctor clienteling --store HOUSTON --json
  hq doctor clienteling --fix --yes
  hq doctor clienteling --fix --dry-run")]
pub(crate) struct ClientelingArgs {
    /// Only this store (and its legal entity and channel database)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// Run the fixes that need no choice, then report
    #[arg(long)]
    pub fix: bool,
    /// With --fix: say which commands would run, and run none
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// Runs a command line (the words after `hq`) on the user's behalf.
pub(crate) type RunWords<'a> = &'a dyn Fn(&[String]) -> Result<()>;

/// The fixes of the missing steps that need no choice: of each step's commands, those before
/// the first with a placeholder (the rest depend on it).
fn runnable(report: &crate::domain::doctor::Report) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for c in report
        .checks
        .iter()
        .filter(|c| c.status == crate::domain::doctor::CheckStatus::Missing)
    {
        for cmd in &c.fix {
            match crate::error::argv(cmd) {
                Some(words) if !out.contains(&words) => out.push(words),
                Some(_) => {}
                None => break,
            }
        }
    }
    out
}

pub(crate) fn said(words: &[String]) -> String {
    std::iter::once("hq".to_string())
        .chain(
            words
                .iter()
                .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned())),
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// `--fix`: rounds of the runnable fixes until none is left (or one repeats); the commands
/// run, in order.
fn fix(ctx: &Context, a: &ClientelingArgs, run_words: RunWords) -> Result<Vec<Vec<String>>> {
    let ui = &ctx.ui;
    let mut ran: Vec<Vec<String>> = Vec::new();
    let mut asked = false;
    for _ in 0..10 {
        let report = {
            let db = ctx.open()?;
            doctor::clienteling(db.read(), &ctx.env, a.store.as_deref())?
        };
        // The jobs run once, after the rest: a later round would only carry nothing again.
        let jobs_ran = ran
            .iter()
            .any(|w| w.starts_with(&["job".into(), "run".into()]));
        let todo: Vec<Vec<String>> = runnable(&report)
            .into_iter()
            .filter(|w| !ran.contains(w))
            .filter(|w| !(jobs_ran && w.starts_with(&["job".into(), "run".into()])))
            .collect();
        if todo.is_empty() {
            break;
        }
        if a.dry_run {
            for w in &todo {
                ui.status(&format!("Would run: {}", said(w)));
            }
            ui.status("Dry run: nothing was written.");
            break;
        }
        if !asked {
            let n = crate::domain::fix::count(todo.len() as u64, "commands");
            if !ui.confirm(
                &format!("Run {n} that fix what needs no choice?"),
                "doctor --fix changes the data file",
            )? {
                ui.status("Nothing was run.");
                break;
            }
            asked = true;
        }
        for w in todo {
            ui.status_bold("Running:", &said(&w));
            run_words(&w)?;
            ran.push(w);
        }
    }
    Ok(ran)
}

pub(crate) fn run(ctx: &Context, cmd: DoctorCommand, run_words: RunWords) -> Result<()> {
    let DoctorCommand::Clienteling(a) = cmd;
    if a.fix {
        fix(ctx, &a, run_words)?;
    }
    let db = ctx.open()?;
    let report = doctor::clienteling(db.read(), &ctx.env, a.store.as_deref())?;
    ctx.ui
        .emit(&report, |ui| crate::ui::doctor::print_report(ui, &report))?;
    if ctx.ui.json() {
        for w in &report.warnings {
            ctx.ui.warn(w);
        }
    }
    verdict(&report)
}

/// Exit 0 when ready, 1 (findings) naming how many steps are missing.
pub(crate) fn verdict(report: &crate::domain::doctor::Report) -> Result<()> {
    if report.ready {
        Ok(())
    } else {
        Err(HqError::new(
            ErrorKind::Findings,
            format!(
                "not ready: {} missing",
                crate::domain::fix::count(report.missing() as u64, "steps")
            ),
        ))
    }
}
