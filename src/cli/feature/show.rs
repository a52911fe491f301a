use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::feature;

/// Show one feature
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq feature show clienteling --json\n  hq feature show \"Enable enhanced async customer creation\""
)]
pub(crate) struct ShowArgs {
    /// The feature's key or its exact name (any case)
    pub feature: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let f = feature::get(db.read(), ctx.env.now, &a.feature)?;
    ctx.ui.emit(&f, |ui| super::print_one(ui, &f))
}
