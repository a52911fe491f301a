use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::customer::Customer;
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
    let mut a = a;
    if ctx.ui.interactive() {
        ask(ctx, &db, &mut a)?;
    }
    let mut n = a.new.into_new(a.fields.0);
    n.store = a.store;
    n.account = a.account;
    n.force_async = a.force_async;
    let applied = customer::add(&mut db, &ctx.env, a.write.mode(), n)?;
    super::report_made(ctx, &applied)
}

/// At a terminal, what a new customer lacks: the store it is for (its default customer gives
/// the rest), or else its type, group and currency; then its name.
fn ask(ctx: &Context, db: &crate::db::Db, a: &mut AddArgs) -> Result<()> {
    use crate::domain::record::Value;
    let ui = &ctx.ui;
    let given = |a: &AddArgs, f: &str| a.fields.0.get(f).is_some_and(|v| !v.is_empty());
    if a.store.is_none() && !(given(a, "type") && given(a, "group") && given(a, "currency")) {
        let store = ui.need_choice(
            None,
            "--store",
            "store it is for (its default customer gives the rest)",
            || {
                let mut stores: Vec<(String, String)> = crate::ops::store::list(db.read(), None)?
                    .into_iter()
                    .filter(|s| s.default_customer.is_some())
                    .map(|s| (s.number, s.name))
                    .collect();
                stores.push((
                    NONE.into(),
                    "none: give its type, group and currency".into(),
                ));
                Ok(stores)
            },
        )?;
        if store == NONE {
            ctx.ui.forget("--store");
        } else {
            a.store = Some(store);
        }
    }
    // What the store's default customer gives, shown before the questions (as the documents'
    // "Create customer" dialog shows it), and its type decides which name is asked for.
    let mut inherited_type = None;
    if let Some(store) = &a.store {
        let (from, default) = customer::store_default(db.read(), store)?;
        let value = |f: &str| {
            crate::domain::record::Record::get(&default, f)
                .and_then(|v| v.text().map(str::to_string))
        };
        let mut parts: Vec<String> = Vec::new();
        for f in ["type", "group", "currency", "language", "receipt_option"] {
            if !given(a, f)
                && let Some(v) = value(f)
            {
                let label = <Customer as crate::domain::record::Record>::field(f)
                    .map_or(f, |x| x.label)
                    .to_lowercase();
                parts.push(format!("{label} {v}"));
            }
        }
        if !given(a, "affiliations") && !default.affiliations.is_empty() {
            parts.push(format!("affiliations {}", default.affiliations.join(", ")));
        }
        if !parts.is_empty() {
            ui.note(&format!(
                "from default customer {} of store {from}: {}",
                default.account,
                parts.join(", ")
            ));
        }
        inherited_type = value("type");
    }
    if a.store.is_none() {
        // The legal entity first: the groups to choose from are its own.
        if !given(a, "legal_entity") {
            let all = crate::ops::legal_entity::list(db.read())?;
            if all.len() > 1 {
                let v = ui.need_choice(None, "--legal-entity", "legal entity", || {
                    Ok(all.into_iter().map(|l| (l.id, l.name)).collect())
                })?;
                a.fields.0.give("legal_entity", Value::Text(Some(v)));
            }
        }
        let legal_entity = match a.fields.0.get("legal_entity") {
            Some(v) => v.text().map(str::to_string),
            None => None,
        };
        for f in ["type", "group"] {
            if !given(a, f) {
                let field = <Customer as crate::domain::record::Record>::field(f);
                let label = field.map_or(f, |x| x.label).to_lowercase();
                let v = ui.need_choice(None, &format!("--{f}"), &label, || match f {
                    "type" => Ok(vec![
                        ("person".into(), String::new()),
                        ("organization".into(), String::new()),
                    ]),
                    _ => Ok(crate::ops::customer::groups(db.read())?
                        .into_iter()
                        .filter(|g| {
                            legal_entity
                                .as_deref()
                                .is_none_or(|le| g.legal_entity.eq_ignore_ascii_case(le))
                        })
                        .map(|g| (g.id, g.description))
                        .collect()),
                })?;
                a.fields.0.give(f, Value::Text(Some(v)));
            }
        }
        if !given(a, "currency") {
            // Offered: the currency of the legal entity's stores.
            let offered = crate::ops::store::list(db.read(), legal_entity.as_deref())?
                .into_iter()
                .next()
                .map(|s| s.currency);
            let v = ui.ask_text(
                "--currency",
                "currency (ISO 4217)",
                offered.as_deref(),
                |v| {
                    crate::domain::validate::currency("currency", v)
                        .map(drop)
                        .map_err(|e| e.reason)
                },
            )?;
            a.fields.0.give("currency", Value::Text(Some(v)));
        }
    }
    // The name: an organization's, or a person's first and last (one at least).
    let organization = match a.fields.0.get("type") {
        Some(v) => v.text() == Some("organization"),
        None => inherited_type.as_deref() == Some("organization"),
    };
    ask_name(ui, &mut a.fields.0, organization)
}

/// At a terminal, a new customer's name when none is given: an organization's, or a person's
/// first (optional) and last.
pub(crate) fn ask_name(
    ui: &crate::ui::Ui,
    d: &mut crate::domain::customer::CustomerDraft,
    organization: bool,
) -> Result<()> {
    use crate::domain::record::Value;
    let names = ["first_name", "last_name", "organization_name"];
    if !ui.interactive()
        || names
            .iter()
            .any(|f| d.get(f).is_some_and(|v| !v.is_empty()))
    {
        return Ok(());
    }
    let check = |v: &str| {
        crate::domain::validate::name("name", v)
            .map(drop)
            .map_err(|e| e.reason)
    };
    if organization {
        let v = ui.need_text(None, "--organization-name", "organization name", check)?;
        d.give("organization_name", Value::Text(Some(v)));
    } else {
        if let Some(v) = ui.maybe_text(None, "--first-name", "first name", true)? {
            d.give("first_name", Value::Text(Some(v)));
        }
        let v = ui.need_text(None, "--last-name", "last name", check)?;
        d.give("last_name", Value::Text(Some(v)));
    }
    Ok(())
}

/// The pick-list's entry for no store.
const NONE: &str = "-";
