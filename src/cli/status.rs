use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops;

/// Show what the data file holds: versions and counts per area
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq status\n  hq status --json")]
pub(crate) struct StatusArgs {}

pub(crate) fn run(ctx: &Context, _args: StatusArgs) -> Result<()> {
    let db = ctx.open()?;
    let status = ops::status::status(&db)?;
    ctx.ui.emit(&status, |ui| {
        let mut fields: Vec<(&str, String)> = vec![
            ("Data file", status.data_file.clone()),
            ("Schema version", status.schema_version.to_string()),
            ("Environment version", status.environment_version.clone()),
            ("Created", status.created_at.clone()),
            ("Change version", status.change_version.to_string()),
            (
                "Pending rows",
                if status.pending_rows_exact {
                    status.pending_rows.to_string()
                } else {
                    format!(
                        "at least {} (hq job pending counts them all)",
                        status.pending_rows
                    )
                },
            ),
        ];
        let labels: Vec<String> = status
            .counts
            .keys()
            .map(|k| {
                let s = k.replace('_', " ");
                let mut c = s.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            })
            .collect();
        for (label, n) in labels.iter().zip(status.counts.values()) {
            fields.push((label.as_str(), n.to_string()));
        }
        ui.print_fields(&fields)
    })
}
