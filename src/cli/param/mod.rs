use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum ParamCommand {
    Show(show::ShowArgs),
    Set(set::SetArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ParamCommand) -> Result<()> {
    match cmd {
        ParamCommand::Show(a) => show::run(ctx, a),
        ParamCommand::Set(a) => set::run(ctx, a),
    }
}
