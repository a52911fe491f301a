//! SQL for Commerce parameters (one row per field) and Key Vault secret references.

use super::Reader;
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};

use super::WriteTx;
use crate::domain::params::{KeyVaultSecret, Parameters};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

/// The parameters, fields never set taking their defaults.
pub(crate) fn load(c: &Reader) -> crate::error::Result<Parameters> {
    let unreadable = |key: &str, why: String| {
        crate::error::HqError::data_file(format!(
            "the data file {} holds an unreadable parameter {key}: {why}",
            crate::error::DATA
        ))
        .hinted(crate::domain::Hint::to(
            "restore it from a backup, or set the parameter again with",
            crate::domain::Cmd::new("param set"),
        ))
    };
    let mut st = c.sql().prepare("SELECT key, value FROM params")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut root = Map::new();
    for row in rows {
        let (key, value) = row?;
        let value: Value =
            serde_json::from_str(&value).map_err(|e| unreadable(&key, e.to_string()))?;
        let mut parts: Vec<&str> = key.split('.').collect();
        let last = parts.pop().unwrap_or_default();
        let mut node = &mut root;
        for p in parts {
            node = node
                .entry(p.to_string())
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .ok_or_else(|| {
                    unreadable(&key, "it is stored under a value, not a table".into())
                })?;
        }
        node.insert(last.to_string(), value);
    }
    serde_json::from_value(Value::Object(root)).map_err(|e| unreadable("(all)", e.to_string()))
}

/// Writes the fields that differ from what is stored; unchanged fields keep their change
/// version, so distribution sends only what changed.
pub(crate) fn save(tx: &WriteTx, params: &Parameters) -> crate::error::Result<()> {
    let mut flat = Vec::new();
    let value = serde_json::to_value(params)
        .map_err(|e| crate::error::HqError::internal(anyhow::Error::new(e)))?;
    flatten("", value, &mut flat);
    for (key, value) in flat {
        let text = value.to_string();
        let stored: Option<String> = tx
            .sql()
            .query_row("SELECT value FROM params WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?;
        if stored.as_deref() != Some(text.as_str()) {
            tx.sql().execute(
                "INSERT INTO params (key, value, change_version) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = ?2, change_version = ?3",
                params![key, text, tx.version()],
            )?;
        }
    }
    Ok(())
}

fn flatten(prefix: &str, value: Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => out.push((prefix.to_string(), other)),
    }
}

pub(crate) fn secrets(c: &Reader) -> Res<Vec<KeyVaultSecret>> {
    let mut st = c
        .sql()
        .prepare("SELECT name, reference, description FROM keyvault_secrets ORDER BY name")?;
    st.query_map([], |r| {
        Ok(KeyVaultSecret {
            name: r.get(0)?,
            reference: r.get(1)?,
            description: r.get(2)?,
        })
    })?
    .collect::<rusqlite::Result<_>>()
    .map_err(Into::into)
}

pub(crate) fn secret(c: &Reader, name: &str) -> Res<Option<KeyVaultSecret>> {
    Ok(c.sql()
        .query_row(
            "SELECT name, reference, description FROM keyvault_secrets WHERE name = ?1",
            [name],
            |r| {
                Ok(KeyVaultSecret {
                    name: r.get(0)?,
                    reference: r.get(1)?,
                    description: r.get(2)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn upsert_secret(tx: &WriteTx, s: &KeyVaultSecret) -> Res<()> {
    tx.sql().execute(
        "INSERT INTO keyvault_secrets (name, reference, description, change_version)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET reference = ?2, description = ?3, change_version = ?4",
        params![s.name, s.reference, s.description, tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_secret(tx: &WriteTx, name: &str) -> Res<()> {
    tx.sql()
        .execute("DELETE FROM keyvault_secrets WHERE name = ?1", [name])?;
    Ok(())
}
