//! `hq pos`: the store associate's face (docs/clienteling.md).

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::{staff, store};
use crate::pos::{self, NewActivity, Pos};
use crate::ui::clienteling as show;

/// What a store associate can do, judged by what the store's channel database holds
///
/// Configuration (features, parameters, layouts, permissions, staff) is read only from the
/// store's channel database, as distributed by the jobs; an operation that is not available
/// there is refused (exit 3) naming the job to run or the setting to change. Client books,
/// activities, notes and attribute values are written live to HQ.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq pos --store HOUSTON --worker 000160 clientbook add 100002
  hq pos --store HOUSTON --worker 000160 clientbook view --filter PreferredCategory=Handbags --json
  hq pos --store HOUSTON --worker 000160 activity add 100002 --type VISIT --text 'Looked at the spring handbags'
  hq pos --store HOUSTON --worker 000160 customer card 100002")]
pub(crate) struct PosArgs {
    /// The store (asked for at a terminal)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// The worker signed in there (asked for at a terminal)
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub worker: Option<String>,
    #[command(subcommand)]
    pub command: PosCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PosCommand {
    /// Client books (operations 712 to 716)
    #[command(subcommand)]
    Clientbook(ClientbookCommand),
    /// Customers at the store
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Activities (visits, calls, appointments)
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// A customer's activities and notes, newest first
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 timeline 100002 --json"
    )]
    Timeline(AccountArgs),
    /// Notes on customers
    #[command(subcommand)]
    Note(NoteCommand),
    /// A customer's notes, newest first
    #[command(after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 notes 100002")]
    Notes(AccountArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AccountArgs {
    /// The customer account
    pub account: String,
}

#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    /// Only customers with this client book attribute value (refinable attributes; repeat)
    #[arg(long = "filter", value_name = "NAME=VALUE")]
    pub filters: Vec<String>,
    /// At most this many customers
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,
    /// Skip this many first
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,
}

#[derive(Debug, Args)]
pub(crate) struct BookChangeArgs {
    /// The customer account
    pub account: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ReassignArgs {
    /// The customer account
    pub account: String,
    /// The worker whose client book gets the customer (a worker of this store)
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub to: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ClientbookCommand {
    /// The worker's client book (operation 712)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook view\n  hq pos --store HOUSTON --worker 000160 clientbook view --filter PreferredCategory=Handbags --json"
    )]
    View(ViewArgs),
    /// The store's client books: every book whose owner works at the store (operation 713)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook store-view --limit 20"
    )]
    StoreView(ViewArgs),
    /// Add a customer to the worker's client book, created on first use (operation 714)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook add 100002"
    )]
    Add(BookChangeArgs),
    /// Remove a customer from the worker's client book (operation 715)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook remove 100002"
    )]
    Remove(BookChangeArgs),
    /// Move a customer to another worker's client book (operation 716)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook reassign 100002 --to 000161"
    )]
    Reassign(ReassignArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum CustomerCommand {
    /// A new customer for the store (operation 612), inheriting from the store's default
    /// customer as the channel database holds it; async stores keep it pending there
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 customer add --first-name Zoe --last-name Park --email zoe@example.com"
    )]
    Add(Box<CustomerAddArgs>),
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
pub(crate) struct CustomerAddArgs {
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

#[derive(Debug, Subcommand)]
pub(crate) enum ActivityCommand {
    /// Record an activity with a customer
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 activity add 100002 --type VISIT --text 'Looked at the spring handbags'"
    )]
    Add(ActivityAddArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ActivityAddArgs {
    /// The customer account
    pub account: String,
    /// The activity type (read live from HQ)
    #[arg(long = "type", value_name = "ID")]
    pub kind: String,
    /// What happened
    #[arg(long)]
    pub text: String,
    /// When (a date or RFC 3339 time) [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NoteCommand {
    /// Add a note on a customer
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 note add 100002 --text 'Prefers mornings'"
    )]
    Add(NoteAddArgs),
}

