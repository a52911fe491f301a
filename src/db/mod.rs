//! The data file: opening it safely, its migrations, write transactions, and the SQL per area.
//!
//! Nothing outside this module writes SQL. Every write goes through [`WriteTx`], which starts
//! with `BEGIN IMMEDIATE` (a deferred transaction that reads and then writes fails at once under
//! a second writer instead of waiting) and takes a new change version for every row it touches.

pub mod attribute;
pub mod audit;
pub mod clienteling;
pub mod customer;
pub mod distribution;
pub mod feature;
pub mod layout;
pub mod migrate;
pub mod numseq;
pub mod org;
pub mod params;
pub mod staff;
pub mod status;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use rusqlite::{Connection, OpenFlags};

use crate::error::{HqError, Result};

/// Marks a SQLite file as hq's (`PRAGMA application_id`): "HQ" and a format number.
pub const APPLICATION_ID: i32 = 0x4851_0001;

/// An open hq data file.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// An outer transaction is open ([`Db::begin_outer`], `hq apply`): each [`Db::write`]
    /// becomes a savepoint inside it, so many use cases make one all-or-nothing change.
    outer: bool,
}

/// What `create` found at the path.
pub enum Created {
    New(Db),
    /// The path already held an hq data file; nothing was changed. Its environment version,
    /// when it could be read.
    Existing {
        env_version: Option<String>,
    },
}

impl Db {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Opens an existing data file, refusing anything that is not one (exit 7) and migrating an
    /// older schema forward.
    pub fn open(path: &Path, wait: Duration) -> Result<Db> {
        if !path.exists() {
            return Err(HqError::data_file(format!(
                "no data file at {}",
                path.display()
            ))
            .hinted(format!(
                "create one with `hq --data {} init`, or point at another with --data or HQ_DATA",
                path.display()
            )));
        }
        let mut conn = connect(path)?;
        conn.busy_timeout(wait)?;
        let version = check_is_hq(&conn, path)?;
        let latest = migrate::latest();
        if version > latest {
            return Err(HqError::data_file(format!(
                "{} was written by a newer hq (schema version {version}; this hq knows up to {latest})",
                path.display()
            ))
            .hinted("upgrade hq to use this file; it was not changed"));
        }
        if version < latest {
            migrate::migrate_to(&mut conn, latest).map_err(HqError::from)?;
        }
        set_pragmas(&conn)?;
        Ok(Db {
            conn,
            path: path.to_path_buf(),
            outer: false,
        })
    }

    /// Creates a new data file (mode 0600) at the latest schema, or reports that an hq file is
    /// already there. Any other existing file is refused untouched.
    pub fn create(path: &Path, wait: Duration) -> Result<Created> {
        if path.exists() {
            let conn = connect(path)?;
            conn.busy_timeout(wait)?;
            check_is_hq(&conn, path)?;
            let env_version = status::meta(&conn).ok().map(|m| m.env_version);
            return Ok(Created::Existing { env_version });
        }
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(path).map_err(|e| {
            HqError::new(
                crate::error::ErrorKind::Io,
                format!("cannot create the data file {}: {e}", path.display()),
            )
            .hinted("check that the folder exists and that you may write to it")
        })?;
        let result = (|| -> Result<Db> {
            let mut conn = connect(path)?;
            conn.busy_timeout(wait)?;
            conn.pragma_update(None, "journal_mode", "WAL")
                .context("setting WAL journal mode")?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .context("marking the file as hq's")?;
            migrate::migrate_to(&mut conn, migrate::latest())?;
            set_pragmas(&conn)?;
            Ok(Db {
                conn,
                path: path.to_path_buf(),
                outer: false,
            })
        })();
        if result.is_err() {
            // We made the file; leave nothing half-made behind.
            let _ = std::fs::remove_file(path);
        }
        result.map(Created::New)
    }

