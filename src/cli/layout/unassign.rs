//! `hq layout unassign`.

use super::TargetArgs;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use clap::Args;

/// Stop using a layout for a store, a register or a worker
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout unassign --register HOUSTON-1")]
pub(crate) struct UnassignArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: UnassignArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = layout::assign(&mut db, &ctx.env, a.write.mode(), None, a.target.target())?;
    ctx.ui
        .report(&applied, || "it has no layout of its own".into())
}
