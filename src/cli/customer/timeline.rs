use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;

/// Show a customer's clienteling activities and notes, as one timeline, newest first
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer timeline 100002\n  hq customer timeline 100002 --json"
)]
pub(crate) struct TimelineArgs {
    /// The customer account
    pub account: String,
}

pub(crate) fn run(ctx: &Context, a: TimelineArgs) -> Result<()> {
    let db = ctx.open()?;
    let t = clienteling::timeline(db.read(), &a.account)?;
    ctx.ui
        .emit(&t, |ui| crate::ui::clienteling::print_timeline(ui, &t))
}
