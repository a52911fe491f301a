//! `hq worker remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::staff::{self};
use clap::Args;

/// Remove a worker
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker remove 000160")]
pub(crate) struct RemoveArgs {
    /// The personnel number
    pub personnel_number: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::staff::Worker>(
        &ctx.ui,
        db.read(),
        a.personnel_number.clone(),
    )?;
    let applied = staff::remove_worker(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
