use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::attribute::AttributeGroup;
use crate::error::Result;

/// Add an attribute group
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-group add Clienteling --description \"Client book attributes\""
)]
pub(crate) struct AddArgs {
    /// The group's name
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<AttributeGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.name, a.fields, a.write)
}
