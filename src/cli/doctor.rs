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
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq doctor clienteling
  hq doctor clienteling --store HOUSTON --json")]
pub(crate) struct ClientelingArgs {
    /// Only this store (and its legal entity and channel database)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
}

pub(crate) fn run(ctx: &Context, cmd: DoctorCommand) -> Result<()> {
    let DoctorCommand::Clienteling(a) = cmd;
    let db = ctx.open()?;
    let report = doctor::clienteling(db.read(), &ctx.env, a.store.as_deref())?;
    ctx.ui
        .emit(&report, |ui| crate::ui::doctor::print_report(ui, &report))?;
    if ctx.ui.json() {
        for w in &report.warnings {
            ctx.ui.warn(w);
        }
    }
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
