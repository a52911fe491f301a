use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, run_add};
use crate::context::Context;
use crate::domain::org::AddressBook;
use crate::error::Result;

/// Add an address book
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq address-book add HOUSTON-CUST --name \"Houston customers\" --kind customer\n  hq address-book add HOUSTON-EMP --name \"Houston staff\" --kind employee"
)]
pub(crate) struct AddArgs {
    /// The id: letters, digits, '-', '_' or '.', at most 30
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<AddressBook>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    run_add(ctx, a.id, a.fields, a.write)
}
