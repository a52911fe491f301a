use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::org::ChannelDbGroup;
use crate::error::Result;

/// Change a channel database group's description
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db-group set WEST --description \"West coast\"")]
pub(crate) struct SetArgs {
    /// The group's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<ChannelDbGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
