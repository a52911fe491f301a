//! `hq job run`.

use super::TargetArgs;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::distribution::{self, RunOptions};
use crate::error::{HqError, Result};
use clap::Args;

/// Run distribution jobs: copy what changed in HQ to channel databases
///
/// For every selected channel database, each job's delivery is one download session and one
/// transaction. Incremental by default: the rows changed since that job last reached that
/// database, and the deletions since then. --full rebuilds the job's tables there. A failed
/// session changes nothing in its database, is recorded `failed`, and the command exits
/// non-zero after the other sessions have run. 9999 means every job.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq job run 1040 1150 1110 1090
  hq job run                        (at a terminal: choose the jobs)
  hq job run 9999 --full --channel-db Default
  hq job run 1010 --group Default --json")]
pub(crate) struct RunArgs {
    /// Job numbers (1010 1040 1060 1070 1090 1110 1150, or 9999 for all); asked for at a
    /// terminal when left out
    #[arg(value_name = "JOB")]
    pub jobs: Vec<u32>,
    /// Rebuild the jobs' tables instead of copying only what changed
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RunArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let given: Vec<String> = a.jobs.iter().map(u32::to_string).collect();
    let jobs: Vec<u32> = ctx
        .ui
        .need_choices(given, "JOB", "jobs to run", || {
            let mut all: Vec<(String, String)> = crate::domain::distribution::JOBS
                .iter()
                .map(|j| (j.number.to_string(), j.name.to_string()))
                .collect();
            all.push(("9999".into(), "All jobs".into()));
            Ok(all)
        })?
        .iter()
        .filter_map(|j| j.parse().ok())
        .collect();
    let opts = RunOptions {
        jobs,
        full: a.full,
        target: a.target.target(),
        // Test hook (docs/distribution.md): fail each session after this table.
        fail_after_table: std::env::var("HQ_TEST_FAIL_AFTER_TABLE").ok(),
        // `kill`: abort there instead, as a kill would.
        fail_after_delivery: std::env::var("HQ_TEST_FAIL_AFTER_DELIVERY")
            .is_ok_and(|v| v != "kill"),
        kill_after_delivery: std::env::var("HQ_TEST_FAIL_AFTER_DELIVERY")
            .is_ok_and(|v| v == "kill"),
    };
    run_and_report(ctx, &mut db, a.write.mode(), &opts)
}

/// Runs the sessions `opts` names and says what they did (`job run`, `job retry`): the
/// sessions, then a summary, or the first failure's exit code and message.
pub(crate) fn run_and_report(
    ctx: &Context,
    db: &mut crate::db::Db,
    mode: crate::ops::Mode,
    opts: &RunOptions,
) -> Result<()> {
    let bar = ctx.ui.counter("Distributing", "sessions");
    let result = distribution::run(db, &ctx.env, mode, opts, &mut |t| bar.tick(t));
    bar.finish();
    let report = result?;
    ctx.ui.emit(&report, |ui| {
        crate::ui::distribution::print_sessions(ui, &report.sessions)
    })?;
    let failed: Vec<_> = report.failed().collect();
    if report.sessions.is_empty() {
        ctx.ui
            .warn("no channel database was selected, so nothing was distributed");
    } else if report.dry_run {
        ctx.ui
            .status("Dry run: nothing was written and no session was recorded.");
    } else if failed.is_empty() {
        let rows: u64 = report.sessions.iter().map(|s| s.total_rows()).sum();
        ctx.ui.status(&format!(
            "{} applied, {} delivered.",
            crate::domain::fix::count(report.sessions.len() as u64, "sessions"),
            crate::domain::fix::count(rows, "rows")
        ));
    }
    ctx.ui.print_equivalent_command();
    if let (Some(kind), Some(first)) = (report.first_failure, failed.first()) {
        return Err(HqError::new(
            kind,
            format!(
                "{} of {} failed; the first: job {} for channel database {} (session {}): {}",
                failed.len(),
                crate::domain::fix::count(report.sessions.len() as u64, "sessions"),
                first.job,
                first.channel_db,
                first.id,
                first.error.as_deref().unwrap_or("")
            ),
        )
        .hinted("a failed session changed nothing in its channel database; fix the cause and run the job again"));
    }
    Ok(())
}
