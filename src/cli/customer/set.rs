use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::customer::{self, CustomerPatch};

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
    pub values: super::ValueArgs,
    /// Add an affiliation (repeat)
    #[arg(long = "add-affiliation", value_name = "NAME")]
    pub add_affiliations: Vec<String>,
    /// Remove an affiliation (repeat)
    #[arg(long = "remove-affiliation", value_name = "NAME")]
    pub remove_affiliations: Vec<String>,
    /// Add a customer address book (repeat)
    #[arg(long = "add-address-book", value_name = "ID")]
    pub add_address_books: Vec<String>,
    /// Remove an address book (repeat)
    #[arg(long = "remove-address-book", value_name = "ID")]
    pub remove_address_books: Vec<String>,
    /// Replace the customer's financial dimensions (repeat; they otherwise stay as its group
    /// had them when it was created)
    #[arg(long = "dimension", value_name = "NAME=VALUE")]
    pub dimensions: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let p = CustomerPatch {
        values: a.values.into(),
        add_affiliations: a.add_affiliations,
        remove_affiliations: a.remove_affiliations,
        add_address_books: a.add_address_books,
        remove_address_books: a.remove_address_books,
        financial_dimensions: (!a.dimensions.is_empty()).then_some(a.dimensions),
    };
    if p.is_empty() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "customer set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = customer::set(&mut db, &ctx.env, a.write.mode(), &a.account, p)?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account} already has those values")
    })
}
