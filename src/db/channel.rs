//! Channel database files (issue 21): a channel database of its own, apart from the
//! headquarters data file, as the product keeps one beside the stores it serves.
//!
//! A channel database file holds the same channel tables as the headquarters file (`ch_*`,
//! keyed by the channel database's id, made from the same migrations), and:
//! - `channel_meta`: the one channel database it is (its id), the schema it was made with;
//! - `channel_state`: per job, the change version the last session brought it to;
//! - `channel_sessions`: every session it applied (the session's id at headquarters, job,
//!   mode, versions, rows), so that headquarters finds out what it already has;
//! - `channel_pending_customers`: async customers made at its stores, waiting to be uploaded
//!   (`hq customer sync`), as headquarters' table of the same name holds them for channel
//!   databases inside the data file.
//!
//! A session is applied in one transaction of this file ([`deliver`]), which reads
//! headquarters' tables through `ATTACH` (read only) and records the session with the rows.
//! Headquarters marks the session applied only after this commit.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::Reader;
use crate::domain::distribution::{Job, Subjob, TableRows};
use crate::error::{HqError, Result};

/// `PRAGMA application_id` of a channel database file ("HQ", 2): neither is taken for the
/// other.
pub(crate) const CHANNEL_APPLICATION_ID: i32 = 0x4851_0002;

