//! `hq setup clienteling`: the documented clienteling setup (the checklist of `hq doctor
//! clienteling`) walked at a terminal, one missing step at a time: what is missing, the
//! commands proposed (a value asked for where the step needs a choice), then do them, edit them,
//! skip the step or stop. It ends with the jobs run and the report, and prints the commands it
//! ran as a script (or writes the environment as a file with `--write`).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::doctor::{RunWords, said};
use crate::context::Context;
use crate::domain::doctor::{self as rules, CheckStatus};
use crate::error::{ErrorKind, Result};
use crate::ops::doctor;

#[derive(Debug, Subcommand)]
pub(crate) enum SetupCommand {
    Clienteling(ClientelingArgs),
}

/// Set up clienteling step by step, at a terminal
///
/// Each missing step of `hq doctor clienteling` in turn: what is missing, the commands that do
/// it (for activity types the four of the documents; a value asked for where the step needs a
/// choice, such as an attribute's name or a worker), then: do them, edit them first, skip the
/// step, or stop. Each command runs as its own (one transaction and audit entry). At the end:
/// the report, and the commands run as a script (with --write, the environment as a file for
/// `hq apply`). Without a terminal, `hq doctor clienteling --fix --yes` does every fix that
/// needs no choice and lists the rest.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq setup clienteling
  hq setup clienteling --store HOUSTON --write clienteling.toml")]
pub(crate) struct ClientelingArgs {
    /// Only this store (and its legal entity and channel database)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// At the end, write the environment as an environment file (`hq export`) here
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
}

/// What to do with a step's commands.
const CHOICES: [&str; 4] = [
    "do it",
    "edit the commands first",
    "skip this step",
    "stop here",
];

pub(crate) fn run(ctx: &Context, cmd: SetupCommand, run_words: RunWords) -> Result<()> {
    let SetupCommand::Clienteling(a) = cmd;
    let ui = &ctx.ui;
    if !ui.interactive() {
        return Err(crate::domain::refuse::needs_a_terminal(
            "setup clienteling",
            crate::domain::Cmd::new("doctor clienteling")
                .switch("fix")
                .switch("yes"),
        )
        .into());
    }
    let mut ran: Vec<Vec<String>> = Vec::new();
    let mut skipped: Vec<(String, Option<String>)> = Vec::new();
    let mut tries: Vec<(String, Option<String>)> = Vec::new();
    loop {
        let report = {
            let db = ctx.open()?;
            doctor::clienteling(db.read(), &ctx.env, a.store.as_deref())?
        };
        let total = report.checks.len();
        let Some((i, check)) = report.checks.iter().enumerate().find(|(_, c)| {
            c.status == CheckStatus::Missing
                && !skipped.contains(&(c.step.to_string(), c.subject.clone()))
        }) else {
            break;
        };
        let key = (check.step.to_string(), check.subject.clone());
        // Done and still missing twice: say so, and go on without it.
        if tries.iter().filter(|k| **k == key).count() >= 2 {
            ui.warn(format!(
                "{} is still missing after its commands ran twice; skipped",
                check.title
            ));
            skipped.push(key);
            continue;
        }
        let subject = check
            .subject
            .as_deref()
            .map_or(String::new(), |s| format!(" ({s})"));
        ui.status("");
        ui.status_bold(
            &format!("Step {} of {total}:", i + 1),
            &format!("{}{subject}", check.title),
        );
        ui.status(&format!("  missing: {}", check.detail));
        let mut cmds = rules::proposed(check);
        let mut values = Vec::new();
        for p in rules::placeholders(&cmds) {
            let what = p.trim_matches(|c| c == '<' || c == '>').replace('_', " ");
            let v = ui.ask_text("", &what.to_lowercase(), rules::offered(&p), |v| {
                crate::domain::validate::text("value", v, 100)
                    .map(drop)
                    .map_err(|e| e.reason)
            })?;
            ui.unrecord_last();
            values.push((p, v));
        }
        cmds = cmds.iter().map(|c| rules::filled(c, &values)).collect();
        for c in &cmds {
            ui.status(&format!("  {c}"));
        }
        let words: Vec<Vec<String>> = match ui.pick_one("what now", &CHOICES)? {
            0 => cmds.iter().filter_map(crate::error::argv).collect(),
            1 => {
                let mut edited = Vec::new();
                for c in &cmds {
                    let line = ui.ask_text("", "command", Some(&c.to_string()), |v| {
                        command_words(v).map(drop)
                    })?;
                    ui.unrecord_last();
                    edited.push(command_words(&line).unwrap_or_default());
                }
                edited
            }
            2 => {
                skipped.push(key);
                continue;
            }
            _ => break,
        };
        tries.push(key);
        for w in words.into_iter().filter(|w| !w.is_empty()) {
            ui.status_bold("Running:", &said(&w));
            match run_words(&w) {
                Ok(()) => ran.push(w),
                // Said, and the step comes again (to edit, skip or stop).
                Err(e) if e.kind != ErrorKind::Interrupted => {
                    ui.report_error(&e.render_field(crate::error::flag_of));
                    break;
                }
                Err(e) => return Err(e),
            }
        }
    }
    ui.forget_all();
    if let Some(path) = &a.write {
        let words = vec![
            "export".to_string(),
            "--output".to_string(),
            path.display().to_string(),
        ];
        run_words(&words)?;
        ui.status(&format!("Wrote the environment to {}.", path.display()));
    }
    let report = {
        let db = ctx.open()?;
        doctor::clienteling(db.read(), &ctx.env, a.store.as_deref())?
    };
    let script: Vec<String> = ran.iter().map(|w| said(w)).collect();
    // With --json: `{commands_run, report}`, the report as `doctor clienteling --json` has it.
    #[derive(serde::Serialize)]
    struct Done<'a> {
        commands_run: &'a [String],
        report: &'a crate::domain::doctor::Report,
    }
    let done = Done {
        commands_run: &script,
        report: &report,
    };
    ui.emit(&done, |ui| {
        if !script.is_empty() {
            ui.status("");
            ui.status("The commands run, as a script:");
            for line in &script {
                ui.print_line(line)?;
            }
        }
        ui.status("");
        crate::ui::doctor::print_report(ui, &report)
    })?;
    super::doctor::verdict(&report)
}

/// A command line typed at the edit question: its words after `hq`.
fn command_words(line: &str) -> std::result::Result<Vec<String>, String> {
    let words = shlex::split(line).ok_or("unbalanced quotes")?;
    match words.split_first() {
        Some((hq, rest)) if hq == "hq" && !rest.is_empty() => Ok(rest.to_vec()),
        _ => Err("a command starts with hq".into()),
    }
}
