use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::attribute::AttributeType;
use crate::error::Result;

/// Change an attribute type's values, range or unit (its kind is fixed)
///
/// Refused when an attribute of this type has a default the change would disallow. `''`
/// clears a value (`--value ''` allows any text).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-type set Interests --value Handbags --value Shoes\n  hq attribute-type set Spend --min 0 --max ''"
)]
pub(crate) struct SetArgs {
    /// The type's name
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<AttributeType>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