/// The tables a channel database file holds besides the channel tables.
const CHANNEL_TABLES: &str = "
CREATE TABLE channel_meta (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    channel_db     TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    env_version    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE channel_state (
    job      INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL,
    session  INTEGER NOT NULL
);
CREATE TABLE channel_pending_customers (
    id         TEXT PRIMARY KEY,
    channel_db TEXT NOT NULL,
    store      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending-sync', 'synced')),
    account    TEXT,
    synced_at  TEXT,
    data       TEXT NOT NULL
);
CREATE INDEX channel_pending_customers_by_status ON channel_pending_customers (status, created_at);
CREATE TABLE channel_sessions (
    session      INTEGER NOT NULL,
    job          INTEGER NOT NULL,
    mode         TEXT NOT NULL,
    from_version INTEGER NOT NULL,
    to_version   INTEGER NOT NULL,
    rows         TEXT NOT NULL,
    applied_at   TEXT NOT NULL,
    PRIMARY KEY (job, to_version)
);
";

/// The schema version of a channel database file, its own series: 15 is the first (the
/// headquarters schema the first files were made from), and each of [`CHANNEL_MIGRATIONS`]
/// brings a file one version on. A file made by this build is at the last.
pub(crate) fn channel_version() -> u32 {
    CHANNEL_MIGRATIONS
        .last()
        .map_or(FIRST_CHANNEL_VERSION, |m| m.0)
}

const FIRST_CHANNEL_VERSION: u32 = 15;

/// What each channel file version adds to the one before, in order. A change to a `ch_` table
/// in the headquarters migrations needs one here too (`channel_tables_are_pinned` fails until
/// it has one).
const CHANNEL_MIGRATIONS: &[(u32, &str)] = &[(
    16,
    // The environment version headquarters was at when it last delivered: the store judges
    // its features by it when it works alone (`hq pos --channel-db`).
    "ALTER TABLE channel_meta ADD COLUMN env_version TEXT NOT NULL DEFAULT ''",
)];

/// Brings a channel database (a file, or a database on a server) from `from` to this build's
/// version, in one transaction: every migration after `from`, then the version it is at.
fn migrate(conn: &super::sql::Conn, from: u32) -> Result<()> {
    begin(conn)?;
    let done = (|| -> Result<()> {
        // Read again under the lock: another process may have brought it forward meanwhile.
        let now: i64 = conn
            .row(
                "SELECT schema_version FROM channel_meta WHERE id = 1",
                &[],
                |r| r.get(0),
            )?
            .unwrap_or(0);
        let now = u32::try_from(now).unwrap_or(0);
        for (version, sql) in CHANNEL_MIGRATIONS.iter().filter(|m| m.0 > now.max(from)) {
            conn.batch(sql)?;
            conn.exec(
                "UPDATE channel_meta SET schema_version = ?1 WHERE id = 1",
                &[&i64::from(*version)],
            )?;
        }
        Ok(())
    })();
    end(conn, done, true)
}

/// Starts a write transaction of a channel database: a file's `BEGIN IMMEDIATE` (waiting for
/// another writer as long as it was opened to wait), or a server's transaction that takes the
/// channel database's one row first (another writer waits for it, up to `--wait`).
fn begin(conn: &super::sql::Conn) -> Result<()> {
    if conn.is_pg() {
        conn.batch("BEGIN")?;
        if let Err(e) = conn.row(
            "SELECT 1 FROM channel_meta WHERE id = 1 FOR UPDATE",
            &[],
            |r| r.get::<i64>(0),
        ) {
            let _ = conn.batch("ROLLBACK");
            return Err(e);
        }
        Ok(())
    } else {
        conn.batch("BEGIN IMMEDIATE")
    }
}

/// Ends what [`begin`] started: committed when `done` is well and `commit` is asked, else
/// rolled back.
fn end<T>(conn: &super::sql::Conn, done: Result<T>, commit: bool) -> Result<T> {
    match done {
        Ok(v) if commit => {
            conn.batch("COMMIT")?;
            Ok(v)
        }
        Ok(v) => {
            conn.batch("ROLLBACK")?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The channel tables' schema as this build of hq makes them: the `CREATE` statements of
/// every `ch_` table and index, from the migrations run in memory.
fn channel_schema() -> Result<Vec<String>> {
    let mut mem = Connection::open_in_memory()?;
    super::migrate::migrate_to(&mut mem, super::migrate::latest())?;
    let mut st = mem.prepare(
        "SELECT sql FROM sqlite_schema
          WHERE sql IS NOT NULL AND tbl_name LIKE 'ch\\_%' ESCAPE '\\'
          ORDER BY type = 'index', name",
    )?;
    let sql = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(sql)
}

/// Makes a channel database file for `channel_db` at `path`, whole or not at all: under a
/// temporary name first, put in place once made. Refuses a path where anything exists.
pub(crate) fn create(path: &Path, channel_db: &str, now: &str) -> Result<()> {
    let temp = PathBuf::from(format!("{}.hq-new", path.display()));
    let _ = std::fs::remove_file(&temp);
    let made = (|| -> Result<()> {
        let conn = Connection::open(&temp).map_err(|e| cannot_create(path, &e.to_string()))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "application_id", CHANNEL_APPLICATION_ID)?;
        conn.execute_batch("BEGIN")?;
        conn.execute_batch(CHANNEL_TABLES)?;
        for sql in channel_schema()? {
            conn.execute_batch(&sql)?;
        }
        conn.execute(
            "INSERT INTO channel_meta (id, channel_db, schema_version, created_at)
             VALUES (1, ?1, ?2, ?3)",
            rusqlite::params![channel_db, channel_version(), now],
        )?;
        conn.execute_batch("COMMIT")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        conn.close().map_err(|(_, e)| HqError::from(e))?;
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(HqError::from)?;
        // A link fails where anything exists: two inits at once make one file.
        std::fs::hard_link(&temp, path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                HqError::from(crate::domain::refuse::channel_file_exists(
                    &path.display().to_string(),
                ))
            } else {
                cannot_create(path, &e.to_string())
            }
        })?;
        Ok(())
    })();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
    }
    made
}

/// Makes a channel database for `channel_db` where `place` says: a file ([`create`]), or in
/// an empty database on a server, in one transaction of it (a server's schema changes are
/// transactional: a failed init leaves the database empty). A database that holds anything is
/// refused (exit 5).
pub(crate) fn create_at(place: &Place, channel_db: &str, now: &str, wait: Duration) -> Result<()> {
    let server = match place {
        Place::File(path) => return create(path, channel_db, now),
        Place::Server(server) => server,
    };
    let conn = super::sql::Conn::pg(super::pg::connect(server, wait)?);
    super::pg::set_wait(&conn, wait)?;
    conn.batch("BEGIN")?;
    let done = (|| -> Result<()> {
        super::pg::lock_for_init(&conn)?;
        if !matches!(super::pg::found(&conn)?, super::pg::Found::Empty) {
            return Err(
                crate::domain::refuse::channel_server_not_empty(&server.to_string()).into(),
            );
        }
        conn.batch("CREATE EXTENSION IF NOT EXISTS citext")?;
        conn.batch(&CHANNEL_TABLES.replace("INTEGER", "BIGINT"))?;
        for sql in pg_channel_schema() {
            conn.batch(&sql)?;
        }
        conn.exec(
            "INSERT INTO channel_meta (id, channel_db, schema_version, created_at)
             VALUES (1, ?1, ?2, ?3)",
            &[&channel_db, &i64::from(channel_version()), &now],
        )?;
        Ok(())
    })();
    end(&conn, done, true)
}

