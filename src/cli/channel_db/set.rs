use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::org::ChannelDb;
use crate::error::Result;

/// Move a channel database to another group, or change its description
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db set WEST-DB --group WEST")]
pub(crate) struct SetArgs {
    /// The channel database's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<ChannelDb>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
