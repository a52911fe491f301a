//! `hq log`: the audit trail.

use crate::db::{Db, audit};
use crate::error::Result;

pub(crate) use crate::db::audit::AuditEntry;

pub(crate) fn recent(db: &Db, limit: u32) -> Result<(Vec<AuditEntry>, Option<super::More>)> {
    let entries = audit::recent(db.read(), limit)?;
    let more = super::More::after(
        audit::count_after(db.read(), limit, super::More::CAP)?,
        None,
    );
    Ok((entries, more))
}
