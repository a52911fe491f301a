use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Remove an attribute group (refused while a Commerce parameter names it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-group remove Clienteling")]
pub(crate) struct RemoveArgs {
    /// The group's name
    pub name: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::attribute::AttributeGroup>(
        &ctx.ui,
        db.read(),
        a.name.clone(),
    )?;
    let applied = attribute::remove_group(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
