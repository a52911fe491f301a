use clap::Args;

use super::KindArg;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::address_book::{self, AddressBookPatch};

/// Change an address book's name or kind (the kind only while no store uses it)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq address-book set HOUSTON-CUST --name \"Houston area customers\""
)]
pub(crate) struct SetArgs {
    /// The address book's id
    pub id: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// A new kind
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.name.is_none() && a.kind.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["name", "kind"],
            "address-book set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = address_book::set(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        AddressBookPatch {
            name: a.name,
            kind: a.kind.map(Into::into),
        },
    )?;
    let id = applied.value.id.clone();
    ctx.ui.report(&applied, || {
        format!("address book {id} already has those values")
    })
}
