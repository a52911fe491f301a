//! Channel database groups and channel databases (DOMAIN.md 1, 9): where stores read from.

use crate::db::Reader;

use super::{Applied, Mode, OpEnv, in_use, mutate, not_found, save_changed};
use crate::db::{Db, org};
use crate::domain::org::{ChannelDb, ChannelDbGroup, DEFAULT_CHANNEL_DB_GROUP};
use crate::domain::refuse;
use crate::domain::{Change, validate};
use crate::error::Result;

const GROUP_NOUN: &str = "channel-db-group";
const DB_NOUN: &str = "channel-db";

// ---- groups ----

pub(crate) fn add_group(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: Option<&str>,
) -> Result<Applied<ChannelDbGroup>> {
    let group = ChannelDbGroup {
        id: validate::id("ID", id)?,
        description: validate::text("description", description.unwrap_or(""), 100)?,
    };
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::channel_db_group(tx, &group.id)? {
            return Err(
                refuse::exists("channel database group", "channel-db-group", &existing.id).into(),
            );
        }
        org::upsert_channel_db_group(tx, &group)?;
        let change = Change::create("channel_db_group", &group.id, &group);
        Ok((group, vec![change]))
    })
}

pub(crate) fn groups(c: &Reader) -> Result<Vec<ChannelDbGroup>> {
    org::channel_db_groups(c)
}

pub(crate) fn get_group(c: &Reader, field: &str, id: &str) -> Result<ChannelDbGroup> {
    match org::channel_db_group(c, id)? {
        Some(g) => Ok(g),
        None => {
            let known: Vec<String> = groups(c)?.into_iter().map(|g| g.id).collect();
            Err(not_found(GROUP_NOUN, field, id, &known))
        }
    }
}

pub(crate) fn set_group(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    description: &str,
) -> Result<Applied<ChannelDbGroup>> {
    let description = validate::text("description", description, 100)?;
    mutate(db, env, mode, |tx| {
        let old = get_group(tx, "ID", id)?;
        let new = ChannelDbGroup {
            description,
            ..old.clone()
        };
        let changes = save_changed("channel_db_group", &old.id, &old, &new, || {
            org::upsert_channel_db_group(tx, &new)
        })?;
        Ok((new, changes))
    })
}

pub(crate) fn remove_group(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<ChannelDbGroup>> {
    mutate(db, env, mode, |tx| {
        let group = get_group(tx, "ID", id)?;
        let dbs: Vec<String> = org::channel_dbs(tx, Some(&group.id))?
            .into_iter()
            .map(|d| d.id)
            .collect();
        if let Some(err) = in_use(GROUP_NOUN, &group.id, &[("channel databases", dbs)]) {
            return Err(err);
        }
        org::delete_channel_db_group(tx, &group.id)?;
        let change = Change::delete("channel_db_group", &group.id, &group);
        Ok((group, vec![change]))
    })
}

// ---- channel databases ----

pub(crate) fn add_db(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    group: Option<&str>,
    description: Option<&str>,
) -> Result<Applied<ChannelDb>> {
    let id = validate::id("ID", id)?;
    let description = validate::text("description", description.unwrap_or(""), 100)?;
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::channel_db(tx, &id)? {
            return Err(refuse::exists("channel database", "channel-db", &existing.id).into());
        }
        let group = get_group(tx, "group", group.unwrap_or(DEFAULT_CHANNEL_DB_GROUP))?;
        let chdb = ChannelDb {
            id,
            group: group.id,
            description,
        };
        org::upsert_channel_db(tx, &chdb)?;
        let change = Change::create("channel_db", &chdb.id, &chdb);
        Ok((chdb, vec![change]))
    })
}

pub(crate) fn dbs(c: &Reader, group: Option<&str>) -> Result<Vec<ChannelDb>> {
    if let Some(g) = group {
        get_group(c, "group", g)?;
    }
    org::channel_dbs(c, group)
}

pub(crate) fn get_db(c: &Reader, field: &str, id: &str) -> Result<ChannelDb> {
    match org::channel_db(c, id)? {
        Some(d) => Ok(d),
        None => {
            let known: Vec<String> = dbs(c, None)?.into_iter().map(|d| d.id).collect();
            Err(not_found(DB_NOUN, field, id, &known))
        }
    }
}

/// The stores that read from a channel database.
pub(crate) fn stores_of_db(c: &Reader, id: &str) -> Result<Vec<String>> {
    org::stores_using_channel_db(c, id)
}

pub(crate) fn set_db(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    group: Option<&str>,
    description: Option<&str>,
) -> Result<Applied<ChannelDb>> {
    let description = description
        .map(|d| validate::text("description", d, 100))
        .transpose()?;
    mutate(db, env, mode, |tx| {
        let old = get_db(tx, "ID", id)?;
        let mut new = old.clone();
        if let Some(g) = group {
            new.group = get_group(tx, "group", g)?.id;
        }
        if let Some(d) = description {
            new.description = d;
        }
        let changes = save_changed("channel_db", &old.id, &old, &new, || {
            org::upsert_channel_db(tx, &new)
        })?;
        Ok((new, changes))
    })
}

pub(crate) fn remove_db(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<ChannelDb>> {
    mutate(db, env, mode, |tx| {
        let chdb = get_db(tx, "ID", id)?;
        let stores = org::stores_using_channel_db(tx, &chdb.id)?;
        if let Some(err) = in_use(DB_NOUN, &chdb.id, &[("stores", stores)]) {
            return Err(err);
        }
        crate::db::distribution::forget_channel_db(tx, &chdb.id)?;
        org::delete_channel_db(tx, &chdb.id)?;
        let change = Change::delete("channel_db", &chdb.id, &chdb);
        Ok((chdb, vec![change]))
    })
}
