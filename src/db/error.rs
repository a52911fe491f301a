//! What the database's errors mean to the user: each SQLite failure hq can meet becomes an
//! [`HqError`] of its kind (busy, a constraint, a fault of the file or the disk), so nothing
//! outside `src/db` needs to know the database crate.

use crate::error::{DATA, ErrorKind, HqError, damaged};

impl From<rusqlite::Error> for HqError {
    fn from(err: rusqlite::Error) -> Self {
        if is_busy(&err) {
            return busy().with_source(err);
        }
        if let Some(c) = constraint(&err) {
            return c.with_source(err);
        }
        if let Some(f) = file_fault(&err) {
            return f.with_source(err);
        }
        HqError::internal(anyhow::Error::new(err))
    }
}

/// A fault of the data file or the disk under it, as SQLite reports it: read-only, full,
/// damaged, or an I/O error. Never an internal error: each has its exit code and what to do.
fn file_fault(err: &rusqlite::Error) -> Option<HqError> {
    use rusqlite::ErrorCode as C;
    Some(match err.sqlite_error_code()? {
        C::ReadOnly => HqError::new(ErrorKind::Io, format!("the data file {DATA} is read-only"))
            .hinted("make it and its folder writable, or work on a copy"),
        C::DiskFull => HqError::new(
            ErrorKind::Io,
            "the disk is full: the change was not written, and the data file is as it was",
        )
        .hinted("free some space and run the command again"),
        C::DatabaseCorrupt | C::NotADatabase => damaged(),
        C::SystemIoFailure if extended(err) == Some(rusqlite::ffi::SQLITE_IOERR_WRITE) => {
            HqError::new(
                ErrorKind::Io,
                "writing the data file failed: the disk is full or a file size limit was reached; the data file is as it was",
            )
            .hinted("free some space (or raise the limit) and run the command again")
        }
        C::SystemIoFailure => HqError::new(
            ErrorKind::Io,
            "reading or writing the data file failed (an I/O error); the change was rolled back",
        )
        .hinted("check the disk"),
        C::CannotOpen => HqError::new(ErrorKind::Io, "the data file cannot be opened")
            .hinted("check that it and its folder exist and that you may read and write them"),
        _ => return None,
    })
}

fn extended(err: &rusqlite::Error) -> Option<i32> {
    match err {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
        _ => None,
    }
}

/// A constraint of the data file that refused a write. The use cases check what they write
/// before they write it, so this is a last line: the change conflicts with what the file holds
/// (exit 5), said in words, never an internal error. Nothing was written.
fn constraint(err: &rusqlite::Error) -> Option<HqError> {
    let rusqlite::Error::SqliteFailure(e, msg) = err else {
        return None;
    };
    if e.code != rusqlite::ErrorCode::ConstraintViolation {
        return None;
    }
    let msg = msg.as_deref().unwrap_or("a constraint failed");
    let message = if let Some(cols) = msg.strip_prefix("UNIQUE constraint failed: ") {
        format!("the change conflicts with what the data file holds: {cols} is already taken")
    } else if msg.starts_with("FOREIGN KEY constraint failed") {
        "the change conflicts with what the data file holds: it refers to something that no \
         longer exists, or removes something still referred to"
            .to_string()
    } else {
        format!("the change conflicts with what the data file holds ({msg})")
    };
    Some(
        HqError::conflict(message)
            .hinted("nothing was written; look at what exists now (another command may have changed it) and try again"),
    )
}

pub(crate) fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn busy() -> HqError {
    HqError::new(
        ErrorKind::Busy,
        "the data file is busy: another hq process held it past the wait time",
    )
    .hinted("try again, or wait longer with --wait SECONDS")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn failure(sql: &str) -> rusqlite::Error {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE p (id TEXT PRIMARY KEY);
             CREATE TABLE k (id TEXT PRIMARY KEY, p TEXT REFERENCES p (id));
             INSERT INTO p VALUES ('a');",
        )
        .unwrap();
        c.execute_batch(sql).unwrap_err()
    }

    #[test]
    fn constraint_failures_are_conflicts_never_internal_errors() {
        let unique = HqError::from(failure("INSERT INTO p VALUES ('a')"));
        assert_eq!(unique.kind, ErrorKind::Conflict);
        assert!(
            unique.message.contains("p.id is already taken"),
            "{}",
            unique.message
        );
        let fk = HqError::from(failure("INSERT INTO k VALUES ('x', 'b')"));
        assert_eq!(fk.kind, ErrorKind::Conflict);
        assert!(fk.message.contains("refers to something"), "{}", fk.message);
        let other = HqError::from(failure("SELECT * FROM nowhere"));
        assert_eq!(other.kind, ErrorKind::Internal);
    }
}
