use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops;
use crate::ui::Table;

/// Show the audit log: who changed what, when, with which command
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq log\n  hq log --limit 5 --json")]
pub(crate) struct LogArgs {
    /// How many entries, newest first
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
}

pub(crate) fn run(ctx: &Context, args: LogArgs) -> Result<()> {
    let db = ctx.open()?;
    let (entries, more) = ops::audit::recent(&db, args.limit)?;
    ctx.ui.emit(&entries, |ui| {
        let mut t = Table::new(&["ID", "AT", "ACTOR", "SUMMARY", "COMMAND"]);
        for e in &entries {
            t.row(vec![
                e.id.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.summary.clone(),
                e.command.clone(),
            ]);
        }
        ui.print_table(t)
    })?;
    ctx.ui.more(more, "entries");
    Ok(())
}
