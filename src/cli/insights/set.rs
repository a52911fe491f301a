use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set_one};
use crate::context::Context;
use crate::domain::params::Insights;
use crate::error::Result;

/// Set the Customer Insights settings
///
/// Give only what changes; '' clears a value. `--measure` replaces the measures shown on
/// customer cards (at most three; `--measure ''` clears them). While Customer Insights is
/// enabled, a change that would make it invalid is refused.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq insights set --app-id 3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10 --secret-name CISecret --measure \"Churn probability\"
  hq insights set --measure \"Churn probability\" --measure \"Lifetime value\"")]
pub(crate) struct SetArgs {
    #[command(flatten)]
    pub fields: Fields<Insights>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set_one(ctx, a.fields, a.write)
}
