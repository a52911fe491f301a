use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute;
use crate::ui::Table;

/// List attribute types
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-type list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = attribute::types(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["NAME", "KIND", "VALUES", "RANGE", "UNIT"]);
        for ty in &all {
            t.row(vec![
                ty.name.clone(),
                ty.kind.as_str().into(),
                ty.values.join(", "),
                super::range(ty),
                crate::cli::or_dash(ty.unit.as_deref()),
            ]);
        }
        ui.print_table(t)
    })
}
