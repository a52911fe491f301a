//! `hq register add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout;
use clap::Args;

/// Add a register to a store
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq register add HOUSTON-1 --store HOUSTON\n  hq register add HOUSTON-2 --store HOUSTON --layout EXPRESS"
)]
pub(crate) struct AddArgs {
    /// The register's id
    pub id: String,
    /// The store it stands in
    #[arg(long, value_name = "NUMBER")]
    pub store: String,
    /// Its own screen layout (beats the store's)
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = layout::add_register(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        &a.store,
        a.layout.as_deref(),
    )?;
    ctx.ui.report(&applied, String::new)
}
