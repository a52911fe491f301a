use clap::Args;

use super::KindArg;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute::{self, TypeSpec};

/// Add an attribute type
///
/// A fixed list of values is for text types only; a range for integer, decimal and currency;
/// a unit of measure for integer and decimal.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq attribute-type add Interests --kind text --value Handbags --value Shoes --value Jewelry
  hq attribute-type add Date --kind datetime
  hq attribute-type add Spend --kind currency --min 0")]
pub(crate) struct AddArgs {
    /// The type's name
    pub name: String,
    /// The kind of value
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// An allowed value (repeat; text only)
    #[arg(long = "value", value_name = "VALUE")]
    pub values: Vec<String>,
    /// The smallest value (numbers only)
    #[arg(long, allow_negative_numbers = true)]
    pub min: Option<f64>,
    /// The largest value (numbers only)
    #[arg(long, allow_negative_numbers = true)]
    pub max: Option<f64>,
    /// Unit of measure (integer and decimal only)
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let spec = TypeSpec {
        values: Some(a.values),
        min: Some(a.min),
        max: Some(a.max),
        unit: Some(a.unit),
    };
    let applied = attribute::add_type(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.name,
        a.kind.into(),
        spec,
    )?;
    ctx.ui.report(&applied, String::new)
}
