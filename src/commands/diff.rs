use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::diff;

/// Show what differs between an environment file and the data file
///
/// Each kind of the file (docs/environment-file.md) is compared with the data file: `+` is
/// declared in the file but missing here, `-` is here but not declared, `~` differs (each field
/// old -> new). Lists are matched by their ids, without regard to case; `[distribution]` is not
/// compared. Exit 0 when there are no differences, 1 when there are (as diff(1)), 3 when the
/// file is invalid (with file:line:column).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq diff environment.toml
  hq diff fixtures/contoso.toml --json")]
pub struct DiffArgs {
    /// The environment file
    pub file: PathBuf,
}

pub fn run(ctx: &Context, a: DiffArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = diff::diff(db.conn(), ctx.env.now, &a.file)?;
    ctx.ui
        .emit(&all, |ui| crate::ui::envfile::print_differences(ui, &all))?;
    if all.is_empty() {
        ctx.ui.status("No differences.");
        Ok(())
    } else {
        Err(HqError::new(
            ErrorKind::Findings,
            format!("{} differences", all.len()),
        ))
    }
}
