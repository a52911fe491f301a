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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The address's number (from 1) [at a terminal: chosen from the customer's]
    pub number: Option<usize>,
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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
}

/// Remove an address by its number in `customer address list`
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer address remove 100002 2")]
pub(crate) struct RemoveArgs {
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The address's number (from 1) [at a terminal: chosen from the customer's]
    pub number: Option<usize>,
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
            let account = super::ask_account(ctx, db.read(), a.account)?;
            let c = customer::get(db.read(), "ACCOUNT", &account)?;
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
                // Which is primary before the address's parts: a narrow terminal leaves out
                // the last columns.
                let headings: Vec<String> = ["#", "PURPOSE", "PRIMARY"]
                    .into_iter()
                    .map(str::to_string)
                    .chain(text.iter().map(|f| f.label.to_uppercase()))
                    .collect();
                let mut t = Table::new(&headings.iter().map(String::as_str).collect::<Vec<_>>());
                for n in &numbered {
                    let a = n.address;
                    let mut row = vec![
                        n.number.to_string(),
                        a.purpose_name().into(),
                        if a.primary { "yes" } else { "no" }.into(),
                    ];
                    row.extend(text.iter().map(|f| crate::cli::or_dash(a.text(f.name))));
                    t.row(row);
                }
                ui.print_table(t)
            })
        }
        AddressCommand::Add(a) => add(ctx, &mut ctx.open()?, *a, customer::At::Hq),
        AddressCommand::Set(a) => set(ctx, &mut ctx.open()?, *a, customer::At::Hq),
        AddressCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let account = super::ask_account(ctx, db.read(), a.account)?;
            let number = ask_number(ctx, db.read(), &account, a.number)?;
            let applied =
                customer::remove_address(&mut db, &ctx.env, a.write.mode(), &account, number)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

/// One of a customer's addresses by its number: given, or chosen at a terminal.
fn ask_number(
    ctx: &Context,
    c: &crate::db::Reader,
    account: &str,
    number: Option<usize>,
) -> Result<usize> {
    let picked = ctx
        .ui
        .need_choice(number.map(|n| n.to_string()), "NUMBER", "address", || {
            Ok(customer::current(c, account)?
                .addresses
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let text: Vec<&str> = CustomerAddress::TEXT
                        .iter()
                        .filter_map(|f| a.text(f.name))
                        .take(3)
                        .collect();
                    (
                        (i + 1).to_string(),
                        format!("{}: {}", a.purpose_name(), text.join(", ")),
                    )
                })
                .collect())
        })?;
    Ok(picked.parse().unwrap_or_default())
}

/// `address add`, in HQ or at a store (`at`).
pub(crate) fn add(ctx: &Context, db: &mut Db, mut a: AddArgs, at: customer::At) -> Result<()> {
    let account = super::ask_account(ctx, db.read(), a.account.take())?;
    // What the definition requires and was not given, asked at a terminal. (A phone, never
    // required, would be read for the country given.)
    let country = a.fields.text.0.country.clone().unwrap_or_default();
    a.fields.text.ask_missing(&ctx.ui, &country)?;
    let input = a.fields.into_draft();
    let applied = customer::add_address(db, &ctx.env, a.write.mode(), (&account, at), input)?;
    ctx.ui.report(&applied, String::new)
}

/// At a terminal, when `address set` is given nothing: which parts change, then each, the
/// current value offered ('' clears an optional part).
fn ask_changes(
    ui: &crate::ui::Ui,
    fields: &mut AddressFields,
    now: &CustomerAddress,
) -> Result<()> {
    let text = CustomerAddress::TEXT;
    let mut items = vec![format!("Purpose  ({})", now.purpose_name())];
    items.extend(
        text.iter()
            .map(|f| format!("{}  ({})", f.label, now.text(f.name).unwrap_or("-"))),
    );
    if !now.primary {
        items.push("Make it the primary address".into());
    }
    for i in ui.pick_many("what to change", &items)? {
        match i {
            0 => {
                let purposes = crate::domain::customer::Purpose::ALL;
                let v = ui.need_choice(None, "--purpose", "purpose", || {
                    Ok(purposes
                        .iter()
                        .map(|p| (p.as_str().to_string(), String::new()))
                        .collect())
                })?;
                fields.purpose = Some(v);
            }
            i if i <= text.len() => {
                let f = &text[i - 1];
                let flag = format!("--{}", f.name.replace('_', "-"));
                let country = now.country.clone().unwrap_or_default();
                let optional = f.presence != crate::domain::model::Presence::Required;
                let v = ui.ask_text(&flag, &f.label.to_lowercase(), now.text(f.name), |v| {
                    if optional && v.is_empty() {
                        return Ok(());
                    }
                    f.check_value(f.name, v, &country)
                        .map(drop)
                        .map_err(|e| e.reason)
                })?;
                fields.text.0.set_text(f.name, Some(v));
            }
            _ => {
                fields.primary = true;
                ui.switch_given("--primary");
            }
        }
    }
    Ok(())
}

/// `address set`, in HQ or at a store (`at`).
pub(crate) fn set(ctx: &Context, db: &mut Db, mut a: SetArgs, at: customer::At) -> Result<()> {
    let ui = &ctx.ui;
    let nothing = !a.fields.given();
    if nothing && !ui.interactive() {
        return Err(crate::domain::refuse::nothing_to_change(&[], "customer address set").into());
    }
    let account = super::ask_account(ctx, db.read(), a.account.take())?;
    let number = ask_number(ctx, db.read(), &account, a.number)?;
    if nothing
        && let Some(now) = customer::current(db.read(), &account)?
            .addresses
            .get(number.saturating_sub(1))
            .cloned()
    {
        ask_changes(ui, &mut a.fields, &now)?;
    }
    let input = a.fields.into_draft();
    let applied =
        customer::set_address(db, &ctx.env, a.write.mode(), (&account, at), number, input)?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account}'s address already has those values")
    })
}
