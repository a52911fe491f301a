use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Add an attribute group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-group add Clienteling --description \"Client book attributes\""
)]
pub(crate) struct AddArgs {
    /// The group's name
    pub name: String,
    /// A description
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = attribute::add_group(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.name,
        a.description.as_deref(),
    )?;
    ctx.ui.report(&applied, String::new)
}
