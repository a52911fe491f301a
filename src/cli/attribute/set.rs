use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::attribute::{self, AttributePatch};

/// Change an attribute ('' clears a text value)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute set PreferredCategory --default Shoes\n  hq attribute set PreferredCategory --default ''"
)]
pub(crate) struct SetArgs {
    /// The attribute's name
    pub name: String,
    /// Another attribute type (its default must still fit)
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: Option<String>,
    /// A name shown to people
    #[arg(long)]
    pub friendly_name: Option<String>,
    /// A description
    #[arg(long)]
    pub description: Option<String>,
    /// The default value
    #[arg(long)]
    pub default: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let p = AttributePatch {
        type_name: a.type_name,
        friendly_name: a.friendly_name,
        description: a.description,
        default: a.default,
    };
    if p.type_name.is_none()
        && p.friendly_name.is_none()
        && p.description.is_none()
        && p.default.is_none()
    {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "attribute set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = attribute::set(&mut db, &ctx.env, a.write.mode(), &a.name, p)?;
    let name = applied.value.name.clone();
    ctx.ui.report(&applied, || {
        format!("attribute {name} already has those values")
    })
}
