use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

mod show;

#[derive(Debug, Subcommand)]
pub enum ParamCommand {
    Show(show::ShowArgs),
}

pub fn run(ctx: &Context, cmd: ParamCommand) -> Result<()> {
    match cmd {
        ParamCommand::Show(a) => show::run(ctx, a),
    }
}
