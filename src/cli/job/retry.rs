//! `hq job retry`.

use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::distribution;
use crate::error::Result;

/// Run a failed session's job again, for its channel database
///
/// Takes a session that failed (`hq job sessions` lists them, with the reason) and runs its
/// job again for its channel database, as `hq job run JOB --channel-db ID` would: in full if
/// the session was full, else incremental, carrying what is waiting now (what the failed
/// session would have carried and anything changed since). A new session is recorded; the
/// failed one stays as history. Only a failed session is retried (exit 5 otherwise).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq job sessions --limit 5
  hq job retry 42
  hq job retry 42 --dry-run --json")]
pub(crate) struct RetryArgs {
    /// The failed session's id (asked for at a terminal when left out)
    #[arg(value_name = "SESSION")]
    pub session: Option<i64>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RetryArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let id = ctx
        .ui
        .need_text(
            a.session.map(|n| n.to_string()),
            "SESSION",
            "Failed session to retry",
            |v| {
                v.trim()
                    .parse::<i64>()
                    .map(drop)
                    .map_err(|_| "a session is a number (see `hq job sessions`)".to_string())
            },
        )?
        .trim()
        .parse::<i64>()
        .unwrap_or_default();
    let (_, opts) = distribution::retry_of(db.read(), id)?;
    super::run::run_and_report(ctx, &mut db, a.write.mode(), &opts)
}
