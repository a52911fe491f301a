use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::attribute::AttributeGroup;
use crate::error::Result;

/// Change an attribute group's description
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-group set Clienteling --description \"Attributes of client books\""
)]
pub(crate) struct SetArgs {
    /// The group's name
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: Fields<AttributeGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.name, a.fields, a.write).map(drop)
}
