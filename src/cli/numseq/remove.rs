use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;

/// Remove a number sequence (refused while a reference uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq numseq remove OLDSEQ")]
pub(crate) struct RemoveArgs {
    /// The sequence code
    pub code: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = numseq::remove(&mut db, &ctx.env, a.write.mode(), &a.code)?;
    ctx.ui.report(&applied, String::new)
}
