//! `hq clientbook`: client books from HQ (docs/clienteling.md).

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;
use crate::ui::clienteling as show;

#[derive(Debug, Subcommand)]
pub(crate) enum ClientbookCommand {
    List(ListArgs),
    Show(ShowArgs),
    Reassign(ReassignArgs),
}

/// List client books
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq clientbook list\n  hq clientbook list --worker 000160 --json"
)]
pub(crate) struct ListArgs {
    /// Only this worker's books
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub worker: Option<String>,
}

/// Show a client book and its customers
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq clientbook show CB-00001 --json")]
pub(crate) struct ShowArgs {
    /// The client book id
    pub id: String,
    /// At most this many accounts
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: u32,
    /// Skip this many accounts first
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: u32,
}

/// Move a customer to another worker's client book (created on first use)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq clientbook reassign 100002 --to 000161")]
pub(crate) struct ReassignArgs {
    /// The customer account
    pub account: String,
    /// The worker whose client book gets the customer
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub to: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: ClientbookCommand) -> Result<()> {
    match cmd {
        ClientbookCommand::List(a) => {
            let db = ctx.open()?;
            let all = clienteling::books(db.read(), a.worker.as_deref())?;
            ctx.ui.emit(&all, |ui| show::print_books(ui, &all))
        }
        ClientbookCommand::Show(a) => {
            let db = ctx.open()?;
            let b = clienteling::show_book(db.read(), &a.id, a.limit, a.offset)?;
            ctx.ui.emit(&b, |ui| show::print_book(ui, &b))?;
            let next = u64::from(a.offset) + b.customers.len() as u64;
            let left = b.book.customer_count.saturating_sub(next);
            ctx.ui.more(
                crate::ops::More::after(left.min(u64::from(crate::ops::More::CAP)), Some(next))
                    .filter(|_| !b.customers.is_empty()),
                "customers",
            );
            Ok(())
        }
        ClientbookCommand::Reassign(a) => {
            let mut db = ctx.open()?;
            let applied =
                clienteling::reassign(&mut db, &ctx.env, a.write.mode(), &a.account, &a.to)?;
            let id = applied.value.id.clone();
            ctx.ui.report(&applied, || {
                format!("customer {} is already in client book {id}", a.account)
            })
        }
    }
}
