use std::path::PathBuf;

use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::{Mode, copy};

/// Copy a whole environment to another data file or PostgreSQL database, either way
///
/// Everything goes: the organisation, features, sequences, configuration, customers with
/// their lists, client books and activities, what distribution delivered, and the audit log
/// (with one entry more for the copy). The rows are read as they come and written in one
/// transaction on the target, so a failure or a dry run leaves it as it was (a new data file
/// is not made). `hq export` of both sides is then the same.
///
/// The target must be a new data file or an empty database; one that holds an environment is
/// refused (exit 5) unless --replace, which removes everything in it first (after
/// confirmation, or --yes). --from defaults to --data.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq copy --from hq.db --to postgres://hq@db.contoso.example/headquarters
  hq copy --from postgres://hq@db.contoso.example/headquarters --to backup.db
  hq --data hq.db copy --to staging.db --replace --yes
  hq copy --to postgres://localhost/hq --dry-run --json")]
pub(crate) struct CopyArgs {
    /// The environment to copy: a data file's path or a postgres:// URL [default: --data]
    #[arg(long, value_name = "PATH|URL")]
    pub from: Option<PathBuf>,
    /// Where to copy it: a new data file's path, or an empty database's postgres:// URL
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
    /// Remove everything the target holds first (asks first)
    #[arg(long)]
    pub replace: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: CopyArgs) -> Result<()> {
    let from = match &a.from {
        Some(p) => crate::context::location_given(p.clone(), "--from")?,
        None => ctx.data.clone(),
    };
    let to = crate::context::location_given(a.to.clone(), "--to")?;
    let mode = a.write.mode();
    if a.replace
        && mode == Mode::Commit
        && !ctx.ui.confirm(
            &format!("--replace removes everything {to} holds, then copies {from} there. Go on?"),
            "--replace removes everything the target holds, so it needs confirmation",
        )?
    {
        ctx.ui.status("Not copied; nothing changed.");
        return Ok(());
    }
    let progress = ctx.ui.counter("Copying", "tables");
    progress.set_total(crate::db::copy::tables().len() as u64);
    let mut done = 0;
    let report = copy::copy(&from, &to, ctx.wait, &ctx.env, mode, a.replace, &mut |c| {
        done += 1;
        progress.set(done);
        progress.phase(&format!(
            "{} ({})",
            c.table,
            crate::domain::fix::count(c.rows, "rows")
        ));
    });
    progress.finish();
    let report = report?;
    ctx.ui
        .emit(&report, |ui| crate::ui::envfile::print_copied(ui, &report))?;
    let rows = crate::domain::fix::count(report.rows, "rows");
    ctx.ui.status(&match (report.dry_run, report.replaced) {
        (true, _) => format!(
            "Dry run: {rows} would be copied from {} to {}; nothing was written.",
            report.from, report.to
        ),
        (false, true) => format!(
            "Replaced everything in {} with {rows} from {}, in one transaction.",
            report.to, report.from
        ),
        (false, false) => format!(
            "Copied {rows} from {} to {}, in one transaction.",
            report.from, report.to
        ),
    });
    Ok(())
}
