use clap::Args;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::feature::{self, Filter};
use crate::ui::Table;

/// List features with their lifecycle state and whether they are enabled
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq feature list\n  hq feature list --module \"Retail and commerce\" --json\n  hq feature list --enabled"
)]
pub(crate) struct ListArgs {
    /// Only the features of this module (any case)
    #[arg(long)]
    pub module: Option<String>,
    /// Only enabled features
    #[arg(long, group = "filter")]
    pub enabled: bool,
    /// Only disabled features
    #[arg(long, group = "filter")]
    pub disabled: bool,
    /// Only features scheduled to be enabled later
    #[arg(long, group = "filter")]
    pub scheduled: bool,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let filter = if a.enabled {
        Filter::Enabled
    } else if a.disabled {
        Filter::Disabled
    } else if a.scheduled {
        Filter::Scheduled
    } else {
        Filter::All
    };
    let all = feature::list(db.read(), ctx.env.now, a.module.as_deref(), filter)?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["KEY", "STATE", "ENABLED", "SINCE", "SCHEDULED", "NAME"]);
        for f in &all {
            t.row(vec![
                f.key.to_string(),
                f.state.as_str().to_string(),
                if f.enabled { "yes" } else { "no" }.to_string(),
                or_dash(f.enable_date.as_deref().map(|d| &d[..10])),
                or_dash(f.scheduled_date.as_deref().map(|d| &d[..10])),
                f.name.to_string(),
            ]);
        }
        ui.print_table(t)
    })
}
