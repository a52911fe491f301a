use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

/// Check the Key Vault parameters: URL and client id set, every secret reference well-formed
/// and in the vault the URL names
///
/// Exit 0 when valid; 3, listing every problem, when not.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq keyvault validate\n  hq keyvault validate --json")]
pub(crate) struct ValidateArgs {}

#[derive(Serialize)]
struct Report {
    valid: bool,
    problems: Vec<crate::domain::Hint>,
}

pub(crate) fn run(ctx: &Context, _a: ValidateArgs) -> Result<()> {
    let db = ctx.open()?;
    let problems = params::keyvault_problems(db.read())?;
    let report = Report {
        valid: problems.is_empty(),
        problems,
    };
    if ctx.ui.json() {
        ctx.ui.print_json(&report)?;
    }
    if report.valid {
        ctx.ui.status("The Key Vault parameters are valid.");
        return Ok(());
    }
    Err(crate::domain::params::key_vault_invalid(report.problems).into())
}
