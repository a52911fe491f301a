//! `hq activity-type list`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use crate::ui::Table;
use clap::Args;

/// List activity types
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = staff::activity_types(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "DESCRIPTION"]);
        for a in &all {
            t.row(vec![a.id.clone(), a.description.clone()]);
        }
        ui.print_table(t)
    })
}
