//! `hq activity-type`: every change warns that stores cache activity types.

pub(crate) mod add;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod set;
pub(crate) mod show;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum ActivityTypeCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ActivityTypeCommand) -> Result<()> {
    match cmd {
        ActivityTypeCommand::List(a) => list::run(ctx, a),
        ActivityTypeCommand::Show(a) => show::run(ctx, a),
        ActivityTypeCommand::Add(a) => add::run(ctx, a),
        ActivityTypeCommand::Set(a) => set::run(ctx, a),
        ActivityTypeCommand::Remove(a) => remove::run(ctx, a),
    }
}
