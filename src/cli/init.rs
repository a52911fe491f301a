use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::error::Result;
use crate::ops::init::{self, DEFAULT_ENV_VERSION, InitOutcome};

/// Create a new data file
///
/// Creates the data file (mode 0600) with the environment version, and channel database group
/// `Default` holding channel database `Default`. On a file that is already an hq data file it
/// changes nothing and says so; any other existing file is refused (exit 7) and left untouched.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq --data t.db init --version 10.0.40\n  HQ_DATA=t.db hq init"
)]
pub(crate) struct InitArgs {
    /// The Commerce version of the environment, e.g. 10.0.40: decides which features start on
    /// [default: 10.0.40]. On an existing file, another version is refused: see `hq upgrade`
    #[arg(long = "version", value_name = "VERSION")]
    pub env_version: Option<String>,
}

#[derive(Serialize)]
struct Report {
    data_file: String,
    created: bool,
    environment_version: Option<String>,
}

pub(crate) fn run(ctx: &Context, args: InitArgs) -> Result<()> {
    let path = ctx.data.to_string();
    let server = matches!(ctx.data, crate::db::location::Location::Server(_));
    let version = args.env_version.as_deref().unwrap_or(DEFAULT_ENV_VERSION);
    let outcome = init::init(&ctx.data, ctx.wait, &ctx.env, version)?;
    if let (
        Some(asked),
        InitOutcome::AlreadyInitialized {
            env_version: Some(have),
        },
    ) = (&args.env_version, &outcome)
    {
        init::check_same_version(&path, have, asked)?;
    }
    let report = match outcome {
        InitOutcome::Created { env_version } => {
            ctx.ui.status(&if server {
                format!(
                    "Created the hq environment in {path} for environment version {env_version}."
                )
            } else {
                format!("Created data file {path} for environment version {env_version}.")
            });
            Report {
                data_file: path,
                created: true,
                environment_version: Some(env_version),
            }
        }
        InitOutcome::AlreadyInitialized { env_version } => {
            ctx.ui.status(&if server {
                format!("{path} already holds an hq environment; nothing changed.")
            } else {
                format!("{path} is already an hq data file; nothing changed.")
            });
            Report {
                data_file: path,
                created: false,
                environment_version: env_version,
            }
        }
    };
    if ctx.ui.json() {
        ctx.ui.print_json(&report)?;
    }
    Ok(())
}
