use clap::Args;
use clap_complete::Shell;

use crate::context::Context;
use crate::error::Result;

/// Print a shell completion script
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq completions bash > ~/.local/share/bash-completion/completions/hq\n  hq completions zsh > ~/.zfunc/_hq"
)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `tree` is the command tree ([`super::command`]), handed in so that no noun imports it.
pub(crate) fn run(ctx: &Context, args: CompletionsArgs, mut tree: clap::Command) -> Result<()> {
    let cmd = &mut tree;
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, cmd, "hq", &mut buf);
    ctx.ui.print_raw(&buf)
}
