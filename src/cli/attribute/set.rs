use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::attribute::Attribute;
use crate::error::Result;

/// Change an attribute ('' clears a text value)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute set PreferredCategory --default Shoes\n  hq attribute set PreferredCategory --default ''"
)]
pub(crate) struct SetArgs {
    /// The attribute's name
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<Attribute>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
