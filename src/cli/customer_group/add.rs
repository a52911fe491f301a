//! `hq customer-group add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self, GroupInput};
use clap::Args;

/// Add a customer group
///
/// Its financial dimensions are what new customers of a store get, through the store's
/// default customer's group.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer-group add 30 --description \"Retail customers\" --dimension BusinessUnit=002 --dimension Department=022")]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    /// Payment terms, e.g. Net30
    #[arg(long)]
    pub payment_terms: Option<String>,
    /// A financial dimension NAME=VALUE (repeat)
    #[arg(long = "dimension", value_name = "NAME=VALUE")]
    pub dimensions: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let input = GroupInput {
        description: Some(a.description),
        payment_terms: a.payment_terms,
        dimensions: a.dimensions,
        remove_dimensions: Vec::new(),
    };
    let applied = customer::add_group(&mut db, &ctx.env, a.write.mode(), &a.id, input)?;
    ctx.ui.report(&applied, String::new)
}
