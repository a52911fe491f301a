//! SQL for the audit log (`hq log`).

use super::Reader;
use super::sql::{Arg, Val};
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
    changes: &str,
) -> Res<i64> {
    tx.conn()
        .row(
            "INSERT INTO audit_log (at, actor, command, summary, changes) VALUES (?1, ?2, ?3, ?4, ?5)
             RETURNING id",
            &[&at, &actor, &command, &summary, &changes],
            |r| r.get(0),
        )?
        .ok_or_else(|| crate::error::HqError::internal(anyhow::anyhow!("no audit entry id")))
}

/// Names each record in `audit_log_removals` (staged by `select`, a query of `entity` and
/// `key`) as a removal of the entry `entry`: a removal of many, its records written by one
/// statement rather than held as one JSON text.
pub(crate) fn insert_removals(tx: &WriteTx, entry: i64, select: &str) -> Res<u64> {
    tx.conn().exec(
        &format!(
            "INSERT INTO audit_log_removals (entry, entity, key) SELECT ?1, entity, key FROM ({select}) r"
        ),
        &[&entry],
    )
}

/// An entry with the removals kept in rows of their own after its own changes
/// ([`insert_removals`]): `{"action": "delete", "entity": ..., "key": ..., "fields": []}`.
fn with_removals(c: &Reader, mut e: AuditEntry) -> Res<AuditEntry> {
    let removed = c.conn().rows(
        "SELECT entity, key FROM audit_log_removals WHERE entry = ?1 ORDER BY entity, key",
        &[&e.id],
        |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
    )?;
    for (entity, key) in removed {
        if let serde_json::Value::Array(list) = &mut e.changes {
            list.push(serde_json::json!({
                "action": "delete",
                "entity": entity,
                "key": key,
                "fields": [],
            }));
        }
    }
    Ok(e)
}

/// Which entries `hq log` shows: each given part must hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// Entries that changed this record: its kind (`store`) and key (`HOUSTON`, any case).
    pub entity: Option<(String, String)>,
    pub actor: Option<String>,
    /// At or after this instant (RFC 3339, as stored).
    pub since: Option<String>,
    /// Entries whose command contains this text (any case).
    pub command: Option<String>,
}

impl Filter {
    /// The `WHERE` clause and its values, in the engine's dialect: SQLite reads a JSON array
    /// with `json_each`, PostgreSQL with `json_array_elements`.
    fn sql(&self, pg: bool) -> (String, Vec<Val>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Val> = Vec::new();
        let arg = |v: String, args: &mut Vec<Val>| {
            args.push(Val::Text(v));
            format!("?{}", args.len())
        };
        if let Some((kind, key)) = &self.entity {
            let (k, v) = (arg(kind.clone(), &mut args), arg(key.clone(), &mut args));
            let in_changes = if pg {
                format!(
                    "EXISTS (SELECT 1 FROM json_array_elements(audit_log.changes::json) j \
                     WHERE j ->> 'entity' = {k} AND lower(j ->> 'key') = lower({v}))"
                )
            } else {
                format!(
                    "EXISTS (SELECT 1 FROM json_each(audit_log.changes) j \
                     WHERE json_extract(j.value, '$.entity') = {k} \
                     AND json_extract(j.value, '$.key') = {v} COLLATE NOCASE)"
                )
            };
            conds.push(format!(
                "({in_changes} \
                 OR EXISTS (SELECT 1 FROM audit_log_removals r \
                 WHERE r.entry = audit_log.id AND r.entity = {k} AND r.key = {v}))"
            ));
        }
        if let Some(a) = &self.actor {
            conds.push(format!(
                "lower(actor) = lower({})",
                arg(a.clone(), &mut args)
            ));
        }
        if let Some(t) = &self.since {
            conds.push(format!("at >= {}", arg(t.clone(), &mut args)));
        }
        if let Some(c) = &self.command {
            let given = arg(c.clone(), &mut args);
            conds.push(if pg {
                format!("strpos(lower(command), lower({given})) > 0")
            } else {
                format!("instr(lower(command), lower({given})) > 0")
            });
        }
        let clause = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        (clause, args)
    }
}

/// The newest `limit` entries the filter keeps, newest first, and how many more it keeps
/// after them (counted up to `cap`).
pub(crate) fn query(c: &Reader, f: &Filter, limit: u32, cap: u32) -> Res<(Vec<AuditEntry>, u64)> {
    let conn = c.conn();
    let (clause, mut args) = f.sql(conn.is_pg());
    let n = args.len();
    let mut with_limit = args.clone();
    with_limit.push(Val::Int(i64::from(limit)));
    let refs: Vec<&dyn Arg> = with_limit.iter().map(|v| v as &dyn Arg).collect();
    let entries = conn.rows(
        &format!(
            "SELECT id, at, actor, command, summary, changes FROM audit_log{clause}
             ORDER BY id DESC LIMIT ?{}",
            n + 1
        ),
        &refs,
        |r| {
            let changes: String = r.get(5)?;
            let id: i64 = r.get(0)?;
            Ok(AuditEntry {
                id,
                at: r.get(1)?,
                actor: r.get(2)?,
                command: r.get(3)?,
                summary: r.get(4)?,
                changes: super::error::from_json(
                    ("audit_log", &id.to_string(), "changes"),
                    &changes,
                )?,
            })
        },
    )?;
    let entries = entries
        .into_iter()
        .map(|e| with_removals(c, e))
        .collect::<Res<Vec<_>>>()?;
    args.push(Val::Int(i64::from(limit)));
    args.push(Val::Int(i64::from(cap)));
    let refs: Vec<&dyn Arg> = args.iter().map(|v| v as &dyn Arg).collect();
    let more: i64 = conn
        .row(
            &format!(
                "SELECT count(*) FROM (SELECT 1 FROM audit_log{clause} ORDER BY id DESC LIMIT ?{} OFFSET ?{}) AS w",
                n + 2,
                n + 1
            ),
            &refs,
            |r| r.get(0),
        )?
        .unwrap_or(0);
    Ok((entries, more as u64))
}
