use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Show an attribute group with its attributes by display order (lower first)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-group show Clienteling --json")]
pub(crate) struct ShowArgs {
    /// The group's name
    pub name: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::attribute::AttributeGroup>(
        &ctx.ui,
        db.read(),
        a.name.clone(),
    )?;
    let g = attribute::get_group(db.read(), "NAME", &key)?;
    ctx.ui.emit(&g, |ui| super::print_one(ui, &g))
}
