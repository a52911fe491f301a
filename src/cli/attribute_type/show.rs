use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;

/// Show an attribute type
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-type show Interests --json")]
pub(crate) struct ShowArgs {
    /// The type's name
    pub name: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::attribute::AttributeType>(
        &ctx.ui,
        db.read(),
        a.name.clone(),
    )?;
    let t = attribute::get_type(db.read(), "NAME", &key)?;
    ctx.ui.emit(&t, |ui| super::print_one(ui, &t))
}
