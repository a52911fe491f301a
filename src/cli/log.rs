use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops;
use crate::ui::Table;

/// Show the audit log: who changed what, when, with which command
///
/// Newest first. The filters narrow it (all given must hold): --entity the record changed
/// (KIND:KEY, as changes name them: store:HOUSTON, customer:100003, number_sequence:CUSTACCT),
/// --by (the actor; `--actor` is the global option naming who acts), --since (a date, an
/// instant, or a time ago: 12h, 7d), --command (text in the command line). --changes shows
/// each entry's field changes (old -> new).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq log
  hq log --entity store:HOUSTON --changes
  hq log --by ann --since 7d
  hq log --command 'customer set' --limit 5 --json")]
pub(crate) struct LogArgs {
    /// How many entries, newest first
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
    /// Only entries that changed this record (KIND:KEY, e.g. store:HOUSTON)
    #[arg(long, value_name = "KIND:KEY")]
    pub entity: Option<String>,
    /// Only entries by this actor (any case)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Only entries at or after this (2026-11-30, an RFC 3339 instant, or 30m, 12h, 7d ago)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only entries whose command contains this text (any case)
    #[arg(long, value_name = "TEXT")]
    pub command: Option<String>,
    /// Show each entry's changes, field by field (old -> new)
    #[arg(long)]
    pub changes: bool,
}

pub(crate) fn run(ctx: &Context, args: LogArgs) -> Result<()> {
    let entity = args
        .entity
        .as_deref()
        .map(|e| {
            e.split_once(':')
                .filter(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
                .map(|(k, v)| (k.trim().replace('-', "_"), v.trim().to_string()))
                .ok_or_else(|| {
                    crate::error::HqError::from(
                        crate::domain::validate::Invalid::new("entity", e, "expected KIND:KEY")
                            .hint("for example store:HOUSTON or customer:100003"),
                    )
                })
        })
        .transpose()?;
    let since = args
        .since
        .as_deref()
        .map(|s| crate::domain::change::since("since", s, ctx.env.now))
        .transpose()?;
    let filter = ops::audit::Filter {
        entity,
        actor: args.by,
        since,
        command: args.command,
    };
    let db = ctx.open()?;
    let (entries, more) = ops::audit::recent(&db, &filter, args.limit)?;
    ctx.ui.emit(&entries, |ui| {
        if args.changes {
            let mut text = String::new();
            for e in &entries {
                text.push_str(&format!(
                    "#{}  {}  {}  {}\n",
                    e.id, e.at, e.actor, e.command
                ));
                for line in change_lines(&e.changes) {
                    text.push_str(&format!("  {line}\n"));
                }
                if change_lines(&e.changes).is_empty() {
                    text.push_str(&format!("  {}\n", e.summary));
                }
            }
            return ui.print_line(text.trim_end());
        }
        let mut t = Table::new(&["ID", "AT", "ACTOR", "SUMMARY", "COMMAND"]);
        for e in &entries {
            t.row(vec![
                e.id.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.summary.clone(),
                e.command.clone(),
            ]);
        }
        ui.print_table(t)
    })?;
    ctx.ui.more(more, "entries");
    Ok(())
}

/// The changes of an entry as lines: `update customer 100003: last_name "Lovelace" -> "Byron"`
/// (a job's sessions are said by the summary).
fn change_lines(changes: &serde_json::Value) -> Vec<String> {
    let shown = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "(none)".to_string(),
        other => other.to_string(),
    };
    changes
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let (action, entity, key) = (
                c.get("action")?.as_str()?,
                c.get("entity")?.as_str()?,
                c.get("key")?.as_str()?,
            );
            let fields: Vec<String> = c
                .get("fields")
                .and_then(|f| f.as_array())
                .into_iter()
                .flatten()
                .map(|f| {
                    let name = f.get("field").and_then(|n| n.as_str()).unwrap_or("");
                    match (f.get("old"), f.get("new")) {
                        (Some(o), Some(n)) => format!("{name} {} -> {}", shown(o), shown(n)),
                        (None, Some(n)) => format!("{name} {}", shown(n)),
                        (Some(o), None) => format!("{name} {} -> (none)", shown(o)),
                        (None, None) => name.to_string(),
                    }
                })
                .collect();
            Some(if fields.is_empty() {
                format!("{action} {entity} {key}")
            } else {
                format!("{action} {entity} {key}: {}", fields.join(", "))
            })
        })
        .collect()
}
