//! What the nouns' arguments share: `--dry-run`, and the value parsers of flags.

use clap::Args;

/// `--dry-run`, shared by every command that changes something.
#[derive(Debug, Args, Clone, Copy)]
pub struct WriteArgs {
    /// Show what would change, then change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl WriteArgs {
    pub fn mode(self) -> crate::ops::Mode {
        if self.dry_run {
            crate::ops::Mode::DryRun
        } else {
            crate::ops::Mode::Commit
        }
    }
}

/// A boolean flag that may be given bare (`--flag`, meaning true) or with a value
/// (`--flag=false`).
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("expected true or false, got {s:?}")),
    }
}

/// `--wait`: seconds, from 0 to a day (a larger value is no wait anyone means, and past
/// SQLite's limit for a busy timeout).
pub fn parse_wait(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(v.is_finite() && (0.0..=86_400.0).contains(&v)) {
        return Err(format!("{s} is not within 0 to 86400 seconds"));
    }
    Ok(v)
}

/// A flag whose value is one of a fixed set: clap checks it (a value outside the set is a
/// usage error, exit 2, listing the set), in any case, and hands it on in lower case. `clear`
/// also takes `''` (hidden), for the `set` commands that clear a value with it.
pub fn one_of(
    values: &'static [&'static str],
    clear: bool,
) -> impl clap::builder::TypedValueParser<Value = String> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let mut all: Vec<PossibleValue> = values.iter().map(|v| PossibleValue::new(*v)).collect();
    if clear {
        all.push(PossibleValue::new("").hide(true));
    }
    PossibleValuesParser::new(all).map(|s: String| s.to_ascii_lowercase())
}

/// Customer types (`--type`).
pub const CUSTOMER_TYPES: &[&str] = &["person", "organization"];
/// Receipt options (`--receipt-option`).
pub const RECEIPT_OPTIONS: &[&str] = &["print", "email", "print-and-email"];
/// Address purposes (`--purpose`).
pub const PURPOSES: &[&str] = &[
    "home", "business", "office", "post-box", "delivery", "invoice", "other",
];
/// Number sequence references.
pub const REFERENCES: &[&str] = &["customer_account", "client_book_id"];
