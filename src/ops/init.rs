//! `hq init`: a new data file with the environment version and the default channel database.

use std::time::Duration;

use super::{Mode, OpEnv, mutate};
use crate::db::location::Location;
use crate::db::{Created, Db, org, status as meta};
use crate::domain::Change;
use crate::domain::org::{ChannelDb, ChannelDbGroup, DEFAULT_CHANNEL_DB, DEFAULT_CHANNEL_DB_GROUP};
use crate::error::{HqError, Result};

/// The environment version `hq init` records when none is given.
pub(crate) const DEFAULT_ENV_VERSION: &str = "10.0.40";

pub(crate) enum InitOutcome {
    Created {
        env_version: String,
    },
    /// An hq data file was already there: nothing changed.
    AlreadyInitialized {
        env_version: Option<String>,
    },
}

/// Checks an environment version such as `10.0.40`: three dot-separated numbers.
pub(crate) fn parse_env_version(value: &str) -> Result<String> {
    Ok(crate::domain::feature::parse_env_version("version", value)?.to_string())
}

/// `hq init --version V` on an existing data file: the same version is a no-op; another one is
/// refused (exit 5), naming both, with `hq upgrade` when V is newer.
pub(crate) fn check_same_version(path: &str, have: &str, asked: &str) -> Result<()> {
    let asked = parse_env_version(asked)?;
    let (h, a) = (
        crate::domain::feature::Version::parse(have),
        crate::domain::feature::Version::parse(&asked),
    );
    if h == a {
        return Ok(());
    }
    Err(crate::domain::feature::init_at_other_version(path, have, &asked, a > h).into())
}

pub(crate) fn init(
    at: &Location,
    wait: Duration,
    env: &OpEnv,
    version: &str,
) -> Result<InitOutcome> {
    match create(at, wait, env, version)? {
        Made::Existing { env_version } => Ok(InitOutcome::AlreadyInitialized { env_version }),
        Made::New { db, env_version } => match db.publish(wait)? {
            Some(_) => Ok(InitOutcome::Created { env_version }),
            // Another hq made it at the same moment: it is there now, as if it had been
            // before this init.
            None => match Db::create_at(at, wait)? {
                Created::Existing { env_version } => {
                    Ok(InitOutcome::AlreadyInitialized { env_version })
                }
                Created::New(db) => {
                    db.discard();
                    Err(HqError::conflict(format!(
                        "{at} came and went while this init made it"
                    )))
                }
            },
        },
    }
}

/// What [`create`] made.
pub(crate) enum Made {
    /// A new data file, whole, under its temporary name: [`Db::publish`] puts it in place,
    /// [`Db::discard`] removes it.
    New { db: Db, env_version: String },
    /// An hq data file was already there: nothing changed.
    Existing { env_version: Option<String> },
}

/// Makes a new data file (its settings, the default channel database, the features of its
/// version) without putting it at `path` yet, so that a command can fill it further and
/// publish it whole (`hq apply` into a new file).
pub(crate) fn create(at: &Location, wait: Duration, env: &OpEnv, version: &str) -> Result<Made> {
    let env_version = parse_env_version(version)?;
    let mut db = match Db::create_at(at, wait)? {
        Created::Existing { env_version } => {
            return Ok(Made::Existing { env_version });
        }
        Created::New(db) => db,
    };
    let result = (|| -> Result<()> {
        meta::insert_meta(db.read(), &env_version, &env.now_text())?;
        mutate(&mut db, env, Mode::Commit, |tx| {
            let group = ChannelDbGroup {
                id: DEFAULT_CHANNEL_DB_GROUP.to_string(),
                description: "Default channel database group".to_string(),
            };
            let chdb = ChannelDb {
                id: DEFAULT_CHANNEL_DB.to_string(),
                group: group.id.clone(),
                description: "Default channel database".to_string(),
                location: String::new(),
            };
            org::upsert_channel_db_group(tx, &group)?;
            org::upsert_channel_db(tx, &chdb)?;
            let mut changes = vec![
                Change::create(
                    "environment",
                    &env_version,
                    &serde_json::json!({ "version": env_version }),
                ),
                Change::create("channel_db_group", &group.id, &group),
                Change::create("channel_db", &chdb.id, &chdb),
            ];
            let v = crate::domain::feature::Version::parse(&env_version).ok_or_else(|| {
                HqError::internal(anyhow::anyhow!("unparsed version {env_version}"))
            })?;
            changes.extend(super::feature::seed(tx, env, v)?);
            Ok(((), changes))
        })?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Made::New { db, env_version }),
        Err(e) => {
            db.discard();
            Err(e)
        }
    }
}
