//! `hq log`: the audit trail.

use crate::db::{Db, audit};
use crate::error::Result;

pub(crate) use crate::db::audit::AuditEntry;

pub(crate) use crate::db::audit::Filter;

/// The newest `limit` entries the filter keeps, and how many more it keeps.
pub(crate) fn recent(
    db: &Db,
    filter: &Filter,
    limit: u32,
) -> Result<(Vec<AuditEntry>, Option<super::More>)> {
    let (entries, more) = audit::query(db.read(), filter, limit, super::More::CAP)?;
    Ok((entries, super::More::after(more, None)))
}
