use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::envfile::diff;
use crate::error::{ErrorKind, HqError, Result};

/// Show what differs between an environment file (or another data file) and the data file
///
/// Each kind of the file (docs/environment-file.md) is compared with the data file: `+` is
/// declared in the file but missing here, `-` is here but not declared, `~` differs (each field
/// old -> new). Lists are matched by their ids, without regard to case; `[distribution]` is not
/// compared. Exit 0 when there are no differences, 1 when there are (as diff(1)), 3 when the
/// file is invalid (with file:line:column).
///
/// FILE may also be another data file: both are compared through their exports (as `hq
/// export` writes them), exactly, with FILE as the `+` side. It is only read, and must be at
/// this hq's schema (exit 7 otherwise).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq diff environment.toml
  hq diff fixtures/contoso.toml --json
  hq diff staging.db                 # another data file")]
pub(crate) struct DiffArgs {
    /// The environment file, or another data file
    pub file: PathBuf,
}

pub(crate) fn run(ctx: &Context, a: DiffArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = if diff::is_data_file(&a.file) {
        let other = crate::db::Db::open_read_only(&a.file, ctx.wait)?;
        crate::envfile::steps::Steps::held(diff::between(db.read(), other.read())?)
    } else {
        diff::diff(db.read(), ctx.env.now, &a.file)?
    };
    ctx.ui
        .emit(&all, |ui| crate::ui::envfile::print_differences(ui, &all))?;
    if all.is_empty() {
        ctx.ui.status("No differences.");
        Ok(())
    } else {
        Err(HqError::new(
            ErrorKind::Findings,
            crate::domain::fix::count(all.len() as u64, "differences"),
        ))
    }
}
