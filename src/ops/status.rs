//! `hq status`: what the data file holds.

use serde::Serialize;

use crate::db::{Db, status as meta};
use crate::error::Result;

#[derive(Debug, Serialize)]
pub(crate) struct Status {
    pub data_file: String,
    pub schema_version: u32,
    pub environment_version: String,
    pub created_at: String,
    pub change_version: i64,
    /// HQ rows (upserts and deletions) waiting for a distribution job, over every job and
    /// channel database (`hq job pending` has the detail). Each table is counted up to
    /// 10,000 rows, so that status stays fast: when `pending_rows_exact` is false, at least
    /// this many are waiting.
    pub pending_rows: u64,
    pub pending_rows_exact: bool,
    /// Rows per area, in a fixed order.
    pub counts: serde_json::Map<String, serde_json::Value>,
}

pub(crate) fn status(db: &Db) -> Result<Status> {
    let m = meta::meta(db.read())?;
    let (pending_rows, pending_rows_exact) = crate::distribution::pending_total(db.read())?;
    let mut counts = serde_json::Map::new();
    for (area, n) in meta::counts(db.read())? {
        counts.insert(area.to_string(), n.into());
    }
    Ok(Status {
        data_file: db.path().display().to_string(),
        schema_version: db.schema_version()?,
        environment_version: m.env_version,
        created_at: m.created_at,
        change_version: m.change_version,
        pending_rows,
        pending_rows_exact,
        counts,
    })
}
