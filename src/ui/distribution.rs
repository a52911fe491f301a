//! Tables for `hq job` and `hq channel-db contents`.

use super::{Table, Ui};
use crate::distribution::{Pending, TableCount};
use crate::domain::distribution::{Job, Session};
use crate::error::Result;

pub(crate) fn print_jobs(ui: &Ui, jobs: &[Job]) -> Result<()> {
    let mut t = Table::new(&["JOB", "NAME", "TABLES"]);
    for j in jobs {
        let tables: Vec<&str> = j.subjobs.iter().map(|s| s.table).collect();
        t.row(vec![
            j.number.to_string(),
            j.name.to_string(),
            tables.join(", "),
        ]);
    }
    t.row(vec![
        "9999".into(),
        "All jobs".into(),
        "every job above".into(),
    ]);
    ui.print_table(t)
}

pub(crate) fn print_pending(ui: &Ui, all: &[Pending]) -> Result<()> {
    let mut t = Table::new(&["JOB", "CHANNEL DB", "DELIVERED", "UPSERTS", "DELETES"]);
    for p in all {
        t.row(vec![
            p.job.to_string(),
            p.channel_db.clone(),
            p.delivered_version
                .map_or_else(|| "never".into(), |v| format!("version {v}")),
            p.upserts.to_string(),
            p.deletes.to_string(),
        ]);
    }
    ui.print_table(t)
}

pub(crate) fn print_sessions(ui: &Ui, all: &[Session]) -> Result<()> {
    let mut t = Table::new(&[
        "SESSION",
        "JOB",
        "CHANNEL DB",
        "MODE",
        "STATUS",
        "ROWS",
        "FINISHED",
        "ERROR",
    ]);
    for s in all {
        let rows: Vec<String> = s
            .rows
            .iter()
            .filter(|r| r.upserted + r.deleted > 0)
            .map(|r| {
                if r.deleted > 0 {
                    format!("{} +{} -{}", r.table, r.upserted, r.deleted)
                } else {
                    format!("{} +{}", r.table, r.upserted)
                }
            })
            .collect();
        t.row(vec![
            if s.id == 0 {
                "-".into()
            } else {
                s.id.to_string()
            },
            s.job.to_string(),
            s.channel_db.clone(),
            s.mode.clone(),
            s.status.as_str().into(),
            if rows.is_empty() {
                "0".into()
            } else {
                rows.join(", ")
            },
            s.finished_at.clone(),
            s.error.clone().unwrap_or_else(|| "-".into()),
        ]);
    }
    ui.print_table(t)
}

pub(crate) fn print_contents(ui: &Ui, all: &[TableCount]) -> Result<()> {
    let mut t = Table::new(&["TABLE", "JOB", "ROWS"]);
    for c in all {
        t.row(vec![c.table.clone(), c.job.to_string(), c.rows.to_string()]);
    }
    ui.print_table(t)
}

/// Channel rows as a table: one column per field.
pub(crate) fn print_rows(
    ui: &Ui,
    rows: &[serde_json::Map<String, serde_json::Value>],
) -> Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let headers: Vec<String> = first.keys().map(|k| k.to_uppercase()).collect();
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut t = Table::new(&refs);
    for r in rows {
        t.row(
            r.values()
                .map(|v| match v {
                    serde_json::Value::Null => "-".into(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
        );
    }
    ui.print_table(t)
}
