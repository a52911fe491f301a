use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::staff::Worker;
use crate::error::Result;

/// Change a worker ('' clears the layout)
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq worker set 000160 --add-employee-address-book SEATTLE-EMP
  hq worker set 000160 --permission-group SALES --layout ''")]
pub(crate) struct SetArgs {
    /// The personnel number
    pub personnel_number: Option<String>,
    #[command(flatten)]
    pub fields: Fields<Worker>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.personnel_number, a.fields, a.write).map(drop)
}
