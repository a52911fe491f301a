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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The contact: its value, or its number in `customer contact list` [at a terminal:
    /// chosen from the customer's]
    pub contact: Option<String>,
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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// An email address (or --phone; at a terminal: asked for)
    #[arg(long, group = "contact")]
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
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
}

/// Remove a contact by its value (the next of its kind becomes primary)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq customer contact remove 100002 ada@work.example.com")]
pub(crate) struct RemoveArgs {
    /// The customer account [at a terminal: asked for]
    pub account: Option<String>,
    /// The email address or phone number [at a terminal: chosen from the customer's]
    pub value: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: ContactCommand) -> Result<()> {
    match cmd {
        ContactCommand::List(a) => {
            let db = ctx.open()?;
            let account = super::ask_account(ctx, db.read(), a.account)?;
            let c = customer::get(db.read(), "ACCOUNT", &account)?;
            ctx.ui.emit(&c.contacts, |ui| super::print_contacts(ui, &c))
        }
        ContactCommand::Add(a) => add(ctx, &mut ctx.open()?, a, customer::At::Hq),
        ContactCommand::Set(a) => set(ctx, &mut ctx.open()?, a, customer::At::Hq),
        ContactCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let account = super::ask_account(ctx, db.read(), a.account)?;
            let value = ask_contact(ctx, db.read(), &account, a.value, "VALUE")?;
            let applied =
                customer::remove_contact(&mut db, &ctx.env, a.write.mode(), &account, &value)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

/// One of a customer's contacts: given (its value or number), or chosen at a terminal.
fn ask_contact(
    ctx: &Context,
    c: &crate::db::Reader,
    account: &str,
    value: Option<String>,
    word: &str,
) -> Result<String> {
    ctx.ui.need_choice(value, word, "contact", || {
        Ok(customer::current(c, account)?
            .contacts
            .into_iter()
            .map(|ct| (ct.value, ct.kind.as_str().to_string()))
            .collect())
    })
}

/// `contact add`, in HQ or at a store (`at`).
pub(crate) fn add(ctx: &Context, db: &mut Db, a: AddArgs, at: customer::At) -> Result<()> {
    let ui = &ctx.ui;
    let account = super::ask_account(ctx, db.read(), a.account)?;
    let asked = a.email.is_none() && a.phone.is_none();
    let (kind, value) = match (a.email, a.phone) {
        (Some(e), _) => (ContactKind::Email, e),
        (None, Some(p)) => (ContactKind::Phone, p),
        (None, None) => {
            if !ui.interactive() {
                return Err(crate::domain::refuse::one_of_missing(&["email", "phone"]).into());
            }
            let kind = ui.pick_one("kind of contact", &["email", "phone"])?;
            let kind = if kind == 0 {
                ContactKind::Email
            } else {
                ContactKind::Phone
            };
            let flag = format!("--{}", kind.as_str());
            let v = ui.need_text(None, &flag, kind.as_str(), |v| {
                if v.trim().is_empty() {
                    Err("it is empty".into())
                } else {
                    Ok(())
                }
            })?;
            (kind, v)
        }
    };
    let (primary, marketing_opt_in) = if asked {
        (
            a.primary || ui.ask_switch("--primary", "make it the primary of its kind")?,
            a.marketing_opt_in
                || ui.ask_switch(
                    "--marketing-opt-in",
                    "the customer consents to marketing on it",
                )?,
        )
    } else {
        (a.primary, a.marketing_opt_in)
    };
    let applied = customer::add_contact(
        db,
        &ctx.env,
        a.write.mode(),
        (&account, at),
        customer::ContactInput {
            kind,
            value,
            primary,
            marketing_opt_in,
        },
    )?;
    ctx.ui.report(&applied, String::new)
}

/// `contact set`, in HQ or at a store (`at`).
pub(crate) fn set(ctx: &Context, db: &mut Db, mut a: SetArgs, at: customer::At) -> Result<()> {
    let ui = &ctx.ui;
    let nothing = a.value.is_none() && !a.primary && a.marketing_opt_in.is_none();
    if nothing && !ui.interactive() {
        return Err(crate::domain::refuse::nothing_to_change(
            &["value", "primary", "marketing_opt_in"],
            "customer contact set",
        )
        .into());
    }
    let account = super::ask_account(ctx, db.read(), a.account.take())?;
    let contact = ask_contact(ctx, db.read(), &account, a.contact.take(), "CONTACT")?;
    if nothing {
        // Each part, as it is now offered.
        let now = customer::current(db.read(), &account)?
            .contacts
            .into_iter()
            .enumerate()
            .find(|(i, ct)| {
                ct.value.eq_ignore_ascii_case(&contact) || (i + 1).to_string() == contact
            })
            .map(|(_, ct)| ct);
        if let Some(now) = now {
            let v = ui.ask_text("--value", "value", Some(&now.value), |v| {
                if v.trim().is_empty() {
                    Err("it is empty".into())
                } else {
                    Ok(())
                }
            })?;
            if v != now.value {
                a.value = Some(v);
            } else {
                ui.forget("--value");
            }
            if !now.primary {
                a.primary = ui.ask_switch("--primary", "make it the primary of its kind")?;
            }
            let opt_in = ui.ask_yes_no(
                "--marketing-opt-in",
                "the customer consents to marketing on it",
                now.marketing_opt_in,
            )?;
            if opt_in != now.marketing_opt_in {
                a.marketing_opt_in = Some(opt_in);
            } else {
                ui.forget("--marketing-opt-in");
            }
        }
    }
    let applied = customer::set_contact(
        db,
        &ctx.env,
        a.write.mode(),
        (&account, at),
        &contact,
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
