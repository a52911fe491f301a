//! `hq layout add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use clap::Args;

/// Add (or, as `set`, rename) a screen layout
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout add HOUSTON-LAYOUT --name \"Houston layout\"")]
pub(crate) struct AddArgs {
    /// The layout's id
    pub id: String,
    /// Its name
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = layout::add(&mut db, &ctx.env, a.write.mode(), &a.id, &a.name)?;
    ctx.ui.report(&applied, String::new)
}
