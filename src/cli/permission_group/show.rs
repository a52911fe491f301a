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
    pub id: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::PermissionGroup>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let g = staff::get_permission_group(db.read(), "ID", &key)?;
    ctx.ui.emit(&g, |ui| print_one(ui, &g))
}
