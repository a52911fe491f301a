use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer;
use crate::ui::Table;

/// Convert every async customer pending in a channel database
///
/// In one transaction: uploads each, allocates its account from the customer_account number
/// sequence of its legal entity, writes it to HQ, and marks it synced. Job 1010 then brings the
/// customers back to the channel databases.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer list --pending\n  hq customer sync\n  hq customer sync --dry-run --json"
)]
pub(crate) struct SyncArgs {
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SyncArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let (applied, away) = customer::sync(&mut db, &ctx.env, a.write.mode())?;
    if !ctx.ui.json() && !applied.value.is_empty() {
        let mut t = Table::new(&["TEMPORARY ID", "ACCOUNT", "STORE"]);
        for s in &applied.value {
            t.row(vec![s.id.clone(), s.account.clone(), s.store.clone()]);
        }
        ctx.ui.print_table(t)?;
    }
    ctx.ui
        .report(&applied, || "no async customers are pending".into())?;
    // What could not be read is left for the next sync; the exit code says the first reason.
    let mut away = away.into_iter();
    let Some(first) = away.next() else {
        return Ok(());
    };
    for u in away {
        let e = u.error.render_field(crate::error::flag_of);
        ctx.ui.warn(format!(
            "channel database {} could not be read either: {}",
            u.channel_db, e.message
        ));
    }
    let mut e = first.error.render_field(crate::error::flag_of);
    e.message = format!(
        "channel database {} could not be read, so its waiting customers were not uploaded (those of the others were): {}",
        first.channel_db, e.message
    );
    e.hints.push(crate::domain::fix::Hint::to(
        "once it can be read, upload them with",
        crate::domain::fix::Cmd::new("customer sync"),
    ));
    Err(e)
}
