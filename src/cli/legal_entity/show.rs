use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::legal_entity;

/// Show one legal entity
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity show USRT --json")]
pub(crate) struct ShowArgs {
    /// The legal entity's id
    pub id: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let le = legal_entity::get(db.read(), "ID", &a.id)?;
    ctx.ui.emit(&le, |ui| super::print_one(ui, &le))
}
