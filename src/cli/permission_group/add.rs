//! `hq permission-group add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Add (or, as `set`, change the description of) a POS permission group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq permission-group add MANAGER --description \"Store manager\""
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied =
        staff::add_permission_group(&mut db, &ctx.env, a.write.mode(), &a.id, &a.description)?;
    ctx.ui.report(&applied, String::new)
}
