use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::channel_db;
use crate::ui::Table;

/// List channel databases
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq channel-db list\n  hq channel-db list --group Default --json"
)]
pub(crate) struct ListArgs {
    /// Only the databases of this group
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = channel_db::dbs(db.read(), a.group.as_deref())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "GROUP", "DESCRIPTION"]);
        for d in &all {
            t.row(vec![d.id.clone(), d.group.clone(), d.description.clone()]);
        }
        ui.print_table(t)
    })
}
