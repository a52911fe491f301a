use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::org::LegalEntity;
use crate::error::Result;

/// Change a legal entity's name, country or language
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity set USRT --name \"Contoso Retail US\"")]
pub(crate) struct SetArgs {
    /// The legal entity's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<LegalEntity>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
