//! Prompts for missing values and confirmations for risky actions (DESIGN.md 7).
//!
//! hq asks only when stdin and stderr are terminals and none of `--no-input`, `HQ_NO_INPUT`,
//! `CI` is set. Otherwise a missing value is a usage error naming its flag (exit 2), and a risky
//! action needs `--yes`. Every answer is recorded so that the equivalent command can be printed
//! afterwards.

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, FuzzySelect, Input, MultiSelect};

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
        self.need_text_keeping(value, flag, what, true, check)
    }

    /// Asks for text that `check` accepts, offering `default` (Enter takes it). A value it
    /// refuses is said under the input, and the question comes again with the input kept to
    /// be corrected, not cleared.
    pub(crate) fn ask_text(
        &self,
        flag: &str,
        what: &str,
        default: Option<&str>,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        self.ask_text_keeping(flag, what, default, true, check)
    }

    /// [`Ui::need_text`] for a value that may be a secret pasted by mistake (a Key Vault
    /// reference): a refused answer is cleared from the screen and not kept.
    pub(crate) fn need_text_unkept(
        &self,
        value: Option<String>,
        flag: &str,
        what: &str,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        self.need_text_keeping(value, flag, what, false, check)
    }

    fn need_text_keeping(
        &self,
        value: Option<String>,
        flag: &str,
        what: &str,
        keep: bool,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        if let Some(v) = value {
            return Ok(v);
        }
        if !self.interactive() {
            return Err(self.missing(flag, what));
        }
        self.ask_text_keeping(flag, what, None, keep, check)
    }

    fn ask_text_keeping(
        &self,
        flag: &str,
        what: &str,
        default: Option<&str>,
        keep: bool,
        check: impl Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        let theme = self.theme();
        let mut kept = String::new();
        loop {
            let mut input = Input::<String>::with_theme(theme.as_ref())
                .with_prompt(capitalize(what))
                .allow_empty(true);
            if !kept.is_empty() {
                input = input.with_initial_text(kept.clone());
            } else if let Some(d) = default {
                input = input.default(d.to_string());
            }
            let answer = input.interact_text().map_err(prompt_error)?;
            match check(&answer) {
                Ok(()) => {
                    self.record(flag, &answer);
                    return Ok(answer);
                }
                Err(why) => {
                    // The question's line would show the refused answer as taken; the answer
                    // stays in the input below to be corrected (unless it may be a secret).
                    let _ = console::Term::stderr().clear_last_lines(1);
                    self.warn(why);
                    if keep {
                        kept = answer;
                    }
                }
            }
        }
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
        // Type to filter the list; arrows and Enter as in any list.
        let picked = FuzzySelect::with_theme(theme.as_ref())
            .with_prompt(format!("{} (type to filter)", capitalize(what)))
            .items(&items)
            .default(0)
            .max_length(12)
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

    /// A whole number: at a terminal asked for (`default` offered), without one exit 2.
    pub(crate) fn need_number(&self, flag: &str, what: &str, default: Option<i64>) -> Result<i64> {
        if !self.interactive() {
            return Err(self.missing(flag, what));
        }
        let offered = default.map(|d| d.to_string());
        let answer = self.ask_text(flag, what, offered.as_deref(), |v| {
            v.trim()
                .parse::<i64>()
                .map(drop)
                .map_err(|_| "it is not a whole number".to_string())
        })?;
        Ok(answer.trim().parse().unwrap_or_default())
    }

    /// At a terminal, one of `items` (not recorded: what it leads to is).
    pub(crate) fn pick_one(&self, what: &str, items: &[&str]) -> Result<usize> {
        let theme = self.theme();
        dialoguer::Select::with_theme(theme.as_ref())
            .with_prompt(capitalize(what))
            .items(items)
            .default(0)
            .interact()
            .map_err(prompt_error)
    }

    /// At a terminal, which of `items` to go on with (none recorded for the equivalent
    /// command: what is picked is asked for next). At least one.
    pub(crate) fn pick_many(&self, what: &str, items: &[String]) -> Result<Vec<usize>> {
        let theme = self.theme();
        loop {
            let picked = MultiSelect::with_theme(theme.as_ref())
                .with_prompt(format!(
                    "{} (space to select, enter to accept)",
                    capitalize(what)
                ))
                .items(items)
                .interact()
                .map_err(prompt_error)?;
            if !picked.is_empty() {
                return Ok(picked);
            }
            self.warn("choose at least one");
        }
    }

    /// At a terminal, yes or no for `flag`, `current` offered; recorded as `--flag true|false`.
    pub(crate) fn ask_yes_no(&self, flag: &str, what: &str, current: bool) -> Result<bool> {
        let theme = self.theme();
        let yes = Confirm::with_theme(theme.as_ref())
            .with_prompt(capitalize(what))
            .default(current)
            .interact()
            .map_err(prompt_error)?;
        self.record(flag, if yes { "true" } else { "false" });
        Ok(yes)
    }

    /// At a terminal, yes or no for a flag that takes no value (no by default); recorded as
    /// the bare flag when yes.
    pub(crate) fn ask_switch(&self, flag: &str, what: &str) -> Result<bool> {
        let theme = self.theme();
        let yes = Confirm::with_theme(theme.as_ref())
            .with_prompt(capitalize(what))
            .default(false)
            .interact()
            .map_err(prompt_error)?;
        if yes {
            self.prompted
                .borrow_mut()
                .push((Some(flag.to_string()), String::new()));
        }
        Ok(yes)
    }

    /// Drops the last answer recorded (one that is recorded otherwise, as part of a pair).
    pub(crate) fn unrecord_last(&self) {
        self.prompted.borrow_mut().pop();
    }

    /// Records a positional value as answered (it joins the equivalent command).
    pub(crate) fn positional_given(&self, value: &str) {
        self.prompted.borrow_mut().push((None, value.to_string()));
    }

    /// Records a flag that takes no value as answered (it joins the equivalent command).
    pub(crate) fn switch_given(&self, flag: &str) {
        self.prompted
            .borrow_mut()
            .push((Some(flag.to_string()), String::new()));
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
