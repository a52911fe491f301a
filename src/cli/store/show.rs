use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::store;

/// Show one store
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq store show HOUSTON\n  hq store show HOUSTON --json")]
pub(crate) struct ShowArgs {
    /// The store number
    pub number: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::Store>(
        &ctx.ui,
        db.read(),
        a.number.clone(),
    )?;
    let s = store::get(db.read(), "NUMBER", &key)?;
    ctx.ui.emit(&s, |ui| super::print_one(ui, &s))
}
