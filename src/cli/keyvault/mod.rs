use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::params::KeyVault;
use crate::error::Result;
use crate::ui::{Table, Ui};

mod secret;
mod set;
mod show;
mod validate;

#[derive(Debug, Subcommand)]
pub(crate) enum KeyVaultCommand {
    Show(show::ShowArgs),
    Set(set::SetArgs),
    /// Named references to Key Vault secrets (never the secret values)
    #[command(subcommand)]
    Secret(secret::SecretCommand),
    Validate(validate::ValidateArgs),
}

pub(crate) fn run(ctx: &Context, cmd: KeyVaultCommand) -> Result<()> {
    match cmd {
        KeyVaultCommand::Show(a) => show::run(ctx, a),
        KeyVaultCommand::Set(a) => set::run(ctx, a),
        KeyVaultCommand::Secret(c) => secret::run(ctx, c),
        KeyVaultCommand::Validate(a) => validate::run(ctx, a),
    }
}

fn print_view(ui: &Ui, v: &KeyVault) -> Result<()> {
    ui.print_fields(&[
        ("URL", or_dash(v.url.as_deref())),
        ("Client id", or_dash(v.client_id.as_deref())),
        ("Secret expires", or_dash(v.secret_expires.as_deref())),
    ])?;
    if !v.secrets.is_empty() {
        ui.print_line("")?;
        let mut t = Table::new(&["SECRET", "REFERENCE", "DESCRIPTION"]);
        for s in &v.secrets {
            t.row(vec![
                s.name.clone(),
                s.reference.clone(),
                s.description.clone(),
            ]);
        }
        ui.print_table(t)?;
    }
    Ok(())
}
