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
    pub name: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::attribute::Attribute>(
        &ctx.ui,
        db.read(),
        a.name.clone(),
    )?;
    let applied = attribute::remove(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
