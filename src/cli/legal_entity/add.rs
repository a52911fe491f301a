use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::org::LegalEntity;
use crate::error::Result;

/// Add a legal entity
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq legal-entity add USRT --name \"Contoso Retail USA\" --country US --language en-US"
)]
pub(crate) struct AddArgs {
    /// The id: 1 to 4 letters or digits, e.g. USRT
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<LegalEntity>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
