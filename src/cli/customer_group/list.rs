//! `hq customer-group list`.

use super::dims;
use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self};
use crate::ui::Table;
use clap::Args;

/// List customer groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer-group list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = customer::groups(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "DESCRIPTION", "PAYMENT TERMS", "FINANCIAL DIMENSIONS"]);
        for g in &all {
            t.row(vec![
                g.id.clone(),
                g.description.clone(),
                or_dash(g.payment_terms.as_deref()),
                dims(g),
            ]);
        }
        ui.print_table(t)
    })
}
