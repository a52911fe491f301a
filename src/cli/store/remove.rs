use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::store;

/// Remove a store
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq store remove HOUSTON --dry-run")]
pub(crate) struct RemoveArgs {
    /// The store number
    pub number: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::Store>(
        &ctx.ui,
        db.read(),
        a.number.clone(),
    )?;
    let applied = store::remove(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
