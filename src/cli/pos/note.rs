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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The note [at a terminal: asked for]
    #[arg(long)]
    pub text: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: NoteCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        NoteCommand::Add(n) => {
            let account = crate::cli::customer::ask_account(ctx, db.read(), n.account)?;
            let text = ctx.ui.need_text(n.text, "--text", "note", |v| {
                crate::domain::validate::text("text", v, 2000)
                    .map(drop)
                    .map_err(|e| e.reason)
            })?;
            let applied = pos::add_note(db, env, n.write.mode(), p, &account, &text)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
