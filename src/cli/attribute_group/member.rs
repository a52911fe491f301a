//! `hq attribute-group attribute add|set|remove GROUP ATTRIBUTE`: one small file for three
//! verbs that share their arguments.

use clap::{Args, Subcommand};

use crate::cli::{WriteArgs, parse_bool};
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::attribute;

#[derive(Debug, Subcommand)]
pub(crate) enum MemberCommand {
    Add(AddArgs),
    Set(SetArgs),
    Remove(RemoveArgs),
}

/// Put an attribute in a group, with its display order
///
/// Refused when the group is the customer attribute group and the attribute is datetime or
/// reference (customers cannot carry those).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq attribute-group attribute add Clienteling PreferredCategory --order 1 --refinable
  hq attribute-group attribute add Clienteling Birthday --order 2")]
pub(crate) struct AddArgs {
    /// The group's name
    pub group: String,
    /// The attribute's name
    pub attribute: String,
    /// Display order: lower shows first
    #[arg(long, allow_negative_numbers = true)]
    pub order: i64,
    /// May be used to filter a client book
    #[arg(long)]
    pub refinable: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Change an attribute's display order or refinable flag in a group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq attribute-group attribute set Clienteling Birthday --order 3 --refinable=false"
)]
pub(crate) struct SetArgs {
    /// The group's name
    pub group: String,
    /// The attribute's name
    pub attribute: String,
    /// Display order
    #[arg(long, allow_negative_numbers = true)]
    pub order: Option<i64>,
    /// May be used to filter a client book
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub refinable: Option<bool>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Take an attribute out of a group
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq attribute-group attribute remove Clienteling Birthday")]
pub(crate) struct RemoveArgs {
    /// The group's name
    pub group: String,
    /// The attribute's name
    pub attribute: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: MemberCommand) -> Result<()> {
    let mut db = ctx.open()?;
    match cmd {
        MemberCommand::Add(a) => {
            let applied = attribute::add_member(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.group,
                &a.attribute,
                a.order,
                a.refinable,
            )?;
            ctx.ui.report(&applied, String::new)
        }
        MemberCommand::Set(a) => {
            if a.order.is_none() && a.refinable.is_none() {
                return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                    &["order", "refinable"],
                    "attribute-group attribute set",
                )));
            }
            let applied = attribute::set_member(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.group,
                &a.attribute,
                a.order,
                a.refinable,
            )?;
            ctx.ui
                .report(&applied, || "the attribute already has those values".into())
        }
        MemberCommand::Remove(a) => {
            let applied = attribute::remove_member(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.group,
                &a.attribute,
            )?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
