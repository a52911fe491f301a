use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::feature;

/// Disable a feature (also drops a schedule)
///
/// Refused for mandatory features, features that cannot be disabled, and features an enabled
/// feature requires. At a terminal, asks for confirmation first; without one, needs --yes.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq feature disable clienteling --yes")]
pub(crate) struct DisableArgs {
    /// The feature's key or its exact name (any case); at a terminal, chosen from a list
    pub feature: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: DisableArgs) -> Result<()> {
    let mut db = ctx.open()?;
    // At a terminal, a list of the features that can be disabled, with their state.
    let name = ctx
        .ui
        .need_choice(a.feature, "FEATURE", "feature to disable", || {
            super::choices(db.read(), ctx.env.now, feature::Filter::Enabled)
        })?;
    let current = feature::disable_allowed(db.read(), ctx.env.now, &name)?;
    if !a.write.dry_run
        && current.enabled
        && !ctx.ui.confirm(
            &format!("Disable feature {}?", current.key),
            &format!("disabling feature {} needs confirmation", current.key),
        )?
    {
        ctx.ui.status("Not disabled; nothing changed.");
        return Ok(());
    }
    let applied = feature::disable(&mut db, &ctx.env, a.write.mode(), &name)?;
    let key = applied.value.key;
    ctx.ui
        .report(&applied, || format!("feature {key} is already disabled"))
}
