//! `hq permission-group add`.

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::staff::PermissionGroup;
use crate::error::Result;
use clap::Args;

/// Add a POS permission group
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq permission-group add MANAGER --description \"Store manager\""
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<PermissionGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
