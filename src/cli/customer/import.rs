use std::path::PathBuf;

use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};
use crate::import;
use crate::ui::Table;

/// Import customers from a CSV file, in one transaction
#[derive(Debug, Args)]
#[command(long_about = long_about(), after_help = "Examples:
  hq customer import customers.csv --store HOUSTON
  hq customer import customers.csv --dry-run --json")]
pub(crate) struct ImportArgs {
    /// The CSV file
    pub file: PathBuf,
    /// Create the customers for this store (inherit from its default customer)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// The columns are the importer's ([`import::COLUMNS`]), which the address's definition extends.
fn long_about() -> String {
    format!(
        "Import customers from a CSV file, in one transaction\n\n\
         The header names the columns (see docs/customers.md): {}. Lists are separated by `;`. \
         Every row follows the rules of `hq customer add`; with --store, rows inherit from the \
         store's default customer. Any invalid row stops the import with its line and column, \
         and nothing is imported; --dry-run checks every row and lists every invalid one.",
        import::COLUMNS.join(", ")
    )
}

pub(crate) fn run(ctx: &Context, a: ImportArgs) -> Result<()> {
    let name = a.file.display().to_string();
    let io = |e: std::io::Error| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    };
    let file = std::fs::File::open(&a.file).map_err(io)?;
    let total = file.metadata().ok().map(|m| m.len());
    let mut db = ctx.open()?;
    let bar = ctx.ui.progress(total, "Importing");
    let result = import::import(
        &mut db,
        &ctx.env,
        a.write.mode(),
        import::Source {
            name: &name,
            reader: std::io::BufReader::with_capacity(1 << 16, file),
            // HQ_IMPORT_BULK_BYTES moves the bulk-load threshold (tests use it).
            bulk: import::is_bulk(
                total,
                std::env::var("HQ_IMPORT_BULK_BYTES")
                    .ok()
                    .and_then(|v| v.parse().ok()),
            ),
            pause: std::env::var("HQ_TEST_IMPORT_PAUSE_MS")
                .ok()
                .and_then(|v| v.parse().ok())
                .map(std::time::Duration::from_millis),
        },
        a.store.as_deref(),
        &mut |t| bar.tick(t),
    );
    bar.finish();
    let applied = result?;
    let r = &applied.value;
    if !r.errors.is_empty() {
        if ctx.ui.json() {
            ctx.ui.print_json(r)?;
        } else {
            let mut t = Table::new(&["LINE", "COLUMN", "PROBLEM"]);
            for e in &r.errors {
                t.row(vec![
                    e.line.to_string(),
                    e.column.clone().unwrap_or_else(|| "-".into()),
                    e.message.clone(),
                ]);
            }
            ctx.ui.print_table(t)?;
        }
        return Err(HqError::invalid(format!(
            "{name}: {} of {} {} invalid; nothing was imported",
            r.errors.len(),
            crate::domain::fix::count(r.rows, "rows"),
            if r.errors.len() == 1 { "is" } else { "are" }
        )));
    }
    if ctx.ui.json() {
        ctx.ui.print_json(r)?;
    }
    let range = match (&r.first_account, &r.last_account) {
        (Some(f), Some(l)) if f != l => format!(" (accounts {f} to {l})"),
        (Some(f), _) => format!(" (account {f})"),
        _ => String::new(),
    };
    let verb = if a.write.dry_run {
        "Checked"
    } else {
        "Imported"
    };
    let tail = if a.write.dry_run {
        "; dry run: nothing was written"
    } else {
        ""
    };
    ctx.ui.status(&format!(
        "{verb} {} from {name}{range}{tail}.",
        crate::domain::fix::count(r.valid, "customers")
    ));
    Ok(())
}
