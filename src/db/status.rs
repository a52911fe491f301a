//! SQL for `hq status`: facts about the environment and counts per area.

use super::Reader;

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

pub(crate) struct Meta {
    pub env_version: String,
    pub created_at: String,
    pub change_version: i64,
}

pub(crate) fn meta(c: &Reader) -> Res<Meta> {
    c.conn()
        .row(
            "SELECT env_version, created_at, change_version FROM hq_meta WHERE id = 1",
            &[],
            |r| {
                Ok(Meta {
                    env_version: r.get(0)?,
                    created_at: r.get(1)?,
                    change_version: r.get(2)?,
                })
            },
        )?
        .ok_or_else(super::pg::no_meta)
}

pub(crate) fn insert_meta(c: &Reader, env_version: &str, created_at: &str) -> Res<()> {
    c.conn().exec(
        "INSERT INTO hq_meta (id, env_version, created_at, change_version) VALUES (1, ?1, ?2, 0)",
        &[&env_version, &created_at],
    )?;
    Ok(())
}

/// The areas `hq status` counts, with the table behind each.
pub(crate) const AREAS: &[(&str, &str)] = &[
    ("legal_entities", "legal_entities"),
    ("address_books", "address_books"),
    ("stores", "stores"),
    ("channel_db_groups", "channel_db_groups"),
    ("channel_dbs", "channel_dbs"),
    ("number_sequences", "number_sequences"),
    ("keyvault_secrets", "keyvault_secrets"),
    ("attribute_types", "attribute_types"),
    ("attributes", "attributes"),
    ("attribute_groups", "attribute_groups"),
    ("activity_types", "activity_types"),
    ("permission_groups", "permission_groups"),
    ("workers", "workers"),
    ("screen_layouts", "screen_layouts"),
    ("registers", "registers"),
    ("customer_groups", "customer_groups"),
    ("customers", "customers"),
    ("download_sessions", "download_sessions"),
    ("audit_entries", "audit_log"),
];

pub(crate) fn counts(c: &Reader) -> Res<Vec<(&'static str, i64)>> {
    // One statement, a column an area (on a server each statement is a round trip). Table
    // names come from the constant above, never from input. SQLite's customers are counted
    // by triggers (migration 4), not here.
    let cols: Vec<String> = AREAS
        .iter()
        .map(|(_, table)| {
            if *table == "customers" {
                format!("({})", super::customer::count_sql(c.conn().is_pg()))
            } else {
                format!("(SELECT count(*) FROM {table})")
            }
        })
        .collect();
    let sql = format!("SELECT {}", cols.join(", "));
    let ns = c
        .conn()
        .row(&sql, &[], |r| {
            (0..AREAS.len())
                .map(|i| Ok(r.get::<Option<i64>>(i)?.unwrap_or(0)))
                .collect::<Result<Vec<i64>, _>>()
        })?
        .unwrap_or_default();
    Ok(AREAS
        .iter()
        .zip(ns.into_iter().chain(std::iter::repeat(0)))
        .map(|((area, _), n)| (*area, n))
        .collect())
}

/// Moves the environment version (`hq upgrade`).
pub(crate) fn set_env_version(tx: &super::WriteTx, env_version: &str) -> Res<()> {
    tx.conn().exec(
        "UPDATE hq_meta SET env_version = ?1 WHERE id = 1",
        &[&env_version],
    )?;
    Ok(())
}