/// The channel tables as a server makes them: the `CREATE` statements of every `ch_` table and
/// index in the PostgreSQL schema and the migrations after it.
fn pg_channel_schema() -> Vec<String> {
    let after = super::migrate::pg_after(super::migrate::PG_BASELINE);
    std::iter::once(super::migrate::PG_SCHEMA)
        .chain(after.map(|(_, _, sql)| sql))
        .flat_map(|text| text.split(";\n"))
        .map(|st| {
            st.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string()
        })
        .filter(|st| {
            st.starts_with("CREATE TABLE ch_")
                || ((st.starts_with("CREATE INDEX") || st.starts_with("CREATE UNIQUE INDEX"))
                    && st.contains(" ON ch_"))
                || (st.starts_with("ALTER TABLE ch_"))
        })
        .collect()
}

fn cannot_create(path: &Path, why: &str) -> HqError {
    HqError::new(
        crate::error::ErrorKind::Io,
        format!(
            "cannot create the channel database file {}: {why}",
            path.display()
        ),
    )
    .hinted("check that the folder exists and that you may write to it")
}

/// A channel database file, open.
pub(crate) struct ChannelFile {
    conn: Reader,
    /// The channel database it is.
    pub id: String,
}

impl std::fmt::Debug for ChannelFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChannelFile").field("id", &self.id).finish()
    }
}

impl ChannelFile {
    /// Reads it as headquarters' channel tables are read (`ch_db` = its id).
    pub(crate) fn reader(&self) -> &Reader {
        &self.conn
    }
}

/// The channel database file at `path`, which must be channel database `id`'s (`given`: the
/// path was given as a location now, and a refusal names it so). A file that
/// is not there is exit 4; one that is not a channel database file (a headquarters data file,
/// another application's), was made by another version of hq, or is another channel
/// database's, exit 3; one that cannot be opened, exit 74.
pub(crate) fn open(place: &Place, wait: Duration, id: &str, given: bool) -> Result<ChannelFile> {
    let said = crate::domain::refuse::channel_file_said_as(given, id);
    match place {
        Place::File(path) => open_as(path, wait, id, &said),
        Place::Server(server) => open_server(server, wait, id, &said),
    }
}

/// A channel database for the store face working on it alone (`hq pos --channel-db`):
/// whichever channel database's it is. Refusals name the field `channel_db`.
pub(crate) fn open_alone(place: &Place, wait: Duration) -> Result<ChannelFile> {
    let said = crate::domain::fix::field("channel_db");
    let opened = match place {
        Place::File(path) => open_as(path, wait, "", &said),
        Place::Server(server) => open_server(server, wait, "", &said),
    };
    opened.map_err(|e| {
        if e.field.as_deref() == Some("location") {
            e.with_field("channel_db")
        } else {
            e
        }
    })
}

