//! `hq layout show`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use crate::ui::Table;
use clap::Args;

/// Show a layout and its buttons
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout show HOUSTON-LAYOUT --json")]
pub(crate) struct ShowArgs {
    /// The layout's id
    pub id: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::layout::ScreenLayout>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let l = layout::get(db.read(), "ID", &key)?;
    ctx.ui.emit(&l, |ui| {
        ui.print_fields(&[("ID", l.id.clone()), ("Name", l.name.clone())])?;
        if !l.buttons.is_empty() {
            ui.print_line("")?;
            let mut t = Table::new(&["GRID", "ROW", "COLUMN", "OPERATION", "TEXT"]);
            for b in &l.buttons {
                t.row(vec![
                    b.grid.clone(),
                    b.row.to_string(),
                    b.column.to_string(),
                    b.operation.to_string(),
                    b.text.clone(),
                ]);
            }
            ui.print_table(t)?;
        }
        Ok(())
    })
}
