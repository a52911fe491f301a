//! `hq activity-type add`.

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::staff::{ACTIVITY_TYPE_CACHE_WARNING, ActivityType};
use crate::error::Result;
use clap::Args;

/// Add a clienteling activity type
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq activity-type add VISIT --description \"Store visit\"")]
pub(crate) struct AddArgs {
    /// The activity type's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<ActivityType>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)?;
    ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
    Ok(())
}
