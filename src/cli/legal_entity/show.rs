use clap::Args;

use crate::context::Context;
use crate::domain::org::LegalEntity;
use crate::error::Result;

/// Show one legal entity
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity show USRT --json")]
pub(crate) struct ShowArgs {
    /// The legal entity's id
    pub id: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    crate::cli::record::run_show::<LegalEntity>(ctx, a.id)
}
