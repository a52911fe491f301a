use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::org::Store;
use crate::error::Result;
use crate::ui::Ui;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum StoreCommand {
    Add(Box<add::AddArgs>),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(Box<set::SetArgs>),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: StoreCommand) -> Result<()> {
    match cmd {
        StoreCommand::Add(a) => add::run(ctx, *a),
        StoreCommand::List(a) => list::run(ctx, a),
        StoreCommand::Show(a) => show::run(ctx, a),
        StoreCommand::Set(a) => set::run(ctx, *a),
        StoreCommand::Remove(a) => remove::run(ctx, a),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn print_one(ui: &Ui, s: &Store) -> Result<()> {
    let a = &s.address;
    let address = [
        Some(a.street.as_str()),
        Some(a.city.as_str()),
        a.state.as_deref(),
        a.postal_code.as_deref(),
        Some(a.country.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    ui.print_fields(&[
        ("Number", s.number.clone()),
        ("Name", s.name.clone()),
        ("Legal entity", s.legal_entity.clone()),
        ("Currency", s.currency.clone()),
        ("Time zone", s.time_zone.clone()),
        ("Address", address),
        (
            "Customer address books",
            s.customer_address_books.join(", "),
        ),
        (
            "Employee address books",
            s.employee_address_books.join(", "),
        ),
        ("Channel database", s.channel_database.clone()),
        ("Default customer", or_dash(s.default_customer.as_deref())),
        ("Async customer creation", yes_no(s.async_customer_creation)),
        (
            "Offline customer creation",
            yes_no(s.offline_customer_creation),
        ),
    ])
}