#[derive(Debug, Args)]
pub(crate) struct NoteAddArgs {
    /// The customer account
    pub account: String,
    /// The note
    #[arg(long)]
    pub text: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn sign_in(ctx: &Context, db: &crate::db::Db, a: &PosArgs) -> Result<Pos> {
    let store = ctx
        .ui
        .need_choice(a.store.clone(), "--store", "store", || {
            Ok(store::list(db.read(), None)?
                .into_iter()
                .map(|s| (s.number, s.name))
                .collect())
        })?;
    let worker = ctx
        .ui
        .need_choice(a.worker.clone(), "--worker", "worker", || {
            Ok(staff::workers(db.read())?
                .into_iter()
                .map(|w| (w.personnel_number, w.name))
                .collect())
        })?;
    pos::open(db.read(), &store, &worker)
}

pub(crate) fn run(ctx: &Context, a: PosArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let p = sign_in(ctx, &db, &a)?;
    let env = &ctx.env;
    match a.command {
        PosCommand::Clientbook(ClientbookCommand::View(v)) => {
            let view = pos::view(
                db.read(),
                env,
                &p,
                pos::Scope::Own,
                &v.filters,
                (v.limit, v.offset),
            )?;
            ctx.ui.emit(&view, |ui| show::print_book_view(ui, &view))?;
            ctx.ui.more(view.more, "customers");
            Ok(())
        }
        PosCommand::Clientbook(ClientbookCommand::StoreView(v)) => {
            let view = pos::view(
                db.read(),
                env,
                &p,
                pos::Scope::Store,
                &v.filters,
                (v.limit, v.offset),
            )?;
            ctx.ui.emit(&view, |ui| show::print_book_view(ui, &view))?;
            ctx.ui.more(view.more, "customers");
            Ok(())
        }
        PosCommand::Clientbook(ClientbookCommand::Add(b)) => {
            let applied = pos::add(&mut db, env, b.write.mode(), &p, &b.account)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("customer {} is already in client book {id}", b.account)
            })
        }
        PosCommand::Clientbook(ClientbookCommand::Remove(b)) => {
            let applied = pos::remove(&mut db, env, b.write.mode(), &p, &b.account)?;
            ctx.ui.report(&applied, String::new)
        }
        PosCommand::Clientbook(ClientbookCommand::Reassign(r)) => {
            let applied = pos::reassign(&mut db, env, r.write.mode(), &p, &r.account, &r.to)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("customer {} is already in client book {id}", r.account)
            })
        }
        PosCommand::Customer(CustomerCommand::Add(x)) => {
            let x = *x;
            let applied = pos::add_customer(&mut db, env, x.write.mode(), &p, x.new.into_new())?;
            ctx.ui.report(&applied, String::new)
        }
        PosCommand::Customer(CustomerCommand::Card(c)) => {
            let card = pos::card(db.read(), &p, &c.account)?;
            ctx.ui.emit(&card, |ui| show::print_card(ui, &card))
        }
        PosCommand::Customer(CustomerCommand::Attribute(AttributeCommand::Set(s))) => {
            let applied =
                pos::set_attributes(&mut db, env, s.write.mode(), &p, &s.account, &s.pairs)?;
            let account = applied.value.account.clone();
            ctx.ui.report(&applied, || {
                format!("customer {account} already has those values")
            })
        }
        PosCommand::Activity(ActivityCommand::Add(x)) => {
            let applied = pos::add_activity(
                &mut db,
                env,
                x.write.mode(),
                &p,
                NewActivity {
                    account: &x.account,
                    kind: &x.kind,
                    text: &x.text,
                    at: x.at.as_deref(),
                },
            )?;
            ctx.ui.report(&applied, String::new)
        }
        PosCommand::Timeline(t) => {
            let tl = pos::timeline(db.read(), &p, &t.account)?;
            ctx.ui.emit(&tl, |ui| show::print_timeline(ui, &tl))
        }
        PosCommand::Note(NoteCommand::Add(n)) => {
            let applied = pos::add_note(&mut db, env, n.write.mode(), &p, &n.account, &n.text)?;
            ctx.ui.report(&applied, String::new)
        }
        PosCommand::Notes(t) => {
            let tl = pos::timeline(db.read(), &p, &t.account)?;
            ctx.ui
                .emit(&tl.notes, |ui| show::print_notes(ui, &tl.notes))
        }
    }
}
