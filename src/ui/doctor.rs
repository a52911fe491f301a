//! The readiness report of `hq doctor`.

use super::{Table, Ui};
use crate::domain::doctor::{CheckStatus, Report};
use crate::error::Result;

pub(crate) fn print_report(ui: &Ui, r: &Report) -> Result<()> {
    // The status first: it is what matters, and a narrow terminal cuts the step's title
    // rather than leave the status out.
    let mut t = Table::new(&["STATUS", "STEP", "FOR", "DETAIL"]);
    for c in &r.checks {
        t.row(vec![
            match c.status {
                CheckStatus::Done => "done".into(),
                CheckStatus::Missing => "MISSING".into(),
            },
            c.title.clone(),
            c.subject.clone().unwrap_or_else(|| "-".into()),
            c.detail.clone(),
        ]);
    }
    ui.print_table(t)?;
    let missing: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Missing)
        .collect();
    if !missing.is_empty() {
        let mut text = String::from("\nTo fix:\n");
        for c in &missing {
            for cmd in &c.fix {
                text.push_str(&format!("  {cmd}\n"));
            }
        }
        ui.print_line(text.trim_end())?;
    }
    for w in &r.warnings {
        ui.warn(w);
    }
    if r.ready {
        ui.status_bold("Ready.", "");
    } else {
        ui.status_bold(
            "Not ready:",
            &format!(
                "{} of {} missing.",
                missing.len(),
                crate::domain::fix::count(r.checks.len() as u64, "steps")
            ),
        );
    }
    Ok(())
}
