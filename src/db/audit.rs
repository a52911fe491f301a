//! SQL for the audit log (`hq log`).

use super::Reader;
use rusqlite::params;
use serde::Serialize;

use super::WriteTx;

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

/// One entry of the audit log, as stored and as `hq log --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub command: String,
    pub summary: String,
    pub changes: serde_json::Value,
}

pub(crate) fn insert(
    tx: &WriteTx,
    at: &str,
    actor: &str,
    command: &str,
    summary: &str,
    changes: &serde_json::Value,
) -> Res<i64> {
    tx.sql().execute(
        "INSERT INTO audit_log (at, actor, command, summary, changes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, actor, command, summary, changes.to_string()],
    )?;
    Ok(tx.sql().last_insert_rowid())
}

/// The newest `limit` entries, newest first.
/// How many entries there are after the newest `skip`, counted up to `cap`.
pub(crate) fn count_after(c: &Reader, skip: u32, cap: u32) -> Res<u64> {
    Ok(c.sql()
        .query_row(
            "SELECT count(*) FROM (SELECT 1 FROM audit_log ORDER BY id DESC LIMIT ?2 OFFSET ?1)",
            [skip, cap],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as u64)?)
}

pub(crate) fn recent(c: &Reader, limit: u32) -> Res<Vec<AuditEntry>> {
    let mut st = c.sql().prepare(
        "SELECT id, at, actor, command, summary, changes FROM audit_log
         ORDER BY id DESC LIMIT ?1",
    )?;
    st.query_map([limit], |r| {
        let changes: String = r.get(5)?;
        let id: i64 = r.get(0)?;
        Ok(AuditEntry {
            id,
            at: r.get(1)?,
            actor: r.get(2)?,
            command: r.get(3)?,
            summary: r.get(4)?,
            changes: super::error::from_json(("audit_log", &id.to_string(), "changes"), &changes)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .map_err(Into::into)
}
