use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::customer::Customer;
use crate::error::Result;
use crate::ui::{Table, Ui};

pub(crate) mod add;
pub(crate) mod address;
pub(crate) mod attribute;
pub(crate) mod contact;
mod import;
mod list;
mod remove;
pub(crate) mod set;
mod show;
mod sync;
mod timeline;

#[derive(Debug, Subcommand)]
pub(crate) enum CustomerCommand {
    Add(Box<add::AddArgs>),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(Box<set::SetArgs>),
    Remove(remove::RemoveArgs),
    Sync(sync::SyncArgs),
    Import(import::ImportArgs),
    Timeline(timeline::TimelineArgs),
    /// A customer's emails and phone numbers
    #[command(subcommand)]
    Contact(contact::ContactCommand),
    /// A customer's addresses
    #[command(subcommand)]
    Address(address::AddressCommand),
    /// A customer's attribute values (of the customer attribute group)
    #[command(subcommand)]
    Attribute(attribute::AttributeCommand),
}

pub(crate) fn run(ctx: &Context, cmd: CustomerCommand) -> Result<()> {
    match cmd {
        CustomerCommand::Add(a) => add::run(ctx, *a),
        CustomerCommand::List(a) => list::run(ctx, a),
        CustomerCommand::Show(a) => show::run(ctx, a),
        CustomerCommand::Set(a) => set::run(ctx, *a),
        CustomerCommand::Remove(a) => remove::run(ctx, a),
        CustomerCommand::Sync(a) => sync::run(ctx, a),
        CustomerCommand::Import(a) => import::run(ctx, a),
        CustomerCommand::Timeline(a) => timeline::run(ctx, a),
        CustomerCommand::Contact(c) => contact::run(ctx, c),
        CustomerCommand::Address(c) => address::run(ctx, c),
        CustomerCommand::Attribute(c) => attribute::run(ctx, c),
    }
}

/// Customers one a row: account, name, group, primary email and phone, legal entity.
/// The customer account: given, or at a terminal typed and checked to exist (in HQ, or an
/// async customer waiting at a store by its temporary id); without one, exit 2.
pub(crate) fn ask_account(
    ctx: &Context,
    c: &crate::db::Reader,
    value: Option<String>,
) -> Result<String> {
    ctx.ui
        .need_text(value, "ACCOUNT", "customer account", |v| {
            crate::ops::customer::current(c, v.trim())
                .map(drop)
                .map_err(|e| e.message)
        })
        .map(|v| v.trim().to_string())
}

pub(crate) fn print_list(ui: &Ui, all: &[Customer]) -> Result<()> {
    use crate::domain::customer::ContactKind;
    let mut t = Table::new(&["ACCOUNT", "NAME", "GROUP", "EMAIL", "PHONE", "LEGAL ENTITY"]);
    for c in all {
        t.row(vec![
            c.account.clone(),
            c.display_name(),
            c.group.clone(),
            or_dash(
                c.primary_contact(ContactKind::Email)
                    .map(|x| x.value.as_str()),
            ),
            or_dash(
                c.primary_contact(ContactKind::Phone)
                    .map(|x| x.value.as_str()),
            ),
            c.legal_entity.clone(),
        ]);
    }
    ui.print_table(t)
}

