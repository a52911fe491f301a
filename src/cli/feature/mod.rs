use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::feature::Feature;
use crate::error::Result;
use crate::ui::Ui;

mod disable;
mod enable;
mod list;
mod schedule;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum FeatureCommand {
    List(list::ListArgs),
    Show(show::ShowArgs),
    Enable(enable::EnableArgs),
    Disable(disable::DisableArgs),
    Schedule(schedule::ScheduleArgs),
}

pub(crate) fn run(ctx: &Context, cmd: FeatureCommand) -> Result<()> {
    match cmd {
        FeatureCommand::List(a) => list::run(ctx, a),
        FeatureCommand::Show(a) => show::run(ctx, a),
        FeatureCommand::Enable(a) => enable::run(ctx, a),
        FeatureCommand::Disable(a) => disable::run(ctx, a),
        FeatureCommand::Schedule(a) => schedule::run(ctx, a),
    }
}

fn print_one(ui: &Ui, f: &Feature) -> Result<()> {
    ui.print_fields(&[
        ("Key", f.key.to_string()),
        ("Name", f.name.to_string()),
        ("Module", f.module.to_string()),
        ("State", f.state.as_str().to_string()),
        ("Enabled", if f.enabled { "yes" } else { "no" }.to_string()),
        ("Enable date", or_dash(f.enable_date.as_deref())),
        ("Scheduled for", or_dash(f.scheduled_date.as_deref())),
        (
            "Can be disabled",
            if f.can_disable { "yes" } else { "no" }.to_string(),
        ),
        (
            "Prerequisites",
            if f.prerequisites.is_empty() {
                "-".to_string()
            } else {
                f.prerequisites.join(", ")
            },
        ),
        ("Added in", f.version_added.clone()),
        (
            "On by default from",
            or_dash(f.on_by_default_from.as_deref()),
        ),
        ("Mandatory from", or_dash(f.mandatory_from.as_deref())),
    ])
}

/// Features as a pick-list: the key, with the name and the state.
pub(crate) fn choices(
    c: &crate::db::Reader,
    now: chrono::DateTime<chrono::Utc>,
    which: crate::ops::feature::Filter,
) -> crate::error::Result<Vec<(String, String)>> {
    Ok(crate::ops::feature::list(c, now, None, which)?
        .into_iter()
        .map(|f| {
            let state = match (&f.scheduled_date, f.enabled) {
                (_, true) => "enabled".to_string(),
                (Some(d), false) => format!("scheduled {d}"),
                (None, false) => "disabled".to_string(),
            };
            (f.key.to_string(), format!("{}; {state}", f.name))
        })
        .collect())
}
