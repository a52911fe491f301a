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

/// Brings a channel database file from `from` to this build's version, in one transaction:
/// every migration after `from`, then the version it is at.
fn migrate(conn: &Connection, from: u32) -> Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let done = (|| -> Result<()> {
        // Read again under the lock: another process may have brought it forward meanwhile.
        let now: u32 = conn.query_row(
            "SELECT schema_version FROM channel_meta WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        for (version, sql) in CHANNEL_MIGRATIONS.iter().filter(|m| m.0 > now.max(from)) {
            conn.execute_batch(sql)?;
            conn.execute(
                "UPDATE channel_meta SET schema_version = ?1 WHERE id = 1",
                [version],
            )?;
        }
        Ok(())
    })();
    match done {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
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
pub(crate) fn open(path: &Path, wait: Duration, id: &str, given: bool) -> Result<ChannelFile> {
    let said = crate::domain::refuse::channel_file_said_as(given, id);
    open_as(path, wait, id, &said)
}

/// A channel database file for the store face working on it alone (`hq pos --channel-db`):
/// whichever channel database's it is. Refusals name the field `channel_db`.
pub(crate) fn open_alone(path: &Path, wait: Duration) -> Result<ChannelFile> {
    let said = crate::domain::fix::field("channel_db");
    open_as(path, wait, "", &said).map_err(|e| {
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
    let (found, version): (String, u32) = conn
        .query_row(
            "SELECT channel_db, schema_version FROM channel_meta WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| crate::domain::refuse::not_a_channel_file(&said, &shown, &e.to_string()))?;
    if version > channel_version() || version < FIRST_CHANNEL_VERSION {
        return Err(crate::domain::refuse::channel_file_version(
            &said,
            &shown,
            version,
            channel_version(),
        )
        .into());
    }
    if version < channel_version() {
        migrate(&conn, version)?;
    }
    if id.is_empty() {
        // Opened for what it is (`hq pos --channel-db`): any channel database's.
    } else if !found.eq_ignore_ascii_case(id) {
        return Err(
            crate::domain::refuse::channel_file_of_another(&said, &shown, &found, id).into(),
        );
    }
    Ok(ChannelFile {
        conn: Reader::lite(conn),
        id: found,
    })
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

/// Where a session's rows come from.
pub(crate) enum Source<'a> {
    /// The headquarters data file at this path: attached to the channel file, read only.
    File(&'a Path),
    /// A headquarters on a server, read in the transaction that holds its lock: each table's
    /// rows are streamed into a temporary table of the channel file's connection first.
    Server(&'a Reader),
}

impl<'a> Source<'a> {
    /// Headquarters as `hq` reads it: on a server, through `hq` (its transaction); a data file
    /// at `path`.
    pub(crate) fn of(hq: &'a Reader, path: &'a Path) -> Source<'a> {
        if hq.conn().is_pg() {
            Source::Server(hq)
        } else {
            Source::File(path)
        }
    }
}

/// Applies a session to a channel database file in one transaction of that file: the rows of
/// the job's tables changed after the version the file itself says it has (everything when
/// `full` or never delivered), read from headquarters (`hq`), with the session's record.
/// Returns what it applied, or None when the file is at `to` already (a session delivered
/// twice is applied once).
pub(crate) fn deliver(f: &ChannelFile, hq: &Source, d: &Delivery) -> Result<Option<Applied>> {
    let super::sql::Conn::Lite(conn) = f.conn.conn() else {
        return Err(HqError::internal(anyhow::anyhow!(
            "a channel database file is SQLite"
        )));
    };
    let src = match hq {
        Source::File(path) => {
            let uri = format!("file:{}?mode=ro", path.display());
            conn.execute("ATTACH DATABASE ?1 AS hq", [&uri])?;
            "hq."
        }
        Source::Server(_) => "temp.",
    };
    let result = (|| -> Result<Option<Applied>> {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let done = (|| -> Result<Option<Applied>> {
            let since = state(f, d.job.number)?.map(|(v, _)| v);
            if since.is_some_and(|v| v >= d.to) {
                return Ok(None);
            }
            let from = if d.full { None } else { since };
            let mut rows = Vec::new();
            for s in d.job.subjobs {
                if let Source::Server(hq) = hq {
                    stage(f.conn.conn(), hq.conn(), s, from)?;
                }
                rows.push(super::distribution::apply_on(
                    f.conn.conn(),
                    s,
                    &f.id,
                    from,
                    src,
                )?);
                if matches!(hq, Source::Server(_)) {
                    f.conn.conn().batch(&format!(
                        "DROP TABLE temp.{t}; DROP TABLE temp.tombstones",
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
            f.conn.conn().exec(
                "INSERT OR REPLACE INTO channel_sessions
                     (session, job, mode, from_version, to_version, rows, applied_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
            f.conn.conn().exec(
                "UPDATE channel_meta SET env_version = ?1 WHERE id = 1",
                &[&d.env_version],
            )?;
            f.conn.conn().exec(
                "INSERT INTO channel_state (job, version, session) VALUES (?1, ?2, ?3)
                 ON CONFLICT (job) DO UPDATE SET version = ?2, session = ?3",
                &[&applied.job, &applied.to_version, &applied.session],
            )?;
            Ok(Some(applied))
        })();
        match done {
            Ok(a) if d.commit => {
                conn.execute_batch("COMMIT")?;
                Ok(a)
            }
            Ok(a) => {
                conn.execute_batch("ROLLBACK")?;
                Ok(a)
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    })();
    if let Source::File(_) = hq {
        let _ = conn.execute_batch("DETACH DATABASE hq");
    } else {
        for t in d.job.subjobs.iter().map(|s| s.table).chain(["tombstones"]) {
            let _ = conn.execute_batch(&format!("DROP TABLE IF EXISTS temp.{t}"));
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

/// Streams what one subjob reads of a headquarters on a server into temporary tables of the
/// channel file's connection, named as headquarters names them, so that the session applies
/// them as it applies an attached data file's: the table's rows changed after `since` (all
/// of them for a full session, with an index on the key), and the removals recorded after it.
/// Each column is declared as the channel table declares it, so that keys compare with the
/// channel table's collation.
fn stage(
    file: &super::sql::Conn,
    hq: &super::sql::Conn,
    s: &Subjob,
    since: Option<i64>,
) -> Result<()> {
    let t = s.table;
    let ddl = file
        .row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            &[&s.channel_table()],
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
    // Names from the job catalogue, never from input.
    file.batch(&format!(
        "DROP TABLE IF EXISTS temp.{t};
         CREATE TEMP TABLE {t} ({}, change_version INTEGER);
         DROP TABLE IF EXISTS temp.tombstones;
         CREATE TEMP TABLE tombstones (table_name TEXT, row_key TEXT, change_version INTEGER);",
        decls.join(", ")
    ))?;
    let n = s.columns.len() + 1;
    let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    let insert = format!("INSERT INTO temp.{t} VALUES ({})", marks.join(", "));
    let cols = s.columns.join(", ");
    let copy = |r: &super::sql::Row| -> Result<()> {
        let vals = (0..n)
            .map(|i| r.get::<super::sql::Val>(i))
            .collect::<Result<Vec<_>>>()?;
        file.exec(&insert, &super::sql::args(&vals))?;
        Ok(())
    };
    match since {
        Some(v) => {
            hq.each(
                &format!("SELECT {cols}, change_version FROM {t} WHERE change_version > ?1"),
                &[&v],
                copy,
            )?;
            hq.each(
                "SELECT table_name, row_key, change_version FROM tombstones
                  WHERE table_name = ?1 AND change_version > ?2",
                &[&t, &v],
                |r| {
                    let vals = (0..3)
                        .map(|i| r.get::<super::sql::Val>(i))
                        .collect::<Result<Vec<_>>>()?;
                    file.exec(
                        "INSERT INTO temp.tombstones VALUES (?1, ?2, ?3)",
                        &super::sql::args(&vals),
                    )?;
                    Ok(())
                },
            )?;
        }
        None => {
            hq.each(
                &format!("SELECT {cols}, change_version FROM {t}"),
                &[],
                copy,
            )?;
            file.batch(&format!(
                "CREATE INDEX temp.{t}_key ON {t} ({})",
                s.key.join(", ")
            ))?;
        }
    }
    Ok(())
}

/// Where a location points: an absolute path as it is, a relative one from the folder of the
/// headquarters data file. A headquarters on a server has no folder: it takes an absolute
/// path only (exit 2).
pub(crate) fn resolve(c: &Reader, location: &str) -> Result<PathBuf> {
    let given = Path::new(location);
    if given.is_absolute() {
        return Ok(given.to_path_buf());
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
    Ok(folder.join(given))
}

/// Runs `f` in one write transaction of a channel database file (`BEGIN IMMEDIATE`, waiting
/// for another writer as long as the file was opened to wait).
pub(crate) fn write<T>(
    f: &ChannelFile,
    body: impl FnOnce(&super::sql::Conn) -> Result<T>,
) -> Result<T> {
    let conn = f.conn.conn();
    conn.batch("BEGIN IMMEDIATE")?;
    match body(conn) {
        Ok(v) => {
            conn.batch("COMMIT")?;
            Ok(v)
        }
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
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
        let f = open(&path, Duration::from_secs(1), "WEST", false).unwrap();
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
        open(&path, Duration::from_secs(1), "WEST", false).unwrap();
        // A file from a newer hq is refused, as is one older than any channel file.
        for v in [channel_version() + 1, 14] {
            let c = Connection::open(&path).unwrap();
            c.execute("UPDATE channel_meta SET schema_version = ?1", [v])
                .unwrap();
            drop(c);
            let e = open(&path, Duration::from_secs(1), "WEST", false).unwrap_err();
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
