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
    /// The customer account
    pub account: String,
    /// NAME=VALUE pairs
    #[arg(required = true, value_name = "NAME=VALUE")]
    pub values: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: AttributeCommand) -> Result<()> {
    let AttributeCommand::Set(a) = cmd;
    let mut db = ctx.open()?;
    let applied = customer::set_declared_attributes(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.account,
        &a.values,
    )?;
    ctx.ui
        .report(&applied, || "the customer already has those values".into())
}
