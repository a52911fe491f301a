use clap::Args;

use crate::context::Context;
use crate::distribution;
use crate::error::Result;

/// Show what a channel database holds: rows per table, or one table's rows
///
/// This is what the stores reading from it see (after the distribution jobs have run). Tables
/// are named as in HQ (`features`, `customers`); `hq job list` says which job carries each.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq channel-db contents Default
  hq channel-db contents Default --table features --json
  hq channel-db contents Default --table customers --limit 10 --offset 100")]
pub(crate) struct ContentsArgs {
    /// The channel database
    pub id: String,
    /// Show this table's rows, by key
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,
    /// At most this many rows (with --table)
    #[arg(long, default_value_t = 100, value_name = "N", requires = "table")]
    pub limit: u32,
    /// Skip this many rows first (with --table)
    #[arg(long, default_value_t = 0, value_name = "N", requires = "table")]
    pub offset: u32,
}

pub(crate) fn run(ctx: &Context, a: ContentsArgs) -> Result<()> {
    let db = ctx.open()?;
    match &a.table {
        Some(t) => {
            let (rows, more) = distribution::table_rows(db.read(), &a.id, t, a.limit, a.offset)?;
            ctx.ui
                .emit(&rows, |ui| crate::ui::distribution::print_rows(ui, &rows))?;
            ctx.ui.more(more, "rows");
            Ok(())
        }
        None => {
            let (_, all) = distribution::contents(db.read(), &a.id)?;
            ctx.ui
                .emit(&all, |ui| crate::ui::distribution::print_contents(ui, &all))
        }
    }
}
