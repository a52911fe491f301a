use clap::Args;

use crate::cli::{WriteArgs, parse_bool};
use crate::context::Context;
use crate::domain::org::AddressBookKind;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::store::{self, NewStore};
use crate::ops::{address_book, legal_entity};

const EXAMPLES: &str = "Examples:
  hq store add HOUSTON --name Houston --legal-entity USRT --currency USD \\
     --time-zone America/Chicago --street \"1 Main St\" --city Houston --state TX \\
     --postal-code 77002 --country US \\
     --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
  hq store add SEATTLE ... --async-customer-creation --channel-db WEST";

/// Add a store
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct AddArgs {
    /// The store number: 1 to 10 letters or digits
    pub number: Option<String>,
    /// The store's name
    #[arg(long)]
    pub name: Option<String>,
    /// The legal entity the store belongs to (fixed once the store exists)
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
    /// ISO 4217 currency, e.g. USD
    #[arg(long)]
    pub currency: Option<String>,
    /// IANA time zone, e.g. America/Chicago
    #[arg(long)]
    pub time_zone: Option<String>,
    /// Primary address: street
    #[arg(long)]
    pub street: Option<String>,
    /// Primary address: city
    #[arg(long)]
    pub city: Option<String>,
    /// Primary address: state or region
    #[arg(long)]
    pub state: Option<String>,
    /// Primary address: postal code
    #[arg(long)]
    pub postal_code: Option<String>,
    /// Primary address: ISO 3166 country [default: the legal entity's]
    #[arg(long)]
    pub country: Option<String>,
    /// A customer address book (repeat for more; at least one)
    #[arg(long = "customer-address-book", value_name = "ID")]
    pub customer_address_books: Vec<String>,
    /// An employee address book (repeat for more; at least one)
    #[arg(long = "employee-address-book", value_name = "ID")]
    pub employee_address_books: Vec<String>,
    /// The channel database the store reads from [default: Default]
    #[arg(long, value_name = "ID")]
    pub channel_db: Option<String>,
    /// Functionality profile: create customers asynchronously
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub async_customer_creation: Option<bool>,
    /// Functionality profile: allow creating customers while offline
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = parse_bool)]
    pub offline_customer_creation: Option<bool>,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn check<T>(r: std::result::Result<T, validate::Invalid>) -> std::result::Result<(), String> {
    r.map(drop).map_err(|e| e.reason)
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    let number = ui.need_text(
        a.number,
        "NUMBER",
        "store number (1 to 10 letters or digits)",
        |v| check(validate::store_number("NUMBER", v)),
    )?;
    let name = ui.need_text(a.name, "--name", "store name", |v| {
        check(validate::name("--name", v))
    })?;
    let legal_entity = ui.need_choice(a.legal_entity, "--legal-entity", "legal entity", || {
        Ok(legal_entity::list(db.read())?
            .into_iter()
            .map(|le| (le.id, le.name))
            .collect())
    })?;
    let currency = ui.need_text(
        a.currency,
        "--currency",
        "currency (ISO 4217, e.g. USD)",
        |v| check(validate::currency("--currency", v)),
    )?;
    let time_zone = ui.need_text(
        a.time_zone,
        "--time-zone",
        "time zone (e.g. America/Chicago)",
        |v| check(validate::time_zone("--time-zone", v)),
    )?;
    let asked_address = a.street.is_none() || a.city.is_none();
    let street = ui.need_text(a.street, "--street", "street", |v| {
        check(validate::name("--street", v))
    })?;
    let city = ui.need_text(a.city, "--city", "city", |v| {
        check(validate::name("--city", v))
    })?;
    let state = ui.maybe_text(a.state, "--state", "state", asked_address)?;
    let postal_code =
        ui.maybe_text(a.postal_code, "--postal-code", "postal code", asked_address)?;
    let books = |kind: AddressBookKind| {
        let c = db.read();
        move || -> Result<Vec<(String, String)>> {
            Ok(address_book::list(c, Some(kind))?
                .into_iter()
                .map(|b| (b.id, b.name))
                .collect())
        }
    };
    let customer_address_books = ui.need_choices(
        a.customer_address_books,
        "--customer-address-book",
        "customer address books",
        books(AddressBookKind::Customer),
    )?;
    let employee_address_books = ui.need_choices(
        a.employee_address_books,
        "--employee-address-book",
        "employee address books",
        books(AddressBookKind::Employee),
    )?;
    let applied = store::add(
        &mut db,
        &ctx.env,
        a.write.mode(),
        NewStore {
            number,
            name,
            legal_entity,
            currency,
            time_zone,
            street,
            city,
            state,
            postal_code,
            country: a.country,
            customer_address_books,
            employee_address_books,
            channel_db: a.channel_db,
            async_customer_creation: a.async_customer_creation.unwrap_or(false),
            offline_customer_creation: a.offline_customer_creation.unwrap_or(false),
        },
    )?;
    ui.report(&applied, String::new)
}