fn open_as(path: &Path, wait: Duration, id: &str, said: &str) -> Result<ChannelFile> {
    let shown = path.display().to_string();
    let said = said.to_string();
    if !path.exists() {
        return Err(crate::domain::refuse::channel_file_missing(&said, &shown, id).into());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        HqError::new(
            crate::error::ErrorKind::Io,
            format!("cannot open the channel database file {shown}: {e}"),
        )
        .hinted("check that you may read and write it")
    })?;
    conn.busy_timeout(wait)?;
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| crate::domain::refuse::not_a_channel_file(&said, &shown, &e.to_string()))?;
    if app != CHANNEL_APPLICATION_ID {
        let why = if app == super::APPLICATION_ID {
            "it is a headquarters data file".to_string()
        } else {
            "it was not made by channel-db init".to_string()
        };
        return Err(crate::domain::refuse::not_a_channel_file(&said, &shown, &why).into());
    }
    let found: (String, u32) = conn
        .query_row(
            "SELECT channel_db, schema_version FROM channel_meta WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| crate::domain::refuse::not_a_channel_file(&said, &shown, &e.to_string()))?;
    checked(Reader::lite(conn), found, id, &said, &shown)
}

/// A channel database opened, once it is known to be one at `version`: refused when made by
/// a newer hq (or older than any), brought forward when older, and refused when it is another
/// channel database's than `id` (any, when `id` is empty).
fn checked(
    conn: Reader,
    (found, version): (String, u32),
    id: &str,
    said: &str,
    shown: &str,
) -> Result<ChannelFile> {
    if version > channel_version() || version < FIRST_CHANNEL_VERSION {
        return Err(crate::domain::refuse::channel_file_version(
            said,
            shown,
            version,
            channel_version(),
        )
        .into());
    }
    if version < channel_version() {
        migrate(conn.conn(), version)?;
    }
    if id.is_empty() {
        // Opened for what it is (`hq pos --channel-db`): any channel database's.
    } else if !found.eq_ignore_ascii_case(id) {
        return Err(crate::domain::refuse::channel_file_of_another(said, shown, &found, id).into());
    }
    Ok(ChannelFile { conn, id: found })
}

/// A channel database on a server: the database must hold one (`channel-db init URL`), not a
/// headquarters' or another application's tables (exit 3), nor nothing (exit 4).
fn open_server(
    server: &super::location::Server,
    wait: Duration,
    id: &str,
    said: &str,
) -> Result<ChannelFile> {
    let shown = server.to_string();
    let conn = Reader(super::sql::Conn::pg(super::pg::connect(server, wait)?));
    super::pg::set_wait(conn.conn(), wait)?;
    let meta = match super::pg::found(conn.conn())? {
        super::pg::Found::Empty => {
            return Err(crate::domain::refuse::channel_server_empty(said, &shown, id).into());
        }
        super::pg::Found::Hq(_) => {
            return Err(crate::domain::refuse::not_a_channel_file(
                said,
                &shown,
                "it is a headquarters database",
            )
            .into());
        }
        super::pg::Found::Other(_) => conn
            .conn()
            .row(
                "SELECT channel_db, schema_version FROM channel_meta WHERE id = 1",
                &[],
                |r| Ok((r.get::<String>(0)?, r.get::<i64>(1)?)),
            )
            .ok()
            .flatten(),
    };
    let Some((found, version)) = meta else {
        return Err(crate::domain::refuse::not_a_channel_file(
            said,
            &shown,
            "it holds other tables, not made by channel-db init",
        )
        .into());
    };
    let version = u32::try_from(version).unwrap_or(0);
    checked(conn, (found, version), id, said, &shown)
}

/// The environment version headquarters was at when it last delivered to the file (None
/// before the first delivery).
pub(crate) fn env_version(f: &ChannelFile) -> Result<Option<String>> {
    Ok(f.conn
        .conn()
        .row(
            "SELECT env_version FROM channel_meta WHERE id = 1",
            &[],
            |r| r.get::<String>(0),
        )?
        .filter(|v| !v.is_empty()))
}

/// What a channel database file has applied of one job: the version it is at and the
/// session that brought it there (None: nothing yet).
pub(crate) fn state(f: &ChannelFile, job: u32) -> Result<Option<(i64, i64)>> {
    f.conn.conn().row(
        "SELECT version, session FROM channel_state WHERE job = ?1",
        &[&job],
        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
    )
}

/// A session as a channel database file recorded it.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub session: i64,
    pub job: u32,
    pub mode: String,
    pub from_version: i64,
    pub to_version: i64,
    pub rows: Vec<TableRows>,
    pub applied_at: String,
}

