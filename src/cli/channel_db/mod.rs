use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod add;
mod contents;
mod init;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum ChannelDbCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
    Contents(contents::ContentsArgs),
    Init(init::InitArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ChannelDbCommand) -> Result<()> {
    match cmd {
        ChannelDbCommand::Add(a) => add::run(ctx, a),
        ChannelDbCommand::List(a) => list::run(ctx, a),
        ChannelDbCommand::Show(a) => show::run(ctx, a),
        ChannelDbCommand::Set(a) => set::run(ctx, a),
        ChannelDbCommand::Remove(a) => remove::run(ctx, a),
        ChannelDbCommand::Contents(a) => contents::run(ctx, a),
        ChannelDbCommand::Init(a) => init::run(ctx, a),
    }
}
