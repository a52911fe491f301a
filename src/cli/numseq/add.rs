use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, ask_key};
use crate::context::Context;
use crate::domain::numseq::NumberSequence;
use crate::error::Result;
use crate::ops::numseq;

/// Add a number sequence
///
/// The format is constant text with `#` digit placeholders (at least one): `CB-#####` gives
/// CB-00001. Defaults: smallest 1, largest the most the digits hold, next the smallest,
/// scope shared (legal-entity when --legal-entity is given). At a terminal, hq asks for what
/// is missing.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq numseq add CLIENTBOOK --format \"CB-#####\" --scope legal-entity --legal-entity USRT
  hq numseq add CUSTACCT --format \"######\" --next 100001 --scope legal-entity --legal-entity USRT")]
pub(crate) struct AddArgs {
    /// The sequence code
    pub code: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<NumberSequence>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, mut a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let code = ask_key::<NumberSequence>(&ctx.ui, a.code)?;
    a.fields.ask_missing(&ctx.ui, db.read())?;
    let applied = numseq::add(&mut db, &ctx.env, a.write.mode(), &code, a.fields.0)?;
    ctx.ui.report(&applied, String::new)
}
