use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;

/// Take a reference off its number sequence
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq numseq unassign client_book_id --legal-entity USRT")]
pub(crate) struct UnassignArgs {
    /// customer_account or client_book_id
    #[arg(ignore_case = true, value_parser = crate::cli::one_of(crate::cli::REFERENCES, false))]
    pub reference: String,
    /// The legal entity the reference belongs to
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: UnassignArgs) -> Result<()> {
    let reference = numseq::parse_reference(&a.reference)?;
    let mut db = ctx.open()?;
    let le = super::assign::ask_legal_entity(ctx, &db, a.legal_entity)?;
    let applied = numseq::unassign(&mut db, &ctx.env, a.write.mode(), reference, le.as_deref())?;
    ctx.ui.report(&applied, || {
        format!("{} has no number sequence assigned", reference.as_str())
    })
}
