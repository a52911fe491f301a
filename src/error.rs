//! The error that reaches the edge: a kind that picks the exit code, a message, and hints.
//!
//! Inside the crate code uses `anyhow` with context for the unexpected, and builds an
//! [`HqError`] for everything a user can cause. `main` turns the kind into the exit code of
//! DESIGN.md 5; the table there and in the README is the contract scripts rely on.

use std::fmt;

use crate::domain::Invalid;
use crate::domain::fix::{Cmd, Hint, Word, quote};

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
    pub hints: Vec<Hint>,
    /// The underlying cause, shown with `--verbose`.
    pub source: Option<anyhow::Error>,
    /// The field (flag or key) a validation error is about, when known.
    pub field: Option<String>,
    /// The field's name when the message says it as [`FIELD`], for the face to say it in its
    /// words; [`HqError::with_field`] may point `field` elsewhere (a list the field is in).
    pub named: Option<Box<str>>,
    /// A list under the message (each reason something cannot be done), one `  - ` line each.
    pub details: Box<[Hint]>,
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
            named: None,
            details: Box::default(),
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
            hints: vec![Hint::from(
                "this is a bug in hq; please report it with the command you ran",
            )],
            source: Some(err),
            field: None,
            named: None,
            details: Box::default(),
        }
    }

    /// Adds a hint line (`hint: ...`).
    pub fn hinted(mut self, hint: impl Into<Hint>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Puts a list under the message (each reason something cannot be done).
    pub fn with_details(mut self, details: Vec<Hint>) -> Self {
        self.details = details.into_boxed_slice();
        self
    }

    /// The message with its list, as the command line shows it.
    pub fn full_message(&self) -> String {
        let mut m = self.message.clone();
        for d in &self.details {
            m.push_str("\n  - ");
            m.push_str(&d.to_string());
        }
        m
    }

    /// Says which field (flag or key) the error is about.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    /// Says which field the error is about, by its name, which the message says as
    /// [`FIELD`].
    pub fn with_named_field(mut self, name: &str) -> Self {
        self.field = Some(name.to_string());
        self.named = Some(name.into());
        self
    }

    pub fn with_source(mut self, source: impl Into<anyhow::Error>) -> Self {
        self.source = Some(source.into());
        self
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// Says the field the way a face says it (`--receipt-option` on the command line,
    /// `` `receipt_option` `` in an environment file, `column receipt_option` in a CSV file),
    /// where the message says [`FIELD`].
    pub fn render_field(mut self, say: impl Fn(&str) -> String) -> Self {
        let named = self.named.take();
        use crate::domain::fix::say_fields;
        self.message = say_fields(&self.message, named.as_deref(), &say);
        for h in self.hints.iter_mut().chain(self.details.iter_mut()) {
            h.map_text(|t| say_fields(t, named.as_deref(), &say));
        }
        self
    }

    /// The message and hints as the command line says them, for a record kept apart from
    /// the error (a failed download session's reason).
    pub fn clone_rendered(&self) -> HqError {
        let mut copy = HqError::new(self.kind, self.full_message());
        copy.hints = self.hints.clone();
        copy.field = self.field.clone();
        copy.named = self.named.clone();
        copy.render_field(flag_of)
    }

    /// Names the data file where the message says [`DATA`].
    pub fn at_data_file(mut self, at: impl std::fmt::Display) -> Self {
        let p = at.to_string();
        self.message = self.message.replace(DATA, &p);
        for h in &mut self.hints {
            h.map_text(|t| t.replace(DATA, &p));
        }
        self
    }
}

thread_local! {
    static DEFERRED: std::cell::RefCell<Option<HqError>> = const { std::cell::RefCell::new(None) };
}

/// Keeps a fault met inside a `Serialize` impl (a list read back from a temporary file as it
/// is printed), where serde can only carry text: whoever prints takes it back with
/// [`take_deferred`] and reports it as it is (exit 74 for I/O), not as a bug.
pub(crate) fn defer(e: HqError) {
    DEFERRED.with(|d| *d.borrow_mut() = Some(e));
}

/// The fault [`defer`] kept, if any (taken: a second call gets none).
pub(crate) fn take_deferred() -> Option<HqError> {
    DEFERRED.with(|d| d.borrow_mut().take())
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

pub use crate::domain::fix::is_field_name;

impl From<Invalid> for HqError {
    fn from(e: Invalid) -> Self {
        // A field given by its name is written as [`FIELD`] in the message, for the face to say
        // in its own words ([`HqError::render_field`]).
        let message = if e.whole {
            e.reason.clone()
        } else if is_field_name(&e.field) {
            if e.value.is_empty() {
                format!("{FIELD}: {}", e.reason)
            } else {
                format!("invalid value {:?} for {FIELD}: {}", e.value, e.reason)
            }
        } else {
            e.to_string()
        };
        let kind = match e.kind {
            crate::domain::validate::Refusal::Invalid => ErrorKind::Invalid,
            crate::domain::validate::Refusal::NotFound => ErrorKind::NotFound,
            crate::domain::validate::Refusal::Conflict => ErrorKind::Conflict,
            crate::domain::validate::Refusal::Usage => ErrorKind::Usage,
        };
        let mut err = HqError::new(kind, message);
        err.field = (!e.field.is_empty()).then(|| e.field.clone());
        err.named = is_field_name(&e.field).then(|| e.field.as_str().into());
        err.hints.extend(e.hints);
        err.details = e.details;
        err
    }
}

impl From<anyhow::Error> for HqError {
    fn from(err: anyhow::Error) -> Self {
        match err.downcast::<HqError>() {
            Ok(hq) => hq,
            Err(err) => HqError::internal(err),
        }
    }
}

pub use crate::domain::fix::FIELD;

/// The command line's word for a field: `receipt_option` is `--receipt-option`.
pub fn flag_of(name: &str) -> String {
    format!("--{}", name.replace('_', "-"))
}

/// A command as the command line writes it: `hq feature enable clienteling`, fields as flags
/// ([`flag_of`]), values quoted for a shell when they need it.
impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("hq")?;
        for w in &self.words {
            f.write_str(" ")?;
            write_word(f, w)?;
        }
        Ok(())
    }
}

