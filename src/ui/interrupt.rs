//! Ctrl-C anywhere (a text prompt, a pick-list, a yes/no, a progress bar): the terminal as it
//! was (its mode restored, the cursor shown, a new line), "interrupted; nothing was written" on
//! stderr (as JSON with `--json`), exit 130. A change is one transaction: what was not
//! committed is rolled back by SQLite when the file is next opened, so the data file is as it
//! was, unless a commit had already happened in this run, and then the message says only
//! "interrupted".
//!
//! The handler runs in the signal's context, so it does only what is safe there: it restores
//! the terminal's mode saved at start (`tcsetattr`), writes fixed bytes (`write`) and exits
//! (`_exit`).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The terminal's mode when hq started (stdin was a terminal).
#[cfg(unix)]
static SAVED: OnceLock<libc::termios> = OnceLock::new();
/// The error is written as JSON (`--json`).
static JSON: AtomicBool = AtomicBool::new(false);
/// Stderr is a terminal (the cursor escape is written).
static TERMINAL: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once, at start).
pub(crate) fn install(json: bool) {
    JSON.store(json, Ordering::Relaxed);
    #[cfg(unix)]
    // SAFETY: isatty, tcgetattr and signal are called with valid arguments before any other
    // thread exists; the handler only calls async-signal-safe functions.
    unsafe {
        TERMINAL.store(libc::isatty(2) == 1, Ordering::Relaxed);
        if libc::isatty(0) == 1 {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = SAVED.set(t);
            }
        }
        let handler = on_interrupt as extern "C" fn(libc::c_int);
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

#[cfg(unix)]
extern "C" fn on_interrupt(_: libc::c_int) {
    let wrote = crate::db::wrote();
    let msg: &[u8] = match (JSON.load(Ordering::Relaxed), wrote) {
        (true, false) => {
            b"{\"error\":{\"kind\":\"interrupted\",\"message\":\"interrupted; nothing was written\",\"hints\":[]}}\n"
        }
        (true, true) => {
            b"{\"error\":{\"kind\":\"interrupted\",\"message\":\"interrupted\",\"hints\":[]}}\n"
        }
        (false, false) => b"\r\nerror: interrupted; nothing was written\n",
        (false, true) => b"\r\nerror: interrupted\n",
    };
    // SAFETY: only async-signal-safe calls, on valid buffers.
    unsafe {
        if let Some(t) = SAVED.get() {
            libc::tcsetattr(0, libc::TCSANOW, t);
        }
        if TERMINAL.load(Ordering::Relaxed) {
            let show: &[u8] = b"\x1b[?25h";
            libc::write(2, show.as_ptr().cast(), show.len());
        }
        libc::write(2, msg.as_ptr().cast(), msg.len());
        libc::_exit(130);
    }
}
