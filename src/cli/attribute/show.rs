use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Show an attribute
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute show PreferredCategory --json")]
pub(crate) struct ShowArgs {
    /// The attribute's name
    pub name: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::attribute::Attribute>(
        &ctx.ui,
        db.read(),
        a.name.clone(),
    )?;
    let at = attribute::get(db.read(), "NAME", &key)?;
    ctx.ui.emit(&at, |ui| super::print_one(ui, &at))
}
