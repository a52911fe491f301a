//! A progress bar for long runs, on a terminal only (never in pipes, with --json or --quiet).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use super::Ui;

pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// What keeps the spinner turning while a phase runs (stopped by `finish` or a drop).
    ticker: std::cell::RefCell<Option<Ticker>>,
}

/// A thread that ticks the bar until told to stop. indicatif's own steady tick starts its
/// thread with `thread::spawn`, which panics when the system refuses one; this one is started
/// with `Builder::spawn`, and without it the spinner stands still.
struct Ticker {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Ticker {
    fn start(bar: &ProgressBar) -> Option<Ticker> {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let bar = bar.clone();
        let every = std::time::Duration::from_millis(120);
        let thread = std::thread::Builder::new()
            .name("hq-progress".into())
            .spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(every)
                {
                    bar.tick();
                }
            })
            .ok()?;
        Some(Ticker { stop, thread })
    }

    fn stop(self) {
        // Sent or not (the thread has ended), it ends now; a panic in it is not this run's.
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(t) = self.ticker.get_mut().take() {
            t.stop();
        }
    }
}

impl Ui {
    /// A byte-counting progress bar for `total` bytes, or a silent one.
    pub(crate) fn progress(&self, total: Option<u64>, what: &str) -> Progress {
        self.bar(
            total,
            what,
            "{prefix} [{bar:30}] {bytes}/{total_bytes} ({eta}) {wide_msg}",
        )
    }

    /// A progress bar counting `unit`s (sessions, ...), or a silent one.
    pub(crate) fn counter(&self, what: &str, unit: &str) -> Progress {
        self.bar(
            None,
            what,
            &format!("{{prefix}} [{{bar:30}}] {{pos}}/{{len}} {unit} {{wide_msg}}"),
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
            bar.set_prefix(what.to_string());
            bar
        });
        Progress {
            bar,
            ticker: std::cell::RefCell::new(None),
        }
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
    /// A long run's report: how far, out of how much, or the phase it is in.
    pub(crate) fn tick(&self, t: crate::ops::Tick) {
        match t {
            crate::ops::Tick::Done(n) => self.set(n),
            crate::ops::Tick::Total(n) => self.set_total(n),
            crate::ops::Tick::Phase(p) => self.phase(&p),
        }
    }

    /// Names what the run is doing now: beside the bar while it counts (a session's table), or
    /// in place of a full bar (building indexes, committing), with a spinner so that it is
    /// seen to be alive.
    pub(crate) fn phase(&self, phase: &str) {
        let Some(b) = &self.bar else { return };
        let full = b.length().is_some_and(|l| l > 0 && b.position() >= l);
        if full {
            let style = ProgressStyle::with_template("{spinner} {prefix} ({elapsed}): {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            b.set_style(style);
            let mut ticker = self.ticker.borrow_mut();
            if ticker.is_none() {
                *ticker = Ticker::start(b);
            }
        }
        b.set_message(phase.to_string());
    }

    pub(crate) fn finish(&self) {
        if let Some(t) = self.ticker.borrow_mut().take() {
            t.stop();
        }
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
