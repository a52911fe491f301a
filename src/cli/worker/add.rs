use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::staff::Worker;
use crate::error::Result;

/// Add a worker (store associate)
///
/// A worker belongs to the stores that share one of its employee address books. At a
/// terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq worker add 000160 --name \"Ann Beebe\" --employee-address-book HOUSTON-EMP --permission-group MANAGER")]
pub(crate) struct AddArgs {
    /// The personnel number
    pub personnel_number: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<Worker>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.personnel_number, a.fields, a.write)
}
