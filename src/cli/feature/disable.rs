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
    /// The feature's key or its exact name (any case)
    pub feature: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: DisableArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let current = feature::disable_allowed(db.read(), ctx.env.now, &a.feature)?;
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
    let applied = feature::disable(&mut db, &ctx.env, a.write.mode(), &a.feature)?;
    let key = applied.value.key;
    ctx.ui
        .report(&applied, || format!("feature {key} is already disabled"))
}
