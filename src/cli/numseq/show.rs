use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;

/// Show a number sequence and the references assigned to it
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq numseq show CLIENTBOOK --json")]
pub(crate) struct ShowArgs {
    /// The sequence code
    pub code: String,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let v = numseq::view(db.read(), numseq::get(db.read(), "CODE", &a.code)?)?;
    ctx.ui.emit(&v, |ui| super::print_one(ui, &v))
}