    /// A second, read-only connection to the same file, for a thread that only looks things
    /// up while this one writes (WAL: it sees what was committed before the write began).
    pub fn reader(&self) -> Result<Connection> {
        let conn = connect_with(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(conn)
    }

    /// Gives this connection a large page cache (256 MiB) for bulk writes: with SQLite's
    /// default of 2 MiB, the indexes of a million rows no longer fit and every insert pays for
    /// page reads.
    pub fn tune_for_bulk(&self) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// Starts a write transaction and takes the change version its rows will carry. Inside an
    /// outer transaction ([`Db::begin_outer`]) it is a savepoint: committing it keeps its
    /// writes for the outer transaction to commit or roll back; dropping it undoes only them.
    pub fn write(&mut self) -> Result<WriteTx<'_>> {
        let nested = self.outer;
        self.conn.execute_batch(if nested {
            "SAVEPOINT hq_step"
        } else {
            "BEGIN IMMEDIATE"
        })?;
        let mut tx = WriteTx {
            conn: &self.conn,
            version: 0,
            nested,
            done: false,
        };
        tx.version = tx.conn.query_row(
            "UPDATE hq_meta SET change_version = change_version + 1 RETURNING change_version",
            [],
            |r| r.get(0),
        )?;
        Ok(tx)
    }

    /// Opens the outer transaction of a change made of many use cases (`hq apply`). Until
    /// [`Db::end_outer`], every [`Db::write`] nests inside it.
    pub fn begin_outer(&mut self) -> Result<()> {
        if self.outer {
            return Err(crate::error::HqError::internal(anyhow::anyhow!(
                "an outer transaction is already open"
            )));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.outer = true;
        Ok(())
    }

    /// Ends the outer transaction: commits it, or rolls everything in it back.
    pub fn end_outer(&mut self, commit: bool) -> Result<()> {
        if !self.outer {
            return Ok(());
        }
        self.outer = false;
        if commit {
            self.conn.execute_batch("COMMIT")?;
        } else {
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }
}

/// One write transaction (or, inside an outer one, a savepoint). Dropping it without
/// [`WriteTx::commit`] rolls its writes back.
pub struct WriteTx<'a> {
    conn: &'a Connection,
    version: i64,
    nested: bool,
    done: bool,
}

impl WriteTx<'_> {
    /// The change version every row written in this transaction carries.
    pub fn version(&self) -> i64 {
        self.version
    }
    pub fn commit(mut self) -> Result<()> {
        self.conn.execute_batch(if self.nested {
            "RELEASE hq_step"
        } else {
            "COMMIT"
        })?;
        self.done = true;
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
            let _ = self.conn.execute_batch(sql);
        }
    }
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

fn connect(path: &Path) -> Result<Connection> {
    connect_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
}

fn connect_with(path: &Path, access: OpenFlags) -> Result<Connection> {
    Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(|e| {
        HqError::data_file(format!("cannot open the data file {}: {e}", path.display()))
    })
}

/// Reads the header without writing: refuses a file that is not SQLite or not hq's, and
/// returns its schema version.
fn check_is_hq(conn: &Connection, path: &Path) -> Result<u32> {
    let app_id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(e) if crate::error::is_busy(&e) => return Err(e.into()),
        Err(e) => {
            return Err(HqError::data_file(format!(
                "{} is not an hq data file: {e}",
                path.display()
            ))
            .hinted(
                "it was not changed; point --data at an hq data file, or create one with `hq init`",
            ));
        }
    };
    if app_id != APPLICATION_ID {
        return Err(HqError::data_file(format!(
            "{} is a SQLite database, but not an hq data file",
            path.display()
        ))
        .hinted(
            "it was not changed; point --data at an hq data file, or create one with `hq init`",
        ));
    }
    Ok(migrate::user_version(conn)?)
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// True when the SQLite error is a violated uniqueness constraint.
pub fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

impl Db {
    /// Closes and deletes a data file this process has just created (when `init` fails half
    /// way, nothing half-made is left behind).
    pub fn discard(self) {
        let path = self.path.clone();
        drop(self.conn);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}
