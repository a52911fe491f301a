//! `hq activity-type set`.

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::staff::{ACTIVITY_TYPE_CACHE_WARNING, ActivityType};
use crate::error::Result;
use clap::Args;

/// Change a clienteling activity type's description
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq activity-type set APPT --description \"Appointment\"")]
pub(crate) struct SetArgs {
    /// The activity type's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<ActivityType>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if run_set(ctx, a.id, a.fields, a.write)? {
        ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
    }
    Ok(())
}
