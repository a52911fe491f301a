use clap::Args;

use crate::cli::{WriteArgs, parse_bool};
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::numseq::{self, SequencePatch};

/// Change a number sequence: stop or start it, move next, raise largest
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq numseq set CUSTACCT --next 200001
  hq numseq set CUSTACCT --next 100001 --force   # back, below accounts in use (a warning)
  hq numseq set CLIENTBOOK --stopped
  hq numseq set CLIENTBOOK --no-stopped --largest 99999")]
pub(crate) struct SetArgs {
    /// The sequence code
    pub code: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// The smallest number
    #[arg(long, value_name = "N")]
    pub smallest: Option<u64>,
    /// The largest number (must fit the format, and not be below numbers handed out)
    #[arg(long, value_name = "N")]
    pub largest: Option<u64>,
    /// The next number to hand out (never at or below a number in use, unless --force)
    #[arg(long, value_name = "N")]
    pub next: Option<u64>,
    /// Move --next back to or below numbers already in use (allocations of those are refused)
    #[arg(long, requires = "next")]
    pub force: bool,
    /// Stop allocation
    #[arg(long, conflicts_with = "no_stopped")]
    pub stopped: bool,
    /// Start allocation again
    #[arg(long)]
    pub no_stopped: bool,
    /// Numbers typed in by people (true) or allocated (false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub manual: Option<bool>,
    /// No gaps
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub continuous: Option<bool>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let stopped = if a.stopped {
        Some(true)
    } else if a.no_stopped {
        Some(false)
    } else {
        None
    };
    let patch = SequencePatch {
        name: a.name,
        smallest: a.smallest,
        largest: a.largest,
        next: a.next,
        manual: a.manual,
        continuous: a.continuous,
        stopped,
        force: a.force,
    };
    if patch.is_empty() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "numseq set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = numseq::set(&mut db, &ctx.env, a.write.mode(), &a.code, patch)?;
    let code = applied.value.sequence.code.clone();
    ctx.ui.report(&applied, || {
        format!("number sequence {code} already has those values")
    })
}
