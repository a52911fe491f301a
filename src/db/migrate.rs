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
    /// It rebuilds a table others refer to (SQLite's twelve steps), so it runs with foreign
    /// keys off, and every reference is checked before the commit.
    pub rebuilds: bool,
    /// The same change for PostgreSQL. None up to [`PG_BASELINE`]: the server's schema file
    /// holds every change to then (no PostgreSQL database predates it). Every later migration
    /// has one (a unit test checks).
    pub pg: Option<&'static str>,
}

/// The version of the PostgreSQL schema file, [`PG_SCHEMA`]: where a server's schema starts.
pub(crate) const PG_BASELINE: u32 = 14;

/// hq's schema at [`PG_BASELINE`] for PostgreSQL.
pub(crate) const PG_SCHEMA: &str = include_str!("migrations/pg/0014_schema.sql");

/// The PostgreSQL bodies of the migrations after `version` (and after [`PG_BASELINE`]), in
/// order, with their versions and why.
pub(crate) fn pg_after(version: u32) -> impl Iterator<Item = (u32, &'static str, &'static str)> {
    MIGRATIONS
        .iter()
        .filter(move |m| m.version > version.max(PG_BASELINE))
        .filter_map(|m| m.pg.map(|sql| (m.version, m.why, sql)))
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        why: "foundation: meta, change tracking, audit log, organisation",
        sql: include_str!("migrations/0001_foundation.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 2,
        why: "feature states, number sequences, Commerce parameters, Key Vault secret references",
        sql: include_str!("migrations/0002_features_numseq_params.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 3,
        why: "clienteling configuration: attributes, activity types, staff, layouts, registers",
        sql: include_str!("migrations/0003_clienteling_config.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 4,
        why: "customer groups and customers, with their lists as indexed child tables",
        sql: include_str!("migrations/0004_customers.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 5,
        why: "async customers pending in a channel database",
        sql: include_str!("migrations/0005_pending_customers.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 6,
        why: "distribution: channel tables, what each job delivered, download sessions",
        sql: include_str!("migrations/0006_distribution.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 7,
        why: "clienteling written live in HQ: client books, activities, notes, measures",
        sql: include_str!("migrations/0007_clienteling_live.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 8,
        why: "the store a customer was created for: a new address's default country",
        sql: include_str!("migrations/0008_customer_store.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 9,
        why: "an address's name and phone, defaulting to the customer's",
        sql: include_str!("migrations/0009_address_name_phone.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 10,
        why: "attribute values by day and month, for dates coming up",
        sql: include_str!("migrations/0010_attribute_days.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 11,
        why: "customer groups per legal entity; a customer's group is one of its legal entity's",
        sql: include_str!("migrations/0011_customer_groups_per_legal_entity.sql"),
        rebuilds: true,
        pg: None,
    },
    Migration {
        version: 12,
        why: "a customer's rows compare its account without case, so removing one is a lookup",
        sql: include_str!("migrations/0012_customer_children_nocase.sql"),
        rebuilds: true,
        pg: None,
    },
    Migration {
        version: 13,
        why: "one row a customer: its primary email, phone and address on the customers row",
        sql: include_str!("migrations/0013_one_row_a_customer.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 14,
        why: "the records a removal of many names, a row each, not one JSON text in memory",
        sql: include_str!("migrations/0014_audit_log_removals.sql"),
        rebuilds: false,
        pg: None,
    },
    Migration {
        version: 15,
        why: "where a channel database lives: inside the data file, or a file of its own",
        sql: include_str!("migrations/0015_channel_db_location.sql"),
        rebuilds: false,
        pg: Some(include_str!("migrations/pg/0015_channel_db_location.sql")),
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
    let current = user_version(conn)?;
    let pending: Vec<&Migration> = MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    // Foreign keys can be switched only outside a transaction; they are put back as they were
    // however the migration ends.
    let rebuilds = pending.iter().any(|m| m.rebuilds);
    let keys_were_on: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if rebuilds && keys_were_on {
        conn.pragma_update(None, "foreign_keys", false)?;
    }
    let done = run(conn, &pending, rebuilds);
    if rebuilds && keys_were_on {
        conn.pragma_update(None, "foreign_keys", true)?;
    }
    done
}

fn run(conn: &mut Connection, pending: &[&Migration], rebuilds: bool) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    // Another process may have migrated the file while this one waited for it.
    let current = user_version(&tx)?;
    for m in pending.iter().filter(|m| m.version > current) {
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
    if rebuilds {
        let broken: Vec<String> = tx
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| {
                Ok(format!(
                    "{} row {} refers to a missing {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?
                        .map_or("?".into(), |n| n.to_string()),
                    r.get::<_, String>(2)?
                ))
            })?
            .take(5)
            .collect::<rusqlite::Result<_>>()?;
        if !broken.is_empty() {
            return Err(HqError::data_file(format!(
                "the data file could not be brought to schema {}: it has references to what \
                 does not exist ({}); it was not changed",
                pending.last().map_or(0, |m| m.version),
                broken.join("; ")
            )));
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_after_the_postgres_baseline_has_its_postgres_body() {
        for m in MIGRATIONS {
            assert_eq!(
                m.pg.is_some(),
                m.version > PG_BASELINE,
                "migration {} ({}): a PostgreSQL body after version {PG_BASELINE}, none before",
                m.version,
                m.why
            );
        }
        assert!(latest() >= PG_BASELINE);
        assert_eq!(
            pg_after(0).count() as u32,
            latest() - PG_BASELINE,
            "a server made today runs each later body once"
        );
    }

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

    /// A file of schema 10 with customers of two legal entities in one group id, a group no
    /// customer is in, and a channel copy: after 11, the used group is in each legal entity
    /// that uses it, the unused one in every legal entity, customers and their contacts as
    /// they were, nothing counted, tombstoned or changed again, and every reference whole.
    #[test]
    fn groups_go_to_the_legal_entities_that_use_them() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate_to(&mut conn, 10).unwrap();
        conn.execute_batch(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 7);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
             INSERT INTO legal_entities VALUES ('DEMF', 'Contoso DE', 'DE', 'de-DE', 1);
             INSERT INTO customer_groups VALUES ('30', 'Retail', 'Net30', '[]', 2);
             INSERT INTO customer_groups VALUES ('90', 'Unused', NULL, '[]', 3);
             INSERT INTO customers (account, legal_entity, type, last_name, search_name,
                 search_last, group_id, currency, language, change_version)
             VALUES ('1', 'USRT', 'person', 'Ada', 'ada', 'ada', '30', 'USD', 'en-US', 4),
                    ('2', 'usrt', 'person', 'Bo', 'bo', 'bo', '30', 'USD', 'en-US', 4);
             INSERT INTO customer_contacts VALUES ('1', 0, 'email', 'a@x.com', 'a@x.com', 1, 0, 4);
             INSERT INTO ch_customer_groups VALUES ('Default', '30', 'Retail', 'Net30', '[]');
             INSERT INTO ch_customer_groups VALUES ('Default', '77', 'Gone', NULL, '[]');
             INSERT INTO tombstones (table_name, row_key, change_version)
                 VALUES ('customer_groups', '[\"77\"]', 5);",
        )
        .unwrap();
        let count =
            |c: &Connection, sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        let counted = count(
            &conn,
            "SELECT n FROM row_counts WHERE table_name = 'customers'",
        );
        migrate_to(&mut conn, 11).unwrap();
        let groups: Vec<(String, String, i64)> = conn
            .prepare("SELECT legal_entity, id, change_version FROM customer_groups ORDER BY id, legal_entity")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let g = |le: &str, id: &str, v: i64| (le.to_string(), id.to_string(), v);
        assert_eq!(
            groups,
            [g("USRT", "30", 2), g("DEMF", "90", 3), g("USRT", "90", 3)]
        );
        assert_eq!(count(&conn, "SELECT count(*) FROM customers"), 2);
        assert_eq!(count(&conn, "SELECT count(*) FROM customer_contacts"), 1);
        assert_eq!(
            count(
                &conn,
                "SELECT n FROM row_counts WHERE table_name = 'customers'"
            ),
            counted
        );
        assert_eq!(count(&conn, "SELECT count(*) FROM tombstones"), 0);
        assert_eq!(count(&conn, "SELECT max(change_version) FROM customers"), 4);
        // The channel keeps what it was sent, under the group's legal entity; what HQ no
        // longer has is not carried over.
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM ch_customer_groups WHERE legal_entity = 'USRT' AND id = '30'"
            ),
            1
        );
        assert_eq!(count(&conn, "SELECT count(*) FROM ch_customer_groups"), 1);
        // The new key holds: a customer's group is one of its legal entity's.
        let wrong = conn.execute(
            "INSERT INTO customers (account, legal_entity, type, last_name, search_name,
                 search_last, group_id, currency, language, change_version)
             VALUES ('3', 'DEMF', 'person', 'Cy', 'cy', 'cy', '30', 'EUR', 'de-DE', 8)",
            [],
        );
        assert!(wrong.is_err(), "{wrong:?}");
        let fk: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(fk, "foreign keys are on again after the migration");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }

    /// A file whose references were already broken (edited with foreign keys off) is not
    /// migrated: the error says what is broken, and the file stays at its version.
    #[test]
    fn a_file_with_broken_references_stays_as_it_was() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 10).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute_batch(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 7);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
             INSERT INTO customer_groups VALUES ('30', 'Retail', 'Net30', '[]', 2);
             INSERT INTO customer_contacts VALUES ('404', 0, 'email', 'a@x.com', 'a@x.com', 1, 0, 4);",
        )
        .unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        let e = migrate_to(&mut conn, 11).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::DataFile);
        assert!(
            e.message.contains("customer_contacts")
                && e.message.contains("refers to a missing customers"),
            "{}",
            e.message
        );
        assert_eq!(user_version(&conn).unwrap(), 10);
    }

    /// A file of schema 11 with a row in each table that holds a customer's rows: after 12,
    /// every row is kept as it was (nothing tombstoned or counted again), the tombstone
    /// triggers still fire, and removing a customer checks those tables by a lookup, not by
    /// reading them (which made removing many customers take time in their product).
    #[test]
    fn a_customers_rows_are_found_by_account_without_reading_every_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate_to(&mut conn, 11).unwrap();
        conn.execute_batch(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 7);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
             INSERT INTO address_books (id, name, kind, change_version)
                 VALUES ('HOU', 'Houston', 'customer', 1);
             INSERT INTO customer_groups VALUES ('USRT', '30', 'Retail', 'Net30', '[]', 2);
             INSERT INTO customers (account, legal_entity, type, last_name, search_name,
                 search_last, group_id, currency, language, change_version)
             VALUES ('C1', 'USRT', 'person', 'Ada', 'ada', 'ada', '30', 'USD', 'en-US', 4);
             INSERT INTO customer_affiliations VALUES ('C1', 'Retail', 4);
             INSERT INTO customer_address_books VALUES ('C1', 'HOU', 4);
             INSERT INTO customer_addresses VALUES
                 ('C1', 0, 'home', '1 Main St', 'Houston', 'TX', '77002', 'US', 1, 4, 'Ada', NULL);
             INSERT INTO customer_contacts VALUES ('C1', 0, 'email', 'a@x.com', 'a@x.com', 1, 0, 4);
             INSERT INTO customer_attribute_values VALUES ('C1', 'Birthday', '1990-05-01', 4);
             INSERT INTO customer_activities VALUES (1, 'C1', 'VISIT', '000160', '2026-01-01', 'Hi', 4);
             INSERT INTO customer_notes VALUES (1, 'C1', '000160', '2026-01-01', 'Note', 4);
             INSERT INTO customer_measures VALUES ('C1', 'Spend', '100', 4);",
        )
        .unwrap();
        let tables = [
            "customer_affiliations",
            "customer_address_books",
            "customer_addresses",
            "customer_contacts",
            "customer_attribute_values",
            "customer_activities",
            "customer_notes",
            "customer_measures",
        ];
        let count =
            |c: &Connection, sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        let rows = |c: &Connection| -> Vec<String> { tables.map(|t| rows_of(c, t)).to_vec() };
        let plan = |c: &Connection| -> String {
            c.prepare("EXPLAIN QUERY PLAN DELETE FROM customers WHERE account = 'C1'")
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<Vec<_>>>()
                .unwrap()
                .join("\n")
        };
        let before = rows(&conn);
        assert!(before.iter().all(|r| r.contains("C1")), "{before:?}");
        assert!(
            plan(&conn).contains("SCAN customer_contacts"),
            "{}",
            plan(&conn)
        );
        migrate_to(&mut conn, 12).unwrap();
        assert_eq!(rows(&conn), before);
        assert_eq!(count(&conn, "SELECT count(*) FROM tombstones"), 0);
        let p = plan(&conn);
        for t in tables {
            assert!(!p.contains(&format!("SCAN {t}")), "{t} is read whole:\n{p}");
        }
        // The triggers are back: a removal leaves its tombstones.
        conn.execute_batch(&tables.map(|t| format!("DELETE FROM {t};")).concat())
            .unwrap();
        conn.execute("DELETE FROM customers WHERE account = 'c1'", [])
            .unwrap();
        assert_eq!(count(&conn, "SELECT count(*) FROM tombstones"), 9);
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }

    /// Every row of a table, each as a JSON array of its columns (`json_array(*)` is empty).
    fn rows_of(c: &Connection, table: &str) -> String {
        let columns: Vec<String> = c
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        c.query_row(
            &format!(
                "SELECT group_concat(json_array({}), char(10)) FROM {table}",
                columns.join(", ")
            ),
            [],
            |r| r.get::<_, Option<String>>(0),
        )
        .unwrap_or_else(|e| panic!("{table}: {e}"))
        .unwrap_or_default()
    }

    /// A file of schema 12 whose customer has two emails, a phone changed since it was
    /// distributed and two addresses, and a channel database's copy of it: after 13 the
    /// primaries are on the customers row (HQ and channel alike) at their places, the others
    /// stay in their tables, nothing is tombstoned, and the row's change version is the phone's,
    /// so job 1010 still carries that change.
    #[test]
    fn a_customers_primaries_move_onto_its_row_in_hq_and_in_the_channels_copy() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate_to(&mut conn, 12).unwrap();
        let contacts = "('C1', 1, 'email', 'a@x.com', 'a@x.com', 1, 1),
                        ('C1', 2, 'phone', '+17135550100', '17135550100', 1, 0),
                        ('C1', 3, 'email', 'b@x.com', 'b@x.com', 0, 0)";
        let addresses = "('C1', 1, 'delivery', '9 Dock St', 'Houston', NULL, NULL, 'US', 0, 'Ada', NULL),
                         ('C1', 2, 'home', '1 Main St', 'Houston', 'TX', '77002', 'US', 1, 'Ada', '+17135550100')";
        conn.execute_batch(&format!(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 9);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
             INSERT INTO customer_groups VALUES ('USRT', '30', 'Retail', 'Net30', '[]', 2);
             INSERT INTO customers (account, legal_entity, type, last_name, search_name,
                 search_last, group_id, currency, language, change_version)
             VALUES ('C1', 'USRT', 'person', 'Ada', 'ada', 'ada', '30', 'USD', 'en-US', 4);
             INSERT INTO customer_contacts (account, position, kind, value, search_value,
                 is_primary, marketing_opt_in, change_version)
                 SELECT *, CASE WHEN column2 = 2 THEN 9 ELSE 4 END FROM (VALUES {contacts});
             INSERT INTO customer_addresses (account, position, purpose, street, city, state,
                 postal_code, country, is_primary, name, phone, change_version)
                 SELECT *, 4 FROM (VALUES {addresses});
             INSERT INTO ch_customers (ch_db, account, legal_entity, type, last_name, group_id)
                 VALUES ('Default', 'C1', 'USRT', 'person', 'Ada', '30');
             INSERT INTO ch_customer_contacts (ch_db, account, position, kind, value,
                 search_value, is_primary, marketing_opt_in)
                 SELECT 'Default', * FROM (VALUES {contacts});
             INSERT INTO ch_customer_addresses (ch_db, account, position, purpose, street, city,
                 state, postal_code, country, is_primary, name, phone)
                 SELECT 'Default', * FROM (VALUES {addresses});"
        ))
        .unwrap();
        migrate_to(&mut conn, 13).unwrap();
        // One row's columns as a JSON array.
        let one = |sql: &str| -> String {
            use rusqlite::types::Value as V;
            let mut st = conn.prepare(sql).unwrap();
            let n = st.column_count();
            let row: Vec<serde_json::Value> = st
                .query_row([], |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get::<_, V>(i)? {
                                V::Integer(n) => n.into(),
                                V::Text(t) => t.into(),
                                _ => serde_json::Value::Null,
                            })
                        })
                        .collect()
                })
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            serde_json::Value::from(row).to_string()
        };
        let held = "SELECT email, email_search, email_opt_in, email_at,
                           phone, phone_search, phone_opt_in, phone_at,
                           address_at, address_purpose, address_street, address_city,
                           address_state, address_postal_code, address_country, address_name,
                           address_phone";
        let want = r#"["a@x.com","a@x.com",1,1,"+17135550100","17135550100",0,2,2,"home","1 Main St","Houston","TX","77002","US","Ada","+17135550100"]"#;
        assert_eq!(one(&format!("{held} FROM customers")), want);
        assert_eq!(one(&format!("{held} FROM ch_customers")), want);
        assert_eq!(one("SELECT change_version FROM customers"), "[9]");
        for (t, left) in [
            ("customer_contacts", r#"["3"]"#),
            ("customer_addresses", r#"["1"]"#),
            ("ch_customer_contacts", r#"["3"]"#),
            ("ch_customer_addresses", r#"["1"]"#),
        ] {
            assert_eq!(
                one(&format!("SELECT group_concat(position) FROM {t}")),
                left,
                "{t}"
            );
        }
        assert_eq!(one("SELECT count(*) FROM tombstones"), "[0]");
        // The email search reads its index on the customers row.
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT account FROM customers
                 WHERE email_search >= 'a' AND email_search < 'b'",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("customers_by_email"), "{plan}");
        // The tombstone triggers are back.
        conn.execute_batch("DELETE FROM customer_contacts; DELETE FROM customer_addresses;")
            .unwrap();
        assert_eq!(one("SELECT count(*) FROM tombstones"), "[2]");
    }
}
