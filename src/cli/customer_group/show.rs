//! `hq customer-group show`.

use super::print_one;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self};
use clap::Args;

/// Show a customer group
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer-group show 30 --json")]
pub(crate) struct ShowArgs {
    /// The group's id
    pub id: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let g = customer::get_group(db.read(), "ID", &a.id)?;
    ctx.ui.emit(&g, |ui| print_one(ui, &g))
}
