//! `hq pos ... customer`: customers at the store (612), their cards and attributes.

use clap::{Args, Subcommand};

use super::AccountArgs;
use crate::cli::WriteArgs;
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
    /// Client book attribute values
    #[command(subcommand)]
    Attribute(AttributeCommand),
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
    /// The customer account
    pub account: String,
    /// Attribute values of the client book attribute group
    #[arg(required = true, value_name = "NAME=VALUE")]
    pub pairs: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: CustomerCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        CustomerCommand::Add(x) => {
            let x = *x;
            let applied =
                pos::add_customer(db, env, x.write.mode(), p, x.new.into_new(x.fields.0))?;
            ctx.ui.report(&applied, String::new)
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
        CustomerCommand::Attribute(AttributeCommand::Set(s)) => {
            let applied = pos::set_attributes(db, env, s.write.mode(), p, &s.account, &s.pairs)?;
            let account = applied.value.account.clone();
            ctx.ui.report(&applied, || {
                format!("customer {account} already has those values")
            })
        }
    }
}
