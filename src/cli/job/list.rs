//! `hq job list`.

use crate::context::Context;
use crate::error::Result;
use clap::Args;

/// List the distribution jobs and the tables each carries
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq job list\n  hq job list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let jobs = crate::domain::distribution::JOBS;
    ctx.ui
        .emit(jobs, |ui| crate::ui::distribution::print_jobs(ui, jobs))
}
