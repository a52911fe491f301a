use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::legal_entity;
use crate::ui::Table;

/// List legal entities
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity list\n  hq legal-entity list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = legal_entity::list(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "NAME", "COUNTRY", "LANGUAGE"]);
        for le in &all {
            t.row(vec![
                le.id.clone(),
                le.name.clone(),
                le.country.clone(),
                le.language.clone(),
            ]);
        }
        ui.print_table(t)
    })
}
