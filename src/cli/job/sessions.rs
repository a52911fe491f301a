//! `hq job sessions`.

use crate::context::Context;
use crate::distribution::{self};
use crate::error::Result;
use clap::Args;

/// List download sessions, newest first
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq job sessions
  hq job sessions --job 1010 --channel-db Default --limit 5 --json")]
pub(crate) struct SessionsArgs {
    /// Only this job's sessions
    #[arg(long, value_name = "JOB")]
    pub job: Option<u32>,
    /// Only this channel database's sessions
    #[arg(long, value_name = "ID")]
    pub channel_db: Option<String>,
    /// At most this many
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
}

pub(crate) fn run(ctx: &Context, a: SessionsArgs) -> Result<()> {
    let db = ctx.open()?;
    let (all, more) = distribution::sessions(db.read(), a.job, a.channel_db.as_deref(), a.limit)?;
    ctx.ui
        .emit(&all, |ui| crate::ui::distribution::print_sessions(ui, &all))?;
    ctx.ui.more(more, "sessions");
    Ok(())
}
