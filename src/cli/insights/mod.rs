use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::params::Insights;
use crate::error::Result;
use crate::ui::Ui;

mod enable;
mod measure;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum InsightsCommand {
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Enable(enable::EnableArgs),
    Disable(enable::DisableArgs),
    /// Customer Insights measure values shown on customer cards
    #[command(subcommand)]
    Measure(measure::MeasureCommand),
}

pub(crate) fn run(ctx: &Context, cmd: InsightsCommand) -> Result<()> {
    match cmd {
        InsightsCommand::Show(a) => show::run(ctx, a),
        InsightsCommand::Set(a) => set::run(ctx, a),
        InsightsCommand::Enable(a) => enable::run(ctx, a.write, true),
        InsightsCommand::Disable(a) => enable::run(ctx, a.write, false),
        InsightsCommand::Measure(cmd) => measure::run(ctx, cmd),
    }
}

fn print_one(ui: &Ui, ci: &Insights) -> Result<()> {
    ui.print_fields(&[
        ("Enabled", if ci.enabled { "yes" } else { "no" }.to_string()),
        ("Application id", or_dash(ci.app_id.as_deref())),
        ("Secret name", or_dash(ci.secret_name.as_deref())),
        (
            "Environment instance id",
            or_dash(ci.environment_id.as_deref()),
        ),
        (
            "Alternate customer id",
            or_dash(ci.alternate_customer_id.as_deref()),
        ),
        (
            "Measures",
            if ci.measures.is_empty() {
                "-".into()
            } else {
                ci.measures.join(", ")
            },
        ),
    ])
}
