//! `hq customer contact add|list|remove ACCOUNT`.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::customer::ContactKind;
use crate::error::Result;
use crate::ops::customer;

#[derive(Debug, Subcommand)]
pub(crate) enum ContactCommand {
    Add(AddArgs),
    List(ListArgs),
    Remove(RemoveArgs),
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
        ContactCommand::Add(a) => {
            let (kind, value) = match (a.email, a.phone) {
                (Some(e), _) => (ContactKind::Email, e),
                (None, Some(p)) => (ContactKind::Phone, p),
                (None, None) => unreachable!("clap requires --email or --phone"),
            };
            let mut db = ctx.open()?;
            let applied = customer::add_contact(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.account,
                customer::ContactInput {
                    kind,
                    value,
                    primary: a.primary,
                    marketing_opt_in: a.marketing_opt_in,
                },
            )?;
            ctx.ui.report(&applied, String::new)
        }
        ContactCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied =
                customer::remove_contact(&mut db, &ctx.env, a.write.mode(), &a.account, &a.value)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
