use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::attribute::AttributeType;
use crate::error::Result;
use crate::ui::Ui;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum AttributeTypeCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: AttributeTypeCommand) -> Result<()> {
    match cmd {
        AttributeTypeCommand::Add(a) => add::run(ctx, a),
        AttributeTypeCommand::List(a) => list::run(ctx, a),
        AttributeTypeCommand::Show(a) => show::run(ctx, a),
        AttributeTypeCommand::Set(a) => set::run(ctx, a),
        AttributeTypeCommand::Remove(a) => remove::run(ctx, a),
    }
}

fn range(t: &AttributeType) -> String {
    match (t.min, t.max) {
        (None, None) => "-".into(),
        (a, b) => format!(
            "{}..{}",
            a.map(|v| v.to_string()).unwrap_or_default(),
            b.map(|v| v.to_string()).unwrap_or_default()
        ),
    }
}

fn print_one(ui: &Ui, t: &AttributeType) -> Result<()> {
    ui.print_fields(&[
        ("Name", t.name.clone()),
        ("Kind", t.kind.as_str().to_string()),
        (
            "Values",
            if t.values.is_empty() {
                "-".into()
            } else {
                t.values.join(", ")
            },
        ),
        ("Range", range(t)),
        ("Unit", or_dash(t.unit.as_deref())),
    ])
}
