use clap::Args;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::store;
use crate::ui::Table;

/// List stores
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq store list\n  hq store list --legal-entity USRT --json")]
pub(crate) struct ListArgs {
    /// Only the stores of this legal entity
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = store::list(db.read(), a.legal_entity.as_deref())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&[
            "NUMBER",
            "NAME",
            "LEGAL ENTITY",
            "CURRENCY",
            "CITY",
            "CHANNEL DB",
            "DEFAULT CUSTOMER",
        ]);
        for s in &all {
            t.row(vec![
                s.number.clone(),
                s.name.clone(),
                s.legal_entity.clone(),
                s.currency.clone(),
                s.city.clone(),
                s.channel_db.clone(),
                or_dash(s.default_customer.as_deref()),
            ]);
        }
        ui.print_table(t)
    })
}
