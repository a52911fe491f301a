use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::SetArgs as Fields;
use crate::context::Context;
use crate::domain::numseq::NumberSequence;
use crate::error::{HqError, Result};
use crate::ops::numseq;

/// Change a number sequence: stop or start it, move next, raise largest
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq numseq set CUSTACCT --next 200001
  hq numseq set CUSTACCT --next 100001 --force   # back, below accounts in use (a warning)
  hq numseq set CLIENTBOOK --stopped
  hq numseq set CLIENTBOOK --stopped=false --largest 99999")]
pub(crate) struct SetArgs {
    /// The sequence code [at a terminal: chosen from a list]
    pub code: Option<String>,
    #[command(flatten)]
    pub fields: Fields<NumberSequence>,
    /// Move --next back to or below numbers already in use (allocations of those are refused)
    #[arg(long, requires = "next")]
    pub force: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, mut a: SetArgs) -> Result<()> {
    let ui = &ctx.ui;
    if a.fields.0.is_empty() && !ui.interactive() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "numseq set",
        )));
    }
    let mut db = ctx.open()?;
    let code = ui.need_choice(a.code, "CODE", "number sequence", || {
        Ok(numseq::list(db.read())?
            .into_iter()
            .map(|s| (s.sequence.code, s.sequence.name))
            .collect())
    })?;
    if a.fields.0.is_empty() {
        let current = numseq::get(db.read(), "CODE", &code)?;
        a.fields.ask_changes(ui, db.read(), &current)?;
    }
    let applied = numseq::set(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &code,
        a.fields.0,
        a.force,
    )?;
    let code = applied.value.sequence.code.clone();
    ctx.ui.report(&applied, || {
        format!("number sequence {code} already has those values")
    })
}
