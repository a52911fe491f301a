use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::layout::ScreenLayout;
use crate::error::Result;

/// Add a screen layout
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout add HOUSTON-LAYOUT --name \"Houston layout\"")]
pub(crate) struct AddArgs {
    /// The layout's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<ScreenLayout>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
