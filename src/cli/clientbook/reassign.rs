//! `hq clientbook reassign`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;
use clap::Args;

/// Move a customer to another worker's client book (created on first use)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq clientbook reassign 100002 --to 000161")]
pub(crate) struct ReassignArgs {
    /// The customer account
    pub account: String,
    /// The worker whose client book gets the customer
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub to: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: ReassignArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = clienteling::reassign(&mut db, &ctx.env, a.write.mode(), &a.account, &a.to)?;
    let id = applied.value.id.clone();
    ctx.ui.report(&applied, || {
        format!("customer {} is already in client book {id}", a.account)
    })
}
