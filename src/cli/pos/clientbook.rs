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

pub(crate) fn run(ctx: &Context, db: &mut Db, p: &Pos, cmd: ClientbookCommand) -> Result<()> {
    let env = &ctx.env;
    match cmd {
        ClientbookCommand::View(v) => view(ctx, db, p, pos::Scope::Own, v),
        ClientbookCommand::StoreView(v) => view(ctx, db, p, pos::Scope::Store, v),
        ClientbookCommand::Add(b) => {
            let applied = pos::add(db, env, b.write.mode(), p, &b.account)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("customer {} is already in client book {id}", b.account)
            })
        }
        ClientbookCommand::Remove(b) => {
            let applied = pos::remove(db, env, b.write.mode(), p, &b.account)?;
            ctx.ui.report(&applied, String::new)
        }
        ClientbookCommand::Reassign(r) => {
            let applied = pos::reassign(db, env, r.write.mode(), p, &r.account, &r.to)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("customer {} is already in client book {id}", r.account)
            })
        }
    }
}

/// A page of the worker's book or the store's books, with the note of how many follow.
fn view(ctx: &Context, db: &Db, p: &Pos, scope: pos::Scope, v: ViewArgs) -> Result<()> {
    let view = pos::view(
        db.read(),
        &ctx.env,
        p,
        scope,
        &v.filters,
        (v.limit, v.offset),
    )?;
    ctx.ui.emit(&view, |ui| show::print_book_view(ui, &view))?;
    ctx.ui.more(view.more, "customers");
    Ok(())
}
