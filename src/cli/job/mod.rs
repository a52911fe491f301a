//! `hq job`: the distribution jobs (docs/distribution.md).

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::distribution::{self, RunOptions, Target};
use crate::error::{HqError, Result};

#[derive(Debug, Subcommand)]
pub(crate) enum JobCommand {
    List(ListArgs),
    Run(RunArgs),
    Pending(PendingArgs),
    Sessions(SessionsArgs),
}

/// List the distribution jobs and the tables each carries
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq job list\n  hq job list --json")]
pub(crate) struct ListArgs {}

/// Which channel databases: all by default, or one, or one group's
#[derive(Debug, Args, Clone)]
pub(crate) struct TargetArgs {
    /// Only this channel database
    #[arg(long, value_name = "ID", conflicts_with = "group")]
    pub channel_db: Option<String>,
    /// Only the channel databases of this group
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
}

impl TargetArgs {
    fn target(&self) -> Target {
        Target {
            channel_db: self.channel_db.clone(),
            group: self.group.clone(),
        }
    }
}

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

pub(crate) fn run(ctx: &Context, cmd: JobCommand) -> Result<()> {
    match cmd {
        JobCommand::List(_) => {
            let jobs = crate::domain::distribution::JOBS;
            ctx.ui
                .emit(jobs, |ui| crate::ui::distribution::print_jobs(ui, jobs))
        }
        JobCommand::Run(a) => run_jobs(ctx, a),
        JobCommand::Pending(a) => {
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
        JobCommand::Sessions(a) => {
            let db = ctx.open()?;
            let (all, more) =
                distribution::sessions(db.read(), a.job, a.channel_db.as_deref(), a.limit)?;
            ctx.ui
                .emit(&all, |ui| crate::ui::distribution::print_sessions(ui, &all))?;
            ctx.ui.more(more, "sessions");
            Ok(())
        }
    }
}

fn run_jobs(ctx: &Context, a: RunArgs) -> Result<()> {
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
    };
    let bar = ctx.ui.counter("Distributing", "sessions");
    let result = distribution::run(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &opts,
        &mut |done, total| {
            bar.set_total(total);
            bar.set(done);
        },
    );
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
            "{} sessions applied, {rows} rows delivered.",
            report.sessions.len()
        ));
    }
    ctx.ui.print_equivalent_command();
    if let (Some(kind), Some(first)) = (report.first_failure, failed.first()) {
        return Err(HqError::new(
            kind,
            format!(
                "{} of {} sessions failed; the first: job {} for channel database {} (session {}): {}",
                failed.len(),
                report.sessions.len(),
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
