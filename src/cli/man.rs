use std::path::PathBuf;

use clap::Args;

use crate::context::Context;
use crate::error::{ErrorKind, HqError, Result};

/// Print the man page, or write one page per command into a folder
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq man | man -l -\n  hq man --out target/man")]
pub(crate) struct ManArgs {
    /// Write hq.1, hq-store.1, hq-store-add.1, ... into this folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `tree` is the command tree ([`super::command`]), handed in so that no noun imports it.
pub(crate) fn run(ctx: &Context, args: ManArgs, tree: clap::Command) -> Result<()> {
    let cmd = tree;
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
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            ctx.ui.print_raw(&buf)
        }
    }
}
