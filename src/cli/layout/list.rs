//! `hq layout list`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use crate::ui::Table;
use clap::Args;

/// List screen layouts
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = layout::list(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "NAME", "BUTTONS"]);
        for l in &all {
            t.row(vec![
                l.id.clone(),
                l.name.clone(),
                l.buttons.len().to_string(),
            ]);
        }
        ui.print_table(t)
    })
}
