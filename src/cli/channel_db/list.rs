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
        // Where each lives, when any is a file of its own.
        if all.iter().any(|d| !d.location.is_empty()) {
            let mut t = Table::new(&["ID", "GROUP", "LOCATION", "DESCRIPTION"]);
            for d in &all {
                let location = if d.location.is_empty() {
                    "-".to_string()
                } else {
                    d.location.clone()
                };
                t.row(vec![
                    d.id.clone(),
                    d.group.clone(),
                    location,
                    d.description.clone(),
                ]);
            }
            return ui.print_table(t);
        }
        let mut t = Table::new(&["ID", "GROUP", "DESCRIPTION"]);
        for d in &all {
            t.row(vec![d.id.clone(), d.group.clone(), d.description.clone()]);
        }
        ui.print_table(t)
    })
}
