//! `hq register list`.

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout;
use crate::ui::Table;
use clap::Args;

/// List registers
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register list --store HOUSTON --json")]
pub(crate) struct ListArgs {
    /// Only this store's registers
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = layout::registers(db.read(), a.store.as_deref())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "STORE", "LAYOUT"]);
        for r in &all {
            t.row(vec![
                r.id.clone(),
                r.store.clone(),
                or_dash(r.layout.as_deref()),
            ]);
        }
        ui.print_table(t)
    })
}
