//! `hq customer-group remove`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self};
use clap::Args;

/// Remove a customer group (refused while customers are in it)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group remove 40\n  hq customer-group remove 40 --legal-entity DEMF"
)]
pub(crate) struct RemoveArgs {
    #[command(flatten)]
    pub key: super::GroupKey,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::customer::CustomerGroup>(
        &ctx.ui,
        db.read(),
        a.key.key(),
    )?;
    let applied = customer::remove_group(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
