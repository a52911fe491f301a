use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod set;
mod show;

#[derive(Debug, Subcommand)]
pub enum ParamCommand {
    Show(show::ShowArgs),
    Set(set::SetArgs),
}

pub fn run(ctx: &Context, cmd: ParamCommand) -> Result<()> {
    match cmd {
        ParamCommand::Show(a) => show::run(ctx, a),
        ParamCommand::Set(a) => set::run(ctx, a),
    }
}
