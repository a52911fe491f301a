use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;

/// Print the next value, formatted, without consuming it
///
/// Refused, as allocation would be, when the sequence is stopped, manual or used up.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq numseq next CLIENTBOOK      # CB-00001")]
pub(crate) struct NextArgs {
    /// The sequence code
    pub code: String,
}

#[derive(Serialize)]
struct Next {
    code: String,
    next: String,
}

pub(crate) fn run(ctx: &Context, a: NextArgs) -> Result<()> {
    let db = ctx.open()?;
    let s = numseq::get(db.read(), "CODE", &a.code)?;
    let next = numseq::peek(db.read(), &s.code)?;
    let value = Next { code: s.code, next };
    ctx.ui.emit(&value, |ui| ui.print_line(&value.next))
}
