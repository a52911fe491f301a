//! `hq activity-type`: every change warns that stores cache activity types.

pub(crate) mod add;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod show;

use clap::Subcommand;

use crate::context::Context;
use crate::domain::staff::ACTIVITY_TYPE_CACHE_WARNING;
use crate::error::Result;
use crate::ops::staff;

#[derive(Debug, Subcommand)]
pub(crate) enum ActivityTypeCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(add::AddArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: ActivityTypeCommand) -> Result<()> {
    match cmd {
        ActivityTypeCommand::List(a) => list::run(ctx, a),
        ActivityTypeCommand::Show(a) => show::run(ctx, a),
        ActivityTypeCommand::Add(a) => add::run(ctx, a),
        ActivityTypeCommand::Set(a) => {
            let mut db = ctx.open()?;
            let applied =
                staff::set_activity_type(&mut db, &ctx.env, a.write.mode(), &a.id, &a.description)?;
            let changed = !applied.changes.is_empty();
            ctx.ui.report(&applied, || {
                "the activity type already has that description".into()
            })?;
            if changed {
                ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
            }
            Ok(())
        }
        ActivityTypeCommand::Remove(a) => remove::run(ctx, a),
    }
}
