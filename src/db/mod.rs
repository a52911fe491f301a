//! The data file: opening it safely, its migrations, write transactions, and the SQL per area.
//!
//! Nothing outside this module writes SQL. Every write goes through [`WriteTx`], which starts
//! with `BEGIN IMMEDIATE` (a deferred transaction that reads and then writes fails at once under
//! a second writer instead of waiting) and takes a new change version for every row it touches.

pub(crate) mod attribute;
pub(crate) mod audit;
pub(crate) mod channel;
pub(crate) mod clienteling;
pub(crate) mod copy;
pub(crate) mod customer;
pub(crate) mod distribution;
pub(crate) mod error;
pub(crate) mod feature;
mod filter;
pub(crate) mod layout;
pub(crate) mod location;
pub mod migrate;
pub(crate) mod numseq;
pub(crate) mod org;
pub(crate) mod params;
mod pg;
mod record;
pub(crate) mod sql;
pub(crate) mod staff;
pub(crate) mod status;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::domain::fix::{Cmd, Hint, field};
use crate::error::{HqError, Result};

/// How long opening a data file waits for SQLite's own work on its WAL index, at least.
const OPEN_WAIT: Duration = Duration::from_secs(2);

/// Marks a SQLite file as hq's (`PRAGMA application_id`): "HQ" and a format number.
pub const APPLICATION_ID: i32 = 0x4851_0001;

/// What the data file is read through. The db functions take it; nothing outside `db` sees
/// the connection inside, so a second engine sits beside SQLite without ops changing.
pub(crate) struct Reader(sql::Conn);

impl Reader {
    fn lite(c: Connection) -> Reader {
        Reader(sql::Conn::Lite(c))
    }

    /// The SQLite connection, for the SQL in `db` that only SQLite runs. On PostgreSQL only
    /// the commands whose SQL goes through [`Reader::conn`] run ([`Db::open_at`]), so this is
    /// never reached there: if it is, that is a bug (exit 70), never a wrong answer.
    pub(in crate::db) fn sql(&self) -> &Connection {
        match &self.0 {
            sql::Conn::Lite(c) => c,
            sql::Conn::Pg(_) => panic!("this part of hq's SQL does not run on PostgreSQL yet"),
        }
    }

    fn lite_mut(&mut self) -> &mut Connection {
        match &mut self.0 {
            sql::Conn::Lite(c) => c,
            sql::Conn::Pg(_) => panic!("a SQLite migration on PostgreSQL"),
        }
    }

    /// The connection, for the SQL both engines run ([`sql::Conn`]).
    pub(in crate::db) fn conn(&self) -> &sql::Conn {
        &self.0
    }
}

/// An open hq data file.
pub(crate) struct Db {
    conn: Reader,
    path: PathBuf,
    /// An outer transaction is open ([`Db::begin_outer`], `hq apply`): each [`Db::write`]
    /// becomes a savepoint inside it, so many use cases make one all-or-nothing change.
    outer: bool,
    /// A new data file being made under a temporary name in its folder: where
    /// [`Db::publish`] puts it once whole.
    publish_to: Option<PathBuf>,
    /// A new environment being made in a PostgreSQL database, inside the outer transaction
    /// [`Db::publish`] commits.
    creating: bool,
    /// The outer transaction of a change ([`Db::begin_outer`]) is a savepoint inside the
    /// transaction that is creating the environment.
    outer_savepoint: bool,
    /// The server, when the environment is in a PostgreSQL database (for a second
    /// connection: [`Db::second_reader`]), and how long to wait there.
    server: Option<(Box<location::Server>, Duration)>,
    /// How long a statement waits for another writer's lock (`--wait`), in milliseconds
    /// (kept small: a `Db` is moved around whole).
    wait_ms: u32,
}

/// What `create` found at the path.
pub(crate) enum Created {
    New(Db),
    /// The path already held an hq data file; nothing was changed. Its environment version,
    /// when it could be read.
    Existing {
        env_version: Option<String>,
    },
}

