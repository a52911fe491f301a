use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::channel_db;

/// Remove a channel database (refused while a store reads from it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db remove WEST-DB")]
pub(crate) struct RemoveArgs {
    /// The channel database's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::ChannelDb>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = channel_db::remove_db(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
