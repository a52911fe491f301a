use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::customer::{self, CustomerPatch};

/// Change a customer ('' clears an optional value)
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer set 100001 --receipt-email ''
  hq customer set 100002 --add-affiliation Loyal --group 40")]
pub struct SetArgs {
    /// The customer account
    pub account: String,
    /// A person's first name
    #[arg(long)]
    pub first_name: Option<String>,
    /// A person's middle name
    #[arg(long)]
    pub middle_name: Option<String>,
    /// A person's last name
    #[arg(long)]
    pub last_name: Option<String>,
    /// An organization's name
    #[arg(long)]
    pub organization_name: Option<String>,
    /// The customer group (financial dimensions stay as they are)
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// print, email or print-and-email
    #[arg(long, value_name = "OPTION")]
    pub receipt_option: Option<String>,
    /// Where email receipts go
    #[arg(long, value_name = "EMAIL")]
    pub receipt_email: Option<String>,
    /// ISO 4217 currency
    #[arg(long)]
    pub currency: Option<String>,
    /// BCP 47 language tag
    #[arg(long)]
    pub language: Option<String>,
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
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let p = CustomerPatch {
        first_name: a.first_name,
        middle_name: a.middle_name,
        last_name: a.last_name,
        organization_name: a.organization_name,
        group: a.group,
        receipt_option: a.receipt_option,
        receipt_email: a.receipt_email,
        currency: a.currency,
        language: a.language,
        add_affiliations: a.add_affiliations,
        remove_affiliations: a.remove_affiliations,
        add_address_books: a.add_address_books,
        remove_address_books: a.remove_address_books,
    };
    if p.is_empty() {
        return Err(HqError::usage("nothing to change").hinted("see `hq customer set --help`"));
    }
    let mut db = ctx.open()?;
    let applied = customer::set(&mut db, &ctx.env, a.write.mode(), &a.account, p)?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account} already has those values")
    })
}
