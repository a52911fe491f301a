//! `hq clientbook show`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;
use crate::ui::clienteling as show;
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
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
