//! The error that reaches the edge: a kind that picks the exit code, a message, and hints.
//!
//! Inside the crate code uses `anyhow` with context for the unexpected, and builds an
//! [`HqError`] for everything a user can cause. `main` turns the kind into the exit code of
//! DESIGN.md 5; the table there and in the README is the contract scripts rely on.

use std::fmt;

use crate::domain::Invalid;

/// What went wrong, as far as a script needs to know. Each kind is one exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad command-line usage (a missing flag, a flag that needs a terminal or `--yes`).
    Usage,
    /// Validation failed or a rule refused it; nothing changed.
    Invalid,
    /// Something named does not exist.
    NotFound,
    /// Already exists, still in use, or a one-per rule.
    Conflict,
    /// Another writer held the data file past `--wait`.
    Busy,
    /// The data file is missing, not an hq file, from a newer hq, or corrupt.
    DataFile,
    /// Reading or writing a file other than the data file failed.
    Io,
    /// The user interrupted a prompt.
    Interrupted,
    /// A bug.
    Internal,
    /// Not an error: a check found what it reports (`doctor`: steps missing). The report is
    /// already printed; exit 1, as diff(1) does for differences.
    Findings,
    /// Standard output was closed by the reader (`hq ... | head`): end quietly, with success.
    BrokenPipe,
}

impl ErrorKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Usage => 2,
            ErrorKind::Invalid => 3,
            ErrorKind::NotFound => 4,
            ErrorKind::Conflict => 5,
            ErrorKind::Busy => 6,
            ErrorKind::DataFile => 7,
            ErrorKind::Internal => 70,
            ErrorKind::Io => 74,
            ErrorKind::Interrupted => 130,
            ErrorKind::BrokenPipe => 0,
            ErrorKind::Findings => 1,
        }
    }

    /// The name used in the JSON error object (`{"error": {"kind": ...}}`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Usage => "usage",
            ErrorKind::Invalid => "invalid",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Busy => "busy",
            ErrorKind::DataFile => "data_file",
            ErrorKind::Internal => "internal",
            ErrorKind::Io => "io",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::BrokenPipe => "broken_pipe",
            ErrorKind::Findings => "findings",
        }
    }
}

/// An error for the user: kind, one-sentence message, and hints on how to fix it.
#[derive(Debug)]
pub struct HqError {
    pub kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
    /// The underlying cause, shown with `--verbose`.
    pub source: Option<anyhow::Error>,
    /// The field (flag or key) a validation error is about, when known.
    pub field: Option<String>,
}

pub type Result<T, E = HqError> = std::result::Result<T, E>;

impl HqError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        HqError {
            kind,
            message: message.into(),
            hints: Vec::new(),
            source: None,
            field: None,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }
    pub fn data_file(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::DataFile, message)
    }
    pub fn internal(err: anyhow::Error) -> Self {
        HqError {
            kind: ErrorKind::Internal,
            message: format!("internal error: {err:#}"),
            hints: vec![
                "this is a bug in hq; please report it with the command you ran".to_string(),
            ],
            source: Some(err),
            field: None,
        }
    }

    /// Adds a hint line (`hint: ...`).
    pub fn hinted(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Says which field (flag or key) the error is about.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub fn with_source(mut self, source: impl Into<anyhow::Error>) -> Self {
        self.source = Some(source.into());
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// Names the data file where the message says [`DATA`].
    pub fn at_data_file(mut self, path: &std::path::Path) -> Self {
        let p = path.display().to_string();
        self.message = self.message.replace(DATA, &p);
        for h in &mut self.hints {
            *h = h.replace(DATA, &p);
        }
        self
    }
}

impl From<std::io::Error> for HqError {
    /// An I/O error while writing output: a closed pipe ends quietly, anything else is exit 74.
    fn from(err: std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::BrokenPipe => HqError::new(ErrorKind::BrokenPipe, "broken pipe"),
            std::io::ErrorKind::Interrupted => HqError::new(ErrorKind::Interrupted, "interrupted"),
            _ => HqError::new(ErrorKind::Io, format!("I/O error: {err}")).with_source(err),
        }
    }
}

impl fmt::Display for HqError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HqError {}

impl From<Invalid> for HqError {
    fn from(e: Invalid) -> Self {
        let mut err = HqError::invalid(e.to_string());
        err.field = (!e.field.is_empty()).then(|| e.field.clone());
        if let Some(hint) = e.hint {
            err.hints.push(hint);
        }
        err
    }
}

impl From<anyhow::Error> for HqError {
    fn from(err: anyhow::Error) -> Self {
        // A busy database surfaces through anyhow when a statement deep in the db layer hit
        // the lock; keep its kind so the exit code stays 6.
        if let Some(sqlite) = err.downcast_ref::<rusqlite::Error>() {
            if is_busy(sqlite) {
                return busy();
            }
            if let Some(c) = constraint(sqlite) {
                return c.with_source(err);
            }
            if let Some(f) = file_fault(sqlite) {
                return f.with_source(err);
            }
        }
        match err.downcast::<HqError>() {
            Ok(hq) => hq,
            Err(err) => HqError::internal(err),
        }
    }
}

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

/// Stands for the data file's path in a message made where the path is not known; the edge
/// ([`HqError::at_data_file`]) puts the path in.
pub const DATA: &str = "{data}";

fn extended(err: &rusqlite::Error) -> Option<i32> {
    match err {
        rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
        _ => None,
    }
}

/// The data file is damaged (exit 7), with the way back.
pub fn damaged() -> HqError {
    HqError::new(
        ErrorKind::DataFile,
        format!("the data file {DATA} is damaged (SQLite reports it malformed); nothing was changed"),
    )
    .hinted(format!("restore it from a backup, or recover what SQLite can read: `sqlite3 {DATA} .recover | sqlite3 NEW.db`, then check it with `hq --data NEW.db status`"))
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
        let fk = HqError::from(anyhow::Error::new(failure(
            "INSERT INTO k VALUES ('x', 'b')",
        )));
        assert_eq!(fk.kind, ErrorKind::Conflict);
        assert!(fk.message.contains("refers to something"), "{}", fk.message);
        let other = HqError::from(failure("SELECT * FROM nowhere"));
        assert_eq!(other.kind, ErrorKind::Internal);
    }
}
