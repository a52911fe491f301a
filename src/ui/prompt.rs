//! Prompts for missing values and confirmations for risky actions (DESIGN.md 7).
//!
//! hq asks only when stdin and stderr are terminals and none of `--no-input`, `HQ_NO_INPUT`,
//! `CI` is set. Otherwise a missing value is a usage error naming its flag (exit 2), and a risky
//! action needs `--yes`. Every answer is recorded so that the equivalent command can be printed
//! afterwards.

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};

use super::Ui;
use crate::error::{ErrorKind, HqError, Result};

/// A value that must be one of these: (id, description shown beside it).
pub(crate) type Choices = Vec<(String, String)>;

impl Ui {
    fn theme(&self) -> Box<dyn Theme> {
        if self.color_err() {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        }
    }

    fn missing(&self, flag: &str, what: &str) -> HqError {
        let shown = if flag.starts_with("--") {
            format!(
                "{flag} {}",
                flag.trim_start_matches("--")
                    .to_ascii_uppercase()
                    .replace('-', "_")
            )
        } else {
            flag.to_string()
        };
        HqError::usage(format!("missing {flag}: {what}"))
            .hinted(format!("give it as {shown}; at a terminal hq asks for it"))
    }

    fn record(&self, flag: &str, value: &str) {
        let flag = flag.starts_with("--").then(|| flag.to_string());
        self.prompted.borrow_mut().push((flag, value.to_string()));
    }

    /// Drops the answer recorded for `flag` (a choice that stands for no value, such as "no
    /// store"), so that the equivalent command leaves it out.
    pub(crate) fn forget(&self, flag: &str) {
        self.prompted
            .borrow_mut()
            .retain(|(f, _)| f.as_deref() != Some(flag));
    }

    /// `value` if given; else, at a terminal, asks for text that `check` accepts; else exit 2.
    pub(crate) fn need_text(
        &self,
        value: Option<String>,
        flag: &str,
        what: &str,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        if let Some(v) = value {
            return Ok(v);
        }
        if !self.interactive() {
            return Err(self.missing(flag, what));
        }
        let theme = self.theme();
        let answer: String = Input::with_theme(theme.as_ref())
            .with_prompt(capitalize(what))
            .validate_with(|s: &String| check(s))
            .interact_text()
            .map_err(prompt_error)?;
        self.record(flag, &answer);
        Ok(answer)
    }

    /// Like [`Ui::need_text`] for an optional value: an empty answer means none. Asks only when
    /// `ask` is true (for example when other values of the same group were asked for).
    pub(crate) fn maybe_text(
        &self,
        value: Option<String>,
        flag: &str,
        what: &str,
        ask: bool,
    ) -> Result<Option<String>> {
        if value.is_some() || !ask || !self.interactive() {
            return Ok(value);
        }
        let theme = self.theme();
        let answer: String = Input::with_theme(theme.as_ref())
            .with_prompt(format!("{} (optional)", capitalize(what)))
            .allow_empty(true)
            .interact_text()
            .map_err(prompt_error)?;
        if answer.trim().is_empty() {
            return Ok(None);
        }
        self.record(flag, &answer);
        Ok(Some(answer))
    }

    /// `value` if given; else, at a terminal, a choice among `choices`; else exit 2.
    pub(crate) fn need_choice(
        &self,
        value: Option<String>,
        flag: &str,
        what: &str,
        choices: impl FnOnce() -> Result<Choices>,
    ) -> Result<String> {
        if let Some(v) = value {
            return Ok(v);
        }
        if !self.interactive() {
            return Err(self.missing(flag, what));
        }
        let choices = choices()?;
        if choices.is_empty() {
            return Err(HqError::not_found(format!(
                "there is nothing to choose for {flag}: {what}"
            ))
            .hinted("create one first"));
        }
        let items: Vec<String> = choices.iter().map(|(id, d)| label(id, d)).collect();
        let theme = self.theme();
        let picked = Select::with_theme(theme.as_ref())
            .with_prompt(capitalize(what))
            .items(&items)
            .default(0)
            .interact()
            .map_err(prompt_error)?;
        let id = choices[picked].0.clone();
        self.record(flag, &id);
        Ok(id)
    }

    /// `values` if any; else, at a terminal, one or more among `choices`; else exit 2.
    pub(crate) fn need_choices(
        &self,
        values: Vec<String>,
        flag: &str,
        what: &str,
        choices: impl FnOnce() -> Result<Choices>,
    ) -> Result<Vec<String>> {
        if !values.is_empty() {
            return Ok(values);
        }
        if !self.interactive() {
            return Err(self.missing(flag, what));
        }
        let choices = choices()?;
        if choices.is_empty() {
            return Err(HqError::not_found(format!(
                "there is nothing to choose for {flag}: {what}"
            ))
            .hinted("create one first"));
        }
        let items: Vec<String> = choices.iter().map(|(id, d)| label(id, d)).collect();
        let theme = self.theme();
        loop {
            let picked = MultiSelect::with_theme(theme.as_ref())
                .with_prompt(format!(
                    "{} (space to select, enter to accept)",
                    capitalize(what)
                ))
                .items(&items)
                .interact()
                .map_err(prompt_error)?;
            if picked.is_empty() {
                self.warn("choose at least one");
                continue;
            }
            let ids: Vec<String> = picked.into_iter().map(|i| choices[i].0.clone()).collect();
            for id in &ids {
                self.record(flag, id);
            }
            return Ok(ids);
        }
    }

    /// Asks before a risky action. `--yes` answers yes; without a terminal and without `--yes`
    /// the action is refused (exit 2) with `refusal`, rather than taken silently.
    pub(crate) fn confirm(&self, question: &str, refusal: &str) -> Result<bool> {
        if self.yes() {
            return Ok(true);
        }
        if !self.interactive() {
            return Err(HqError::usage(refusal.to_string())
                .hinted("pass --yes to confirm without a terminal"));
        }
        let theme = self.theme();
        let yes = Confirm::with_theme(theme.as_ref())
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(prompt_error)?;
        if yes {
            self.prompted
                .borrow_mut()
                .push((Some("--yes".into()), String::new()));
        }
        Ok(yes)
    }
}

fn label(id: &str, description: &str) -> String {
    if description.is_empty() {
        id.to_string()
    } else {
        format!("{id}  ({description})")
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn prompt_error(err: dialoguer::Error) -> HqError {
    let dialoguer::Error::IO(io) = err;
    // Leave the terminal usable after Ctrl-C in a list.
    let _ = console::Term::stderr().show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted {
        HqError::new(ErrorKind::Interrupted, "interrupted; nothing was written")
    } else {
        HqError::new(ErrorKind::Io, format!("cannot read the answer: {io}"))
    }
}
