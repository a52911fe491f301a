use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;

/// Consume the next numbers of a sequence and print them
///
/// For reserving ids for records made outside hq. Each number is handed out once, even with
/// several hq processes at the same time; the allocation and its audit entry are one
/// transaction.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq numseq allocate CUSTACCT\n  hq numseq allocate CUSTACCT --count 10 --json"
)]
pub(crate) struct AllocateArgs {
    /// The sequence code
    pub code: String,
    /// How many numbers
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub count: u32,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AllocateArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = numseq::allocate(&mut db, &ctx.env, a.write.mode(), &a.code, a.count)?;
    if !ctx.ui.json() {
        for v in &applied.value {
            ctx.ui.print_line(v)?;
        }
    }
    ctx.ui.report(&applied, String::new)
}
