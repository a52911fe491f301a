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
    /// The group's name [at a terminal: chosen from a list]
    pub group: Option<String>,
    /// The attribute's name [at a terminal: chosen from a list]
    pub attribute: Option<String>,
    /// Display order: lower shows first [at a terminal: after the group's last, offered]
    #[arg(long, allow_negative_numbers = true)]
    pub order: Option<i64>,
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
    /// The group's name [at a terminal: chosen from a list]
    pub group: Option<String>,
    /// The attribute's name [at a terminal: chosen from the group's]
    pub attribute: Option<String>,
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
    /// The group's name [at a terminal: chosen from a list]
    pub group: Option<String>,
    /// The attribute's name [at a terminal: chosen from the group's]
    pub attribute: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// The group (given, or chosen at a terminal) and one attribute: of those not in it (`add`),
/// or of its members.
fn ask_pair(
    ctx: &Context,
    c: &crate::db::Reader,
    group: Option<String>,
    attr: Option<String>,
    members: bool,
) -> Result<(crate::domain::attribute::AttributeGroup, String)> {
    let ui = &ctx.ui;
    let group =
        crate::cli::record::ask_existing::<crate::domain::attribute::AttributeGroup>(ui, c, group)?;
    let g = attribute::get_group(c, "GROUP", &group)?;
    let attr = ui.need_choice(attr, "ATTRIBUTE", "attribute", || {
        let inside = |n: &str| {
            g.attributes
                .iter()
                .any(|m| m.attribute.eq_ignore_ascii_case(n))
        };
        Ok(attribute::list(c)?
            .into_iter()
            .filter(|a| inside(&a.name) == members)
            .map(|a| (a.name, a.friendly_name.unwrap_or_default()))
            .collect())
    })?;
    Ok((g, attr))
}

pub(crate) fn run(ctx: &Context, cmd: MemberCommand) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    match cmd {
        MemberCommand::Add(a) => {
            let asking = a.order.is_none();
            let (g, attr) = ask_pair(ctx, db.read(), a.group, a.attribute, false)?;
            // Offered: after the group's last.
            let next = g
                .attributes
                .iter()
                .map(|m| m.order)
                .max()
                .map_or(1, |o| o + 1);
            let order = match a.order {
                Some(o) => o,
                None => {
                    ui.need_number("--order", "display order (lower shows first)", Some(next))?
                }
            };
            let refinable = if asking && !a.refinable && ui.interactive() {
                ui.ask_yes_no("--refinable", "may it filter a client book", false)?
            } else {
                a.refinable
            };
            let applied = attribute::add_member(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &g.name,
                &attr,
                order,
                refinable,
            )?;
            ctx.ui.report(&applied, String::new)
        }
        MemberCommand::Set(mut a) => {
            let nothing = a.order.is_none() && a.refinable.is_none();
            if nothing && !ui.interactive() {
                return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                    &["order", "refinable"],
                    "attribute-group attribute set",
                )));
            }
            let (g, attr) = ask_pair(ctx, db.read(), a.group, a.attribute, true)?;
            if nothing {
                let now = g
                    .attributes
                    .iter()
                    .find(|m| m.attribute.eq_ignore_ascii_case(&attr))
                    .cloned();
                let (order, refinable) = now.map_or((1, false), |m| (m.order, m.refinable));
                a.order = Some(ui.need_number("--order", "display order", Some(order))?);
                a.refinable =
                    Some(ui.ask_yes_no("--refinable", "may it filter a client book", refinable)?);
            }
            let applied = attribute::set_member(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &g.name,
                &attr,
                a.order,
                a.refinable,
            )?;
            ctx.ui
                .report(&applied, || "the attribute already has those values".into())
        }
        MemberCommand::Remove(a) => {
            let (g, attr) = ask_pair(ctx, db.read(), a.group, a.attribute, true)?;
            let applied =
                attribute::remove_member(&mut db, &ctx.env, a.write.mode(), &g.name, &attr)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
