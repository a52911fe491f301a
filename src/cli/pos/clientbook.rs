//! `hq pos ... clientbook`: the worker's and the store's client books (712 to 716).

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::db::Db;
use crate::error::Result;
use crate::pos::{self, Pos};
use crate::ui::clienteling as show;

#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    /// Only customers whose attribute passes: NAME=VALUE, NAME!=VALUE, NAME>=VALUE (<=, >, <),
    /// a range NAME=A..B, any of several NAME=A,B; values read by the attribute's type
    /// (refinable attributes of the client book and customer attribute groups; repeat: all
    /// must pass)
    #[arg(long = "filter", value_name = "NAME<op>VALUE")]
    pub filters: Vec<String>,
    /// Only customers whose date comes up in the next DAYS days, whatever the year (a
    /// birthday, an anniversary), soonest first
    #[arg(long, value_name = "NAME:DAYSd")]
    pub upcoming: Option<String>,
    /// At most this many customers
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: u32,
    /// Skip this many first
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,
}

#[derive(Debug, Args)]
pub(crate) struct BookChangeArgs {
    /// The customer accounts (one transaction for all)
    /// [at a terminal: one asked for]
    pub accounts: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ReassignArgs {
    #[command(flatten)]
    pub who: crate::cli::clientbook::reassign::Reassignment,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ClientbookCommand {
    /// The worker's client book (operation 712)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook view\n  hq pos --store HOUSTON --worker 000160 clientbook view --filter PreferredCategory=Handbags --json\n  hq pos --store HOUSTON --worker 000160 clientbook view --filter 'AnnualSpend>=1000' --upcoming Birthday:30d"
    )]
    View(ViewArgs),
    /// The store's client books: every book whose owner works at the store (operation 713)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook store-view --limit 20"
    )]
    StoreView(ViewArgs),
    /// Add customers to the worker's client book, created on first use (operation 714)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook add 100002 100003"
    )]
    Add(BookChangeArgs),
    /// Remove customers from the worker's client book (operation 715)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook remove 100002"
    )]
    Remove(BookChangeArgs),
    /// Move customers to another worker's client book (operation 716)
    #[command(
        after_help = "Examples:\n  hq pos --store HOUSTON --worker 000160 clientbook reassign 100002 --to 000161\n  hq pos --store HOUSTON --worker 000160 clientbook reassign --from 000161 --to 000160"
    )]
    Reassign(ReassignArgs),
}

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: ClientbookCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        ClientbookCommand::View(v) => view(ctx, db, p, pos::Scope::Own, v),
        ClientbookCommand::StoreView(v) => view(ctx, db, p, pos::Scope::Store, v),
        ClientbookCommand::Add(mut b) => {
            if b.accounts.is_empty() {
                b.accounts = vec![crate::cli::customer::ask_account(ctx, db.read(), None)?];
            }
            let applied = pos::add(db, env, b.write.mode(), p, &b.accounts)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("{} already in client book {id}", already(&b.accounts))
            })
        }
        ClientbookCommand::Remove(mut b) => {
            if b.accounts.is_empty() {
                b.accounts = vec![crate::cli::customer::ask_account(ctx, db.read(), None)?];
            }
            let applied = pos::remove(db, env, b.write.mode(), p, &b.accounts)?;
            ctx.ui.report(&applied, String::new)
        }
        ClientbookCommand::Reassign(r) => {
            let applied = pos::reassign(
                db,
                env,
                r.write.mode(),
                p,
                &r.who.accounts,
                r.who.from.as_deref(),
                &r.who.to,
            )?;
            let to = applied.value.to.clone();
            ctx.ui.report(&applied, || {
                format!("those customers are already in worker {to}'s client book")
            })
        }
    }
}

/// "customer 100002 is", or "customers 100002, 100003 are".
fn already(accounts: &[String]) -> String {
    match accounts {
        [one] => format!("customer {one} is"),
        many => format!("customers {} are", many.join(", ")),
    }
}

/// A page of the worker's book or the store's books, with the note of how many follow.
fn view(ctx: &Context, db: &Db, p: &Pos, scope: pos::Scope, v: ViewArgs) -> Result<()> {
    let view = pos::view(
        db.read(),
        &ctx.env,
        p,
        scope,
        (&v.filters, v.upcoming.as_deref()),
        (v.limit, v.offset),
    )?;
    ctx.ui.emit(&view, |ui| show::print_book_view(ui, &view))?;
    ctx.ui.more(view.more, "customers");
    Ok(())
}
