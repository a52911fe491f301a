//! SQL for Commerce parameters (one row per field) and Key Vault secret references.

use super::Reader;
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
    let rows = c.conn().rows("SELECT key, value FROM params", &[], |r| {
        Ok((r.get::<String>(0)?, r.get::<String>(1)?))
    })?;
    let mut root = Map::new();
    for (key, value) in rows {
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
        let stored: Option<String> =
            tx.conn()
                .row("SELECT value FROM params WHERE key = ?1", &[&key], |r| {
                    r.get(0)
                })?;
        if stored.as_deref() != Some(text.as_str()) {
            tx.conn().exec(
                "INSERT INTO params (key, value, change_version) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET value = ?2, change_version = ?3",
                &[&key, &text, &tx.version()],
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
    c.conn().rows(
        "SELECT name, reference, description FROM keyvault_secrets ORDER BY name",
        &[],
        secret_from,
    )
}

pub(crate) fn secret(c: &Reader, name: &str) -> Res<Option<KeyVaultSecret>> {
    c.conn().row(
        "SELECT name, reference, description FROM keyvault_secrets WHERE name = ?1",
        &[&name],
        secret_from,
    )
}

fn secret_from(r: &super::sql::Row) -> Res<KeyVaultSecret> {
    Ok(KeyVaultSecret {
        name: r.get(0)?,
        reference: r.get(1)?,
        description: r.get(2)?,
    })
}

pub(crate) fn upsert_secret(tx: &WriteTx, s: &KeyVaultSecret) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO keyvault_secrets (name, reference, description, change_version)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET reference = ?2, description = ?3, change_version = ?4",
        &[&s.name, &s.reference, &s.description, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_secret(tx: &WriteTx, name: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM keyvault_secrets WHERE name = ?1", &[&name])?;
    Ok(())
}
