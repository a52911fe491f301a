use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::channel_db;

/// Add a channel database group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq channel-db-group add WEST --description \"West coast stores\""
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: Option<String>,
    /// A description for people
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let id = ctx
        .ui
        .need_text(a.id, "ID", "channel database group id", |v| {
            validate::id("ID", v).map(drop).map_err(|e| e.reason)
        })?;
    let applied = channel_db::add_group(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &id,
        a.description.as_deref(),
    )?;
    ctx.ui.report(&applied, String::new)
}
