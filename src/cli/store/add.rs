use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::org::Store;
use crate::error::Result;

const EXAMPLES: &str = "Examples:
  hq store add HOUSTON --name Houston --legal-entity USRT --currency USD \\
     --time-zone America/Chicago --street \"1 Main St\" --city Houston --state TX \\
     --postal-code 77002 --country US \\
     --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
  hq store add SEATTLE ... --async-customer-creation --channel-db WEST";

/// Add a store
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct AddArgs {
    /// The store number: 1 to 10 letters or digits
    pub number: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<Store>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.number, a.fields, a.write)
}
