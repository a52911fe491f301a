//! Differences between an environment file and the data file, as people read them.

use super::Ui;
use crate::domain::envdiff::{DiffAction, Difference};
use crate::envfile::plan::Plan;
use crate::envfile::steps::Steps;
use crate::error::Result;

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "(none)".into(),
        other => other.to_string(),
    }
}

/// `hq diff`: what differs, and where.
pub(crate) fn print_differences(ui: &Ui, all: &Steps) -> Result<()> {
    print(ui, all.iter(), false)
}

/// `hq plan`: what apply would do.
pub(crate) fn print_plan(ui: &Ui, plan: &Plan) -> Result<()> {
    print(ui, plan.steps().iter(), true)
}

/// `hq apply`: the steps carried out, then the distribution sessions it ran.
pub(crate) fn print_applied(ui: &Ui, r: &crate::envfile::apply::ApplyReport) -> Result<()> {
    print(ui, r.plan.steps().iter(), true)?;
    if let Some(run) = &r.distribution {
        ui.print_line(&format!("Distribution (jobs {}):", join(&r.jobs)))?;
        super::distribution::print_sessions(ui, &run.sessions)?;
    } else if !r.jobs.is_empty() && !r.dry_run {
        ui.print_line(&format!(
            "Distribution: nothing pending for jobs {}.",
            join(&r.jobs)
        ))?;
    }
    Ok(())
}

fn join(jobs: &[u32]) -> String {
    jobs.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn print(ui: &Ui, all: impl Iterator<Item = Result<Difference>>, plan: bool) -> Result<()> {
    // Printed a screenful of lines at a time: a plan of a million customers is tens of
    // megabytes of text.
    let mut text = String::new();
    for d in all {
        let d = d?;
        if text.len() >= 1 << 16 {
            ui.print_line(text.trim_end_matches('\n'))?;
            text.clear();
        }
        let (mark, what) = match (d.action, plan) {
            (DiffAction::Create, false) => ("+", "only in the file"),
            (DiffAction::Remove, false) => ("-", "only in the data file"),
            (DiffAction::Change, false) => ("~", "differs"),
            (DiffAction::Create, true) => ("+", "create"),
            (DiffAction::Remove, true) => ("-", "remove"),
            (DiffAction::Change, true) => ("~", "change"),
        };
        let name = if d.key.is_empty() {
            d.kind.to_string()
        } else {
            format!("{} {}", d.kind, d.key)
        };
        text.push_str(&format!("{mark} {name} ({what})\n"));
        if d.action == DiffAction::Change {
            for f in &d.fields {
                text.push_str(&format!(
                    "    {}: {} -> {}\n",
                    f.field,
                    show(&f.old),
                    show(&f.new)
                ));
            }
        }
    }
    if text.is_empty() {
        return Ok(());
    }
    ui.print_line(text.trim_end())
}

/// `hq copy`: each table with the rows copied (tables left empty are not listed).
pub(crate) fn print_copied(ui: &Ui, r: &crate::ops::copy::CopyReport) -> Result<()> {
    let mut t = super::Table::new(&["TABLE", "ROWS"]);
    for c in r.tables.iter().filter(|c| c.rows > 0) {
        t.row(vec![c.table.to_string(), c.rows.to_string()]);
    }
    ui.print_table(t)
}
