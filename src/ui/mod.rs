//! Everything that touches the terminal: data to stdout (tables for people, JSON for
//! scripts), status, warnings and hints to stderr, colour, and prompts.
//!
//! No other module prints. `--quiet` mutes status lines only; warnings and errors always show.

pub(crate) mod clienteling;
pub(crate) mod distribution;
pub(crate) mod doctor;
pub(crate) mod envfile;
pub(crate) mod interrupt;
mod progress;
mod prompt;
pub(crate) mod seed;
mod table;

use std::cell::RefCell;
use std::io::{IsTerminal, Write};

use console::Style;
use serde::Serialize;

use crate::domain::{Action, Change};
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::{Applied, Mode};

pub(crate) use table::Table;

/// When to use colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How the user asked hq to talk.
#[derive(Debug, Clone, Default)]
pub(crate) struct UiOptions {
    pub json: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub color: ColorChoice,
    /// `NO_COLOR` is set (non-empty).
    pub no_color_env: bool,
    /// `--no-input`, `HQ_NO_INPUT` or `CI`: never prompt.
    pub no_input: bool,
    /// `--yes`: confirm risky actions without asking.
    pub yes: bool,
    /// `--wide`: tables as wide as their content at a terminal too.
    pub wide: bool,
    /// `--no-headers`: tables without their heading line (for scripts).
    pub no_headers: bool,
    /// Nothing on stdout: a command run on behalf of one whose `--json` document is the only
    /// thing stdout may hold.
    pub mute: bool,
    /// The command line as typed, without the program name, for "equivalent command" lines.
    pub args: Vec<String>,
}

pub(crate) struct Ui {
    opts: UiOptions,
    color_out: bool,
    color_err: bool,
    interactive: bool,
    /// Values the user typed at prompts, as (flag, value); a `None` flag is a positional.
    prompted: RefCell<Vec<(Option<String>, String)>>,
    /// Flags of a parent command (`hq pos --store`): in the equivalent command they go right
    /// after that command's word, where they parse.
    placed: RefCell<Vec<(&'static str, &'static str)>>,
}

