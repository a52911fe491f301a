//! `hq register set`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::layout;
use clap::Args;

/// Move a register or change its layout ('' clears the layout)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register set HOUSTON-2 --layout ''")]
pub(crate) struct SetArgs {
    /// The register's id
    pub id: String,
    /// The store it stands in
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// Its own screen layout
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.store.is_none() && a.layout.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["store", "layout"],
            "register set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = layout::set_register(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        a.store.as_deref(),
        a.layout.as_deref(),
    )?;
    ctx.ui
        .report(&applied, || "the register already has those values".into())
}
