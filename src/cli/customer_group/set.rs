use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::Result;

/// Change a customer group ('' clears the payment terms)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group set 30 --dimension BusinessUnit=003 --remove-dimension Department\n  hq customer-group set 30 --legal-entity DEMF --payment-terms Net14"
)]
pub(crate) struct SetArgs {
    #[command(flatten)]
    pub key: super::GroupKey,
    #[command(flatten)]
    pub fields: Fields<CustomerGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.key.key(), a.fields, a.write).map(drop)
}
