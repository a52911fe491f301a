use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::envfile::export;
use crate::error::{ErrorKind, HqError, Result};

/// Write the whole environment as an environment file (TOML)
///
/// Everything the data file declares, in a stable order (each kind sorted by its id), in the
/// format of docs/environment-file.md: organisation, features, number sequences, parameters,
/// Key Vault (secret references only, never values), Customer Insights, attributes, activity
/// types, staff, layouts, registers, customer groups and customers. Channel database contents,
/// download sessions, client books, activities and the audit log are not part of it.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq export > environment.toml
  hq export -o environment.toml
  hq export --update fixtures/contoso.toml
  hq export --json")]
pub(crate) struct ExportArgs {
    /// Write to this file (replaced whole) instead of standard output
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "update"
    )]
    pub output: Option<PathBuf>,
    /// Rewrite this environment file in place, keeping the comments and layout of what did
    /// not change
    #[arg(long, value_name = "FILE")]
    pub update: Option<PathBuf>,
}

pub(crate) fn run(ctx: &Context, a: ExportArgs) -> Result<()> {
    let db = ctx.open()?;
    let file = export::export(db.read())?;
    if ctx.ui.json() {
        return ctx.ui.print_json(&file);
    }
    let (text, target) = match (&a.update, &a.output) {
        (Some(path), _) => {
            let name = path.display().to_string();
            let existing = std::fs::read_to_string(path).map_err(|e| {
                HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
                    .hinted("check the path; to write a new file use -o FILE")
            })?;
            (export::update(&name, &existing, &file)?, Some(path))
        }
        (None, out) => (export::to_toml(&file)?, out.as_ref()),
    };
    match target {
        None => ctx.ui.print_raw(text.as_bytes()),
        Some(path) => {
            let io = |e: std::io::Error| {
                HqError::new(
                    ErrorKind::Io,
                    format!("cannot write {}: {e}", path.display()),
                )
                .hinted("check the directory exists and that you may write there")
            };
            // Write beside it, then rename: a reader never sees half a file. It holds customer
            // data: a new file is private (0600); a file being updated keeps its mode.
            let tmp = path.with_extension("toml.tmp");
            let _ = std::fs::remove_file(&tmp);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let written = (|| -> std::io::Result<()> {
                use std::io::Write;
                let mut f = options.open(&tmp)?;
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                if let Ok(m) = std::fs::metadata(path) {
                    std::fs::set_permissions(&tmp, m.permissions())?;
                }
                std::fs::rename(&tmp, path)
            })();
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                return Err(io(e));
            }
            ctx.ui
                .status(&format!("Wrote the environment to {}.", path.display()));
            Ok(())
        }
    }
}
