//! `hq job pending`.

use super::TargetArgs;
use crate::context::Context;
use crate::distribution::{self};
use crate::error::Result;
use clap::Args;

/// Show, per job and channel database, how many HQ rows are waiting to be distributed
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq job pending
  hq job pending 1010 --channel-db Default --json")]
pub(crate) struct PendingArgs {
    /// Only these jobs (default: all)
    #[arg(value_name = "JOB")]
    pub jobs: Vec<u32>,
    #[command(flatten)]
    pub target: TargetArgs,
}

pub(crate) fn run(ctx: &Context, a: PendingArgs) -> Result<()> {
    let db = ctx.open()?;
    let jobs = if a.jobs.is_empty() {
        vec![crate::domain::distribution::ALL_JOBS]
    } else {
        a.jobs
    };
    let all = distribution::pending(db.read(), &jobs, &a.target.target())?;
    ctx.ui
        .emit(&all, |ui| crate::ui::distribution::print_pending(ui, &all))
}
