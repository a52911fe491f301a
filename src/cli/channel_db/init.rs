use clap::Args;
use serde::Serialize;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::channel_db;

/// Create a channel database of its own: a file, or an empty database on a server
///
/// Makes an empty channel database in a file of its own, or in an empty PostgreSQL database
/// (`postgres://USER@HOST:PORT/DB`, the password in PGPASSWORD or ~/.pgpass), for one channel
/// database: it knows its id, and refuses to be used as another's. Point the channel database
/// at it with `hq channel-db add ID --location PATH|URL` (or `set`); the distribution jobs
/// then deliver its download sessions there, each once. A path where anything exists, or a
/// database that holds anything, is refused (exit 5).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq channel-db init west.db --id WEST
  hq channel-db add WEST --location west.db
  hq job run 9999 --channel-db WEST
  hq channel-db init postgres://hq@db.example.com/east --id EAST")]
pub(crate) struct InitArgs {
    /// Where to make it: a file's path, or a postgres:// URL of an empty database
    pub path: Option<String>,
    /// The channel database it is for
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Serialize)]
struct Report {
    file: String,
    channel_db: String,
    created: bool,
    dry_run: bool,
}

pub(crate) fn run(ctx: &Context, a: InitArgs) -> Result<()> {
    let path = ctx
        .ui
        .need_text(a.path, "PATH", "Where to make the file", |v| {
            if v.trim().is_empty() {
                Err("give a path".to_string())
            } else {
                Ok(())
            }
        })?;
    let id = ctx.ui.need_text(a.id, "--id", "Channel database", |v| {
        crate::domain::validate::id("id", v)
            .map(drop)
            .map_err(|e| e.reason)
    })?;
    let mode = a.write.mode();
    let (made, shown, on_server) = channel_db::init_file(&ctx.env, &path, &id, mode, ctx.wait)?;
    let dry_run = mode == crate::ops::Mode::DryRun;
    let report = Report {
        file: shown,
        channel_db: made,
        created: !dry_run,
        dry_run,
    };
    let what = if on_server {
        "channel database in"
    } else {
        "channel database file"
    };
    ctx.ui.emit(&report, |ui| {
        if dry_run {
            ui.status(&format!(
                "Would create {what} {} for channel database {} (dry run: nothing was made).",
                report.file, report.channel_db
            ));
        } else {
            ui.status(&format!(
                "Created {what} {} for channel database {}.",
                report.file, report.channel_db
            ));
        }
        Ok(())
    })
}
