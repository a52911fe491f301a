//! SQL for the audit log (`hq log`).

use rusqlite::{Connection, params};
use serde::Serialize;

use super::WriteTx;

/// One entry of the audit log, as stored and as `hq log --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub summary: String,
    pub changes: serde_json::Value,
}

pub fn insert(
    tx: &WriteTx,
    at: &str,
    actor: &str,
    command: &str,
    summary: &str,
    changes: &serde_json::Value,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO audit_log (at, actor, command, summary, changes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, actor, command, summary, changes.to_string()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The newest `limit` entries, newest first.
/// How many entries there are after the newest `skip`, counted up to `cap`.
pub fn count_after(c: &Connection, skip: u32, cap: u32) -> rusqlite::Result<u64> {
    c.query_row(
        "SELECT count(*) FROM (SELECT 1 FROM audit_log ORDER BY id DESC LIMIT ?2 OFFSET ?1)",
        [skip, cap],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n as u64)
}

pub fn recent(c: &Connection, limit: u32) -> rusqlite::Result<Vec<AuditEntry>> {
    let mut st = c.prepare(
        "SELECT id, at, actor, command, summary, changes FROM audit_log
         ORDER BY id DESC LIMIT ?1",
    )?;
    st.query_map([limit], |r| {
        let changes: String = r.get(5)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            command: r.get(3)?,
            summary: r.get(4)?,
            changes: serde_json::from_str(&changes).unwrap_or(serde_json::Value::Null),
        })
    })?
    .collect()
}
