use clap::Args;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;
use crate::ui::Table;

/// List attributes
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = attribute::list(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["NAME", "TYPE", "FRIENDLY NAME", "DEFAULT"]);
        for a in &all {
            t.row(vec![
                a.name.clone(),
                a.type_name.clone(),
                or_dash(a.friendly_name.as_deref()),
                or_dash(a.default.as_deref()),
            ]);
        }
        ui.print_table(t)
    })
}