impl Db {
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// How long a statement waits for another writer's lock (`--wait`).
    pub(crate) fn wait(&self) -> Duration {
        Duration::from_millis(u64::from(self.wait_ms))
    }

    /// What reads go through.
    pub(crate) fn read(&self) -> &Reader {
        &self.conn
    }

    /// Opens the environment where `--data` points: [`Db::open_noting`] for a file,
    /// [`Db::open_server`] for a PostgreSQL database.
    pub(crate) fn open_at(
        at: &location::Location,
        wait: Duration,
        before_migrating: &mut dyn FnMut(u32, u32),
    ) -> Result<Db> {
        match at {
            location::Location::File(path) => Db::open_noting(path, wait, before_migrating),
            location::Location::Server(server) => Db::open_server(server, wait, before_migrating),
        }
    }

    /// Connects to a server's database and checks that it holds an hq environment at a schema
    /// this hq reads: an empty database, another application's, or a newer hq's is refused
    /// (exit 7), untouched.
    fn open_server(
        server: &location::Server,
        wait: Duration,
        before_migrating: &mut dyn FnMut(u32, u32),
    ) -> Result<Db> {
        let conn = Reader(sql::Conn::pg(pg::connect(server, wait)?));
        pg::set_wait(conn.conn(), wait)?;
        let latest = migrate::latest();
        match pg::found(conn.conn())? {
            pg::Found::Empty => {
                return Err(HqError::data_file(format!(
                    "{server} holds no hq environment yet (the database is empty)"
                ))
                .hinted(Hint::to(
                    "create one with",
                    Cmd::new("")
                        .set("data", server.to_string())
                        .subcommand("init"),
                )));
            }
            pg::Found::Other(n) => return Err(pg::not_hq(server, n)),
            pg::Found::Hq(v) if v > latest => {
                return Err(HqError::data_file(format!(
                    "{server} was written by a newer hq (schema version {v}; this hq knows up to {latest})"
                ))
                .hinted("upgrade hq to use this database; it was not changed"));
            }
            pg::Found::Hq(v) if v < migrate::PG_BASELINE => {
                return Err(HqError::data_file(format!(
                    "{server} is at schema version {v}, which this hq cannot bring up to {latest}"
                )));
            }
            pg::Found::Hq(v) if v < latest => {
                before_migrating(v, latest);
                pg::migrate(conn.conn())?;
            }
            pg::Found::Hq(_) => {}
        }
        if status::meta(&conn).is_err() {
            return Err(pg::no_meta());
        }
        Ok(Db {
            conn,
            path: PathBuf::from(server.to_string()),
            outer: false,
            publish_to: None,
            creating: false,
            outer_savepoint: false,
            wait_ms: u32::try_from(wait.as_millis()).unwrap_or(u32::MAX),
            server: Some((Box::new(server.clone()), wait)),
        })
    }

    /// [`Db::create`] where `--data` points: a new file, or hq's schema in an empty PostgreSQL
    /// database (refused, exit 7, in a database that holds other tables), inside a transaction
    /// that [`Db::publish`] commits and [`Db::discard`] rolls back.
    pub(crate) fn create_at(at: &location::Location, wait: Duration) -> Result<Created> {
        let server = match at {
            location::Location::File(path) => return Db::create(path, wait),
            location::Location::Server(server) => server,
        };
        let conn = Reader(sql::Conn::pg(pg::connect(server, wait)?));
        pg::set_wait(conn.conn(), wait)?;
        conn.conn().batch("BEGIN")?;
        // Two inits at once: the second waits here, then finds the first one's environment.
        pg::lock_for_init(conn.conn())?;
        match pg::found(conn.conn())? {
            pg::Found::Hq(_) => {
                let env_version = status::meta(&conn).ok().map(|m| m.env_version);
                conn.conn().batch("ROLLBACK")?;
                Ok(Created::Existing { env_version })
            }
            pg::Found::Other(n) => {
                conn.conn().batch("ROLLBACK")?;
                Err(pg::not_hq(server, n))
            }
            pg::Found::Empty => {
                pg::create_schema(conn.conn())?;
                Ok(Created::New(Db {
                    conn,
                    path: PathBuf::from(server.to_string()),
                    outer: true,
                    publish_to: None,
                    creating: true,
                    outer_savepoint: false,
                    wait_ms: u32::try_from(wait.as_millis()).unwrap_or(u32::MAX),
                    server: Some((server.clone(), wait)),
                }))
            }
        }
    }

