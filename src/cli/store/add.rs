use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{RecordArgs, ask_key};
use crate::context::Context;
use crate::domain::org::Store;
use crate::error::Result;
use crate::ops::store;

const EXAMPLES: &str = "Examples:
  hq store add HOUSTON --name Houston --legal-entity USRT --currency USD \\
     --time-zone America/Chicago --street \"1 Main St\" --city Houston --state TX \\
     --postal-code 77002 --country US \\
     --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
  hq store add SEATTLE ... --async-customer-creation --channel-db WEST";

/// Add a store
///
/// At a terminal, hq asks for what is missing and prints the equivalent command afterwards.
#[derive(Debug, Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct AddArgs {
    /// The store number: 1 to 10 letters or digits
    pub number: Option<String>,
    #[command(flatten)]
    pub fields: RecordArgs<Store>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, mut a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    let number = ask_key::<Store>(ui, a.number)?;
    a.fields.ask_missing(ui, db.read())?;
    let applied = store::add(&mut db, &ctx.env, a.write.mode(), &number, a.fields.0)?;
    ui.report(&applied, String::new)
}
