//! `hq pos`: the store associate's face (docs/clienteling.md).

pub(crate) mod activity;
pub(crate) mod clientbook;
pub(crate) mod customer;
pub(crate) mod note;

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::error::Result;
use crate::ops::{staff, store, store_access};
use crate::pos::{self, Pos};
use crate::ui::clienteling as show;

/// What a store associate can do, judged by what the store's channel database holds
///
/// Configuration (features, parameters, layouts, permissions, staff) is read only from the
/// store's channel database, as distributed by the jobs; an operation that is not available
/// there is refused (exit 3) naming the job to run or the setting to change. Client books,
/// activities, notes and attribute values are written live to HQ. With --channel-db, the store
/// works on its channel database file alone, without HQ.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq pos --store HOUSTON --worker 000160 clientbook add 100002
  hq pos --store HOUSTON --worker 000160 clientbook view --filter PreferredCategory=Handbags --json
  hq pos --store HOUSTON --worker 000160 activity add 100002 --type VISIT --text 'Looked at the spring handbags'
  hq pos --store HOUSTON --worker 000160 customer card 100002
  hq pos --store HOUSTON --worker 000160 --offline customer add --first-name Zoe --last-name Park
  hq pos --channel-db west.db --store SEATTLE --worker 000170 customer search ada")]
pub(crate) struct PosArgs {
    /// The store (asked for at a terminal)
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// The worker signed in there (asked for at a terminal)
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub worker: Option<String>,
    /// The register works without its channel database: it creates customers only, as async
    /// customers (carried at `hq customer sync`), when the store allows creating customers
    /// offline
    #[arg(long, conflicts_with = "channel_db")]
    pub offline: bool,
    /// Work on this channel database file alone, without headquarters: sign-in, customer
    /// search and cards, and async customers (which wait in the file) as delivered there;
    /// what headquarters answers live is refused
    #[arg(long, value_name = "PATH")]
    pub channel_db: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: PosCommand,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PosCommand {
    /// Client books (operations 712 to 716)
    #[command(subcommand)]
    Clientbook(clientbook::ClientbookCommand),
    /// Customers at the store
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Activities (visits, calls, appointments)
    #[command(subcommand)]
    Activity(activity::ActivityCommand),
    /// A customer's activities and notes, newest first
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 timeline 100002 --json"
    )]
    Timeline(AccountArgs),
    /// Notes on customers
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// A customer's notes, newest first
    #[command(after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 notes 100002")]
    Notes(AccountArgs),
}

#[derive(Debug, Args)]
pub(crate) struct AccountArgs {
    /// The customer account
    pub account: String,
}

fn sign_in(ctx: &Context, db: &crate::db::Db, a: &PosArgs) -> Result<Pos> {
    ctx.ui.place_after(&["--store", "--worker"], "pos");
    let store = ctx
        .ui
        .need_choice(a.store.clone(), "--store", "store", || {
            Ok(store::list(db.read(), None)?
                .into_iter()
                .map(|s| (s.number, s.name))
                .collect())
        })?;
    // The workers of this store: those in its employee address books.
    let worker = ctx
        .ui
        .need_choice(a.worker.clone(), "--worker", "worker", || {
            let books = store::get(db.read(), "store", &store)?.employee_address_books;
            Ok(staff::workers(db.read())?
                .into_iter()
                .filter(|w| w.belongs_to(&books))
                .map(|w| (w.personnel_number, w.name))
                .collect())
        })?;
    pos::open(db.read(), &store, &worker)
}

