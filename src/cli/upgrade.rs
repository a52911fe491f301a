use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::upgrade;

/// Move the environment forward to a newer version
///
/// Does what the new version brings (DOMAIN.md 3): features that become mandatory are turned
/// on whatever their state, features that become on by default are turned on unless an
/// administrator set them, and each feature turned on brings its prerequisites. One
/// transaction with its audit entry; the feature states are pending for job 1110. An
/// environment never moves back (exit 3); the same version changes nothing.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq upgrade --version 10.0.36 --dry-run
  hq upgrade --version 10.0.36
  hq job run 1110                  # carry the feature states to the stores")]
pub(crate) struct UpgradeArgs {
    /// The version to move to, e.g. 10.0.40
    #[arg(long = "version", value_name = "VERSION")]
    pub env_version: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: UpgradeArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = upgrade::upgrade(&mut db, &ctx.env, a.write.mode(), &a.env_version)?;
    let to = applied.value.to.clone();
    ctx.ui.report(&applied, || {
        format!("the environment is at version {to} already")
    })?;
    for t in &applied.value.features {
        ctx.ui.note(&format!("feature {}: {}", t.key, t.why));
    }
    Ok(())
}
