use std::path::PathBuf;

use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::db::Db;
use crate::envfile;
use crate::envfile::apply::{self, ApplyOptions};
use crate::error::{HqError, Result};
use crate::ops::{Mode, init};

/// Make the data file match an environment file, in one transaction
///
/// Carries out `hq plan FILE`: creations and changes in dependency order, through the same
/// rules as the commands (the first refusal rolls everything back and is reported at the
/// file's line and column), then the distribution jobs of the file's `[distribution] run`
/// when anything is pending for them. A second apply of the same file changes nothing.
///
/// A data file that does not exist yet is created at the file's environment version (and
/// removed again if the apply fails or is a dry run). With --prune, what the data file has
/// and the file does not declare is removed too, after confirmation (or --yes). Features the
/// file does not name are left as they are.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq --data contoso.db apply fixtures/contoso.toml
  hq apply environment.toml --dry-run
  hq apply environment.toml --prune --yes
  hq apply environment.toml --json")]
pub(crate) struct ApplyArgs {
    /// The environment file
    pub file: PathBuf,
    /// Also remove what the data file has and the file does not declare (asks first)
    #[arg(long)]
    pub prune: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: ApplyArgs) -> Result<()> {
    let mode = a.write.mode();
    if let crate::db::location::Location::File(path) = &ctx.data
        && path.exists()
    {
        return apply_to(ctx, &a, mode, ctx.open()?, false);
    }
    // A new data file (or a database that holds no environment yet): read the file first (an
    // invalid one creates nothing), then make the data file under a temporary name (the schema
    // inside a transaction), apply, and put it in place only once it is whole.
    let file = envfile::read(&a.file)?;
    match init::create(&ctx.data, ctx.wait, &ctx.env, &file.version)? {
        init::Made::New { db, .. } => apply_to(ctx, &a, mode, db, true),
        init::Made::Existing { .. } => apply_to(ctx, &a, mode, ctx.open()?, false),
    }
}

fn apply_to(ctx: &Context, a: &ApplyArgs, mode: Mode, mut db: Db, created: bool) -> Result<()> {
    // With --yes nothing is asked, so the plan is not made twice (a prune of a file with a
    // million customers reads them all).
    if a.prune && mode == Mode::Commit && !created && !ctx.ui.yes() {
        let plan = apply::preview(&db, &ctx.env, &a.file, true)?;
        // Up to five named, the rest counted: a prune may remove 200,000 customers.
        let (mut list, removals) = plan.first_removals(5)?;
        if removals > 0 {
            if removals > list.len() {
                list.push(format!("and {} more", removals - list.len()));
            }
            let things = crate::domain::fix::count(removals as u64, "things");
            let question = format!(
                "--prune removes {things} the file does not declare ({}). Go on?",
                list.join(", ")
            );
            if !ctx.ui.confirm(
                &question,
                &format!("--prune would remove {things}, so it needs confirmation"),
            )? {
                ctx.ui.status("Not applied; nothing changed.");
                return Ok(());
            }
        }
    }
    let applied = apply::apply(
        &mut db,
        &ctx.env,
        &a.file,
        &ApplyOptions {
            prune: a.prune,
            mode,
            // HQ_APPLY_BULK_CUSTOMERS moves the threshold of rebuilt indexes (tests use it).
            bulk_new: std::env::var("HQ_APPLY_BULK_CUSTOMERS")
                .ok()
                .and_then(|v| v.parse().ok()),
        },
    );
    let mut report = match applied {
        Ok(r) => r,
        Err(e) => {
            if created {
                db.discard();
            }
            return Err(e);
        }
    };
    match (created, mode) {
        (true, Mode::DryRun) => db.discard(),
        (_, Mode::DryRun) => drop(db),
        (true, Mode::Commit) => match db.publish(ctx.wait)? {
            Some(mut db) => apply::distribute(&mut db, &ctx.env, &mut report)?,
            // Another hq made the file at the same moment: this apply goes to that file,
            // as if it had been there before (its plan, after waiting for the other).
            None => return apply_to(ctx, a, mode, ctx.open()?, false),
        },
        (false, Mode::Commit) => apply::distribute(&mut db, &ctx.env, &mut report)?,
    }
    if created && mode == Mode::DryRun {
        ctx.ui.status(&format!(
            "{} does not exist yet: apply would create it at the file's version (dry run: it was not).",
            ctx.data
        ));
    }
    ctx.ui
        .emit(&report, |ui| crate::ui::envfile::print_applied(ui, &report))?;
    for w in &report.warnings {
        ctx.ui.warn(w);
    }
    let n = report.plan.len();
    let steps = crate::domain::fix::count(n as u64, "steps");
    let changes = crate::domain::fix::count(report.changes as u64, "changes");
    match (n, report.dry_run) {
        (0, _) => ctx
            .ui
            .status("Nothing to do: the data file matches the file."),
        (_, true) => ctx.ui.status(&format!(
            "Dry run: {steps} would be applied ({changes}); nothing was written."
        )),
        (_, false) => ctx
            .ui
            .status(&format!("Applied {steps} ({changes}) in one transaction.")),
    }
    if report.plan.not_pruned() > 0 {
        ctx.ui.note(&super::plan::kept_note(
            &report.plan.first_removals(super::plan::KEPT_SHOWN)?,
        ));
    }
    if let Some(run) = &report.distribution {
        let failed = run.failed().count();
        if failed > 0 {
            return Err(HqError::new(
                run.first_failure
                    .unwrap_or(crate::error::ErrorKind::Internal),
                format!(
                    "the file was applied, but {failed} of {} distribution sessions failed",
                    run.sessions.len()
                ),
            )
            .hinted("see them with `hq job sessions`, then run the jobs again with `hq job run`"));
        }
    }
    Ok(())
}
