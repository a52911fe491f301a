//! Schema migrations keyed by `PRAGMA user_version`.
//!
//! The list is append-only: a migration that has landed is never edited, because data files in
//! the field were made with it. A new schema change is a new entry with a comment saying why.
//! All pending migrations run in one exclusive transaction, so a file is either at its old
//! version or at the new one.

use rusqlite::Connection;

use crate::error::{HqError, Result};

pub(crate) struct Migration {
    pub version: u32,
    /// Why this migration exists, in one line.
    pub why: &'static str,
    pub sql: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        why: "foundation: meta, change tracking, audit log, organisation",
        sql: include_str!("migrations/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        why: "feature states, number sequences, Commerce parameters, Key Vault secret references",
        sql: include_str!("migrations/0002_features_numseq_params.sql"),
    },
    Migration {
        version: 3,
        why: "clienteling configuration: attributes, activity types, staff, layouts, registers",
        sql: include_str!("migrations/0003_clienteling_config.sql"),
    },
    Migration {
        version: 4,
        why: "customer groups and customers, with their lists as indexed child tables",
        sql: include_str!("migrations/0004_customers.sql"),
    },
    Migration {
        version: 5,
        why: "async customers pending in a channel database",
        sql: include_str!("migrations/0005_pending_customers.sql"),
    },
    Migration {
        version: 6,
        why: "distribution: channel tables, what each job delivered, download sessions",
        sql: include_str!("migrations/0006_distribution.sql"),
    },
    Migration {
        version: 7,
        why: "clienteling written live in HQ: client books, activities, notes, measures",
        sql: include_str!("migrations/0007_clienteling_live.sql"),
    },
    Migration {
        version: 8,
        why: "the store a customer was created for: a new address's default country",
        sql: include_str!("migrations/0008_customer_store.sql"),
    },
    Migration {
        version: 9,
        why: "an address's name and phone, defaulting to the customer's",
        sql: include_str!("migrations/0009_address_name_phone.sql"),
    },
    Migration {
        version: 10,
        why: "attribute values by day and month, for dates coming up",
        sql: include_str!("migrations/0010_attribute_days.sql"),
    },
];

/// The schema version this build of hq writes.
pub fn latest() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema up to `target` (at most [`latest`]) in one transaction.
/// A failure of a migration is what its SQLite error says (busy, the disk full, ...); one
/// that is none of those is a bug, named with the migration.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    let current = user_version(&tx)?;
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        tx.execute_batch(m.sql).map_err(|e| {
            let err = HqError::from(e);
            if err.kind == crate::error::ErrorKind::Internal {
                HqError::internal(anyhow::anyhow!(
                    "applying migration {} ({}): {}",
                    m.version,
                    m.why,
                    err.message
                ))
            } else {
                err
            }
        })?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                m.version as usize,
                i + 1,
                "migration {} out of order",
                m.version
            );
        }
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, latest()).unwrap();
        migrate_to(&mut conn, latest()).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest());
    }

    #[test]
    fn every_version_migrates_forward_to_the_latest() {
        for start in 1..=latest() {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, start).unwrap();
            migrate_to(&mut conn, latest()).unwrap();
            assert_eq!(user_version(&conn).unwrap(), latest());
            let ok: String = conn
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(ok, "ok");
        }
    }
}
