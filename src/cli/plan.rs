use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::envfile::plan;
use crate::error::{ErrorKind, HqError, Result};

/// Show what applying an environment file would change, in the order it would be done
///
/// Creations and changes come in dependency order (legal entities before stores, customer
/// groups before customers, ...), not the file's; with --prune, removals of what the file does
/// not declare follow, in reverse order. Each change lists its fields old -> new. Reads only,
/// and checks the file's form: `hq apply FILE --dry-run` also runs every rule. --exit-code:
/// exit 1 when there is anything to do (as diff(1)), 0 when not.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq plan fixtures/contoso.toml
  hq plan environment.toml --prune --json
  hq plan environment.toml --exit-code")]
pub(crate) struct PlanArgs {
    /// The environment file
    pub file: PathBuf,
    /// Also remove what the data file has and the file does not declare
    #[arg(long)]
    pub prune: bool,
    /// Exit 1 when the plan has steps, 0 when it has none
    #[arg(long)]
    pub exit_code: bool,
}

pub(crate) fn run(ctx: &Context, a: PlanArgs) -> Result<()> {
    let db = ctx.open()?;
    let p = plan::plan(db.read(), ctx.env.now, &a.file, a.prune)?;
    ctx.ui
        .emit(&p, |ui| crate::ui::envfile::print_plan(ui, &p))?;
    let n = p.len();
    if n == 0 {
        ctx.ui
            .status("Nothing to do: the data file matches the file.");
    } else {
        ctx.ui.status(&format!(
            "{}.",
            crate::domain::fix::count(n as u64, "steps")
        ));
    }
    if p.not_pruned() > 0 {
        ctx.ui.note(&kept_note(&p.first_removals(KEPT_SHOWN)?));
    }
    if a.exit_code && n > 0 {
        return Err(HqError::new(
            ErrorKind::Findings,
            crate::domain::fix::count(n as u64, "steps"),
        ));
    }
    Ok(())
}

/// How many of what is kept the note names.
pub(crate) const KEPT_SHOWN: usize = 5;

/// The note on what the data file has and the file does not declare: kept, named (the first
/// few of all of them), and not a step.
pub(crate) fn kept_note((names, all): &(Vec<String>, usize)) -> String {
    let mut text = names.join(", ");
    if *all > names.len() {
        text.push_str(&format!(" and {} more", all - names.len()));
    }
    let it = if *all == 1 { "it" } else { "them" };
    format!("not declared in the file, and kept: {text} (--prune would remove {it})")
}
