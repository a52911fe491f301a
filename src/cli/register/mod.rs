//! `hq register`: registers of a store.

pub(crate) mod add;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod set;
pub(crate) mod show;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum RegisterCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: RegisterCommand) -> Result<()> {
    match cmd {
        RegisterCommand::List(a) => list::run(ctx, a),
        RegisterCommand::Show(a) => show::run(ctx, a),
        RegisterCommand::Add(a) => add::run(ctx, a),
        RegisterCommand::Set(a) => set::run(ctx, a),
        RegisterCommand::Remove(a) => remove::run(ctx, a),
    }
}
