//! `hq pos ... customer`: customers at the store (612), their cards and attributes.

use clap::{Args, Subcommand};

use super::AccountArgs;
use crate::cli::WriteArgs;
use crate::cli::customer::ask_account;
use crate::context::Context;
use crate::db::Db;
use crate::error::Result;
use crate::pos::{self, Pos};
use crate::ui::clienteling as show;

#[derive(Debug, Subcommand)]
pub(crate) enum CustomerCommand {
    /// A new customer for the store (operation 612), inheriting from the store's default
    /// customer as the channel database holds it; async stores keep it pending there
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer add --first-name Zoe --last-name Park --email zoe@example.com"
    )]
    Add(Box<CustomerAddArgs>),
    /// Find customers of the store: the start of a name, email, phone number or account, among
    /// the store's customer address books as its channel database has them
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer search love\n  hq pos --store HOUSTON --worker 000160 customer search ada@example.com --json"
    )]
    Search(SearchArgs),
    /// The customer card: contact details and three properties (Customer Insights measures
    /// first, then client book attributes by display order)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer card 100002 --json"
    )]
    Card(AccountArgs),
    /// Change a customer (operation 623, Edit customer): names, group, receipt option and
    /// email, currency, language, affiliations; an async customer waiting at the store by its
    /// temporary id, with the async-customer-editing feature ('' clears an optional value)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer set 100002 --last-name Byron --receipt-option email"
    )]
    Set(Box<CustomerSetArgs>),
    /// A customer's emails and phone numbers (operation 623)
    #[command(subcommand)]
    Contact(ContactCommand),
    /// A customer's addresses, several as in HQ (operation 623)
    #[command(subcommand)]
    Address(AddressCommand),
    /// Client book attribute values
    #[command(subcommand)]
    Attribute(AttributeCommand),
}

/// The fields of a customer the store does not change: its financial dimensions and address
/// books are HQ's (and its legal entity is fixed).
#[derive(Debug, Clone)]
pub(crate) struct StoreEdits;

impl crate::cli::record::Omit for StoreEdits {
    const NAMES: &'static [&'static str] = &["financial_dimensions", "address_books"];
}

#[derive(Debug, Args)]
pub(crate) struct CustomerSetArgs {
    /// The customer account (or an async customer's temporary id) [at a terminal: asked for]
    pub account: Option<String>,
    #[command(flatten)]
    pub fields: crate::cli::record::RecordArgs<crate::domain::customer::Customer, true, StoreEdits>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContactCommand {
    /// Add an email or a phone number (more than one of a kind needs multiple-contacts, as
    /// delivered to the store)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer contact add 100002 --phone \"+1 713 555 0199\""
    )]
    Add(crate::cli::customer::contact::AddArgs),
    /// Change a contact: its value, whether it is the primary of its kind, the consent
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer contact set 100002 ada@example.com --marketing-opt-in false"
    )]
    Set(crate::cli::customer::contact::SetArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AddressCommand {
    /// Add an address; the first is primary, --primary moves the primary
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer address add 100002 --purpose delivery --street \"12 Elm St\" --city Houston"
    )]
    Add(Box<crate::cli::customer::address::AddArgs>),
    /// Change an address by its number
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer address set 100002 2 --primary"
    )]
    Set(Box<crate::cli::customer::address::SetArgs>),
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The start of a name, email, phone number (digits) or account
    pub text: String,
    /// At most this many customers
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,
    /// Skip this many first
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,
}

#[derive(Debug, Args)]
pub(crate) struct CustomerAddArgs {
    #[command(flatten)]
    pub fields: crate::cli::record::RecordArgs<
        crate::domain::customer::Customer,
        false,
        crate::cli::customer::AtStore,
    >,
    #[command(flatten)]
    pub new: crate::cli::customer::NewArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AttributeCommand {
    /// Set client book attribute values (an empty value removes one)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer attribute set 100002 PreferredCategory=Handbags"
    )]
    Set(AttributeSetArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AttributeSetArgs {
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// Attribute values of the client book attribute group [at a terminal: an attribute
    /// chosen, then its value]
    #[arg(value_name = "NAME=VALUE")]
    pub pairs: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: CustomerCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        CustomerCommand::Add(x) => {
            let mut x = *x;
            // The name, as the store's default customer's type says (an organization's, or a
            // person's).
            if ctx.ui.interactive() {
                let organization = match x.fields.0.get("type") {
                    Some(v) => v.text() == Some("organization"),
                    None => crate::ops::customer::store_default(db.read(), &p.store)
                        .is_ok_and(|(_, d)| d.kind.as_str() == "organization"),
                };
                crate::cli::customer::add::ask_name(&ctx.ui, &mut x.fields.0, organization)?;
            }
            let applied =
                pos::add_customer(db, env, x.write.mode(), p, x.new.into_new(x.fields.0))?;
            crate::cli::customer::report_made(ctx, &applied)
        }
        CustomerCommand::Search(a) => {
            let (found, more) = pos::search(db.read(), p, &a.text, (a.limit, a.offset))?;
            ctx.ui
                .emit(&found, |ui| crate::cli::customer::print_list(ui, &found))?;
            ctx.ui.more(more, "customers");
            Ok(())
        }
        CustomerCommand::Card(c) => {
            let card = pos::card(db.read(), p, &c.account)?;
            ctx.ui.emit(&card, |ui| show::print_card(ui, &card))
        }
        CustomerCommand::Set(x) => {
            let x = *x;
            let account = ask_account(ctx, db.read(), x.account)?;
            let at = pos::editing(db.read(), env, p, &account)?;
            crate::cli::customer::set::set(ctx, db, (&account, at), x.fields, x.write)
        }
        CustomerCommand::Contact(ContactCommand::Add(mut a)) => {
            let account = ask_account(ctx, db.read(), a.account.take())?;
            let at = pos::editing(db.read(), env, p, &account)?;
            a.account = Some(account);
            crate::cli::customer::contact::add(ctx, db, a, at)
        }
        CustomerCommand::Contact(ContactCommand::Set(mut a)) => {
            let account = ask_account(ctx, db.read(), a.account.take())?;
            let at = pos::editing(db.read(), env, p, &account)?;
            a.account = Some(account);
            crate::cli::customer::contact::set(ctx, db, a, at)
        }
        CustomerCommand::Address(AddressCommand::Add(mut a)) => {
            let account = ask_account(ctx, db.read(), a.account.take())?;
            let at = pos::editing(db.read(), env, p, &account)?;
            a.account = Some(account);
            crate::cli::customer::address::add(ctx, db, *a, at)
        }
        CustomerCommand::Address(AddressCommand::Set(mut a)) => {
            let account = ask_account(ctx, db.read(), a.account.take())?;
            let at = pos::editing(db.read(), env, p, &account)?;
            a.account = Some(account);
            crate::cli::customer::address::set(ctx, db, *a, at)
        }
        CustomerCommand::Attribute(AttributeCommand::Set(mut s)) => {
            let account = ask_account(ctx, db.read(), s.account)?;
            if s.pairs.is_empty() {
                s.pairs = vec![crate::cli::customer::attribute::ask_pair(ctx, || {
                    Ok(crate::ops::customer::declared_attributes(db.read())?
                        .into_iter()
                        .filter(|(_, g)| g.starts_with("client book"))
                        .map(|(n, g)| (n, g.to_string()))
                        .collect())
                })?];
            }
            let applied = pos::set_attributes(db, env, s.write.mode(), p, &account, &s.pairs)?;
            let account = applied.value.account.clone();
            ctx.ui.report(&applied, || {
                format!("customer {account} already has those values")
            })
        }
    }
}
