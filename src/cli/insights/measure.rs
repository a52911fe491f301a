use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::clienteling;

#[derive(Debug, Subcommand)]
pub(crate) enum MeasureCommand {
    Import(ImportArgs),
}

/// Load Customer Insights measure values from a CSV file (columns account, measure, value)
///
/// Measures must be among those selected with `hq insights set --measure`; the customer card
/// shows them. One transaction: a bad row stops the import with its line, nothing written.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq insights measure import measures.csv")]
pub(crate) struct ImportArgs {
    /// The CSV file
    pub file: PathBuf,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: MeasureCommand) -> Result<()> {
    let MeasureCommand::Import(a) = cmd;
    let name = a.file.display().to_string();
    let file = std::fs::File::open(&a.file).map_err(|e| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    })?;
    let mut db = ctx.open()?;
    let applied = clienteling::import_measures(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &name,
        std::io::BufReader::new(file),
    )?;
    let r = applied.value.clone();
    ctx.ui
        .report(&applied, || format!("{name} holds no rows"))?;
    if !ctx.ui.json() {
        ctx.ui.status(&format!(
            "{} for {} from {name}.",
            crate::domain::fix::count(r.rows as u64, "measure values"),
            crate::domain::fix::count(r.customers as u64, "customers")
        ));
    }
    Ok(())
}
