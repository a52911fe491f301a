use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self, AddressInput, NewCustomer};

const EXAMPLES: &str = "Examples:
  hq customer add --type person --first-name Default --last-name Customer --group 30 \\
     --currency USD --language en-US --receipt-option email --affiliation Retail \\
     --address-book HOUSTON-CUST --legal-entity USRT
  hq customer add --store HOUSTON --first-name Ada --last-name Lovelace \\
     --email ada@example.com --phone \"+1 713 555 0100\"";

/// Add a customer
///
/// With --store, the customer inherits from the store's default customer: type, customer
/// group, receipt option, receipt email (only when none is given), currency, language and
/// affiliations; values given win. Financial dimensions always come from the default
/// customer's group. Address books default to the store's customer address books, and the
/// address country to the store's. Without --store, give --type, --group and --currency.
/// The account comes from the customer_account number sequence unless --account is given.
///
/// When the store creates customers asynchronously (or with --async), the customer is written
/// to the store's channel database with a temporary id and status pending-sync, not to HQ:
/// at most one email and one phone, no consent, and affiliations only with enhanced async
/// creation. `hq customer sync` converts it.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub struct AddArgs {
    /// Create the customer for this store (inherit from its default customer)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// The account, instead of the next one from the number sequence
    #[arg(long)]
    pub account: Option<String>,
    /// The legal entity [default: the store's, or the only one]
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
    /// person or organization
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    #[command(flatten)]
    pub values: super::ValueArgs,
    /// An affiliation (repeat)
    #[arg(long = "affiliation", value_name = "NAME")]
    pub affiliations: Vec<String>,
    /// A customer address book (repeat)
    #[arg(long = "address-book", value_name = "ID")]
    pub address_books: Vec<String>,
    /// An email address (repeat; more than one needs the multiple-contacts feature)
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// A phone number (repeat; more than one needs the multiple-contacts feature)
    #[arg(long = "phone", value_name = "PHONE")]
    pub phones: Vec<String>,
    /// Create it asynchronously at the store (pending in its channel database until
    /// `hq customer sync`), even if the store's profile does not say so
    #[arg(long = "async", requires = "store")]
    pub force_async: bool,
    /// Consent to marketing on the emails and phones given (needs multiple-contacts)
    #[arg(long)]
    pub marketing_opt_in: bool,
    /// Address purpose [default: home for a person, business for an organization]
    #[arg(long)]
    pub purpose: Option<String>,
    /// Address: street
    #[arg(long, requires = "city")]
    pub street: Option<String>,
    /// Address: city
    #[arg(long, requires = "street")]
    pub city: Option<String>,
    /// Address: state
    #[arg(long, requires = "street")]
    pub state: Option<String>,
    /// Address: postal code
    #[arg(long, requires = "street")]
    pub postal_code: Option<String>,
    /// Address: ISO 3166 country [default: the store's, or the legal entity's]
    #[arg(long, requires = "street")]
    pub country: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let address = a.street.map(|street| AddressInput {
        purpose: a.purpose,
        street,
        city: a.city.unwrap_or_default(),
        state: a.state,
        postal_code: a.postal_code,
        country: a.country,
        primary: true,
    });
    let n = NewCustomer {
        store: a.store,
        account: a.account,
        legal_entity: a.legal_entity,
        kind: a.kind,
        values: a.values.into(),
        affiliations: a.affiliations,
        address_books: a.address_books,
        emails: a.emails,
        phones: a.phones,
        marketing_opt_in: a.marketing_opt_in,
        address,
        force_async: a.force_async,
    };
    let applied = customer::add(&mut db, &ctx.env, a.write.mode(), n)?;
    ctx.ui.report(&applied, String::new)
}
