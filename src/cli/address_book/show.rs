use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::domain::org::AddressBook;
use crate::error::Result;
use crate::ops::address_book;

/// Show one address book and the stores that use it
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq address-book show HOUSTON-CUST --json")]
pub(crate) struct ShowArgs {
    /// The address book's id
    pub id: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    book: AddressBook,
    stores: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::AddressBook>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let book = address_book::get(db.read(), "ID", &key)?;
    let stores = address_book::stores_using(db.read(), &book.id)?;
    let shown = Shown { book, stores };
    ctx.ui.emit(&shown, |ui| {
        ui.print_fields(&[
            ("ID", shown.book.id.clone()),
            ("Name", shown.book.name.clone()),
            ("Kind", shown.book.kind.as_str().to_string()),
            ("Stores", shown.stores.join(", ")),
        ])
    })
}
