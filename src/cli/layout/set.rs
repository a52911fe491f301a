use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::layout::ScreenLayout;
use crate::error::Result;

/// Rename a screen layout
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq layout set HOUSTON-LAYOUT --name \"Houston Galleria layout\""
)]
pub(crate) struct SetArgs {
    /// The layout's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<ScreenLayout>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
