use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::feature;

/// Enable a feature
///
/// Refused while a prerequisite is off (each missing one is named). A feature that cannot be
/// disabled once enabled asks for confirmation, or needs --yes without a terminal. Stores see
/// feature states only after job 1110 runs.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq feature enable clienteling\n  hq feature enable customer-orders-performance --yes"
)]
pub(crate) struct EnableArgs {
    /// The feature's key or its exact name (any case); at a terminal, chosen from a list
    pub feature: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: EnableArgs) -> Result<()> {
    let mut db = ctx.open()?;
    // At a terminal, a list of the features that can be enabled, with their state.
    let name = ctx
        .ui
        .need_choice(a.feature, "FEATURE", "feature to enable", || {
            super::choices(db.read(), ctx.env.now, feature::Filter::Disabled)
        })?;
    if !a.write.dry_run
        && let Some(key) =
            feature::enable_needs_confirmation(db.read(), ctx.env.now, ctx.env.now, &name)?
        && !ctx.ui.confirm(
            &format!("Feature {key} cannot be disabled once enabled. Enable it?"),
            &format!(
                "feature {key} cannot be disabled once enabled, so enabling it needs confirmation"
            ),
        )?
    {
        ctx.ui.status("Not enabled; nothing changed.");
        return Ok(());
    }
    let applied = feature::enable(&mut db, &ctx.env, a.write.mode(), &name)?;
    let key = applied.value.key;
    ctx.ui
        .report(&applied, || format!("feature {key} is already enabled"))
}