/// The sessions of `job` a channel database file applied past `version`, oldest first.
pub(crate) fn applied_after(f: &ChannelFile, job: u32, version: i64) -> Result<Vec<Applied>> {
    f.conn.conn().rows(
        "SELECT session, job, mode, from_version, to_version, rows, applied_at
           FROM channel_sessions WHERE job = ?1 AND to_version > ?2 ORDER BY to_version",
        &[&job, &version],
        |r| {
            let rows: String = r.get(5)?;
            let session: i64 = r.get(0)?;
            Ok(Applied {
                session,
                job: u32::try_from(r.get::<i64>(1)?).unwrap_or(0),
                mode: r.get(2)?,
                from_version: r.get(3)?,
                to_version: r.get(4)?,
                rows: super::error::from_json(
                    ("channel_sessions", &session.to_string(), "rows"),
                    &rows,
                )?,
                applied_at: r.get(6)?,
            })
        },
    )
}

/// One session for a channel database file.
pub(crate) struct Delivery<'a> {
    pub job: &'a Job,
    pub session: i64,
    /// The version headquarters is at: what the session brings the file to.
    pub to: i64,
    pub full: bool,
    pub now: &'a str,
    /// False for a dry run: applied, counted, then rolled back.
    pub commit: bool,
    /// The environment version headquarters is at (recorded in the file with the session).
    pub env_version: &'a str,
}

/// Where a session's rows come from: headquarters as the transaction holding its lock reads
/// it, and its data file's path when it has one.
pub(crate) struct Source<'a> {
    pub hq: &'a Reader,
    pub path: &'a Path,
}

/// Applies a session to a channel database of its own in one transaction of it: the rows of
/// the job's tables changed after the version the channel database itself says it has
/// (everything when `full` or never delivered), read from headquarters, with the session's
/// record. A file reads a headquarters data file through `ATTACH` (read only); otherwise (a
/// headquarters or a channel database on a server) each table's rows are streamed into
/// temporary tables first ([`stage`]). Returns what it applied, or None when the channel
/// database is at `to` already (a session delivered twice is applied once).
pub(crate) fn deliver(f: &ChannelFile, from_hq: &Source, d: &Delivery) -> Result<Option<Applied>> {
    let conn = f.conn.conn();
    let attach = !conn.is_pg() && !from_hq.hq.conn().is_pg();
    let src = if attach {
        let uri = format!("file:{}?mode=ro", from_hq.path.display());
        conn.exec("ATTACH DATABASE ?1 AS hq", &[&uri])?;
        "hq."
    } else if conn.is_pg() {
        "pg_temp."
    } else {
        "temp."
    };
    let result = (|| -> Result<Option<Applied>> {
        begin(conn)?;
        let done = (|| -> Result<Option<Applied>> {
            let since = state(f, d.job.number)?.map(|(v, _)| v);
            if since.is_some_and(|v| v >= d.to) {
                return Ok(None);
            }
            let from = if d.full { None } else { since };
            let mut rows = Vec::new();
            for s in d.job.subjobs {
                if !attach {
                    stage(conn, from_hq.hq.conn(), s, from)?;
                }
                rows.push(super::distribution::apply_on(conn, s, &f.id, from, src)?);
                if !attach {
                    conn.batch(&format!(
                        "DROP TABLE {src}{t}; DROP TABLE {src}tombstones",
                        t = s.table
                    ))?;
                }
            }
            let applied = Applied {
                session: d.session,
                job: d.job.number,
                mode: if from.is_none() {
                    "full"
                } else {
                    "incremental"
                }
                .to_string(),
                from_version: from.unwrap_or(0),
                to_version: d.to,
                rows,
                applied_at: d.now.to_string(),
            };
            let rows_json = super::error::to_json(&applied.rows)?;
            conn.exec(
                "INSERT INTO channel_sessions
                     (session, job, mode, from_version, to_version, rows, applied_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (job, to_version) DO UPDATE SET session = ?1, mode = ?3,
                     from_version = ?4, rows = ?6, applied_at = ?7",
                &[
                    &applied.session,
                    &applied.job,
                    &applied.mode.as_str(),
                    &applied.from_version,
                    &applied.to_version,
                    &rows_json,
                    &applied.applied_at.as_str(),
                ],
            )?;
            conn.exec(
                "UPDATE channel_meta SET env_version = ?1 WHERE id = 1",
                &[&d.env_version],
            )?;
            conn.exec(
                "INSERT INTO channel_state (job, version, session) VALUES (?1, ?2, ?3)
                 ON CONFLICT (job) DO UPDATE SET version = ?2, session = ?3",
                &[&applied.job, &applied.to_version, &applied.session],
            )?;
            Ok(Some(applied))
        })();
        end(conn, done, d.commit)
    })();
    if attach {
        let _ = conn.batch("DETACH DATABASE hq");
    } else if !conn.is_pg() {
        // (A server drops a transaction's temporary tables with it when it rolls back.)
        for t in d.job.subjobs.iter().map(|s| s.table).chain(["tombstones"]) {
            let _ = conn.batch(&format!("DROP TABLE IF EXISTS temp.{t}"));
        }
    }
    result
}

/// The definitions in a `CREATE TABLE` statement, as SQLite keeps its text (columns added
/// later are appended to a line of their own or another's): split at the commas outside
/// parentheses.
fn column_definitions(ddl: &str) -> Vec<&str> {
    let (Some(open), Some(close)) = (ddl.find('('), ddl.rfind(')')) else {
        return Vec::new();
    };
    let body = &ddl[open + 1..close];
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, ch) in body.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(body[start..].trim());
    out
}

