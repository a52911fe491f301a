use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Remove an attribute (refused while a group uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute remove Birthday")]
pub(crate) struct RemoveArgs {
    /// The attribute's name
    pub name: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = attribute::remove(&mut db, &ctx.env, a.write.mode(), &a.name)?;
    ctx.ui.report(&applied, String::new)
}
