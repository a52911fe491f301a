use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer;

/// Remove a customer (refused while it is a store's default customer)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer remove 100002 --dry-run")]
pub struct RemoveArgs {
    /// The customer account
    pub account: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = customer::remove(&mut db, &ctx.env, a.write.mode(), &a.account)?;
    ctx.ui.report(&applied, String::new)
}
