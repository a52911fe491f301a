//! `hq pos ... note`: notes on customers.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::db::Db;
use crate::error::Result;
use crate::pos::{self, Pos};

#[derive(Debug, Subcommand)]
pub(crate) enum NoteCommand {
    /// Add a note on a customer
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 note add 100002 --text 'Prefers mornings'"
    )]
    Add(NoteAddArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NoteAddArgs {
    /// The customer account
    pub account: String,
    /// The note
    #[arg(long)]
    pub text: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: NoteCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        NoteCommand::Add(n) => {
            let applied = pos::add_note(db, env, n.write.mode(), p, &n.account, &n.text)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
