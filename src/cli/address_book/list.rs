use clap::Args;

use super::KindArg;
use crate::context::Context;
use crate::error::Result;
use crate::ops::address_book;
use crate::ui::Table;

/// List address books
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq address-book list\n  hq address-book list --kind employee --json"
)]
pub(crate) struct ListArgs {
    /// Only this kind
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = address_book::list(db.read(), a.kind.map(Into::into))?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "NAME", "KIND"]);
        for b in &all {
            t.row(vec![
                b.id.clone(),
                b.name.clone(),
                b.kind.as_str().to_string(),
            ]);
        }
        ui.print_table(t)
    })
}
