use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::channel_db;

/// Move a channel database to another group, or change its description
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db set WEST-DB --group WEST")]
pub(crate) struct SetArgs {
    /// The channel database's id
    pub id: String,
    /// The group it belongs to
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// A new description
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.group.is_none() && a.description.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["group", "description"],
            "channel-db set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = channel_db::set_db(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        a.group.as_deref(),
        a.description.as_deref(),
    )?;
    let id = applied.value.id.clone();
    ctx.ui.report(&applied, || {
        format!("channel database {id} already has those values")
    })
}
