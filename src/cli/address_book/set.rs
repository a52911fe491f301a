use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set};
use crate::context::Context;
use crate::domain::org::AddressBook;
use crate::error::Result;

/// Change an address book's name or kind (the kind only while no store uses it)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq address-book set HOUSTON-CUST --name \"Houston area customers\""
)]
pub(crate) struct SetArgs {
    /// The address book's id
    pub id: Option<String>,
    #[command(flatten)]
    pub fields: Fields<AddressBook>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set(ctx, a.id, a.fields, a.write).map(drop)
}
