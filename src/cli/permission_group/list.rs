//! `hq permission-group list`.

use super::ops_text;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use crate::ui::Table;
use clap::Args;

/// List permission groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = staff::permission_groups(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "DESCRIPTION", "OPERATIONS"]);
        for g in &all {
            t.row(vec![g.id.clone(), g.description.clone(), ops_text(g)]);
        }
        ui.print_table(t)
    })
}
