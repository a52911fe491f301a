use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::customer;

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
pub(crate) struct AddArgs {
    /// Create the customer for this store (inherit from its default customer)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// The account, instead of the next one from the number sequence
    #[arg(long)]
    pub account: Option<String>,
    #[command(flatten)]
    pub fields: crate::cli::record::RecordArgs<crate::domain::customer::Customer>,
    #[command(flatten)]
    pub new: super::NewArgs,
    /// Create it asynchronously at the store (pending in its channel database until
    /// `hq customer sync`), even if the store's profile does not say so
    #[arg(long = "async", requires = "store")]
    pub force_async: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let mut n = a.new.into_new(a.fields.0);
    n.store = a.store;
    n.account = a.account;
    n.force_async = a.force_async;
    let applied = customer::add(&mut db, &ctx.env, a.write.mode(), n)?;
    super::report_made(ctx, &applied)
}
