use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum LegalEntityCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: LegalEntityCommand) -> Result<()> {
    match cmd {
        LegalEntityCommand::Add(a) => add::run(ctx, a),
        LegalEntityCommand::List(a) => list::run(ctx, a),
        LegalEntityCommand::Show(a) => show::run(ctx, a),
        LegalEntityCommand::Set(a) => set::run(ctx, a),
        LegalEntityCommand::Remove(a) => remove::run(ctx, a),
    }
}
