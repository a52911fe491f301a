use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum ChannelDbGroupCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ChannelDbGroupCommand) -> Result<()> {
    match cmd {
        ChannelDbGroupCommand::Add(a) => add::run(ctx, a),
        ChannelDbGroupCommand::List(a) => list::run(ctx, a),
        ChannelDbGroupCommand::Show(a) => show::run(ctx, a),
        ChannelDbGroupCommand::Set(a) => set::run(ctx, a),
        ChannelDbGroupCommand::Remove(a) => remove::run(ctx, a),
    }
}
