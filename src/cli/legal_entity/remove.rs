use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::legal_entity;

/// Remove a legal entity (refused while stores belong to it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity remove USRT")]
pub(crate) struct RemoveArgs {
    /// The legal entity's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = legal_entity::remove(&mut db, &ctx.env, a.write.mode(), &a.id)?;
    ctx.ui.report(&applied, String::new)
}
