//! `hq customer address add|list|set|remove ACCOUNT`.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::WriteArgs;
use crate::cli::args::TextArgs;
use crate::context::Context;
use crate::db::Db;
use crate::domain::customer::{AddressDraft, CustomerAddress};
use crate::domain::model::Described;
use crate::error::Result;
use crate::ops::customer;
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum AddressCommand {
    Add(Box<AddArgs>),
    List(ListArgs),
    Set(Box<SetArgs>),
    Remove(RemoveArgs),
}

/// Change an address by its number in `customer address list`
///
/// Give only what changes; '' clears an optional part (a defaulted one, such as the name,
/// goes back to its default). --primary makes it the primary address.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer address set 100002 2 --purpose \"Post box\" --street \"PO Box 12\"
  hq customer address set 100002 2 --primary")]
pub(crate) struct SetArgs {
    /// The customer account
    pub account: String,
    /// The address's number (from 1)
    pub number: usize,
    #[command(flatten)]
    pub fields: AddressFields,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Add an address; the first is primary, --primary moves the primary
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer address add 100002 --purpose delivery --street \"12 Elm St\" --city Houston --state TX --postal-code 77003")]
pub(crate) struct AddArgs {
    /// The customer account
    pub account: String,
    #[command(flatten)]
    pub fields: AddressFields,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// What `address add` and `address set` take: the purpose, the text fields, primary.
#[derive(Debug, Args)]
pub(crate) struct AddressFields {
    /// home, business, office, post-box, delivery, invoice or other, also as the documents
    /// write them ("Post box"); on add [default: home for a person, business for an
    /// organization]
    #[arg(long, value_parser = crate::cli::args::parse_purpose)]
    pub purpose: Option<String>,
    #[command(flatten)]
    pub text: TextArgs<AddressDraft>,
    /// Make it the primary address
    #[arg(long)]
    pub primary: bool,
}

impl AddressFields {
    fn given(&self) -> bool {
        self.purpose.is_some() || self.primary || self.text.any()
    }
    fn into_draft(self) -> AddressDraft {
        AddressDraft {
            purpose: self.purpose,
            primary: self.primary,
            ..self.text.0
        }
    }
}

/// List a customer's addresses, numbered
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer address list 100002")]
pub(crate) struct ListArgs {
    /// The customer account
    pub account: String,
}

/// Remove an address by its number in `customer address list`
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer address remove 100002 2")]
pub(crate) struct RemoveArgs {
    /// The customer account
    pub account: String,
    /// The address's number (from 1)
    pub number: usize,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Serialize)]
struct Numbered<'a> {
    number: usize,
    #[serde(flatten)]
    address: &'a CustomerAddress,
}

pub(crate) fn run(ctx: &Context, cmd: AddressCommand) -> Result<()> {
    match cmd {
        AddressCommand::List(a) => {
            let db = ctx.open()?;
            let c = customer::get(db.read(), "ACCOUNT", &a.account)?;
            let numbered: Vec<Numbered> = c
                .addresses
                .iter()
                .enumerate()
                .map(|(i, address)| Numbered {
                    number: i + 1,
                    address,
                })
                .collect();
            ctx.ui.emit(&numbered, |ui| {
                let text = CustomerAddress::TEXT;
                let headings: Vec<String> = ["#", "PURPOSE"]
                    .into_iter()
                    .map(str::to_string)
                    .chain(text.iter().map(|f| f.label.to_uppercase()))
                    .chain(["PRIMARY".to_string()])
                    .collect();
                let mut t = Table::new(&headings.iter().map(String::as_str).collect::<Vec<_>>());
                for n in &numbered {
                    let a = n.address;
                    let mut row = vec![n.number.to_string(), a.purpose_name().into()];
                    row.extend(text.iter().map(|f| crate::cli::or_dash(a.text(f.name))));
                    row.push(if a.primary { "yes" } else { "no" }.into());
                    t.row(row);
                }
                ui.print_table(t)
            })
        }
        AddressCommand::Add(a) => add(ctx, &mut ctx.open()?, *a, customer::At::Hq),
        AddressCommand::Set(a) => set(ctx, &mut ctx.open()?, *a, customer::At::Hq),
        AddressCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied =
                customer::remove_address(&mut db, &ctx.env, a.write.mode(), &a.account, a.number)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

/// `address add`, in HQ or at a store (`at`).
pub(crate) fn add(ctx: &Context, db: &mut Db, mut a: AddArgs, at: customer::At) -> Result<()> {
    // What the definition requires and was not given, asked at a terminal. (A phone, never
    // required, would be read for the country given.)
    let country = a.fields.text.0.country.clone().unwrap_or_default();
    a.fields.text.ask_missing(&ctx.ui, &country)?;
    let input = a.fields.into_draft();
    let applied = customer::add_address(db, &ctx.env, a.write.mode(), (&a.account, at), input)?;
    ctx.ui.report(&applied, String::new)
}

/// `address set`, in HQ or at a store (`at`).
pub(crate) fn set(ctx: &Context, db: &mut Db, a: SetArgs, at: customer::At) -> Result<()> {
    if !a.fields.given() {
        return Err(crate::domain::refuse::nothing_to_change(&[], "customer address set").into());
    }
    let input = a.fields.into_draft();
    let applied = customer::set_address(
        db,
        &ctx.env,
        a.write.mode(),
        (&a.account, at),
        a.number,
        input,
    )?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account}'s address already has those values")
    })
}
