use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::address_book;

/// Remove an address book (refused while a store uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq address-book remove HOUSTON-CUST")]
pub(crate) struct RemoveArgs {
    /// The address book's id
    pub id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: RemoveArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::AddressBook>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let applied = address_book::remove(&mut db, &ctx.env, a.write.mode(), &key)?;
    ctx.ui.report(&applied, String::new)
}
