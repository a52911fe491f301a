use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::{clienteling, customer};

/// Remove a customer (refused while it is a store's default customer or in a client book)
///
/// Its clienteling activities, notes and Customer Insights measure values go with it; when it
/// has any, hq asks first at a terminal, and needs --yes without one.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer remove 100002 --dry-run\n  hq customer remove 100002 --yes"
)]
pub(crate) struct RemoveArgs {
    /// The customer account
    pub account: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let (activities, notes, measures) = clienteling::history(db.read(), &a.account)?;
    let count = crate::domain::fix::count;
    let history = format!(
        "{}, {} and {}",
        count(activities, "activities"),
        count(notes, "notes"),
        count(measures, "measure values")
    );
    if !a.write.dry_run
        && activities + notes + measures > 0
        && !ctx.ui.confirm(
            &format!("Remove customer {} with {history}?", a.account),
            &format!(
                "removing customer {} also removes its {history}, which needs confirmation",
                a.account
            ),
        )?
    {
        ctx.ui.status("Not removed; nothing changed.");
        return Ok(());
    }
    let applied = customer::remove(&mut db, &ctx.env, a.write.mode(), &a.account)?;
    ctx.ui.report(&applied, String::new)
}
