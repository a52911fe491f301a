//! `hq worker show`.

use super::Shown;
use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff::{self};
use clap::Args;

/// Show a worker and the stores they belong to
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker show 000160 --json")]
pub(crate) struct ShowArgs {
    /// The personnel number
    pub personnel_number: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::Worker>(
        &ctx.ui,
        db.read(),
        a.personnel_number.clone(),
    )?;
    let w = staff::get_worker(db.read(), "PERSONNEL_NUMBER", &key)?;
    let stores = staff::stores_of_worker(db.read(), &w)?;
    let shown = Shown { worker: w, stores };
    ctx.ui.emit(&shown, |ui| {
        let w = &shown.worker;
        ui.print_fields(&[
            ("Personnel number", w.personnel_number.clone()),
            ("Name", w.name.clone()),
            (
                "Employee address books",
                w.employee_address_books.join(", "),
            ),
            ("Permission group", w.permission_group.clone()),
            ("Layout", or_dash(w.layout.as_deref())),
            ("Stores", shown.stores.join(", ")),
        ])
    })
}
