use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::attribute::Attribute;
use crate::error::Result;

/// Add an attribute of a type, with an optional default checked against the type
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute add PreferredCategory --type Interests --friendly-name \"Preferred category\"\n  hq attribute add Birthday --type Date"
)]
pub(crate) struct AddArgs {
    /// The attribute's name
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<Attribute>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
