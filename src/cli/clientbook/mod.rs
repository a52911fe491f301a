//! `hq clientbook`: client books from HQ (docs/clienteling.md).

pub(crate) mod list;
pub(crate) mod reassign;
pub(crate) mod show;

use clap::Subcommand;

use crate::context::Context;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum ClientbookCommand {
    List(list::ListArgs),
    Show(show::ShowArgs),
    Reassign(reassign::ReassignArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ClientbookCommand) -> Result<()> {
    match cmd {
        ClientbookCommand::List(a) => list::run(ctx, a),
        ClientbookCommand::Show(a) => show::run(ctx, a),
        ClientbookCommand::Reassign(a) => reassign::run(ctx, a),
    }
}
