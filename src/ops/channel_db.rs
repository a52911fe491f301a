//! Channel database groups and channel databases (DOMAIN.md 1, 9): where stores read from.

use crate::db::Reader;

use super::record::Kept;
use super::{Applied, Mode, OpEnv, in_use, mutate};
use crate::db::{Db, WriteTx, org};
use crate::domain::Change;
use crate::domain::org::{ChannelDb, ChannelDbGroup, DEFAULT_CHANNEL_DB_GROUP};
use crate::domain::record::Draft;
use crate::error::Result;

const GROUP_NOUN: &str = "channel-db-group";
const DB_NOUN: &str = "channel-db";

// ---- groups ----

impl Kept for ChannelDbGroup {
    const NOUN: &'static str = GROUP_NOUN;
    const WHAT: &'static str = "channel database group";
    const CHANGE: &'static str = "channel_db_group";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        org::channel_db_group(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(groups(c)?.into_iter().map(|g| g.id).collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        org::upsert_channel_db_group(tx, r)
    }
}

impl Kept for ChannelDb {
    const NOUN: &'static str = DB_NOUN;
    const WHAT: &'static str = "channel database";
    const CHANGE: &'static str = "channel_db";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        org::channel_db(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(org::channel_dbs(c, None)?
            .into_iter()
            .map(|d| d.id)
            .collect())
    }
    /// A channel database that moves (another location) starts again there: what jobs
    /// delivered to where it was, and the channel rows kept for it in the data file, are
    /// forgotten (a file of its own says itself what it has).
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        if org::channel_db(tx, &r.id)?.is_some_and(|old| old.location != r.location) {
            crate::db::distribution::forget_channel_db(tx, &r.id)?;
        }
        org::upsert_channel_db(tx, r)
    }
    /// Its group exists (Default when left out), kept as spelled there. A location names a
    /// channel database file made for it (`hq channel-db init`).
    fn settle(c: &Reader, new: &mut Self, old: Option<&Self>, _: &Draft<Self>) -> Result<()> {
        if new.group.is_empty() {
            new.group = DEFAULT_CHANNEL_DB_GROUP.to_string();
        }
        new.group = get_group(c, "group", &new.group)?.id;
        new.location = new.location.trim().to_string();
        if !new.location.is_empty() && old.is_none_or(|o| o.location != new.location) {
            let place = crate::db::channel::resolve(c, &new.location)?;
            crate::db::channel::open(&place, std::time::Duration::from_secs(5), &new.id, true)?;
        }
        Ok(())
    }
}

pub(crate) fn groups(c: &Reader) -> Result<Vec<ChannelDbGroup>> {
    org::channel_db_groups(c)
}

pub(crate) fn get_group(c: &Reader, field: &str, id: &str) -> Result<ChannelDbGroup> {
    super::record::get(c, field, id)
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

pub(crate) fn dbs(c: &Reader, group: Option<&str>) -> Result<Vec<ChannelDb>> {
    if let Some(g) = group {
        get_group(c, "group", g)?;
    }
    org::channel_dbs(c, group)
}

pub(crate) fn get_db(c: &Reader, field: &str, id: &str) -> Result<ChannelDb> {
    super::record::get(c, field, id)
}

/// The stores that read from a channel database.
pub(crate) fn stores_of_db(c: &Reader, id: &str) -> Result<Vec<String>> {
    org::stores_using_channel_db(c, id)
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

/// `hq channel-db init`: a channel database of its own for channel database `id` at `place`:
/// a file (nothing may exist at the path), or an empty database on a server (`postgres://`).
/// Headquarters is not touched. Returns the id as kept, and the place as it may be shown
/// (never a password).
pub(crate) fn init_file(
    env: &OpEnv,
    place: &str,
    id: &str,
    mode: Mode,
    wait: std::time::Duration,
) -> Result<(String, String, bool)> {
    let id = crate::domain::validate::id("id", id)?;
    let place = crate::db::channel::given_place(place, "PATH")?;
    let on_server = matches!(place, crate::db::channel::Place::Server(_));
    if let crate::db::channel::Place::File(path) = &place
        && path.exists()
    {
        return Err(crate::domain::refuse::channel_file_exists(&path.display().to_string()).into());
    }
    if mode == Mode::Commit {
        crate::db::channel::create_at(&place, &id, &env.now_text(), wait)?;
    }
    Ok((id, place.to_string(), on_server))
}

/// A channel database's own file, open, when it has one (its channel tables are read there;
/// else in the data file's).
pub(crate) fn own_file(
    c: &Reader,
    cdb: &ChannelDb,
) -> Result<Option<crate::db::channel::ChannelFile>> {
    if cdb.location.is_empty() {
        return Ok(None);
    }
    let place = crate::db::channel::resolve(c, &cdb.location)?;
    crate::db::channel::open(&place, std::time::Duration::from_secs(5), &cdb.id, false).map(Some)
}

/// Every channel database file there is, open, with its channel database (those inside the
/// data file are left out).
pub(crate) fn own_files(c: &Reader) -> Result<Vec<(ChannelDb, crate::db::channel::ChannelFile)>> {
    let mut out = Vec::new();
    for d in org::channel_dbs(c, None)? {
        if let Some(f) = own_file(c, &d)? {
            out.push((d, f));
        }
    }
    Ok(out)
}

/// A channel database with its own file (or database on a server), open.
pub(crate) type Opened = (ChannelDb, crate::db::channel::ChannelFile);

/// A channel database of its own that could not be opened now (gone, locked, its server
/// down), and why.
#[derive(Debug)]
pub(crate) struct Unreachable {
    pub channel_db: String,
    pub error: crate::error::HqError,
}

/// Every channel database of its own that opens now, and each that does not, with why: for
/// what goes on without the one that is away (listing and uploading async customers).
pub(crate) fn reachable_files(c: &Reader) -> Result<(Vec<Opened>, Vec<Unreachable>)> {
    let (mut open, mut away) = (Vec::new(), Vec::new());
    for d in org::channel_dbs(c, None)? {
        match own_file(c, &d) {
            Ok(Some(f)) => open.push((d, f)),
            Ok(None) => {}
            Err(error) => away.push(Unreachable {
                channel_db: d.id,
                error,
            }),
        }
    }
    Ok((open, away))
}

/// What a channel database file holds, for `channel-db show`: where it is, the version each
/// job brought it to (and by which session), and the async customers waiting there.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct FileState {
    pub path: String,
    pub jobs: Vec<FileJob>,
    pub waiting_customers: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct FileJob {
    pub job: u32,
    pub version: i64,
    pub session: i64,
}

pub(crate) fn file_state(c: &Reader, cdb: &ChannelDb) -> Result<Option<FileState>> {
    let Some(f) = own_file(c, cdb)? else {
        return Ok(None);
    };
    let mut jobs = Vec::new();
    for j in crate::domain::distribution::JOBS {
        if let Some((version, session)) = crate::db::channel::state(&f, j.number)? {
            jobs.push(FileJob {
                job: j.number,
                version,
                session,
            });
        }
    }
    Ok(Some(FileState {
        path: crate::db::channel::resolve(c, &cdb.location)?.to_string(),
        jobs,
        waiting_customers: crate::db::customer::pending(f.reader())?.len(),
    }))
}
