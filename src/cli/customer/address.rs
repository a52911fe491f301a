//! `hq customer address add|list|remove ACCOUNT`.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::customer::CustomerAddress;
use crate::error::Result;
use crate::ops::customer::{self, AddressInput};
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub enum AddressCommand {
    Add(AddArgs),
    List(ListArgs),
    Remove(RemoveArgs),
}

/// Add an address; the first is primary, --primary moves the primary
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer address add 100002 --purpose delivery --street \"12 Elm St\" --city Houston --state TX --postal-code 77003")]
pub struct AddArgs {
    /// The customer account
    pub account: String,
    /// home, business, office, post-box, delivery, invoice or other [default: home for a
    /// person, business for an organization]
    #[arg(long, ignore_case = true, value_parser = crate::cli::one_of(crate::cli::PURPOSES, false))]
    pub purpose: Option<String>,
    /// Street
    #[arg(long)]
    pub street: String,
    /// City
    #[arg(long)]
    pub city: String,
    /// State
    #[arg(long)]
    pub state: Option<String>,
    /// Postal code
    #[arg(long)]
    pub postal_code: Option<String>,
    /// ISO 3166 country [default: the legal entity's]
    #[arg(long)]
    pub country: Option<String>,
    /// Make it the primary address
    #[arg(long)]
    pub primary: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List a customer's addresses, numbered
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer address list 100002")]
pub struct ListArgs {
    /// The customer account
    pub account: String,
}

/// Remove an address by its number in `customer address list`
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer address remove 100002 2")]
pub struct RemoveArgs {
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

pub fn run(ctx: &Context, cmd: AddressCommand) -> Result<()> {
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
                let mut t = Table::new(&[
                    "#",
                    "PURPOSE",
                    "STREET",
                    "CITY",
                    "STATE",
                    "POSTAL CODE",
                    "COUNTRY",
                    "PRIMARY",
                ]);
                for n in &numbered {
                    let a = n.address;
                    t.row(vec![
                        n.number.to_string(),
                        a.purpose.as_str().into(),
                        a.street.clone(),
                        a.city.clone(),
                        crate::cli::or_dash(a.state.as_deref()),
                        crate::cli::or_dash(a.postal_code.as_deref()),
                        a.country.clone(),
                        if a.primary { "yes" } else { "no" }.into(),
                    ]);
                }
                ui.print_table(t)
            })
        }
        AddressCommand::Add(a) => {
            let mut db = ctx.open()?;
            let input = AddressInput {
                purpose: a.purpose,
                street: a.street,
                city: a.city,
                state: a.state,
                postal_code: a.postal_code,
                country: a.country,
                primary: a.primary,
            };
            let applied =
                customer::add_address(&mut db, &ctx.env, a.write.mode(), &a.account, input)?;
            ctx.ui.report(&applied, String::new)
        }
        AddressCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied =
                customer::remove_address(&mut db, &ctx.env, a.write.mode(), &a.account, a.number)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
