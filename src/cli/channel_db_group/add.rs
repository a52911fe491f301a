use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::org::ChannelDbGroup;
use crate::error::Result;

/// Add a channel database group
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq channel-db-group add WEST --description \"West coast stores\""
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<ChannelDbGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
