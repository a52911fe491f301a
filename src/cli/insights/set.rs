use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::params::{self, InsightsPatch};

/// Set the Customer Insights settings
///
/// Give only what changes; '' clears a value. `--measure` replaces the measures shown on
/// customer cards (at most three; `--no-measures` clears them). While Customer Insights is
/// enabled, a change that would make it invalid is refused.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq insights set --app-id 3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10 --secret-name CISecret --measure \"Churn probability\"
  hq insights set --measure \"Churn probability\" --measure \"Lifetime value\"")]
pub(crate) struct SetArgs {
    /// The Customer Insights application id, a GUID
    #[arg(long, value_name = "GUID")]
    pub app_id: Option<String>,
    /// The name of the Key Vault secret (see `hq keyvault secret add`)
    #[arg(long, value_name = "NAME")]
    pub secret_name: Option<String>,
    /// The Customer Insights environment instance id
    #[arg(long, value_name = "ID")]
    pub environment_id: Option<String>,
    /// The customer field Customer Insights uses as the alternate customer id
    #[arg(long, value_name = "FIELD")]
    pub alternate_customer_id: Option<String>,
    /// A measure shown on customer cards (repeat, at most three; replaces the list)
    #[arg(long = "measure", value_name = "NAME")]
    pub measures: Vec<String>,
    /// Show no measures
    #[arg(long, conflicts_with = "measures")]
    pub no_measures: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    let measures = if a.no_measures {
        Some(Vec::new())
    } else if a.measures.is_empty() {
        None
    } else {
        Some(a.measures)
    };
    let patch = InsightsPatch {
        app_id: a.app_id,
        secret_name: a.secret_name,
        environment_id: a.environment_id,
        alternate_customer_id: a.alternate_customer_id,
        measures,
    };
    if patch.is_empty() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &[],
            "insights set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = params::set_insights(&mut db, &ctx.env, a.write.mode(), patch)?;
    ctx.ui.report(&applied, || {
        "Customer Insights already has those settings".into()
    })
}