    /// Opens an existing data file, refusing anything that is not one (exit 7) and migrating an
    /// older schema forward.
    pub(crate) fn open(path: &Path, wait: Duration) -> Result<Db> {
        Db::open_noting(path, wait, &mut |_, _| {})
    }

    /// [`Db::open`], telling `before_migrating` (from, to) before an older file's schema is
    /// brought up to date (which takes a while on a large file: the face says so).
    pub(crate) fn open_noting(
        path: &Path,
        wait: Duration,
        before_migrating: &mut dyn FnMut(u32, u32),
    ) -> Result<Db> {
        if !path.exists() {
            return Err(
                HqError::data_file(format!("no data file at {}", path.display())).hinted(
                    Hint::to(
                        "create one with",
                        Cmd::new("")
                            .set("data", path.display().to_string())
                            .subcommand("init"),
                    )
                    .then(format!(
                        ", or point at another with {} or HQ_DATA",
                        field("data")
                    )),
                ),
            );
        }
        let mut conn = Reader::lite(connect(path)?);
        // The first read may find SQLite rebuilding the WAL index that the last connection
        // to close left (an empty WAL: a moment's work, not a writer's lock): it is waited
        // for, whatever --wait says, so that a reader is never told the file is busy.
        conn.sql().busy_timeout(wait.max(OPEN_WAIT))?;
        let version = check_is_hq(conn.sql(), path)?;
        conn.sql().busy_timeout(wait)?;
        if version == 0 {
            return Err(not_whole(path, "its schema was never created"));
        }
        let latest = migrate::latest();
        if version > latest {
            return Err(HqError::data_file(format!(
                "{} was written by a newer hq (schema version {version}; this hq knows up to {latest})",
                path.display()
            ))
            .hinted("upgrade hq to use this file; it was not changed"));
        }
        check_settings(&conn, path)?;
        if version < latest {
            before_migrating(version, latest);
            migrate::migrate_to(conn.lite_mut(), latest)?;
        }
        set_pragmas(conn.sql())?;
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            outer: false,
            publish_to: None,
            creating: false,
            outer_savepoint: false,
            wait_ms: u32::try_from(wait.as_millis()).unwrap_or(u32::MAX),
            server: None,
        })
    }

    /// Creates a new data file (mode 0600) at the latest schema, or reports that an hq file is
    /// already there. Any other existing file is refused untouched.
    ///
    /// The new file is made under a temporary name in the same folder (`.NAME.hq-new-PID`):
    /// the caller fills it, then [`Db::publish`] moves it into place whole, or
    /// [`Db::discard`] removes it. Killed at any moment, the path holds nothing or a whole
    /// file, never a half-made one.
    pub(crate) fn create(path: &Path, wait: Duration) -> Result<Created> {
        if path.exists() {
            let conn = Reader::lite(connect(path)?);
            conn.sql().busy_timeout(wait)?;
            if check_is_hq(conn.sql(), path)? == 0 {
                return Err(not_whole(path, "its schema was never created"));
            }
            check_settings(&conn, path)?;
            let env_version = status::meta(&conn).ok().map(|m| m.env_version);
            return Ok(Created::Existing { env_version });
        }
        remove_stale_temps(path);
        let temp = temp_path(path);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(&temp).map_err(|e| {
            HqError::new(
                crate::error::ErrorKind::Io,
                format!("cannot create the data file {}: {e}", path.display()),
            )
            .hinted("check that the folder exists and that you may write to it")
        })?;
        let result = (|| -> Result<Db> {
            let mut conn = connect(&temp)?;
            conn.busy_timeout(wait)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            migrate::migrate_to(&mut conn, migrate::latest())?;
            set_pragmas(&conn)?;
            Ok(Db {
                conn: Reader::lite(conn),
                path: temp.clone(),
                outer: false,
                publish_to: Some(path.to_path_buf()),
                creating: false,
                outer_savepoint: false,
                wait_ms: u32::try_from(wait.as_millis()).unwrap_or(u32::MAX),
                server: None,
            })
        })();
        if result.is_err() {
            // We made the file; leave nothing half-made behind.
            remove_with_journals(&temp);
        }
        result.map(Created::New)
    }

    /// Moves a new data file ([`Db::create`]) into place, whole: its WAL is checkpointed into
    /// it and closed, then the file is linked at its path and its temporary name removed.
    /// Returns the file opened at its path, or `None` when another process put a file there
    /// first (then this one is removed, and the caller decides what to do with the other).
    pub(crate) fn publish(mut self, wait: Duration) -> Result<Option<Db>> {
        if self.creating {
            if self.outer_savepoint {
                self.end_outer(true)?;
            }
            self.end_outer(true)?;
            self.creating = false;
            return Ok(Some(self));
        }
        let Some(target) = self.publish_to.clone() else {
            return Ok(Some(self));
        };
        let temp = self.path.clone();
        let outcome = (|| -> Result<bool> {
            let sql::Conn::Lite(conn) = self.conn.0 else {
                return Ok(true);
            };
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            conn.close().map_err(|(_, e)| HqError::from(e))?;
            // Durable before it has a name: the rename below must not reveal an empty file.
            std::fs::File::open(&temp)
                .and_then(|f| f.sync_all())
                .map_err(HqError::from)?;
            match std::fs::hard_link(&temp, &target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
                Err(e) => {
                    return Err(HqError::new(
                        crate::error::ErrorKind::Io,
                        format!("cannot create the data file {}: {e}", target.display()),
                    ));
                }
            }
            if let Some(dir) = target.parent() {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                if let Ok(d) = std::fs::File::open(dir) {
                    let _ = d.sync_all();
                }
            }
            Ok(true)
        })();
        remove_with_journals(&temp);
        if outcome? {
            Db::open(&target, wait).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Opens another data file to read only (`hq diff OTHER.db`): refused (exit 7) unless it
    /// is a whole hq data file at this hq's schema, since reading must not migrate it.
    pub(crate) fn open_read_only(path: &Path, wait: Duration) -> Result<Db> {
        let conn = Reader::lite(connect_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?);
        conn.sql().busy_timeout(wait)?;
        let version = check_is_hq(conn.sql(), path)?;
        if version == 0 {
            return Err(not_whole(path, "its schema was never created"));
        }
        check_settings(&conn, path)?;
        let latest = migrate::latest();
        if version != latest {
            let err = HqError::data_file(format!(
                "{} is at schema version {version}, and this hq reads version {latest}",
                path.display()
            ));
            return Err(if version < latest {
                err.hinted(Hint::to(
                    "bring it up to date first by opening it once:",
                    Cmd::new("")
                        .set("data", path.display().to_string())
                        .subcommand("status"),
                ))
            } else {
                err.hinted("it was written by a newer hq: compare it with that hq")
            });
        }
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            outer: false,
            publish_to: None,
            creating: false,
            outer_savepoint: false,
            wait_ms: u32::try_from(wait.as_millis()).unwrap_or(u32::MAX),
            server: None,
        })
    }

    /// A second, read-only connection to the same file, for a thread that only looks things
    /// up while this one writes (WAL: it sees what was committed before the write began).
    pub(crate) fn second_reader(&self) -> Result<Reader> {
        if let Some((server, wait)) = &self.server {
            let conn = Reader(sql::Conn::pg(pg::connect(server, *wait)?));
            pg::set_wait(conn.conn(), *wait)?;
            return Ok(conn);
        }
        let conn = connect_with(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(Reader::lite(conn))
    }

    /// The schema version of the data file.
    pub(crate) fn schema_version(&self) -> Result<u32> {
        match &self.conn.0 {
            sql::Conn::Lite(c) => Ok(migrate::user_version(c)?),
            sql::Conn::Pg(_) => pg::schema_version(self.conn.conn()),
        }
    }

    /// Gives this connection a larger page cache (16 MiB) for bulk writes: with SQLite's
    /// default of 2 MiB, the indexes of a million rows no longer fit and every insert pays for
    /// page reads. Not more: the cache is most of what a bulk command holds. 256 MiB (with
    /// temporary sorts in memory) made an import of a million customers peak at 504 MB and
    /// take no less time; 64 MiB, 154 MB (90 MB at 100,000); 16 MiB, 57 MB (48 MB at
    /// 100,000), in the same time within the machine's spread (docs/performance.md). Sorts for
    /// index builds spill to temporary files past the cache, as SQLite does by default.
    pub(crate) fn tune_for_bulk(&self) -> Result<()> {
        if let sql::Conn::Lite(c) = &self.conn.0 {
            c.pragma_update(None, "cache_size", -16_384)?;
        }
        Ok(())
    }

    /// Starts a write transaction and takes the change version its rows will carry. Inside an
    /// outer transaction ([`Db::begin_outer`]) it is a savepoint: committing it keeps its
    /// writes for the outer transaction to commit or roll back; dropping it undoes only them.
    pub(crate) fn write(&mut self) -> Result<WriteTx<'_>> {
        let nested = self.outer;
        let begin = match (nested, self.conn.0.is_pg()) {
            (true, _) => "SAVEPOINT hq_step",
            (false, false) => "BEGIN IMMEDIATE",
            (false, true) => "BEGIN",
        };
        match &self.conn.0 {
            sql::Conn::Lite(c) => c.execute_batch(begin).map_err(|e| self.write_error(e))?,
            sql::Conn::Pg(_) => self.conn.0.batch(begin)?,
        }
        let mut tx = WriteTx {
            conn: &self.conn,
            version: 0,
            nested,
            done: false,
        };
        let path = &self.path;
        const NEXT: &str =
            "UPDATE hq_meta SET change_version = change_version + 1 RETURNING change_version";
        tx.version = match &tx.conn.0 {
            sql::Conn::Lite(c) => {
                c.query_row(NEXT, [], |r| r.get(0))
                    .map_err(|e| match e.sqlite_error_code() {
                        Some(rusqlite::ErrorCode::ReadOnly) => read_only(path),
                        _ => HqError::from(e),
                    })?
            }
            // The row's lock, held to the commit, is what orders writers on a server.
            sql::Conn::Pg(_) => tx
                .conn
                .0
                .row(NEXT, &[], |r| r.get(0))?
                .ok_or_else(pg::no_meta)?,
        };
        Ok(tx)
    }

    /// A failure to start writing: read-only (exit 74, naming the path), or as any error.
    fn write_error(&self, e: rusqlite::Error) -> HqError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => read_only(&self.path),
            _ => HqError::from(e),
        }
    }

    /// Opens the outer transaction of a change made of many use cases (`hq apply`). Until
    /// [`Db::end_outer`], every [`Db::write`] nests inside it.
    pub(crate) fn begin_outer(&mut self) -> Result<()> {
        if self.creating && !self.outer_savepoint {
            // A new environment on a server is made inside a transaction already
            // ([`Db::create_at`]): this change is a savepoint in it, which [`Db::publish`]
            // commits with the schema.
            self.conn.0.batch("SAVEPOINT hq_outer")?;
            self.outer_savepoint = true;
            return Ok(());
        }
        if self.outer {
            return Err(crate::error::HqError::internal(anyhow::anyhow!(
                "an outer transaction is already open"
            )));
        }
        // Each step is a savepoint, whose journal of the pages it changes is a temporary file
        // (SQLite's default). Kept so: in memory it saved a sixth of an apply's time, but a
        // step that removes 200,000 customers journals most of the file's pages, and an
        // apply --prune peaked at 810 MB.
        match &self.conn.0 {
            sql::Conn::Lite(c) => c
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.write_error(e))?,
            // As SQLite's BEGIN IMMEDIATE: the writers' lock (the settings row) first, so that
            // what the change reads before its first write (an apply's plan) is what it
            // writes over. Another apply's plan read at the same moment would be stale.
            sql::Conn::Pg(_) => self
                .conn
                .0
                .batch("BEGIN; SELECT 1 FROM hq_meta FOR UPDATE")?,
        }
        self.outer = true;
        Ok(())
    }

    /// Ends the outer transaction: commits it, or rolls everything in it back.
    pub(crate) fn end_outer(&mut self, commit: bool) -> Result<()> {
        if self.outer_savepoint {
            self.outer_savepoint = false;
            return self.conn.0.batch(if commit {
                "RELEASE hq_outer"
            } else {
                "ROLLBACK TO hq_outer; RELEASE hq_outer"
            });
        }
        if !self.outer {
            return Ok(());
        }
        self.outer = false;
        self.conn
            .0
            .batch(if commit { "COMMIT" } else { "ROLLBACK" })?;
        checkpoint(&self.conn);
        Ok(())
    }
}

