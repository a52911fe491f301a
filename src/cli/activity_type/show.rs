//! `hq activity-type show`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::staff;
use clap::Args;

/// Show an activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type show VISIT")]
pub(crate) struct ShowArgs {
    /// The activity type's id
    pub id: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::ActivityType>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let t = staff::get_activity_type(db.read(), "ID", &key)?;
    ctx.ui.emit(&t, |ui| {
        ui.print_fields(&[("ID", t.id.clone()), ("Description", t.description.clone())])
    })
}
