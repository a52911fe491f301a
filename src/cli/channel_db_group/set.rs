use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::channel_db;

/// Change a channel database group's description
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db-group set WEST --description \"West coast\"")]
pub(crate) struct SetArgs {
    /// The group's id
    pub id: String,
    /// A new description
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = channel_db::set_group(&mut db, &ctx.env, a.write.mode(), &a.id, &a.description)?;
    let id = applied.value.id.clone();
    ctx.ui.report(&applied, || {
        format!("channel database group {id} already has that description")
    })
}
