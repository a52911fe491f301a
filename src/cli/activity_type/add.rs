//! `hq activity-type add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::staff::ACTIVITY_TYPE_CACHE_WARNING;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Add (or, as `set`, change) a clienteling activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq activity-type add VISIT --description \"Store visit\"
  hq activity-type set APPT --description \"Appointment\"")]
pub(crate) struct AddArgs {
    /// The activity type's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied =
        staff::add_activity_type(&mut db, &ctx.env, a.write.mode(), &a.id, &a.description)?;
    ctx.ui.report(&applied, String::new)?;
    ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
    Ok(())
}
