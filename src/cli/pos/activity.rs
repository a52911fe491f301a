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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The activity type (read live from HQ) [at a terminal: chosen from a list]
    #[arg(long = "type", value_name = "ID")]
    pub kind: Option<String>,
    /// What happened [at a terminal: asked for]
    #[arg(long)]
    pub text: Option<String>,
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
            let ui = &ctx.ui;
            let account = crate::cli::customer::ask_account(ctx, db.read(), x.account)?;
            let kind = ui.need_choice(x.kind, "--type", "activity type", || {
                Ok(crate::ops::staff::activity_types(db.read())?
                    .into_iter()
                    .map(|t| (t.id, t.description))
                    .collect())
            })?;
            let text = ui.need_text(x.text, "--text", "what happened", |v| {
                crate::domain::validate::text("text", v, 2000)
                    .map(drop)
                    .map_err(|e| e.reason)
            })?;
            let applied = pos::add_activity(
                db,
                env,
                x.write.mode(),
                p,
                NewActivity {
                    account: &account,
                    kind: &kind,
                    text: &text,
                    at: x.at.as_deref(),
                },
            )?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
