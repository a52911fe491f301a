use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::feature;

/// Schedule a feature to be enabled on a future date, or cancel a schedule
///
/// A scheduled feature counts as enabled from its date on. Prerequisites must be enabled, or
/// scheduled no later, by then.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq feature schedule clienteling --on 2026-12-01\n  hq feature schedule clienteling --cancel"
)]
pub(crate) struct ScheduleArgs {
    /// The feature's key or its exact name (any case)
    pub feature: String,
    /// When: a date (YYYY-MM-DD, start of day UTC) or an RFC 3339 time
    #[arg(long, value_name = "DATE", required_unless_present = "cancel")]
    pub on: Option<String>,
    /// Drop the schedule
    #[arg(long, conflicts_with = "on")]
    pub cancel: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: ScheduleArgs) -> Result<()> {
    let on = match (&a.on, a.cancel) {
        (Some(text), false) => Some(validate::date_time("--on", text)?),
        (None, true) => None,
        _ => return Err(crate::domain::feature::schedule_needs_one().into()),
    };
    let mut db = ctx.open()?;
    if !a.write.dry_run
        && let Some(at) = on
        && let Some(key) =
            feature::enable_needs_confirmation(db.read(), ctx.env.now, at, &a.feature)?
        && !ctx.ui.confirm(
            &format!("Feature {key} cannot be disabled once enabled. Schedule it?"),
            &format!(
                "feature {key} cannot be disabled once enabled, so scheduling it needs confirmation"
            ),
        )?
    {
        ctx.ui.status("Not scheduled; nothing changed.");
        return Ok(());
    }
    let applied = feature::schedule(&mut db, &ctx.env, a.write.mode(), &a.feature, on)?;
    let key = applied.value.key;
    ctx.ui.report(&applied, || {
        format!("feature {key} has no schedule to cancel")
    })
}
