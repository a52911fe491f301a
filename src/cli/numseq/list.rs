use clap::Args;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq;
use crate::ui::Table;

/// List number sequences
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq numseq list\n  hq numseq list --json")]
pub(crate) struct ListArgs {}

pub(crate) fn run(ctx: &Context, _a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    let all = numseq::list(db.read())?;
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&[
            "CODE",
            "FORMAT",
            "SCOPE",
            "LEGAL ENTITY",
            "NEXT",
            "STATUS",
            "REFERENCES",
        ]);
        for v in &all {
            let s = &v.sequence;
            let status = if s.stopped {
                "stopped"
            } else if s.manual {
                "manual"
            } else if s.next > s.largest {
                "used up"
            } else {
                "active"
            };
            t.row(vec![
                s.code.clone(),
                s.format.clone(),
                s.scope.as_str().to_string(),
                or_dash(s.legal_entity.as_deref()),
                or_dash(v.next_value.as_deref()),
                status.to_string(),
                v.references
                    .iter()
                    .map(|a| format!("{} ({})", a.reference, a.legal_entity))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        ui.print_table(t)
    })
}
