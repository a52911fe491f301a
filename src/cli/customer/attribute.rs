//! `hq customer attribute set ACCOUNT NAME=VALUE...`.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer;

#[derive(Debug, Subcommand)]
pub(crate) enum AttributeCommand {
    Set(SetArgs),
}

/// Set attribute values of a customer
///
/// Each NAME must be an attribute of the customer attribute group or of the client book
/// attribute group (Commerce parameters), and each VALUE fit its type. An empty VALUE clears
/// it.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer attribute set 100002 PreferredCategory=Handbags\n  hq customer attribute set 100002 PreferredCategory="
)]
pub(crate) struct SetArgs {
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// NAME=VALUE pairs [at a terminal: an attribute chosen, then its value]
    #[arg(value_name = "NAME=VALUE")]
    pub values: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// At a terminal, when no NAME=VALUE is given: an attribute chosen from `names`, then its
/// value (recorded as one NAME=VALUE word); without one, exit 2.
pub(crate) fn ask_pair(
    ctx: &Context,
    names: impl FnOnce() -> Result<Vec<(String, String)>>,
) -> Result<String> {
    let ui = &ctx.ui;
    if !ui.interactive() {
        return Err(
            crate::domain::refuse::missing_positional("NAME=VALUE", "an attribute value").into(),
        );
    }
    let names = names()?;
    let picked = ui.pick_one(
        "attribute",
        &names
            .iter()
            .map(|(n, g)| format!("{n}  ({g})"))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    )?;
    let name = names[picked].0.clone();
    let value = ui.ask_text("", &format!("{name} (empty clears it)"), None, |_| Ok(()))?;
    ui.unrecord_last();
    let pair = format!("{name}={value}");
    ui.positional_given(&pair);
    Ok(pair)
}

pub(crate) fn run(ctx: &Context, cmd: AttributeCommand) -> Result<()> {
    let AttributeCommand::Set(mut a) = cmd;
    let mut db = ctx.open()?;
    let account = super::ask_account(ctx, db.read(), a.account)?;
    if a.values.is_empty() {
        a.values = vec![ask_pair(ctx, || {
            Ok(customer::declared_attributes(db.read())?
                .into_iter()
                .map(|(n, g)| (n, g.to_string()))
                .collect())
        })?];
    }
    let applied =
        customer::set_declared_attributes(&mut db, &ctx.env, a.write.mode(), &account, &a.values)?;
    ctx.ui
        .report(&applied, || "the customer already has those values".into())
}
