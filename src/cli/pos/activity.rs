//! `hq pos ... activity`: activities with customers.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::db::Db;
use crate::error::Result;
use crate::pos::{self, NewActivity, Pos};

#[derive(Debug, Subcommand)]
pub(crate) enum ActivityCommand {
    /// Record an activity with a customer
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 activity add 100002 --type VISIT --text 'Looked at the spring handbags'"
    )]
    Add(ActivityAddArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ActivityAddArgs {
    /// The customer account
    pub account: String,
    /// The activity type (read live from HQ)
    #[arg(long = "type", value_name = "ID")]
    pub kind: String,
    /// What happened
    #[arg(long)]
    pub text: String,
    /// When (a date or RFC 3339 time) [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: ActivityCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        ActivityCommand::Add(x) => {
            let applied = pos::add_activity(
                db,
                env,
                x.write.mode(),
                p,
                NewActivity {
                    account: &x.account,
                    kind: &x.kind,
                    text: &x.text,
                    at: x.at.as_deref(),
                },
            )?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