/// Streams what one subjob reads of headquarters into temporary tables of the channel
/// database's connection, named as headquarters names them, so that the session applies them
/// as it applies an attached data file's: the table's rows changed after `since` (all of them
/// for a full session, with an index on the key), and the removals recorded after it. In a
/// file each column is declared as the channel table declares it, so that keys compare with
/// the channel table's collation; on a server the columns take the channel table's types.
fn stage(
    target: &super::sql::Conn,
    hq: &super::sql::Conn,
    s: &Subjob,
    since: Option<i64>,
) -> Result<()> {
    let t = s.table;
    let ch = s.channel_table();
    let cols = s.columns.join(", ");
    // Names from the job catalogue, never from input.
    if target.is_pg() {
        target.batch(&format!(
            "CREATE TEMP TABLE {t} AS SELECT {cols} FROM {ch} WHERE false;
             ALTER TABLE pg_temp.{t} ADD COLUMN change_version BIGINT;
             CREATE TEMP TABLE tombstones (table_name TEXT, row_key TEXT, change_version BIGINT);"
        ))?;
    } else {
        let ddl = target
            .row(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                &[&ch],
                |r| r.get::<String>(0),
            )?
            .unwrap_or_default();
        let defs = column_definitions(&ddl);
        let decls: Vec<String> = s
            .columns
            .iter()
            .map(|c| {
                defs.iter()
                    .find(|d| d.split_whitespace().next() == Some(c))
                    .map_or_else(|| c.to_string(), |d| d.to_string())
            })
            .collect();
        target.batch(&format!(
            "DROP TABLE IF EXISTS temp.{t};
             CREATE TEMP TABLE {t} ({}, change_version INTEGER);
             DROP TABLE IF EXISTS temp.tombstones;
             CREATE TEMP TABLE tombstones (table_name TEXT, row_key TEXT, change_version INTEGER);",
            decls.join(", ")
        ))?;
    }
    let src = if target.is_pg() { "pg_temp." } else { "temp." };
    let mut rows = Rows::new(target, format!("{src}{t}"), s.columns.len() + 1);
    match since {
        Some(v) => {
            hq.each(
                &format!("SELECT {cols}, change_version FROM {t} WHERE change_version > ?1"),
                &[&v],
                |r| rows.push(r),
            )?;
            rows.flush()?;
            let mut gone = Rows::new(target, format!("{src}tombstones"), 3);
            hq.each(
                "SELECT table_name, row_key, change_version FROM tombstones
                  WHERE table_name = ?1 AND change_version > ?2",
                &[&t, &v],
                |r| gone.push(r),
            )?;
            gone.flush()?;
        }
        None => {
            hq.each(
                &format!("SELECT {cols}, change_version FROM {t}"),
                &[],
                |r| rows.push(r),
            )?;
            rows.flush()?;
            let index = if target.is_pg() {
                format!("CREATE INDEX ON pg_temp.{t} ({})", s.key.join(", "))
            } else {
                format!("CREATE INDEX temp.{t}_key ON {t} ({})", s.key.join(", "))
            };
            target.batch(&index)?;
        }
    }
    if target.is_pg() {
        // A server never analyzes a temporary table by itself: without it, the plan for
        // what follows guesses the table's size.
        target.batch(&format!("ANALYZE pg_temp.{t}; ANALYZE pg_temp.tombstones"))?;
    }
    Ok(())
}

