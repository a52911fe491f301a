use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::channel_db;

/// Add a channel database
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq channel-db add WEST-DB --group WEST --description \"West coast stores\""
)]
pub(crate) struct AddArgs {
    /// The channel database's id
    pub id: Option<String>,
    /// The group it belongs to [default: Default]
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// A description for people
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let id = ctx.ui.need_text(a.id, "ID", "channel database id", |v| {
        validate::id("ID", v).map(drop).map_err(|e| e.reason)
    })?;
    let applied = channel_db::add_db(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &id,
        a.group.as_deref(),
        a.description.as_deref(),
    )?;
    ctx.ui.report(&applied, String::new)
}
