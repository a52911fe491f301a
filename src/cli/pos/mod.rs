//! `hq pos`: the store associate's face (docs/clienteling.md).

pub(crate) mod activity;
pub(crate) mod clientbook;
pub(crate) mod customer;
pub(crate) mod note;

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::error::Result;
use crate::ops::{staff, store};
use crate::pos::{self, Pos};
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
  hq pos --store HOUSTON --worker 000160 customer card 100002
  hq pos --store HOUSTON --worker 000160 --offline customer add --first-name Zoe --last-name Park")]
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
    #[arg(long)]
    pub offline: bool,
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

pub(crate) fn run(ctx: &Context, a: PosArgs) -> Result<()> {
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