/// Rows written into a table as they are read: one to a statement into a file, 5,000 to a
/// `COPY` into a server.
struct Rows<'a> {
    to: &'a super::sql::Conn,
    table: String,
    columns: usize,
    batch: usize,
    pending: Vec<super::sql::Val>,
}

impl<'a> Rows<'a> {
    fn new(to: &'a super::sql::Conn, table: String, columns: usize) -> Rows<'a> {
        let batch = if to.is_pg() { 5_000 } else { 1 };
        Rows {
            to,
            table,
            columns,
            batch,
            pending: Vec::with_capacity(batch * columns),
        }
    }

    fn push(&mut self, r: &super::sql::Row) -> Result<()> {
        for i in 0..self.columns {
            self.pending.push(r.get::<super::sql::Val>(i)?);
        }
        if self.pending.len() >= self.batch * self.columns {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.to.is_pg() {
            self.to.copy_in(&self.table, self.columns, &self.pending)?;
            self.pending.clear();
            return Ok(());
        }
        let rows = self.pending.len() / self.columns;
        let mut sql = format!("INSERT INTO {} VALUES ", self.table);
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..self.columns {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("?{}", r * self.columns + c + 1));
            }
            sql.push(')');
        }
        self.to.exec(&sql, &super::sql::args(&self.pending))?;
        self.pending.clear();
        Ok(())
    }
}

/// Where a channel database of its own is: a file, or a database on a server.
#[derive(Clone)]
pub(crate) enum Place {
    File(PathBuf),
    Server(Box<super::location::Server>),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::File(p) => write!(f, "{}", p.display()),
            Place::Server(s) => write!(f, "{s}"),
        }
    }
}

/// Where a location points: a `postgres://` URL names a database on a server (its password in
/// `PGPASSWORD` or `~/.pgpass`, never in the URL, which headquarters keeps and exports: exit
/// 2); an absolute path is as it is; a relative one is read from the folder of the
/// headquarters data file. A headquarters on a server has no folder: it takes an absolute path
/// only (exit 2).
pub(crate) fn resolve(c: &Reader, location: &str) -> Result<Place> {
    if let Some(server) = super::location::kept_server(location) {
        let server = said_as(server, "location")?;
        if server.password_in_url() {
            return Err(crate::domain::refuse::channel_location_with_password().into());
        }
        return Ok(Place::Server(Box::new(server)));
    }
    let given = Path::new(location);
    if given.is_absolute() {
        return Ok(Place::File(given.to_path_buf()));
    }
    let super::sql::Conn::Lite(conn) = c.conn() else {
        return Err(crate::domain::refuse::channel_file_needs_an_absolute_path(location).into());
    };
    let folder = conn
        .path()
        .map(Path::new)
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok(Place::File(folder.join(given)))
}

/// A place given on the command line (`channel-db init PLACE`, `pos --channel-db PLACE`): a
/// server's URL (refused with a password in it, as a kept location is), else a file's path as
/// given.
pub(crate) fn given_place(text: &str, field: &str) -> Result<Place> {
    match super::location::kept_server(text) {
        Some(server) => Ok(Place::Server(Box::new(said_as(server, field)?))),
        None => Ok(Place::File(PathBuf::from(text))),
    }
}

