use clap::{Subcommand, ValueEnum};

use crate::context::Context;
use crate::domain::org::AddressBookKind;
use crate::error::Result;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum AddressBookCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: AddressBookCommand) -> Result<()> {
    match cmd {
        AddressBookCommand::Add(a) => add::run(ctx, a),
        AddressBookCommand::List(a) => list::run(ctx, a),
        AddressBookCommand::Show(a) => show::run(ctx, a),
        AddressBookCommand::Set(a) => set::run(ctx, a),
        AddressBookCommand::Remove(a) => remove::run(ctx, a),
    }
}

/// The kind of an address book, as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum KindArg {
    /// Customers a store finds in search
    Customer,
    /// Workers who belong to a store
    Employee,
}

impl From<KindArg> for AddressBookKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Customer => AddressBookKind::Customer,
            KindArg::Employee => AddressBookKind::Employee,
        }
    }
}
