//! `hq customer-group set`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::customer::{self, GroupInput};
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
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
