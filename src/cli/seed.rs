use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::seed::{self, SeedOptions};

/// Add valid fake customers for testing, in bulk, in one transaction
///
/// Names, emails, phone numbers and addresses come from a generator seeded with --seed, so
/// the same seed gives the same customers (with the same hq). Each customer is made as
/// `hq customer add --store S` would make it: it inherits from the store's default customer,
/// and its account comes from the legal entity's customer_account number sequence. Without
/// --store the customers are spread over every store with a default customer.
///
/// --client-books puts each customer in the client book of one of its store's workers
/// (books are created with ids from the client_book_id sequence); --activities also records
/// one to three activities for each.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq seed --customers 1000
  hq seed --customers 1000000 --seed 42 --store HOUSTON
  hq seed --customers 500 --store HOUSTON --client-books --activities")]
pub(crate) struct SeedArgs {
    /// How many customers to add
    #[arg(long, value_name = "N")]
    pub customers: u64,
    /// The generator's seed: the same seed gives the same customers
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Only this store (by default: every store with a default customer)
    #[arg(long, value_name = "STORE")]
    pub store: Option<String>,
    /// Put the customers in their store's workers' client books
    #[arg(long)]
    pub client_books: bool,
    /// Record activities for the customers in client books (needs --client-books)
    #[arg(long)]
    pub activities: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SeedArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let bar = ctx.ui.counter("Seeding", "customers");
    bar.set_total(a.customers);
    let result = seed::seed(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &SeedOptions {
            customers: a.customers,
            seed: a.seed,
            store: a.store,
            client_books: a.client_books,
            activities: a.activities,
        },
        &mut |t| bar.tick(t),
    );
    bar.finish();
    let applied = result?;
    let r = &applied.value;
    ctx.ui.emit(r, |ui| crate::ui::seed::print_seeded(ui, r))?;
    if applied.mode == crate::ops::Mode::DryRun {
        ctx.ui.status("Dry run: nothing was written.");
    } else {
        ctx.ui.status(&format!(
            "Added {} in one transaction.",
            crate::domain::fix::count(r.customers as u64, "customers")
        ));
    }
    ctx.ui.print_equivalent_command();
    Ok(())
}