/// One write transaction (or, inside an outer one, a savepoint). Dropping it without
/// [`WriteTx::commit`] rolls its writes back.
pub(crate) struct WriteTx<'a> {
    conn: &'a Reader,
    version: i64,
    nested: bool,
    done: bool,
}

impl WriteTx<'_> {
    /// The change version every row written in this transaction carries.
    pub(crate) fn version(&self) -> i64 {
        self.version
    }
    pub(crate) fn commit(mut self) -> Result<()> {
        self.conn.0.batch(if self.nested {
            "RELEASE hq_step"
        } else {
            "COMMIT"
        })?;
        self.done = true;
        if !self.nested {
            WROTE.store(true, std::sync::atomic::Ordering::Relaxed);
            checkpoint(self.conn);
        }
        Ok(())
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let sql = if self.nested {
                "ROLLBACK TO hq_step; RELEASE hq_step"
            } else {
                "ROLLBACK"
            };
            let _ = self.conn.0.batch(sql);
            if !self.nested {
                // What the rolled-back transaction spilled into the WAL goes too.
                checkpoint(self.conn);
            }
        }
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        self.conn
    }
}

/// Copies what a commit put in the WAL into the data file and empties the WAL, so the data
/// file alone holds every committed change (a copy of it is whole). Connections do not
/// checkpoint when they close (see [`connect_with`]); this does it after each commit instead,
/// without the exclusive lock a close takes, so readers starting meanwhile never wait. A
/// checkpoint that cannot finish now (a reader still on the WAL) is left to the next commit.
fn checkpoint(conn: &Reader) {
    if let sql::Conn::Lite(c) = &conn.0 {
        let _ = c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

fn connect(path: &Path) -> Result<Connection> {
    connect_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
}

fn connect_with(path: &Path, access: OpenFlags) -> Result<Connection> {
    // A path, never a URI: SQLite reads a name that starts with `file:` as one (this build
    // takes URIs whatever the flags say), so a relative path is given as `./NAME`.
    let as_path = if path.is_relative() {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let conn = Connection::open_with_flags(&as_path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| {
            HqError::data_file(format!("cannot open the data file {}: {e}", path.display()))
        })?;
    // Closing the last connection would checkpoint under an exclusive lock on the file, and a
    // reader opening at that moment would be told the file is busy: checkpoints happen after
    // each commit instead ([`checkpoint`]).
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .map_err(HqError::from)?;
    // A statement's plan does not depend on the values bound to it: otherwise SQLite
    // prepares a statement again each time a value it might have planned by changes (a
    // `LIMIT ?`, a term a partial index could match), and reading a million customers one by
    // one spent a third of its time preparing the same few statements.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map_err(HqError::from)?;
    Ok(conn)
}

/// Reads the header without writing: refuses a file that is not SQLite or not hq's, and
/// returns its schema version.
fn check_is_hq(conn: &Connection, path: &Path) -> Result<u32> {
    let app_id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(e) if error::is_busy(&e) => return Err(e.into()),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
            ) =>
        {
            return Err(read_only(path));
        }
        Err(e) => {
            return Err(HqError::data_file(format!(
                "{} is not an hq data file: {e}",
                path.display()
            ))
            .hinted(not_hq_hint()));
        }
    };
    if app_id != APPLICATION_ID {
        return Err(HqError::data_file(format!(
            "{} is a SQLite database, but not an hq data file",
            path.display()
        ))
        .hinted(not_hq_hint()));
    }
    Ok(migrate::user_version(conn)?)
}

fn not_hq_hint() -> Hint {
    Hint::from(format!(
        "it was not changed; point {} at an hq data file, or create one with ",
        field("data")
    ))
    .run(Cmd::new("init"))
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

impl Db {
    /// Closes and deletes a data file this process has just created and not published (when
    /// `init` or `apply` fails half way, or is a dry run, nothing is left behind).
    pub(crate) fn discard(mut self) {
        if self.creating {
            let _ = self.end_outer(false);
            return;
        }
        let path = self.path.clone();
        let published = self.publish_to.is_none();
        drop(self.conn);
        if !published {
            remove_with_journals(&path);
        }
    }
}

/// The error for a data file hq may not write (exit 74): the file itself, or its folder, where
/// SQLite keeps the `-wal` and `-shm` files beside it.
pub(crate) fn read_only(path: &Path) -> HqError {
    let file_writable = OpenOptions::new().write(true).open(path).is_ok();
    let io = crate::error::ErrorKind::Io;
    let beside = ["-wal", "-shm"].into_iter().find_map(|suffix| {
        let mut p = path.to_path_buf().into_os_string();
        p.push(suffix);
        let p = PathBuf::from(p);
        (p.exists() && OpenOptions::new().read(true).write(true).open(&p).is_err()).then_some(p)
    });
    if let Some(p) = beside.filter(|_| file_writable) {
        HqError::new(
            io,
            format!(
                "{} beside the data file cannot be opened for writing (its owner or mode), so the data file cannot be used",
                p.display()
            ),
        )
        .hinted("give it the data file's owner and mode, or remove it while no hq is running")
    } else if file_writable {
        HqError::new(
            io,
            format!(
                "the folder of the data file {} is read-only: SQLite keeps its -wal and -shm files beside the data file",
                path.display()
            ),
        )
        .hinted("make the folder writable, or work on a copy of the data file in a writable folder")
    } else {
        HqError::new(io, format!("the data file {} is read-only", path.display())).hinted(format!(
            "make it writable (`chmod u+w {}`), or work on a copy",
            path.display()
        ))
    }
}

/// The refusal of a data file that is hq's but not whole (exit 7).
fn not_whole(path: &Path, why: &str) -> HqError {
    HqError::data_file(format!(
        "{} is not a whole hq data file: {why} (was hq init interrupted?)",
        path.display()
    ))
    .hinted(
        Hint::from("it was not changed; restore it from a backup, or move it away and run ")
            .run(Cmd::new("init"))
            .then(" or ")
            .run(Cmd::new("apply").ph("FILE"))
            .then(" again"),
    )
}

/// A data file has its one settings row (environment version, change counter).
fn check_settings(conn: &Reader, path: &Path) -> Result<()> {
    match status::meta(conn) {
        Ok(_) => Ok(()),
        Err(e) if e.kind == crate::error::ErrorKind::Busy => Err(e),
        Err(_) => Err(not_whole(path, "its settings row is missing")),
    }
}

/// Where a new data file is made before it is published: `.NAME.hq-new-PID` beside it.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hq.db".into());
    path.with_file_name(format!(".{name}.hq-new-{}", std::process::id()))
}

/// Removes what an earlier `hq` killed while making this data file left: temporary files of
/// processes that are no longer running.
fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!(".{name}.hq-new-");
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or("");
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive && cfg!(target_os = "linux") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Removes a file with its WAL and shared-memory files.
fn remove_with_journals(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.to_path_buf().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A write transaction committed in this run (what Ctrl-C says depends on it).
static WROTE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether this run has committed a change (read from a signal handler: an atomic load).
pub(crate) fn wrote() -> bool {
    WROTE.load(std::sync::atomic::Ordering::Relaxed)
}
