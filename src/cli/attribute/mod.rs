use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::attribute::Attribute;
use crate::error::Result;
use crate::ui::Ui;

mod add;
mod list;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum AttributeCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(crate) fn run(ctx: &Context, cmd: AttributeCommand) -> Result<()> {
    match cmd {
        AttributeCommand::Add(a) => add::run(ctx, a),
        AttributeCommand::List(a) => list::run(ctx, a),
        AttributeCommand::Show(a) => show::run(ctx, a),
        AttributeCommand::Set(a) => set::run(ctx, a),
        AttributeCommand::Remove(a) => remove::run(ctx, a),
    }
}

fn print_one(ui: &Ui, a: &Attribute) -> Result<()> {
    ui.print_fields(&[
        ("Name", a.name.clone()),
        ("Type", a.type_name.clone()),
        ("Friendly name", or_dash(a.friendly_name.as_deref())),
        ("Description", or_dash(a.description.as_deref())),
        ("Default", or_dash(a.default.as_deref())),
    ])
}
