use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::params;

/// Set the Key Vault URL and the client (application) id HQ uses to read it
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq keyvault set --url https://contoso-kv.vault.azure.net/ --client-id 6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01"
)]
pub(crate) struct SetArgs {
    /// The vault's https URL ('' clears it)
    #[arg(long)]
    pub url: Option<String>,
    /// The client (application) id, a GUID ('' clears it)
    #[arg(long, value_name = "GUID")]
    pub client_id: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.url.is_none() && a.client_id.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["url", "client_id"],
            "keyvault set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = params::set_keyvault(&mut db, &ctx.env, a.write.mode(), a.url, a.client_id)?;
    ctx.ui.report(&applied, || {
        "the Key Vault parameters already have those values".into()
    })
}
