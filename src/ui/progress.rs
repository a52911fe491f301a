//! A progress bar for long runs, on a terminal only (never in pipes, with --json or --quiet).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Ui;

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Ui {
    /// A byte-counting progress bar for `total` bytes, or a silent one.
    pub(crate) fn progress(&self, total: Option<u64>, what: &str) -> Progress {
        self.bar(
            total,
            what,
            "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})",
        )
    }

    /// A progress bar counting `unit`s (sessions, ...), or a silent one.
    pub(crate) fn counter(&self, what: &str, unit: &str) -> Progress {
        self.bar(
            None,
            what,
            &format!("{{msg}} [{{bar:40}}] {{pos}}/{{len}} {unit}"),
        )
    }

    fn bar(&self, total: Option<u64>, what: &str, template: &str) -> Progress {
        let show = std::io::stderr().is_terminal() && !self.opts.quiet && !self.opts.json;
        let bar = show.then(|| {
            let bar = ProgressBar::new(total.unwrap_or(0));
            let style = ProgressStyle::with_template(template)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message(what.to_string());
            bar
        });
        Progress { bar }
    }
}

impl Progress {
    pub(crate) fn set_total(&self, total: u64) {
        if let Some(b) = &self.bar {
            b.set_length(total);
        }
    }
    pub(crate) fn set(&self, position: u64) {
        if let Some(b) = &self.bar {
            b.set_position(position);
        }
    }
    pub(crate) fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