fn print_one(ui: &Ui, c: &Customer) -> Result<()> {
    // The name as people read it, then every other field by its label; addresses and contacts
    // as tables of their own.
    let mut fields = vec![("Account", c.account.clone()), ("Name", c.display_name())];
    fields.extend(crate::cli::record::shown_but(
        c,
        &[
            "account",
            "first_name",
            "middle_name",
            "last_name",
            "organization_name",
            "addresses",
            "contacts",
        ],
    ));
    ui.print_fields(&fields)?;
    if !c.addresses.is_empty() {
        ui.print_line("")?;
        let mut t = Table::new(&["#", "PURPOSE", "ADDRESS", "PRIMARY"]);
        for (i, a) in c.addresses.iter().enumerate() {
            let text = a.one_line();
            t.row(vec![
                (i + 1).to_string(),
                a.purpose_name().into(),
                text,
                yes(a.primary),
            ]);
        }
        ui.print_table(t)?;
    }
    if !c.contacts.is_empty() {
        ui.print_line("")?;
        print_contacts(ui, c)?;
    }
    Ok(())
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn print_contacts(ui: &Ui, c: &Customer) -> Result<()> {
    let mut t = Table::new(&["KIND", "VALUE", "PRIMARY", "MARKETING OPT-IN"]);
    for ct in &c.contacts {
        t.row(vec![
            ct.kind.as_str().into(),
            ct.value.clone(),
            yes(ct.primary),
            yes(ct.marketing_opt_in),
        ]);
    }
    ui.print_table(t)
}

/// What a new customer is made of besides its own fields, as `customer add` and `pos customer
/// add` take it: contacts, an address, attribute values.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// An email address (repeat; more than one needs the multiple-contacts feature)
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// A phone number (repeat; more than one needs the multiple-contacts feature)
    #[arg(long = "phone", value_name = "PHONE")]
    pub phones: Vec<String>,
    /// Consent to marketing: on the contact named (its email or phone; repeat for more), or
    /// with no value on every email and phone given (needs multiple-contacts)
    #[arg(long, value_name = "CONTACT", num_args = 0..=1, default_missing_value = "",
          action = clap::ArgAction::Append)]
    pub marketing_opt_in: Vec<String>,
    /// Address purpose [default: home for a person, business for an organization]
    #[arg(long, value_parser = crate::cli::args::parse_purpose)]
    pub purpose: Option<String>,
    #[command(flatten)]
    pub address: crate::cli::args::BesideArgs<crate::domain::customer::AddressDraft>,
    /// An attribute value NAME=VALUE, checked by its type (repeat; in HQ an attribute of the
    /// customer or client book attribute group, at a store of the client book group)
    #[arg(long = "attribute", value_name = "NAME=VALUE")]
    pub attributes: Vec<String>,
}

/// The fields of a customer the store's face does not take: its legal entity is the store's.
#[derive(Debug, Clone)]
pub(crate) struct AtStore;

impl crate::cli::record::Omit for AtStore {
    const NAMES: &'static [&'static str] = &["legal_entity"];
}

impl NewArgs {
    /// The new customer of these fields, with no store or account given yet.
    pub(crate) fn into_new(
        self,
        fields: crate::domain::customer::CustomerDraft,
    ) -> crate::ops::customer::NewCustomer {
        let address = self
            .address
            .any()
            .then_some(crate::domain::customer::AddressDraft {
                purpose: self.purpose,
                primary: true,
                ..self.address.0
            });
        crate::ops::customer::NewCustomer {
            fields,
            emails: self.emails,
            phones: self.phones,
            marketing_opt_in: if self.marketing_opt_in.is_empty() {
                crate::domain::customer::OptIn::None
            } else if self.marketing_opt_in.iter().any(String::is_empty) {
                crate::domain::customer::OptIn::All
            } else {
                crate::domain::customer::OptIn::Only(self.marketing_opt_in)
            },
            address,
            attributes: self.attributes,
            ..Default::default()
        }
    }
}

/// A new customer's values and where each came from, as the documents' "Create customer"
/// dialog shows them (a dry run prints it before anything is written); with `--json` the
/// customer carries its `origins`.
pub(crate) fn report_made(
    ctx: &Context,
    applied: &crate::ops::Applied<crate::ops::customer::Made>,
) -> Result<()> {
    use crate::domain::record::Record;
    let ui = &ctx.ui;
    if applied.mode == crate::ops::Mode::DryRun && !ui.json() {
        let m = &applied.value;
        let mut t = Table::new(&["FIELD", "VALUE", "FROM"]);
        let from = |name: &str| {
            m.origins
                .iter()
                .find(|o| o.field == name)
                .map_or_else(|| "-".to_string(), |o| o.describe())
        };
        for f in Customer::FIELDS
            .iter()
            .filter(|f| !f.kept && f.set_by.is_none())
        {
            let v = m
                .customer
                .get(f.name)
                .map(|v| v.display())
                .unwrap_or_default();
            if !v.is_empty() {
                t.row(vec![f.label.to_string(), v, from(f.name)]);
            }
        }
        for c in &m.customer.contacts {
            let kind = match c.kind {
                crate::domain::customer::ContactKind::Email => "Email",
                crate::domain::customer::ContactKind::Phone => "Phone",
            };
            t.row(vec![kind.into(), c.value.clone(), "given".into()]);
        }
        for a in &m.customer.addresses {
            t.row(vec!["Address".into(), a.one_line(), "given".into()]);
        }
        ui.print_table(t)?;
    }
    ui.report(applied, String::new)
}
