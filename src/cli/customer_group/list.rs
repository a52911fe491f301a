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
#[command(
    after_help = "Examples:\n  hq customer-group list --json\n  hq customer-group list --legal-entity USRT"
)]
pub(crate) struct ListArgs {
    /// Only the groups of this legal entity
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let mut all = customer::groups(db.read())?;
    if let Some(le) = &a.legal_entity {
        let le = crate::ops::legal_entity::get(db.read(), "legal_entity", le)?;
        all.retain(|g| g.legal_entity.eq_ignore_ascii_case(&le.id));
    }
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&[
            "ID",
            "LEGAL ENTITY",
            "DESCRIPTION",
            "PAYMENT TERMS",
            "FINANCIAL DIMENSIONS",
        ]);
        for g in &all {
            t.row(vec![
                g.id.clone(),
                g.legal_entity.clone(),
                g.description.clone(),
                or_dash(g.payment_terms.as_deref()),
                dims(g),
            ]);
        }
        ui.print_table(t)
    })
}
