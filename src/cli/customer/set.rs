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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    #[command(flatten)]
    pub fields: crate::cli::record::SetArgs<crate::domain::customer::Customer>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let account = super::ask_account(ctx, db.read(), a.account)?;
    set(
        ctx,
        &mut db,
        (&account, crate::ops::customer::At::Hq),
        a.fields,
        a.write,
    )
}

/// `customer set`, in HQ or at a store (`at`).
pub(crate) fn set<O: crate::cli::record::Omit>(
    ctx: &Context,
    db: &mut crate::db::Db,
    (account, at): (&str, customer::At),
    mut fields: crate::cli::record::RecordArgs<crate::domain::customer::Customer, true, O>,
    write: WriteArgs,
) -> Result<()> {
    if fields.0.is_empty() {
        if !ctx.ui.interactive() {
            return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                &[],
                "customer set",
            )));
        }
        let current = customer::current(db.read(), account)?;
        fields.ask_changes(&ctx.ui, db.read(), &current)?;
    }
    let applied = customer::set(db, &ctx.env, write.mode(), (account, at), fields.0)?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account} already has those values")
    })
}
