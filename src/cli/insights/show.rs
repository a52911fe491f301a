use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

/// Show the Customer Insights settings (Commerce parameters, Clienteling)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq insights show --json")]
pub(crate) struct ShowArgs {}

pub(crate) fn run(ctx: &Context, _a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let ci = params::load(db.read())?.insights;
    ctx.ui.emit(&ci, |ui| super::print_one(ui, &ci))
}
