//! `hq layout remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use clap::Args;

/// Remove a layout (refused while a store, register or worker uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout remove OLD-LAYOUT")]
pub(crate) struct RemoveArgs {
    /// The layout's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::layout::ScreenLayout>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = layout::remove(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
