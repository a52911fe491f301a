//! `hq`: a headquarters admin CLI for retail commerce configuration.
//!
//! The code is layered (DESIGN.md 2): [`commands`] is the thin face that parses and prints,
//! [`ops`] holds the use cases (one transaction each), [`domain`] the pure rules, [`db`] the
//! SQL, and [`ui`] everything that touches the terminal. Arrows go one way:
//! commands -> ops -> (domain, db).

pub mod cli;
pub mod context;
pub mod db;
pub mod distribution;
pub mod docs;
pub mod domain;
pub mod envfile;
pub mod error;
pub mod import;
pub mod ops;
pub mod pos;
pub mod ui;

use std::ffi::OsString;

use clap::Parser;

use crate::error::{ErrorKind, HqError};

/// Runs hq with these arguments (the first is the program name) and returns the exit code.
pub fn run(args: Vec<OsString>) -> u8 {
    let wants_json = args.iter().skip(1).any(|a| a == "--json");
    let verbose = args.iter().skip(1).any(|a| a == "--verbose" || a == "-v");
    ui::install_panic_hook(verbose);
    ui::interrupt::install(wants_json);
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e, wants_json),
    };
    let ctx = match context::Context::new(&cli.global, &args) {
        Ok(ctx) => ctx,
        Err(err) => {
            let ui = ui::Ui::new(ui::UiOptions {
                json: wants_json,
                ..Default::default()
            });
            let err = err.render_field(error::flag_of);
            ui.report_error(&err);
            return err.exit_code();
        }
    };
    // A panic is a bug: the hook has already said so; exit 70 as DESIGN.md 5 says, and since
    // every change is one transaction, an unwound command has written nothing.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli::run(&ctx, cli.command)));
    match result {
        Ok(Ok(())) => 0,
        Ok(Err(err)) => {
            let err = err.at_data_file(&ctx.data).render_field(error::flag_of);
            ctx.ui.report_error(&err);
            err.exit_code()
        }
        Err(_) => ErrorKind::Internal.exit_code(),
    }
}

/// clap's own errors: help and version go to stdout with exit 0; usage errors exit 2, as a
/// JSON object with `--json`.
fn clap_error(e: clap::Error, json: bool) -> u8 {
    use clap::error::ErrorKind as K;
    match e.kind() {
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            }
        }
        _ if json => {
            let text = e.render().to_string();
            let message = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            let err = HqError::new(ErrorKind::Usage, message)
                .hinted("see `hq --help`, or --help after any command");
            let ui = ui::Ui::new(ui::UiOptions {
                json: true,
                ..Default::default()
            });
            ui.report_error(&err);
            2
        }
        _ => {
            let _ = e.print();
            2
        }
    }
}
