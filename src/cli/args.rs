//! What the nouns' arguments share: `--dry-run`, and the value parsers of flags.

use clap::Args;

use crate::domain::model::{Described, Presence, TextField};

/// `--dry-run`, shared by every command that changes something.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct WriteArgs {
    /// Show what would change, then change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl WriteArgs {
    pub(crate) fn mode(self) -> crate::ops::Mode {
        if self.dry_run {
            crate::ops::Mode::DryRun
        } else {
            crate::ops::Mode::Commit
        }
    }
}

/// A boolean flag that may be given bare (`--flag`, meaning true) or with a value
/// (`--flag=false`).
pub(crate) fn parse_bool(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(format!("expected true or false, got {s:?}")),
    }
}

/// `--wait`: seconds, from 0 to a day (a larger value is no wait anyone means, and past
/// SQLite's limit for a busy timeout).
pub(crate) fn parse_wait(s: &str) -> Result<f64, String> {
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
pub(crate) fn one_of(
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

/// Address purposes (`--purpose`).
pub(crate) const PURPOSES: &[&str] = &[
    "home", "business", "office", "post-box", "delivery", "invoice", "other",
];
/// An address purpose as the documents write it (`post-box`, `Post box`, in any case), kept
/// in its flag form; clap lists the purposes when it is none of them.
pub(crate) fn parse_purpose(s: &str) -> Result<String, String> {
    crate::domain::customer::Purpose::parse(s)
        .map(|p| p.as_str().to_string())
        .ok_or_else(|| format!("an address purpose is one of {}", PURPOSES.join(", ")))
}

/// Number sequence references.
pub(crate) const REFERENCES: &[&str] = &["customer_account", "client_book_id"];

/// The text fields of a described struct (`domain::model::Described`) as flags, made from its
/// definition: `--street`, with the field's help and, when it must be given, required.
/// `BESIDE` names them as they are named beside the fields of what holds them (`customer
/// add`: `--address-name`, with `Address: ` before the help); there, giving any of them needs
/// the required ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextArgs<T, const BESIDE: bool = false>(pub T);

/// [`TextArgs`] beside the fields of what holds them.
pub(crate) type BesideArgs<T> = TextArgs<T, true>;

impl<T: Described, const BESIDE: bool> TextArgs<T, BESIDE> {
    fn id(f: &TextField) -> &'static str {
        if BESIDE { f.beside } else { f.name }
    }

    /// At a terminal, asks for each required field not given, by its label, checking the
    /// answer as the definition says (`country` reads a phone); without one, the refusal naming
    /// its flag. The answers join the equivalent command.
    pub(crate) fn ask_missing(
        &mut self,
        ui: &crate::ui::Ui,
        country: &str,
    ) -> crate::error::Result<()> {
        for f in T::TEXT.iter().filter(|f| f.presence == Presence::Required) {
            if self.0.text(f.name).is_none() {
                let id = Self::id(f);
                let flag = format!("--{}", id.replace('_', "-"));
                let answer = ui.need_text(None, &flag, &f.label.to_lowercase(), |v| {
                    f.check_value(id, v, country)
                        .map(drop)
                        .map_err(|e| e.reason)
                })?;
                self.0.set_text(f.name, Some(answer));
            }
        }
        Ok(())
    }

    /// Whether any of the fields was given.
    pub(crate) fn any(&self) -> bool {
        T::TEXT.iter().any(|f| self.0.text(f.name).is_some())
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

impl<T: Described + Clone + Send + Sync + 'static, const BESIDE: bool> clap::FromArgMatches
    for TextArgs<T, BESIDE>
{
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let mut v = T::default();
        for f in T::TEXT {
            if let Some(x) = m.get_one::<String>(Self::id(f)) {
                v.set_text(f.name, Some(x.clone()));
            }
        }
        Ok(TextArgs(v))
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl<T: Described + Clone + Send + Sync + 'static, const BESIDE: bool> clap::Args
    for TextArgs<T, BESIDE>
{
    fn augment_args(cmd: clap::Command) -> clap::Command {
        let required: Vec<&'static str> = T::TEXT
            .iter()
            .filter(|f| f.presence == Presence::Required)
            .map(Self::id)
            .collect();
        T::TEXT.iter().fold(cmd, |cmd, f| {
            let id = Self::id(f);
            let mut arg = clap::Arg::new(id)
                .long(id.replace('_', "-"))
                .value_name(id.to_uppercase())
                .action(clap::ArgAction::Set);
            if BESIDE {
                arg = arg.help(format!("Address: {}", f.help));
                for r in required.iter().filter(|r| **r != id) {
                    arg = arg.requires(*r);
                }
            } else {
                // A required field left out is asked for at a terminal ([`Self::ask_missing`]).
                arg = arg.help(capitalised(f.help));
            }
            cmd.arg(arg)
        })
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}