impl Ui {
    pub(crate) fn new(opts: UiOptions) -> Ui {
        let (color_out, color_err) = match opts.color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto if opts.no_color_env => (false, false),
            ColorChoice::Auto => (
                std::io::stdout().is_terminal(),
                std::io::stderr().is_terminal(),
            ),
        };
        console::set_colors_enabled(color_out);
        console::set_colors_enabled_stderr(color_err);
        let interactive =
            !opts.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ui {
            opts,
            color_out,
            color_err,
            interactive,
            prompted: RefCell::new(Vec::new()),
            placed: RefCell::new(Vec::new()),
        }
    }

    /// The UI of a command run on the user's behalf: text, quiet under `--json`, no
    /// equivalent command.
    pub(crate) fn inner(&self) -> Ui {
        Ui::new(UiOptions {
            json: false,
            quiet: self.opts.quiet || self.opts.json,
            mute: self.opts.mute || self.opts.json,
            args: Vec::new(),
            ..self.opts.clone()
        })
    }

    /// Forgets every answer recorded (a command whose questions are not its flags).
    pub(crate) fn forget_all(&self) {
        self.prompted.borrow_mut().clear();
    }

    pub(crate) fn json(&self) -> bool {
        self.opts.json
    }

    pub(crate) fn yes(&self) -> bool {
        self.opts.yes
    }

    /// True when hq may ask questions: stdin and stderr are terminals and no-input is off.
    pub(crate) fn interactive(&self) -> bool {
        self.interactive
    }

    // ---- data on stdout ----

    fn out(&self, text: &str) -> Result<()> {
        if self.opts.mute {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        Ok(())
    }

    /// Prints one line of data (a value a script reads); a control, bidi or invisible
    /// character in it is shown escaped (`\u{1b}`), whatever its source.
    pub(crate) fn print_line(&self, line: &str) -> Result<()> {
        self.out(&format!("{}\n", visible_lines(line)))
    }

    /// Prints generated text as it is (completion scripts, man pages).
    pub(crate) fn print_raw(&self, bytes: &[u8]) -> Result<()> {
        if self.opts.mute {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
        Ok(())
    }

    /// A man page (roff): at a terminal through man(1) when it is installed, else as it is.
    pub(crate) fn page_man(&self, roff: &[u8]) -> Result<()> {
        if std::io::stdout().is_terminal() {
            let child = std::process::Command::new("man")
                .args(["-l", "-"])
                .stdin(std::process::Stdio::piped())
                .spawn();
            if let Ok(mut child) = child {
                if let Some(mut stdin) = child.stdin.take() {
                    // A pager quit early closes the pipe: not an error.
                    let _ = stdin.write_all(roff);
                }
                if child.wait().is_ok_and(|s| s.success()) {
                    return Ok(());
                }
            }
        }
        self.print_raw(roff)
    }

    /// Prints one JSON document.
    pub(crate) fn print_json<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        if self.opts.mute {
            return Ok(());
        }
        // Written as it is made: a report of a million steps is a hundred megabytes of text.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, value).map_err(|e| {
            if e.is_io() {
                HqError::from(std::io::Error::from(e))
            } else if let Some(fault) = crate::error::take_deferred() {
                fault
            } else {
                HqError::internal(anyhow::Error::new(e))
            }
        })?;
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }

    /// Prints a table for people.
    /// A table; at a terminal (unless `--wide`) no wider than it: the widest columns but the
    /// first are cut with `…` until it fits.
    /// With `--no-headers`, the rows alone. Columns left out to fit are named on stderr.
    pub(crate) fn print_table(&self, table: Table) -> Result<()> {
        let width = (!self.opts.wide && std::io::stdout().is_terminal())
            .then(|| console::Term::stdout().size_checked())
            .flatten()
            .map(|(_, cols)| usize::from(cols));
        let r = table.render(self.color_out, width, !self.opts.no_headers);
        self.out(&r.text)?;
        if !r.hidden.is_empty() {
            // Named while the note fits on a line, else counted.
            let n = crate::domain::fix::count(r.hidden.len() as u64, "columns");
            let named = format!(
                "{n} left out to fit ({}); --wide shows all",
                r.hidden.join(", ")
            );
            let short = width.is_some_and(|w| named.chars().count() + "note: ".len() >= w);
            self.note(&if short {
                format!("{n} left out to fit; --wide shows all")
            } else {
                named
            });
        }
        Ok(())
    }

    /// Prints `label  value` lines for one record.
    pub(crate) fn print_fields(&self, fields: &[(&str, String)]) -> Result<()> {
        let width = fields.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        let label = Style::new().bold().for_stdout();
        let mut text = String::new();
        for (l, v) in fields {
            let pad = " ".repeat(width - l.len());
            let line = format!(
                "{}{pad}  {}",
                label.apply_to(l),
                crate::domain::validate::visible(v)
            );
            text.push_str(line.trim_end());
            text.push('\n');
        }
        self.out(&text)
    }

    /// Prints `value` as JSON with `--json`, else runs `human`.
    pub(crate) fn emit<T: Serialize + ?Sized>(
        &self,
        value: &T,
        human: impl FnOnce(&Ui) -> Result<()>,
    ) -> Result<()> {
        if self.json() {
            self.print_json(value)
        } else {
            human(self)
        }
    }

    // ---- status, warnings and hints on stderr ----

    fn err_line(&self, text: &str) {
        // stderr going away is no reason to fail the command.
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// A status line (muted by `--quiet`).
    pub(crate) fn status(&self, msg: &str) {
        if !self.opts.quiet {
            self.err_line(&visible_lines(msg));
        }
    }

    /// A status line whose first words are bold (`Ready.`).
    pub(crate) fn status_bold(&self, bold: &str, rest: &str) {
        if !self.opts.quiet {
            let b = Style::new().bold().for_stderr();
            let line = format!("{} {}", b.apply_to(bold), visible_lines(rest));
            self.err_line(line.trim_end());
        }
    }

    pub(crate) fn warn(&self, msg: impl std::fmt::Display) {
        let w = Style::new().yellow().bold().for_stderr();
        self.err_line(&format!(
            "{} {}",
            w.apply_to("warning:"),
            visible_lines(&msg.to_string())
        ));
    }

    /// After a page of a list that stopped at its limit: how many more rows there are, and the
    /// flag that shows them (on stderr, muted by `--quiet`; never in the JSON).
    pub(crate) fn more(&self, more: Option<crate::ops::More>, what: &str) {
        let Some(m) = more else { return };
        let n = match (m.at_least, m.count) {
            (true, 1) => "more".to_string(),
            (true, n) => format!("at least {n} more"),
            (false, n) => format!("{n} more"),
        };
        let what = crate::domain::fix::noun(if m.at_least { 2 } else { m.count }, what);
        match m.next_offset {
            Some(next) => self.note(&format!(
                "{n} {what}; see the next page with --offset {next} (or more at once with --limit N)"
            )),
            None => self.note(&format!("{n} {what}; see more with --limit N")),
        }
    }

    /// Something worth knowing that is neither a warning nor a fix (muted by `--quiet`).
    pub(crate) fn note(&self, msg: &str) {
        if !self.opts.quiet {
            let h = Style::new().cyan().for_stderr();
            self.err_line(&format!("{} {}", h.apply_to("note:"), visible_lines(msg)));
        }
    }

    /// Reports what a mutating command did: `--json` prints the record; people get one status
    /// line per change (or "nothing to change").
    pub(crate) fn report<T: Serialize>(
        &self,
        applied: &Applied<T>,
        unchanged: impl FnOnce() -> String,
    ) -> Result<()> {
        let unchanged = applied.changes.is_empty().then(unchanged);
        if self.json() {
            if applied.mode == Mode::DryRun {
                // What would change, field by field, and what the record would be.
                #[derive(Serialize)]
                struct DryRun<'a, T: Serialize> {
                    dry_run: bool,
                    /// None of the changes apply: it is as asked already.
                    nothing_to_do: bool,
                    #[serde(skip_serializing_if = "Option::is_none")]
                    message: Option<String>,
                    changes: &'a [Change],
                    result: &'a T,
                }
                self.print_json(&DryRun {
                    dry_run: true,
                    nothing_to_do: applied.changes.is_empty(),
                    message: unchanged
                        .as_ref()
                        .map(|u| format!("nothing to change: {u}")),
                    changes: &applied.changes,
                    result: &applied.value,
                })?;
            } else {
                self.print_json(&applied.value)?;
            }
        }
        if let Some(u) = &unchanged {
            self.status(&format!("Nothing to change: {u}."));
        }
        for change in &applied.changes {
            self.status(&describe_change(change, applied.mode));
        }
        for w in &applied.warnings {
            self.warn(w);
        }
        if applied.mode == Mode::DryRun && !applied.changes.is_empty() {
            self.status("Dry run: nothing was written.");
        }
        self.print_equivalent_command();
        Ok(())
    }

    /// The error, as text or as a JSON object on stderr.
    pub(crate) fn report_error(&self, err: &HqError) {
        if matches!(err.kind, ErrorKind::BrokenPipe | ErrorKind::Findings) {
            return;
        }
        if self.json() {
            #[derive(Serialize)]
            struct Body<'a> {
                kind: &'a str,
                message: &'a str,
                hints: Vec<String>,
            }
            #[derive(Serialize)]
            struct Doc<'a> {
                error: Body<'a>,
            }
            let doc = Doc {
                error: Body {
                    kind: err.kind.name(),
                    message: &err.full_message(),
                    hints: err.hints.iter().map(|h| h.to_string()).collect(),
                },
            };
            self.err_line(&serde_json::to_string(&doc).unwrap_or_default());
            return;
        }
        let e = Style::new().red().bold().for_stderr();
        self.err_line(&format!(
            "{} {}",
            e.apply_to("error:"),
            visible_lines(&err.full_message())
        ));
        if self.opts.verbose
            && let Some(source) = &err.source
        {
            self.err_line(&format!("cause: {source:?}"));
        }
        let h = Style::new().cyan().for_stderr();
        for hint in &err.hints {
            self.err_line(&format!(
                "{} {}",
                h.apply_to("hint:"),
                visible_lines(&hint.to_string())
            ));
        }
        // What was answered is not lost: the command with the answers, to correct and run.
        self.print_equivalent_command();
    }

    /// After a command that asked questions, the command line that would have done the same
    /// without asking, so what was typed once can become a script.
    pub(crate) fn print_equivalent_command(&self) {
        let prompted = self.prompted.borrow();
        if prompted.is_empty() {
            return;
        }
        let mut words: Vec<String> = vec!["hq".to_string()];
        words.extend(self.opts.args.iter().cloned());
        let placed = self.placed.borrow();
        for (flag, value) in prompted.iter() {
            let mut these = Vec::new();
            if let Some(flag) = flag {
                these.push(flag.clone());
            }
            // A confirmation is recorded as a bare `--yes`.
            if !value.is_empty() || flag.is_none() {
                these.push(value.clone());
            }
            let at = placed
                .iter()
                .find(|(f, _)| flag.as_deref() == Some(*f))
                .and_then(|(_, word)| words.iter().position(|w| w == word))
                .map(|i| i + 1 + self.placed_count(&words, i));
            match at {
                Some(i) => {
                    for (k, w) in these.into_iter().enumerate() {
                        words.insert(i + k, w);
                    }
                }
                None => words.extend(these),
            }
        }
        let quoted: Vec<String> = words
            .iter()
            .map(|w| shlex::try_quote(w).map_or_else(|_| w.clone(), |q| q.into_owned()))
            .collect();
        self.err_line(&format!("Equivalent command: {}", quoted.join(" ")));
    }

    /// Says that answers for `flags` belong right after the command word `word` (the parent
    /// command's own flags, as `hq pos --store S`).
    pub(crate) fn place_after(&self, flags: &[&'static str], word: &'static str) {
        self.placed
            .borrow_mut()
            .extend(flags.iter().map(|f| (*f, word)));
    }

    /// How many words after `words[i]` are placed flags with their values already (so the
    /// next goes after them, in the order answered).
    fn placed_count(&self, words: &[String], i: usize) -> usize {
        let placed = self.placed.borrow();
        let mut n = 0;
        while let Some(w) = words.get(i + 1 + n) {
            if placed.iter().any(|(f, _)| f == w) {
                n += 2;
            } else {
                break;
            }
        }
        n
    }

    pub(crate) fn color_err(&self) -> bool {
        self.color_err
    }
}

