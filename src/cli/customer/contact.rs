//! `hq customer contact add|list|set|remove ACCOUNT`.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::db::Db;
use crate::domain::customer::ContactKind;
use crate::error::Result;
use crate::ops::customer;

#[derive(Debug, Subcommand)]
pub(crate) enum ContactCommand {
    Add(AddArgs),
    List(ListArgs),
    Set(SetArgs),
    Remove(RemoveArgs),
}

/// Change a contact: its value, whether it is the primary of its kind, the consent
///
/// CONTACT is its value or its number in `hq customer contact list`. A kind always has exactly
/// one primary contact: --primary makes this one it. Marketing consent needs the
/// multiple-contacts feature.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer contact set 100002 ada@work.example.com --primary
  hq customer contact set 100002 2 --marketing-opt-in false
  hq customer contact set 100002 \"+1 713 555 0199\" --value \"+1 713 555 0123\"")]
pub(crate) struct SetArgs {
    /// The customer account
    pub account: String,
    /// The contact: its value, or its number in `customer contact list`
    pub contact: String,
    /// A new value (an email for an email, a phone number for a phone)
    #[arg(long)]
    pub value: Option<String>,
    /// Make it the primary contact of its kind
    #[arg(long)]
    pub primary: bool,
    /// The customer consents to marketing on this contact (true or false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", value_parser = crate::cli::parse_bool)]
    pub marketing_opt_in: Option<bool>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Add an email or a phone number
///
/// Without the feature "Capture multiple emails and phone numbers and consent for marketing on
/// these contacts" (multiple-contacts), a customer has at most one email and one phone, and no
/// marketing consent. Phone numbers without a country code are read for the customer's
/// primary address country (else its legal entity's) and stored in E.164 form.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer contact add 100002 --email ada@work.example.com --marketing-opt-in
  hq customer contact add 100002 --phone \"+1 713 555 0199\" --primary")]
pub(crate) struct AddArgs {
    /// The customer account
    pub account: String,
    /// An email address
    #[arg(long, group = "contact", required_unless_present = "phone")]
    pub email: Option<String>,
    /// A phone number
    #[arg(long, group = "contact")]
    pub phone: Option<String>,
    /// Make it the primary contact of its kind
    #[arg(long)]
    pub primary: bool,
    /// The customer consents to marketing on this contact
    #[arg(long)]
    pub marketing_opt_in: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List a customer's contacts
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer contact list 100002 --json")]
pub(crate) struct ListArgs {
    /// The customer account
    pub account: String,
}

/// Remove a contact by its value (the next of its kind becomes primary)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer contact remove 100002 ada@work.example.com")]
pub(crate) struct RemoveArgs {
    /// The customer account
    pub account: String,
    /// The email address or phone number
    pub value: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: ContactCommand) -> Result<()> {
    match cmd {
        ContactCommand::List(a) => {
            let db = ctx.open()?;
            let c = customer::get(db.read(), "ACCOUNT", &a.account)?;
            ctx.ui.emit(&c.contacts, |ui| super::print_contacts(ui, &c))
        }
        ContactCommand::Add(a) => add(ctx, &mut ctx.open()?, a, customer::At::Hq),
        ContactCommand::Set(a) => set(ctx, &mut ctx.open()?, a, customer::At::Hq),
        ContactCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied =
                customer::remove_contact(&mut db, &ctx.env, a.write.mode(), &a.account, &a.value)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

/// `contact add`, in HQ or at a store (`at`).
pub(crate) fn add(ctx: &Context, db: &mut Db, a: AddArgs, at: customer::At) -> Result<()> {
    let (kind, value) = match (a.email, a.phone) {
        (Some(e), _) => (ContactKind::Email, e),
        (None, Some(p)) => (ContactKind::Phone, p),
        (None, None) => unreachable!("clap requires --email or --phone"),
    };
    let applied = customer::add_contact(
        db,
        &ctx.env,
        a.write.mode(),
        (&a.account, at),
        customer::ContactInput {
            kind,
            value,
            primary: a.primary,
            marketing_opt_in: a.marketing_opt_in,
        },
    )?;
    ctx.ui.report(&applied, String::new)
}

/// `contact set`, in HQ or at a store (`at`).
pub(crate) fn set(ctx: &Context, db: &mut Db, a: SetArgs, at: customer::At) -> Result<()> {
    if a.value.is_none() && !a.primary && a.marketing_opt_in.is_none() {
        return Err(crate::domain::refuse::nothing_to_change(
            &["value", "primary", "marketing_opt_in"],
            "customer contact set",
        )
        .into());
    }
    let applied = customer::set_contact(
        db,
        &ctx.env,
        a.write.mode(),
        (&a.account, at),
        &a.contact,
        customer::ContactChange {
            value: a.value,
            primary: a.primary,
            marketing_opt_in: a.marketing_opt_in,
        },
    )?;
    let account = applied.value.account.clone();
    ctx.ui.report(&applied, || {
        format!("customer {account}'s contact already has those values")
    })
}
