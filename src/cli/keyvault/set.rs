use clap::Args;

use crate::cli::WriteArgs;
use crate::cli::record::{SetArgs as Fields, run_set_one};
use crate::context::Context;
use crate::domain::params::KeyVault;
use crate::error::Result;

/// Set the Key Vault URL and the client (application) id HQ uses to read it
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq keyvault set --url https://contoso-kv.vault.azure.net/ --client-id 6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01"
)]
pub(crate) struct SetArgs {
    #[command(flatten)]
    pub fields: Fields<KeyVault>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    run_set_one(ctx, a.fields, a.write)
}
