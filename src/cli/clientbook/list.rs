//! `hq clientbook list`.

use crate::context::Context;
use crate::error::Result;
use crate::ops::clienteling;
use crate::ui::clienteling as show;
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = clienteling::books(db.read(), a.worker.as_deref())?;
    ctx.ui.emit(&all, |ui| show::print_books(ui, &all))
}
