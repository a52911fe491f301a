//! `hq layout assign`.

use super::TargetArgs;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use clap::Args;

/// Use a layout for a store, a register or a worker (worker beats register beats store)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq layout assign HOUSTON-LAYOUT --store HOUSTON\n  hq layout assign MANAGER-LAYOUT --worker 000160"
)]
pub(crate) struct AssignArgs {
    /// The layout's id
    pub layout: String,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AssignArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = layout::assign(
        &mut db,
        &ctx.env,
        a.write.mode(),
        Some(&a.layout),
        a.target.target(),
    )?;
    ctx.ui
        .report(&applied, || "it already uses that layout".into())
}