/// A server's URL that does not parse, said as the field that gave it (the parser says
/// `data`, `--data`'s).
fn said_as<T>(read: Result<T>, field: &str) -> Result<T> {
    read.map_err(|e| {
        if e.named.as_deref() != Some("data") {
            e
        } else if crate::domain::fix::is_field_name(field) {
            e.with_named_field(field)
        } else {
            // A face's word (`PATH`, a positional value): said as it is.
            let mut e = e.with_field(field);
            e.named = None;
            e.message = e.message.replace(crate::domain::fix::FIELD, field);
            e
        }
    })
}

/// Runs `f` in one write transaction of a channel database ([`begin`]).
pub(crate) fn write<T>(
    f: &ChannelFile,
    body: impl FnOnce(&super::sql::Conn) -> Result<T>,
) -> Result<T> {
    let conn = f.conn.conn();
    begin(conn)?;
    let done = body(conn);
    end(conn, done, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The channel tables a file of this version holds, as `channel_tables.sql` pins them: a
    /// headquarters migration that changes a `ch_` table changes what a new file is made with,
    /// and files made before need a channel migration ([`CHANNEL_MIGRATIONS`]) to match.
    #[test]
    fn channel_tables_are_pinned() {
        let made = channel_schema().unwrap().join(";\n") + ";\n";
        let pinned = include_str!("channel_tables.sql");
        if made != pinned {
            let new = concat!(env!("CARGO_MANIFEST_DIR"), "/target/channel_tables.sql");
            std::fs::write(new, &made).unwrap();
            panic!(
                "the channel tables changed: add a migration to CHANNEL_MIGRATIONS in \
                 src/db/channel.rs that brings a file of the last version to them, then pin \
                 them: cp {new} src/db/channel_tables.sql"
            );
        }
    }

    #[test]
    fn column_definitions_are_read_from_the_text_sqlite_keeps() {
        let ddl = "CREATE TABLE ch_x (\n    ch_db TEXT NOT NULL COLLATE NOCASE,\n    account TEXT COLLATE NOCASE,\n    status TEXT, store TEXT, n NUMERIC(10, 2),\n    PRIMARY KEY (ch_db, account)\n) WITHOUT ROWID";
        assert_eq!(
            column_definitions(ddl),
            vec![
                "ch_db TEXT NOT NULL COLLATE NOCASE",
                "account TEXT COLLATE NOCASE",
                "status TEXT",
                "store TEXT",
                "n NUMERIC(10, 2)",
                "PRIMARY KEY (ch_db, account)"
            ]
        );
    }

    /// A file of the first version (15) is brought to this build's version when opened: its
    /// rows kept, the environment version column added, the version recorded.
    #[test]
    fn an_older_channel_file_is_brought_forward_when_opened() {
        let dir = std::env::temp_dir().join(format!("hq-chmig-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("west.db");
        create(&path, "WEST", "2026-12-01T00:00:00Z").unwrap();
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "ALTER TABLE channel_meta DROP COLUMN env_version;
                 UPDATE channel_meta SET schema_version = 15;
                 INSERT INTO channel_state (job, version, session) VALUES (1010, 7, 3);",
            )
            .unwrap();
        }
        let place = Place::File(path.clone());
        let f = open(&place, Duration::from_secs(1), "WEST", false).unwrap();
        assert_eq!(env_version(&f).unwrap(), None);
        assert_eq!(state(&f, 1010).unwrap(), Some((7, 3)));
        let v: i64 = f
            .reader()
            .conn()
            .row("SELECT schema_version FROM channel_meta", &[], |r| r.get(0))
            .unwrap()
            .unwrap();
        assert_eq!(v, i64::from(channel_version()));
        assert!(channel_version() > 15);
        // Opened again: nothing left to do.
        drop(f);
        open(&place, Duration::from_secs(1), "WEST", false).unwrap();
        // A file from a newer hq is refused, as is one older than any channel file.
        for v in [channel_version() + 1, 14] {
            let c = Connection::open(&path).unwrap();
            c.execute("UPDATE channel_meta SET schema_version = ?1", [v])
                .unwrap();
            drop(c);
            let e = open(&place, Duration::from_secs(1), "WEST", false).unwrap_err();
            assert!(
                e.message
                    .contains(&format!("was made for schema version {v}")),
                "{}",
                e.message
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
