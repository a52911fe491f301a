//! `hq customer-group show`.

use super::{GroupKey, print_one};
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::Result;
use crate::ops::customer::{self};
use clap::Args;

/// Show a customer group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq customer-group show 30 --json\n  hq customer-group show 30 --legal-entity DEMF"
)]
pub(crate) struct ShowArgs {
    #[command(flatten)]
    pub key: GroupKey,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<CustomerGroup>(&ctx.ui, db.read(), a.key.key())?;
    let g = customer::find_group(db.read(), "ID", &key)?;
    ctx.ui.emit(&g, |ui| print_one(ui, &g))
}
