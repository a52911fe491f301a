//! `hq worker list`.

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff::{self};
use crate::ui::Table;
use clap::Args;

/// List workers
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = staff::workers(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&[
            "PERSONNEL NUMBER",
            "NAME",
            "PERMISSION GROUP",
            "ADDRESS BOOKS",
            "LAYOUT",
        ]);
        for w in &all {
            t.row(vec![
                w.personnel_number.clone(),
                w.name.clone(),
                w.permission_group.clone(),
                w.employee_address_books.join(", "),
                or_dash(w.layout.as_deref()),
            ]);
        }
        ui.print_table(t)
    })
}
