//! `hq permission-group remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Remove a permission group (refused while workers are in it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group remove SALES")]
pub(crate) struct RemoveArgs {
    /// The group's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::PermissionGroup>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = staff::remove_permission_group(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
