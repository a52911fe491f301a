use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::{legal_entity, numseq};

/// Point a reference (customer_account, client_book_id) at a number sequence
///
/// References are per legal entity. Without --legal-entity, the only legal entity is used; at
/// a terminal with several, hq asks which.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq numseq assign client_book_id CLIENTBOOK --legal-entity USRT
  hq numseq assign customer_account CUSTACCT --legal-entity USRT")]
pub(crate) struct AssignArgs {
    /// customer_account or client_book_id
    #[arg(ignore_case = true, value_parser = crate::cli::one_of(crate::cli::REFERENCES, false))]
    pub reference: String,
    /// The sequence code
    pub code: String,
    /// The legal entity the reference belongs to
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AssignArgs) -> Result<()> {
    let reference = numseq::parse_reference(&a.reference)?;
    let mut db = ctx.open()?;
    let le = ask_legal_entity(ctx, &db, a.legal_entity)?;
    let applied = numseq::assign(
        &mut db,
        &ctx.env,
        a.write.mode(),
        reference,
        &a.code,
        le.as_deref(),
    )?;
    let r = format!(
        "{} ({})",
        applied.value.reference, applied.value.legal_entity
    );
    ctx.ui
        .report(&applied, || format!("{r} already uses that sequence"))
}

/// The legal entity flag, asked for at a terminal when there are several to choose from.
pub(super) fn ask_legal_entity(
    ctx: &Context,
    db: &crate::db::Db,
    given: Option<String>,
) -> Result<Option<String>> {
    if given.is_some() || !ctx.ui.interactive() {
        return Ok(given);
    }
    let all = legal_entity::list(db.read())?;
    if all.len() < 2 {
        return Ok(None);
    }
    ctx.ui
        .need_choice(None, "--legal-entity", "legal entity", || {
            Ok(all.into_iter().map(|l| (l.id, l.name)).collect())
        })
        .map(Some)
}
