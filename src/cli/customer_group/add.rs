use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::Result;

/// Add a customer group
///
/// A group belongs to a legal entity (--legal-entity, the only one by default); the same id may
/// be a group of each. Its financial dimensions are what new customers of a store get, through
/// the store's default customer's group. At a terminal, hq asks for what is missing.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group add 30 --description \"Retail customers\" --dimension BusinessUnit=002 --dimension Department=022\n  hq customer-group add 30 --legal-entity DEMF --description \"Retail customers\" --dimension BusinessUnit=001"
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<CustomerGroup>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
