//! `hq activity-type remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::staff::ACTIVITY_TYPE_CACHE_WARNING;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Remove an activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type remove PHONE")]
pub(crate) struct RemoveArgs {
    /// The activity type's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::ActivityType>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = staff::remove_activity_type(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)?;
    ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
    Ok(())
}
