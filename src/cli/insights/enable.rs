use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

/// Enable Customer Insights on customer cards
///
/// Checks everything first and reports every problem at once: the Clienteling feature, the
/// Key Vault URL and client id, the application id, and the named secret with a well-formed
/// reference into that vault. On any problem it stays disabled (exit 3).
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq insights enable\n  hq insights enable --dry-run")]
pub(crate) struct EnableArgs {
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Disable Customer Insights
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq insights disable")]
pub(crate) struct DisableArgs {
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, write: WriteArgs, on: bool) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = params::enable_insights(&mut db, &ctx.env, write.mode(), on)?;
    let state = if on { "enabled" } else { "disabled" };
    ctx.ui
        .report(&applied, || format!("Customer Insights is already {state}"))
}