/// The store face on a channel database file alone (`--channel-db PATH`): the store and
/// worker as the file holds them (asked for at a terminal), and only what the store does
/// without headquarters.
fn run_alone(ctx: &Context, path: &std::path::Path, a: PosArgs) -> Result<()> {
    let file = store_access::open_file(&path.to_string_lossy(), ctx.wait)?;
    ctx.ui.place_after(&["--store", "--worker"], "pos");
    let store = ctx
        .ui
        .need_choice(a.store.clone(), "--store", "store", || {
            store_access::stores_in_file(&file)
        })?;
    let worker = ctx
        .ui
        .need_choice(a.worker.clone(), "--worker", "worker", || {
            store_access::workers_in_file(&file, &store)
        })?;
    let p = store_access::open_alone(file, &store, &worker)?;
    let Some(f) = p.file.clone() else {
        return Err(crate::domain::pos::needs_headquarters("the store face").into());
    };
    let c = f.reader();
    let env = &ctx.env;
    match a.command {
        PosCommand::Customer(customer::CustomerCommand::Add(x)) => {
            let mut x = *x;
            if ctx.ui.interactive() {
                let organization = match x.fields.0.get("type") {
                    Some(v) => v.text() == Some("organization"),
                    None => pos::default_is_organization(c, &p)?,
                };
                crate::cli::customer::add::ask_name(&ctx.ui, &mut x.fields.0, organization)?;
            }
            let applied =
                pos::add_customer_alone(env, x.write.mode(), &p, x.new.into_new(x.fields.0))?;
            crate::cli::customer::report_made(ctx, &applied)
        }
        PosCommand::Customer(customer::CustomerCommand::Search(s)) => {
            let (found, more) = pos::search(c, &p, &s.text, (s.limit, s.offset))?;
            ctx.ui
                .emit(&found, |ui| crate::cli::customer::print_list(ui, &found))?;
            ctx.ui.more(more, "customers");
            Ok(())
        }
        PosCommand::Customer(customer::CustomerCommand::Card(k)) => {
            let card = pos::card(c, &p, &k.account)?;
            ctx.ui.emit(&card, |ui| show::print_card(ui, &card))
        }
        other => {
            let what = match other {
                PosCommand::Clientbook(_) => "the client book",
                PosCommand::Customer(_) => "changing a customer",
                PosCommand::Activity(_) => "recording an activity",
                PosCommand::Timeline(_) => "the timeline",
                PosCommand::Note(_) | PosCommand::Notes(_) => "notes",
            };
            Err(crate::domain::pos::needs_headquarters(what).into())
        }
    }
}

pub(crate) fn run(ctx: &Context, a: PosArgs) -> Result<()> {
    if let Some(path) = a.channel_db.clone() {
        return run_alone(ctx, &path, a);
    }
    let mut db = ctx.open()?;
    let mut p = sign_in(ctx, &db, &a)?;
    p.offline = a.offline;
    if a.offline
        && !matches!(
            a.command,
            PosCommand::Customer(customer::CustomerCommand::Add(_))
        )
    {
        let what = match &a.command {
            PosCommand::Clientbook(_) => "the client book",
            PosCommand::Customer(_) => "this customer operation",
            PosCommand::Activity(_) => "recording an activity",
            PosCommand::Timeline(_) => "the timeline",
            PosCommand::Note(_) | PosCommand::Notes(_) => "notes",
        };
        return Err(crate::domain::pos::not_offline(what).into());
    }
    match a.command {
        PosCommand::Clientbook(cmd) => clientbook::run(ctx, &mut db, &p, cmd),
        PosCommand::Customer(cmd) => customer::run(ctx, &mut db, &p, cmd),
        PosCommand::Activity(cmd) => activity::run(ctx, &mut db, &p, cmd),
        PosCommand::Note(cmd) => note::run(ctx, &mut db, &p, cmd),
        PosCommand::Timeline(t) => {
            let tl = pos::timeline(db.read(), &p, &t.account)?;
            ctx.ui.emit(&tl, |ui| show::print_timeline(ui, &tl))
        }
        PosCommand::Notes(t) => {
            let tl = pos::timeline(db.read(), &p, &t.account)?;
            ctx.ui
                .emit(&tl.notes, |ui| show::print_notes(ui, &tl.notes))
        }
    }
}
