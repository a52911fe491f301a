//! What the database's errors mean to the user: each SQLite failure hq can meet becomes an
//! [`HqError`] of its kind (busy, a constraint, a fault of the file or the disk), so nothing
//! outside `src/db` needs to know the database crate.

use crate::error::{DATA, ErrorKind, HqError, damaged};

impl From<rusqlite::Error> for HqError {
    fn from(err: rusqlite::Error) -> Self {
        // A value the data file holds that hq cannot read ([`unreadable`]) carries its error.
        let err = match err {
            rusqlite::Error::FromSqlConversionFailure(i, t, inner) => {
                match inner.downcast::<HqError>() {
                    Ok(hq) => return *hq,
                    Err(inner) => rusqlite::Error::FromSqlConversionFailure(i, t, inner),
                }
            }
            other => other,
        };
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

/// A value of the data file that hq cannot read as what its column holds (an unknown kind, JSON
/// that does not parse): exit 7 naming the table, the row and the column, never a guess.
pub(in crate::db) fn unreadable(
    table: &str,
    row: &str,
    column: &str,
    value: &str,
    why: &str,
) -> rusqlite::Error {
    let err = HqError::data_file(format!(
        "the data file {DATA} holds a value hq cannot read: table {table}, row {row}, column {column}: {value:?} ({why})"
    ))
    .hinted("it was not changed; restore it from a backup, or correct the value (`sqlite3 FILE`)");
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(err))
}

/// What `parse` made of a column's text, or [`unreadable`] naming what the column holds.
pub(in crate::db) fn parsed<T>(
    got: Option<T>,
    (table, row, column): (&str, &str, &str),
    value: &str,
    holds: &str,
) -> rusqlite::Result<T> {
    got.ok_or_else(|| unreadable(table, row, column, value, &format!("it is not {holds}")))
}

/// A JSON column read as `T`, or [`unreadable`].
pub(in crate::db) fn from_json<T: serde::de::DeserializeOwned>(
    (table, row, column): (&str, &str, &str),
    value: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(value).map_err(|e| unreadable(table, row, column, value, &e.to_string()))
}

/// A value stored as JSON. Serialising what hq stores does not fail; if it ever did, the write
/// fails with it rather than storing an empty value.
pub(in crate::db) fn to_json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
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
    .hinted(format!(
        "try again, or wait longer with {} SECONDS",
        crate::domain::fix::field("wait")
    ))
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
