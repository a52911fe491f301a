use clap::Args;

use super::ScopeArg;
use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq::{self, NewSequence};

/// Add a number sequence
///
/// The format is constant text with `#` digit placeholders (at least one): `CB-#####` gives
/// CB-00001. Defaults: smallest 1, largest the most the digits hold, next the smallest,
/// scope shared (legal-entity when --legal-entity is given).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq numseq add CLIENTBOOK --format \"CB-#####\" --scope legal-entity --legal-entity USRT
  hq numseq add CUSTACCT --format \"######\" --next 100001 --scope legal-entity --legal-entity USRT")]
pub(crate) struct AddArgs {
    /// The sequence code
    pub code: String,
    /// Constant text and # digit placeholders, e.g. CB-#####
    #[arg(long)]
    pub format: String,
    /// A name for people [default: the code]
    #[arg(long)]
    pub name: Option<String>,
    /// shared, or legal-entity (one legal entity's)
    #[arg(long, value_enum)]
    pub scope: Option<ScopeArg>,
    /// The legal entity, for scope legal-entity
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
    /// The smallest number [default: 1]
    #[arg(long, value_name = "N")]
    pub smallest: Option<u64>,
    /// The largest number [default: all the format's digits hold]
    #[arg(long, value_name = "N")]
    pub largest: Option<u64>,
    /// The next number to hand out [default: smallest]
    #[arg(long, value_name = "N")]
    pub next: Option<u64>,
    /// Numbers are typed in by people, never allocated
    #[arg(long)]
    pub manual: bool,
    /// No gaps: a number is never skipped
    #[arg(long)]
    pub continuous: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = numseq::add(
        &mut db,
        &ctx.env,
        a.write.mode(),
        NewSequence {
            code: a.code,
            name: a.name,
            format: a.format,
            scope: a.scope.map(Into::into),
            legal_entity: a.legal_entity,
            smallest: a.smallest,
            largest: a.largest,
            next: a.next,
            manual: a.manual,
            continuous: a.continuous,
        },
    )?;
    ctx.ui.report(&applied, String::new)
}
