//! `hq permission-group allow`.

use super::permit;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use clap::Args;

/// Allow (or, as `deny`, take away) POS operations to a permission group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq permission-group allow MANAGER 712 713 714 715 716\n  hq permission-group deny SALES 716"
)]
pub(crate) struct PermitArgs {
    /// The group's id
    pub id: String,
    /// Operation ids (see `hq operation list`)
    #[arg(required = true, num_args = 1..)]
    pub operations: Vec<u32>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: PermitArgs) -> Result<()> {
    permit(ctx, a, true)
}
