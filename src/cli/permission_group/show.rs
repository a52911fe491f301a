//! `hq permission-group show`.

use super::print_one;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Show a permission group and its operations
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group show MANAGER")]
pub(crate) struct ShowArgs {
    /// The group's id
    pub id: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let g = staff::get_permission_group(db.read(), "ID", &a.id)?;
    ctx.ui.emit(&g, |ui| print_one(ui, &g))
}
