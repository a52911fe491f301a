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
    if ctx.ui.json() {
        return ctx.ui.print_json(&export::export(db.read())?);
    }
    if let Some(path) = &a.update {
        // An update edits the file as a document: the whole environment is held.
        let name = path.display().to_string();
        let existing = std::fs::read_to_string(path).map_err(|e| {
            HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
                .hinted("check the path; to write a new file use -o FILE")
        })?;
        let text = export::update(&name, &existing, &export::export(db.read())?)?;
        return write_file(ctx, path, &mut |w| w(text.as_bytes()));
    }
    // Written as it is read, a customer at a time.
    match &a.output {
        None => export::write_toml(db.read(), &mut |b| ctx.ui.print_raw(b)),
        Some(path) => write_file(ctx, path, &mut |w| export::write_toml(db.read(), w)),
    }
}

type Sink<'a> = &'a mut dyn FnMut(&[u8]) -> Result<()>;

/// Writes `path` with what `fill` gives its sink: beside it first, then renamed, so a reader
/// never sees half a file. It holds customer data: a new file is private (0600); a file being
/// updated keeps its mode.
fn write_file(
    ctx: &Context,
    path: &std::path::Path,
    fill: &mut dyn FnMut(Sink) -> Result<()>,
) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| {
        HqError::new(
            ErrorKind::Io,
            format!("cannot write {}: {e}", path.display()),
        )
        .hinted("check the directory exists and that you may write there")
    };
    let tmp = path.with_extension("toml.tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| -> Result<()> {
        let f = options.open(&tmp).map_err(io)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        fill(&mut |bytes| w.write_all(bytes).map_err(io))?;
        let f = w.into_inner().map_err(|e| io(e.into_error()))?;
        f.sync_all().map_err(io)?;
        if let Ok(m) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, m.permissions()).map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    ctx.ui
        .status(&format!("Wrote the environment to {}.", path.display()));
    Ok(())
}
