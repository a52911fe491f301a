use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set_one};
use crate::context::Context;
use crate::domain::params::AttributeParameters;
use crate::error::Result;

/// Set the attribute-group Commerce parameters ('' clears one)
///
/// The customer attribute group may hold no datetime or reference attributes. The client book
/// attribute group is a Clienteling parameter: the Clienteling feature must be enabled.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq param set --client-book-attribute-group Clienteling
  hq param set --customer-attribute-group CustomerAttributes")]
pub(crate) struct SetArgs {
    #[command(flatten)]
    pub fields: Fields<AttributeParameters>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set_one(ctx, a.fields, a.write)
}
