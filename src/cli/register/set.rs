//! `hq register set`.

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::layout::Register;
use crate::error::Result;
use clap::Args;

/// Move a register or change its layout ('' clears the layout)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register set HOUSTON-2 --layout ''")]
pub(crate) struct SetArgs {
    /// The register's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<Register>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
