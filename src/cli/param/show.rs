use clap::Args;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::params;

/// Show the Commerce parameters: General, Number sequences, Clienteling
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq param show\n  hq param show --json")]
pub(crate) struct ShowArgs {}

pub(crate) fn run(ctx: &Context, _a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let v = params::show(db.read())?;
    ctx.ui.emit(&v, |ui| {
        let ci = &v.clienteling.customer_insights;
        let mut fields: Vec<(&str, String)> = vec![
            ("General", String::new()),
            (
                "  Customer attribute group",
                or_dash(v.general.customer_attribute_group.as_deref()),
            ),
            ("Number sequences", String::new()),
        ];
        let refs: Vec<String> = v
            .number_sequences
            .iter()
            .map(|a| {
                format!(
                    "{} ({}) -> {}",
                    a.reference, a.legal_entity, a.number_sequence
                )
            })
            .collect();
        let refs_label: Vec<String> = vec!["  Reference".to_string(); refs.len().max(1)];
        if refs.is_empty() {
            fields.push(("  Reference", "-".to_string()));
        } else {
            for (l, r) in refs_label.iter().zip(&refs) {
                fields.push((l.as_str(), r.clone()));
            }
        }
        fields.extend([
            ("Clienteling", String::new()),
            (
                "  Client book attribute group",
                or_dash(v.clienteling.client_book_attribute_group.as_deref()),
            ),
            (
                "  Customer Insights enabled",
                if ci.enabled { "yes" } else { "no" }.to_string(),
            ),
            ("  Application id", or_dash(ci.app_id.as_deref())),
            ("  Secret name", or_dash(ci.secret_name.as_deref())),
            (
                "  Environment instance id",
                or_dash(ci.environment_id.as_deref()),
            ),
            (
                "  Alternate customer id",
                or_dash(ci.alternate_customer_id.as_deref()),
            ),
            (
                "  Measures",
                if ci.measures.is_empty() {
                    "-".into()
                } else {
                    ci.measures.join(", ")
                },
            ),
        ]);
        ui.print_fields(&fields)
    })
}
