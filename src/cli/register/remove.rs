//! `hq register remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout;
use clap::Args;

/// Remove a register
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register remove HOUSTON-2")]
pub(crate) struct RemoveArgs {
    /// The register's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::layout::Register>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = layout::remove_register(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
