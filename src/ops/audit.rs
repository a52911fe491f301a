//! `hq log`: the audit trail.

use crate::db::{Db, audit};
use crate::error::Result;

pub use crate::db::audit::AuditEntry;

pub fn recent(db: &Db, limit: u32) -> Result<Vec<AuditEntry>> {
    Ok(audit::recent(db.conn(), limit)?)
}
