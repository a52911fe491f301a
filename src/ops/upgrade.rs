//! `hq upgrade --version V`: moves an environment forward to a newer version, doing what
//! DOMAIN.md 3 says happens at each version (features that become mandatory or on by default
//! are turned on, with their prerequisites), in one transaction with its audit entry. The
//! feature rows it writes are pending for job 1110 like any other change.

use serde::Serialize;

use super::{Applied, Mode, OpEnv, feature, mutate};
use crate::db::{Db, WriteTx, feature as feature_db, status as meta};
use crate::domain::Change;
use crate::domain::feature::{self as rules, FeatureRecord, Turned, Version};
use crate::error::Result;

/// What an upgrade did (or, in a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Upgrade {
    pub from: String,
    pub to: String,
    /// The features it turned on, and why.
    pub features: Vec<Turned>,
}

/// Parses a version the way `hq init` does, naming `field`.
fn version(field: &str, text: &str) -> Result<Version> {
    Ok(rules::parse_env_version(field, text)?)
}

pub(crate) fn upgrade(db: &mut Db, env: &OpEnv, mode: Mode, to: &str) -> Result<Applied<Upgrade>> {
    let to = version("version", to)?;
    mutate(db, env, mode, |tx| upgrade_in(tx, env, to))
}

/// The upgrade inside the caller's transaction (`hq apply` of a file of a newer version).
pub(crate) fn upgrade_in(tx: &WriteTx, env: &OpEnv, to: Version) -> Result<(Upgrade, Vec<Change>)> {
    let from = feature::env_version(tx)?;
    if to < from {
        return Err(rules::never_back(from, to).into());
    }
    let mut report = Upgrade {
        from: from.to_string(),
        to: to.to_string(),
        features: Vec::new(),
    };
    if to == from {
        return Ok((report, Vec::new()));
    }
    let mut records = std::collections::HashMap::new();
    for def in rules::CATALOGUE {
        records.insert(def.key, feature_db::record(tx, def.key)?);
    }
    let turned = rules::upgrade(from, to, |k| {
        records.get(k).and_then(|r| r.as_ref()).map(|r| r.enabled)
    });
    let mut changes = vec![
        Change::update(
            "environment",
            "version",
            &serde_json::json!({ "version": from.to_string() }),
            &serde_json::json!({ "version": to.to_string() }),
        )
        .expect("the versions differ"),
    ];
    meta::set_env_version(tx, &to.to_string())?;
    for t in &turned {
        let def = rules::find(t.key).expect("from the catalogue");
        let old_rec = records.get(t.key).cloned().flatten();
        let before = rules::effective(def, from, old_rec.as_ref(), env.now);
        let rec = FeatureRecord {
            enabled: true,
            enable_date: Some(env.now),
            scheduled_date: None,
        };
        feature_db::save(tx, def.key, &rec)?;
        let after = rules::effective(def, to, Some(&rec), env.now);
        changes.extend(Change::update("feature", def.key, &before, &after));
    }
    report.features = turned;
    Ok((report, changes))
}
