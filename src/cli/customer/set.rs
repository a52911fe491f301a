use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::customer;

/// Change a customer ('' clears an optional value)
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer set 100001 --receipt-email ''
  hq customer set 100002 --add-affiliation Loyal --group 40
  hq customer set 100002 --dimension BusinessUnit=009 --dimension Department=022")]
pub(crate) struct SetArgs {
    /// The customer account
    pub account: String,
    #[command(flatten)]
    pub fields: crate::cli::record::SetArgs<crate::domain::customer::Customer>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    set(
        ctx,
        &mut ctx.open()?,
        (&a.account, crate::ops::customer::At::Hq),
        a.fields.0,
        a.write,
    )
}

/// `customer set`, in HQ or at a store (`at`).
pub(crate) fn set(
    ctx: &Context,
    db: &mut crate::db::Db,
    (account, at): (&str, customer::At),
    fields: crate::domain::customer::CustomerDraft,
    write: WriteArgs,
) -> Result<()> {
    if fields.is_empty() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "customer set",
        )));
    }
    let applied = customer::set(db, &ctx.env, write.mode(), (account, at), fields)?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account} already has those values")
    })
}