fn write_word(f: &mut fmt::Formatter<'_>, w: &Word) -> fmt::Result {
    match w {
        Word::Plain(p) | Word::Placeholder(p) => f.write_str(p),
        Word::Value(v) => f.write_str(&quote(v)),
        Word::Field(name, None) => f.write_str(&flag_of(name)),
        Word::Field(name, Some(value)) => {
            write!(f, "{} ", flag_of(name))?;
            write_word(f, value)
        }
        Word::FieldEq(name, value) => write!(f, "{}={}", flag_of(name), quote(value)),
    }
}

/// A command as the words of a command line after `hq`, to run: none when it has a placeholder
/// (`<ATTRIBUTE>`, `...`) that someone must fill first.
pub(crate) fn argv(cmd: &Cmd) -> Option<Vec<String>> {
    fn word(w: &Word, out: &mut Vec<String>) -> Option<()> {
        match w {
            Word::Plain(p) if p == "..." => return None,
            Word::Plain(p) => out.push(p.clone()),
            Word::Placeholder(_) => return None,
            Word::Value(v) => out.push(v.clone()),
            Word::Field(name, None) => out.push(flag_of(name)),
            Word::Field(name, Some(value)) => {
                out.push(flag_of(name));
                word(value, out)?;
            }
            Word::FieldEq(name, value) => out.push(format!("{}={value}", flag_of(name))),
        }
        Some(())
    }
    let mut out = Vec::new();
    for w in &cmd.words {
        word(w, &mut out)?;
    }
    Some(out)
}

/// A hint as the command line says it: its commands in backticks.
impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(|c| format!("`{c}`")))
    }
}

/// In JSON, a command and a hint are the text the command line shows.
impl serde::Serialize for Cmd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl serde::Serialize for Hint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Stands for the data file's path in a message made where the path is not known; the edge
/// ([`HqError::at_data_file`]) puts the path in.
pub const DATA: &str = "{data}";

/// The data file is damaged (exit 7), with the way back.
pub fn damaged() -> HqError {
    HqError::new(
        ErrorKind::DataFile,
        format!("the data file {DATA} is damaged (SQLite reports it malformed); nothing was changed"),
    )
    .hinted(format!("restore it from a backup, or recover what SQLite can read: `sqlite3 {DATA} .recover | sqlite3 NEW.db`, then check it with `hq --data NEW.db status`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_given_by_its_name_is_said_by_each_face_in_its_words() {
        let e = || {
            HqError::from(Invalid::new(
                "receipt_option",
                "mail",
                "it is not an option",
            ))
        };
        assert_eq!(
            e().message,
            "invalid value \"mail\" for {field}: it is not an option"
        );
        assert_eq!(
            e().render_field(flag_of).message,
            "invalid value \"mail\" for --receipt-option: it is not an option"
        );
        assert_eq!(
            e().render_field(|n| format!("`{n}`")).message,
            "invalid value \"mail\" for `receipt_option`: it is not an option"
        );
        // A face's word (a flag, a positional name) stays as it is.
        let flag = HqError::from(Invalid::new("--to", "X", "no"));
        assert_eq!(
            flag.render_field(flag_of).message,
            "invalid value \"X\" for --to: no"
        );
        assert!(!is_field_name("ACCOUNT") && is_field_name("postal_code"));
    }
}
