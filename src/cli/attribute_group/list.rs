use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;
use crate::ui::Table;

/// List attribute groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-group list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = attribute::groups(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["NAME", "DESCRIPTION", "ATTRIBUTES"]);
        for g in &all {
            let names: Vec<&str> = g.attributes.iter().map(|m| m.attribute.as_str()).collect();
            t.row(vec![
                g.name.clone(),
                g.description.clone(),
                names.join(", "),
            ]);
        }
        ui.print_table(t)
    })
}
