//! `hq clientbook reassign`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;
use clap::Args;

/// Move customers to another worker's client book (created on first use), in one transaction
///
/// Name the accounts, or give --from to move all of a worker's customers (an associate
/// transferred or leaving). With --from and accounts, each must be in that worker's books.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq clientbook reassign 100002 --to 000161
  hq clientbook reassign 100002 100003 --to 000161
  hq clientbook reassign --from 000160 --to 000161")]
pub(crate) struct ReassignArgs {
    #[command(flatten)]
    pub who: Reassignment,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Whom a reassignment moves, and to whom (HQ and the store's 716 alike).
#[derive(Debug, Args)]
pub(crate) struct Reassignment {
    /// The customer accounts [default with --from: all of that worker's customers (at a store:
    /// in its legal entity)]
    pub accounts: Vec<String>,
    /// The worker whose client book gets the customers (at a store: a worker of the store)
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub to: String,
    /// The worker whose customers move
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub from: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ReassignArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = clienteling::reassign(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.who.accounts,
        a.who.from.as_deref(),
        &a.who.to,
    )?;
    let to = applied.value.to.clone();
    ctx.ui.report(&applied, || {
        format!("those customers are already in worker {to}'s client book")
    })
}
