use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::attribute::{self, AttributePatch};

/// Add an attribute of a type, with an optional default checked against the type
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq attribute add PreferredCategory --type Interests --friendly-name \"Preferred category\"
  hq attribute add Birthday --type Date")]
pub(crate) struct AddArgs {
    /// The attribute's name
    pub name: String,
    /// The attribute type
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: String,
    /// A name shown to people
    #[arg(long)]
    pub friendly_name: Option<String>,
    /// A description
    #[arg(long)]
    pub description: Option<String>,
    /// The default value (checked against the type)
    #[arg(long)]
    pub default: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let p = AttributePatch {
        type_name: Some(a.type_name),
        friendly_name: a.friendly_name,
        description: a.description,
        default: a.default,
    };
    let applied = attribute::add(&mut db, &ctx.env, a.write.mode(), &a.name, p)?;
    ctx.ui.report(&applied, String::new)
}
