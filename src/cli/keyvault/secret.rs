//! `hq keyvault secret add|set|remove`: three small verbs that share their arguments.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

#[derive(Debug, Subcommand)]
pub(crate) enum SecretCommand {
    Add(SecretArgs),
    Set(SetSecretArgs),
    Remove(RemoveArgs),
}

/// Add a named reference to a Key Vault secret
///
/// The reference has the form vault://<KeyVaultName>/<SecretName>. hq never stores a secret
/// value: anything else is refused, and not repeated in the error.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq keyvault secret add CISecret --reference vault://contoso-kv/ci-access --description \"Customer Insights\""
)]
pub(crate) struct SecretArgs {
    /// The name HQ knows the secret by (asked for at a terminal)
    pub name: Option<String>,
    /// vault://<KeyVaultName>/<SecretName> (asked for at a terminal)
    #[arg(long)]
    pub reference: Option<String>,
    /// A description for people
    #[arg(long)]
    pub description: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Point a named secret at another Key Vault secret (after a rotation)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq keyvault secret set CISecret --reference vault://contoso-kv/ci-access-2027"
)]
pub(crate) struct SetSecretArgs {
    #[command(flatten)]
    pub args: SecretArgs,
}

/// Remove a named secret reference (refused while Customer Insights uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq keyvault secret remove OldSecret")]
pub(crate) struct RemoveArgs {
    /// The name HQ knows the secret by
    pub name: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: SecretCommand) -> Result<()> {
    let mut db = ctx.open()?;
    match cmd {
        SecretCommand::Add(a) => {
            let (name, reference) = ask_secret(ctx, &db, a.name, a.reference, false)?;
            let applied = params::add_secret(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &name,
                &reference,
                a.description.as_deref(),
                false,
            )?;
            ctx.ui.report(&applied, String::new)
        }
        SecretCommand::Set(SetSecretArgs { args: a }) => {
            let (name, reference) = ask_secret(ctx, &db, a.name, a.reference, true)?;
            let applied = params::add_secret(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &name,
                &reference,
                a.description.as_deref(),
                true,
            )?;
            let name = applied.value.name.clone();
            ctx.ui.report(&applied, || {
                format!("secret {name} already has that reference")
            })
        }
        SecretCommand::Remove(a) => {
            let applied = params::remove_secret(&mut db, &ctx.env, a.write.mode(), &a.name)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

/// The secret's name and reference, asked for at a terminal when not given: a new name as
/// text (`add`), an existing one from a list (`set`), the reference checked as typed (and
/// never repeated in a refusal: a pasted value may be the secret itself).
fn ask_secret(
    ctx: &Context,
    db: &crate::db::Db,
    name: Option<String>,
    reference: Option<String>,
    existing: bool,
) -> Result<(String, String)> {
    let ui = &ctx.ui;
    let name = if existing {
        ui.need_choice(name, "NAME", "secret", || {
            Ok(params::keyvault(db.read())?
                .secrets
                .into_iter()
                .map(|s| (s.name, s.reference))
                .collect())
        })?
    } else {
        ui.need_text(name, "NAME", "name HQ knows the secret by", |v| {
            crate::domain::validate::id("name", v)
                .map(drop)
                .map_err(|e| e.reason)
        })?
    };
    let reference = ui.need_text_unkept(
        reference,
        "--reference",
        "reference (vault://<KeyVaultName>/<SecretName>)",
        |v| {
            crate::domain::params::secret_reference("reference", v)
                .map(drop)
                .map_err(|e| e.reason)
        },
    )?;
    Ok((name, reference))
}
