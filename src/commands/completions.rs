use clap::Args;
use clap_complete::Shell;

use crate::context::Context;
use crate::error::Result;

/// Print a shell completion script
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq completions bash > ~/.local/share/bash-completion/completions/hq\n  hq completions zsh > ~/.zfunc/_hq"
)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &Context, args: CompletionsArgs) -> Result<()> {
    let mut cmd = crate::cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "hq", &mut buf);
    ctx.ui.print_raw(&buf)
}