fn describe_change(change: &Change, mode: Mode) -> String {
    let text = change.describe();
    match mode {
        Mode::Commit => capitalize(&text),
        Mode::DryRun => {
            let verb = match change.action {
                Action::Create => "create",
                Action::Update => "update",
                Action::Delete => "remove",
            };
            let rest = text.split_once(' ').map_or("", |(_, r)| r);
            format!("Would {verb} {rest}")
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Replaces Rust's panic message with one for users: what happened, that it is a bug, and no
/// backtrace unless `--verbose` (this machine sets `RUST_BACKTRACE=1` for everything).
pub(crate) fn install_panic_hook(verbose: bool) {
    std::panic::set_hook(Box::new(move |info| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "error: internal error: {info}");
        let _ = writeln!(
            err,
            "hint: this is a bug in hq; please report it with the command you ran (nothing was written)"
        );
        if verbose {
            let _ = writeln!(err, "{}", std::backtrace::Backtrace::force_capture());
        }
    }));
}

/// Text for a terminal: each line with its control, bidi and invisible characters escaped
/// (`\u{1b}`, `\u{202e}`), so that nothing stored, read from a file or given as a flag can
/// move the cursor, recolour the screen, reorder text or forge a line.
pub(crate) fn visible_lines(text: &str) -> String {
    text.split('\n')
        .map(crate::domain::validate::visible)
        .collect::<Vec<_>>()
        .join("\n")
}
