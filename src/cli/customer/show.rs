use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::customer;

/// Show a customer with addresses, contacts and attributes
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer show 100002 --json")]
pub(crate) struct ShowArgs {
    /// The customer account
    pub account: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let c = customer::show(db.read(), &a.account)?;
    ctx.ui.emit(&c, |ui| super::print_one(ui, &c))
}
