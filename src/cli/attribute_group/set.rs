use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Change an attribute group's description
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-group set Clienteling --description \"Attributes of client books\""
)]
pub(crate) struct SetArgs {
    /// The group's name
    pub name: String,
    /// A new description
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = attribute::set_group(&mut db, &ctx.env, a.write.mode(), &a.name, &a.description)?;
    let name = applied.value.name.clone();
    ctx.ui.report(&applied, || {
        format!("attribute group {name} already has that description")
    })
}
