//! `hq customer-group`: customer groups with payment terms and financial dimensions.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::{HqError, Result};
use crate::ops::customer::{self, GroupInput};
use crate::ui::{Table, Ui};

#[derive(Debug, Subcommand)]
pub(crate) enum CustomerGroupCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(SetArgs),
    Remove(RemoveArgs),
}

/// Add a customer group
///
/// Its financial dimensions are what new customers of a store get, through the store's
/// default customer's group.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer-group add 30 --description \"Retail customers\" --dimension BusinessUnit=002 --dimension Department=022")]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    /// Payment terms, e.g. Net30
    #[arg(long)]
    pub payment_terms: Option<String>,
    /// A financial dimension NAME=VALUE (repeat)
    #[arg(long = "dimension", value_name = "NAME=VALUE")]
    pub dimensions: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Change a customer group ('' clears the payment terms)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group set 30 --dimension BusinessUnit=003 --remove-dimension Department"
)]
pub(crate) struct SetArgs {
    /// The group's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: Option<String>,
    /// Payment terms
    #[arg(long)]
    pub payment_terms: Option<String>,
    /// Set a financial dimension NAME=VALUE (repeat)
    #[arg(long = "dimension", value_name = "NAME=VALUE")]
    pub dimensions: Vec<String>,
    /// Drop a financial dimension by name (repeat)
    #[arg(long = "remove-dimension", value_name = "NAME")]
    pub remove_dimensions: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List customer groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer-group list --json")]
pub(crate) struct ListArgs {}

/// Show a customer group
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer-group show 30 --json")]
pub(crate) struct ShowArgs {
    /// The group's id
    pub id: String,
}

/// Remove a customer group (refused while customers are in it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer-group remove 40")]
pub(crate) struct RemoveArgs {
    /// The group's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn dims(g: &CustomerGroup) -> String {
    g.dimensions
        .iter()
        .map(|d| format!("{}={}", d.name, d.value))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_one(ui: &Ui, g: &CustomerGroup) -> Result<()> {
    ui.print_fields(&[
        ("ID", g.id.clone()),
        ("Description", g.description.clone()),
        ("Payment terms", or_dash(g.payment_terms.as_deref())),
        ("Financial dimensions", dims(g)),
    ])
}

pub(crate) fn run(ctx: &Context, cmd: CustomerGroupCommand) -> Result<()> {
    match cmd {
        CustomerGroupCommand::List(_) => {
            let db = ctx.open()?;
            let all = customer::groups(db.read())?;
            ctx.ui.emit(&all, |ui| {
                let mut t =
                    Table::new(&["ID", "DESCRIPTION", "PAYMENT TERMS", "FINANCIAL DIMENSIONS"]);
                for g in &all {
                    t.row(vec![
                        g.id.clone(),
                        g.description.clone(),
                        or_dash(g.payment_terms.as_deref()),
                        dims(g),
                    ]);
                }
                ui.print_table(t)
            })
        }
        CustomerGroupCommand::Show(a) => {
            let db = ctx.open()?;
            let g = customer::get_group(db.read(), "ID", &a.id)?;
            ctx.ui.emit(&g, |ui| print_one(ui, &g))
        }
        CustomerGroupCommand::Add(a) => {
            let mut db = ctx.open()?;
            let input = GroupInput {
                description: Some(a.description),
                payment_terms: a.payment_terms,
                dimensions: a.dimensions,
                remove_dimensions: Vec::new(),
            };
            let applied = customer::add_group(&mut db, &ctx.env, a.write.mode(), &a.id, input)?;
            ctx.ui.report(&applied, String::new)
        }
        CustomerGroupCommand::Set(a) => {
            let input = GroupInput {
                description: a.description,
                payment_terms: a.payment_terms,
                dimensions: a.dimensions,
                remove_dimensions: a.remove_dimensions,
            };
            if input.description.is_none()
                && input.payment_terms.is_none()
                && input.dimensions.is_empty()
                && input.remove_dimensions.is_empty()
            {
                return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                    &[],
                    "customer-group set",
                )));
            }
            let mut db = ctx.open()?;
            let applied = customer::set_group(&mut db, &ctx.env, a.write.mode(), &a.id, input)?;
            ctx.ui
                .report(&applied, || "the group already has those values".into())
        }
        CustomerGroupCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied = customer::remove_group(&mut db, &ctx.env, a.write.mode(), &a.id)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
