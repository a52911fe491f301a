use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::channel_db;
use crate::ui::Table;

/// List channel database groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db-group list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = channel_db::groups(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "DESCRIPTION"]);
        for g in &all {
            t.row(vec![g.id.clone(), g.description.clone()]);
        }
        ui.print_table(t)
    })
}
