use clap::Args;

use crate::cli::{WriteArgs, parse_bool};
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::store::{self, StorePatch};

const EXAMPLES: &str = "Examples:
  hq store set HOUSTON --default-customer 100001
  hq store set HOUSTON --name \"Houston Galleria\"
  hq store set HOUSTON --add-customer-address-book TEXAS-CUST
  hq store set HOUSTON --async-customer-creation=false --dry-run";

/// Change a store
///
/// Give only what changes. `--state ''` and `--postal-code ''` clear those parts of the
/// address. A store's legal entity is fixed once it exists.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct SetArgs {
    /// The store number
    pub number: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// A new currency (ISO 4217)
    #[arg(long)]
    pub currency: Option<String>,
    /// A new time zone (IANA)
    #[arg(long)]
    pub time_zone: Option<String>,
    /// Primary address: street
    #[arg(long)]
    pub street: Option<String>,
    /// Primary address: city
    #[arg(long)]
    pub city: Option<String>,
    /// Primary address: state ('' clears it)
    #[arg(long)]
    pub state: Option<String>,
    /// Primary address: postal code ('' clears it)
    #[arg(long)]
    pub postal_code: Option<String>,
    /// Primary address: country (ISO 3166)
    #[arg(long)]
    pub country: Option<String>,
    /// Replace the customer address books with these (repeat for more)
    #[arg(long = "customer-address-book", value_name = "ID")]
    pub customer_address_books: Vec<String>,
    /// Add a customer address book
    #[arg(long = "add-customer-address-book", value_name = "ID")]
    pub add_customer_address_books: Vec<String>,
    /// Remove a customer address book (one must remain)
    #[arg(long = "remove-customer-address-book", value_name = "ID")]
    pub remove_customer_address_books: Vec<String>,
    /// Replace the employee address books with these (repeat for more)
    #[arg(long = "employee-address-book", value_name = "ID")]
    pub employee_address_books: Vec<String>,
    /// Add an employee address book
    #[arg(long = "add-employee-address-book", value_name = "ID")]
    pub add_employee_address_books: Vec<String>,
    /// Remove an employee address book (one must remain)
    #[arg(long = "remove-employee-address-book", value_name = "ID")]
    pub remove_employee_address_books: Vec<String>,
    /// The channel database the store reads from
    #[arg(long, value_name = "ID")]
    pub channel_db: Option<String>,
    /// The default customer new customers inherit from ('' clears it); it must be a customer of
    /// the store's legal entity
    #[arg(long, value_name = "ACCOUNT")]
    pub default_customer: Option<String>,
    /// Functionality profile: create customers asynchronously
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub async_customer_creation: Option<bool>,
    /// Functionality profile: allow creating customers while offline
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub offline_customer_creation: Option<bool>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let non_empty = |v: Vec<String>| (!v.is_empty()).then_some(v);
    let patch = StorePatch {
        name: a.name,
        currency: a.currency,
        time_zone: a.time_zone,
        street: a.street,
        city: a.city,
        state: a.state,
        postal_code: a.postal_code,
        country: a.country,
        customer_address_books: non_empty(a.customer_address_books),
        add_customer_address_books: a.add_customer_address_books,
        remove_customer_address_books: a.remove_customer_address_books,
        employee_address_books: non_empty(a.employee_address_books),
        add_employee_address_books: a.add_employee_address_books,
        remove_employee_address_books: a.remove_employee_address_books,
        channel_db: a.channel_db,
        async_customer_creation: a.async_customer_creation,
        offline_customer_creation: a.offline_customer_creation,
        default_customer: a.default_customer,
    };
    if patch.is_empty() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "store set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = store::set(&mut db, &ctx.env, a.write.mode(), &a.number, patch)?;
    let number = applied.value.number.clone();
    ctx.ui.report(&applied, || {
        format!("store {number} already has those values")
    })
}
