use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::attribute::AttributeType;
use crate::error::Result;

/// Add an attribute type
///
/// A fixed list of values is for text types only; a range for integer, decimal and currency;
/// a unit of measure for integer and decimal. At a terminal, hq asks for what is missing.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-type add Interests --kind text --value Handbags --value Shoes --value Jewelry\n  hq attribute-type add Date --kind datetime\n  hq attribute-type add Spend --kind currency --min 0"
)]
pub(crate) struct AddArgs {
    /// The type's name
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<AttributeType>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
