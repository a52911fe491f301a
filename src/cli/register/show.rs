//! `hq register show`.

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout;
use clap::Args;

/// Show a register
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register show HOUSTON-1")]
pub(crate) struct ShowArgs {
    /// The register's id
    pub id: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::layout::Register>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let r = layout::get_register(db.read(), "ID", &key)?;
    ctx.ui.emit(&r, |ui| {
        ui.print_fields(&[
            ("ID", r.id.clone()),
            ("Store", r.store.clone()),
            ("Layout", or_dash(r.layout.as_deref())),
        ])
    })
}
