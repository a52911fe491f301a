//! `hq activity-type`: every change warns that stores cache activity types.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::staff::ACTIVITY_TYPE_CACHE_WARNING;
use crate::error::Result;
use crate::ops::staff;
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum ActivityTypeCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(AddArgs),
    Remove(RemoveArgs),
}

/// Add (or, as `set`, change) a clienteling activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq activity-type add VISIT --description \"Store visit\"
  hq activity-type set APPT --description \"Appointment\"")]
pub(crate) struct AddArgs {
    /// The activity type's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List activity types
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type list --json")]
pub(crate) struct ListArgs {}

/// Show an activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type show VISIT")]
pub(crate) struct ShowArgs {
    /// The activity type's id
    pub id: String,
}

/// Remove an activity type
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq activity-type remove PHONE")]
pub(crate) struct RemoveArgs {
    /// The activity type's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: ActivityTypeCommand) -> Result<()> {
    match cmd {
        ActivityTypeCommand::List(_) => {
            let db = ctx.open()?;
            let all = staff::activity_types(db.read())?;
            ctx.ui.emit(&all, |ui| {
                let mut t = Table::new(&["ID", "DESCRIPTION"]);
                for a in &all {
                    t.row(vec![a.id.clone(), a.description.clone()]);
                }
                ui.print_table(t)
            })
        }
        ActivityTypeCommand::Show(a) => {
            let db = ctx.open()?;
            let t = staff::get_activity_type(db.read(), "ID", &a.id)?;
            ctx.ui.emit(&t, |ui| {
                ui.print_fields(&[("ID", t.id.clone()), ("Description", t.description.clone())])
            })
        }
        ActivityTypeCommand::Add(a) => {
            let mut db = ctx.open()?;
            let applied =
                staff::add_activity_type(&mut db, &ctx.env, a.write.mode(), &a.id, &a.description)?;
            ctx.ui.report(&applied, String::new)?;
            ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
            Ok(())
        }
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
        ActivityTypeCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied = staff::remove_activity_type(&mut db, &ctx.env, a.write.mode(), &a.id)?;
            ctx.ui.report(&applied, String::new)?;
            ctx.ui.warn(ACTIVITY_TYPE_CACHE_WARNING);
            Ok(())
        }
    }
}
