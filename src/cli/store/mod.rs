use clap::Subcommand;

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

fn print_one(ui: &Ui, s: &Store) -> Result<()> {
    ui.print_fields(&crate::cli::record::shown(s))
}
