use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::Result;

/// Change a customer group ('' clears the payment terms)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group set 30 --dimension BusinessUnit=003 --remove-dimension Department"
)]
pub(crate) struct SetArgs {
    /// The group's id
    pub id: String,
    #[command(flatten)]
    pub fields: Fields<CustomerGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, &a.id, a.fields, a.write).map(drop)
}
