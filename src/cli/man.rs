use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};

/// Print a command's man page, or write one page per command into a folder
///
/// At a terminal the page is shown through man(1) when it is installed; otherwise (a pipe, a
/// file, no man) the roff source is printed.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq man store add
  hq man | man -l -
  hq man --out target/man")]
pub(crate) struct ManArgs {
    /// The command whose page to show (`store add`) [default: hq's own]
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write hq.1, hq-store.1, hq-store-add.1, ... into this folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `tree` is the command tree ([`super::command`]), handed in so that no noun imports it.
pub(crate) fn run(ctx: &Context, args: ManArgs, tree: clap::Command) -> Result<()> {
    let mut cmd = tree;
    // Global options reach every command's page.
    cmd.build();
    match args.out {
        Some(dir) => {
            let io = |e: std::io::Error| {
                HqError::new(
                    ErrorKind::Io,
                    format!("cannot write man pages to {}: {e}", dir.display()),
                )
            };
            std::fs::create_dir_all(&dir).map_err(io)?;
            clap_mangen::generate_to(cmd, &dir).map_err(io)?;
            ctx.ui
                .status(&format!("Wrote man pages to {}.", dir.display()));
            Ok(())
        }
        None => {
            let mut page = cmd;
            let mut path = vec!["hq".to_string()];
            for word in &args.command {
                let Some(sub) = page.find_subcommand(word).cloned() else {
                    let known: Vec<String> = page
                        .get_subcommands()
                        .map(|s| s.get_name().to_string())
                        .collect();
                    let list = crate::domain::Cmd::new(&path[1..].join(" ")).switch("help");
                    return Err(crate::domain::refuse::not_found(
                        "command", "COMMAND", word, &known, list,
                    )
                    .into());
                };
                path.push(sub.get_name().to_string());
                page = sub;
            }
            let title = path.join("-");
            let mut buf = Vec::new();
            clap_mangen::Man::new(page.name(title.clone()))
                .title(title)
                .render(&mut buf)?;
            ctx.ui.page_man(&buf)
        }
    }
}
