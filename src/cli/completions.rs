use clap::Args;
use clap_complete::Shell;
use clap_complete::env::EnvCompleter;

use crate::context::Context;
use crate::error::Result;

/// Print a shell completion script
///
/// The script asks hq itself for completions as you type (`COMPLETE=<shell> hq ...`), so they
/// know the data: `hq store show <TAB>` offers the stores of the data file (`--data` on the
/// line, else HQ_DATA, else ./hq.db), likewise workers, customers by account prefix, legal
/// entities, features, job numbers, attribute groups and the rest. `--static` prints the
/// script of the commands and flags alone, which never runs hq.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq completions bash > ~/.local/share/bash-completion/completions/hq
  hq completions zsh > ~/.zfunc/_hq
  echo 'source <(COMPLETE=bash hq)' >> ~/.bashrc        # the same, read at each start")]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
    /// Commands and flags only (no data file is read when completing)
    #[arg(long = "static")]
    pub fixed: bool,
}

/// `tree` is the command tree ([`super::command`]), handed in so that no noun imports it.
pub(crate) fn run(ctx: &Context, args: CompletionsArgs, mut tree: clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    if args.fixed {
        clap_complete::generate(args.shell, &mut tree, "hq", &mut buf);
        return ctx.ui.print_raw(&buf);
    }
    let shell: &dyn EnvCompleter = match args.shell {
        Shell::Bash => &clap_complete::env::Bash,
        Shell::Elvish => &clap_complete::env::Elvish,
        Shell::Fish => &clap_complete::env::Fish,
        Shell::PowerShell => &clap_complete::env::Powershell,
        _ => &clap_complete::env::Zsh,
    };
    // The program the shell runs for completions: this one, where it is.
    let me = std::env::current_exe()
        .ok()
        .map_or_else(|| "hq".to_string(), |p| p.to_string_lossy().into_owned());
    shell.write_registration("COMPLETE", "hq", "hq", &me, &mut buf)?;
    ctx.ui.print_raw(&buf)
}
