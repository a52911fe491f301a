use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

/// Show the Key Vault parameters and the secret references
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq keyvault show --json")]
pub(crate) struct ShowArgs {}

pub(crate) fn run(ctx: &Context, _a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let v = params::keyvault(db.read())?;
    ctx.ui.emit(&v, |ui| super::print_view(ui, &v))
}
