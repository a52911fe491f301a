use clap::Args;

use super::KindArg;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::org::AddressBookKind;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::address_book::{self, NewAddressBook};

/// Add an address book
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq address-book add HOUSTON-CUST --name \"Houston customers\" --kind customer\n  hq address-book add HOUSTON-EMP --name \"Houston staff\" --kind employee"
)]
pub(crate) struct AddArgs {
    /// The id: letters, digits, '-', '_' or '.', at most 30
    pub id: Option<String>,
    /// A name for people
    #[arg(long)]
    pub name: Option<String>,
    /// customer (whom a store finds) or employee (who works there)
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    let id = ui.need_text(a.id, "ID", "address book id", |v| {
        validate::id("ID", v).map(drop).map_err(|e| e.reason)
    })?;
    let name = ui.need_text(a.name, "--name", "name", |v| {
        validate::name("--name", v).map(drop).map_err(|e| e.reason)
    })?;
    let kind: AddressBookKind = match a.kind {
        Some(k) => k.into(),
        None => {
            let picked = ui.need_choice(None, "--kind", "kind of address book", || {
                Ok(vec![
                    ("customer".into(), "customers a store finds".into()),
                    ("employee".into(), "workers of a store".into()),
                ])
            })?;
            AddressBookKind::parse(&picked).unwrap_or(AddressBookKind::Customer)
        }
    };
    let applied = address_book::add(
        &mut db,
        &ctx.env,
        a.write.mode(),
        NewAddressBook { id, name, kind },
    )?;
    ui.report(&applied, String::new)
}
