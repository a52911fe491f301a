use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::attribute::{self, TypeSpec};

/// Change an attribute type's values, range or unit (its kind is fixed)
///
/// Refused when an attribute of this type has a default the change would disallow.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq attribute-type set Interests --value Handbags --value Shoes --value Jewelry --value Watches
  hq attribute-type set Spend --no-max")]
pub(crate) struct SetArgs {
    /// The type's name
    pub name: String,
    /// Replace the allowed values (repeat)
    #[arg(long = "value", value_name = "VALUE")]
    pub values: Vec<String>,
    /// Allow any text
    #[arg(long, conflicts_with = "values")]
    pub no_values: bool,
    /// The smallest value
    #[arg(long, allow_negative_numbers = true, conflicts_with = "no_min")]
    pub min: Option<f64>,
    /// No smallest value
    #[arg(long)]
    pub no_min: bool,
    /// The largest value
    #[arg(long, allow_negative_numbers = true, conflicts_with = "no_max")]
    pub max: Option<f64>,
    /// No largest value
    #[arg(long)]
    pub no_max: bool,
    /// Unit of measure ('' clears it)
    #[arg(long)]
    pub unit: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn bound(v: Option<f64>, none: bool) -> Option<Option<f64>> {
    if none { Some(None) } else { v.map(Some) }
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let spec = TypeSpec {
        values: if a.no_values {
            Some(Vec::new())
        } else if a.values.is_empty() {
            None
        } else {
            Some(a.values)
        },
        min: bound(a.min, a.no_min),
        max: bound(a.max, a.no_max),
        unit: a.unit.map(|u| (!u.trim().is_empty()).then_some(u)),
    };
    if spec.values.is_none() && spec.min.is_none() && spec.max.is_none() && spec.unit.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "attribute-type set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = attribute::set_type(&mut db, &ctx.env, a.write.mode(), &a.name, spec)?;
    let name = applied.value.name.clone();
    ctx.ui.report(&applied, || {
        format!("attribute type {name} already has those values")
    })
}
