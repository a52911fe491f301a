//! `hq register add`.

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::layout::Register;
use crate::error::Result;
use clap::Args;

/// Add a register to a store
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq register add HOUSTON-1 --store HOUSTON\n  hq register add HOUSTON-2 --store HOUSTON --layout EXPRESS"
)]
pub(crate) struct AddArgs {
    /// The register's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<Register>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
