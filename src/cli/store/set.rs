use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record;
use crate::context::Context;
use crate::domain::org::Store;
use crate::error::Result;

const EXAMPLES: &str = "Examples:
  hq store set HOUSTON --default-customer 100001
  hq store set HOUSTON --name \"Houston Galleria\"
  hq store set HOUSTON --add-customer-address-book TEXAS-CUST
  hq store set HOUSTON --async-customer-creation=false --dry-run";

/// Change a store
///
/// Give only what changes. `--state ''` and `--postal-code ''` clear those parts of the
/// address. A store's legal entity is fixed once it exists.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct SetArgs {
    /// The store number
    pub number: Option<String>,
    #[command(flatten)]
    pub fields: record::SetArgs<Store>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    record::run_set(ctx, a.number, a.fields, a.write).map(drop)
}
