//! `hq customer-group`: customer groups with payment terms and financial dimensions.

pub(crate) mod add;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod set;
pub(crate) mod show;

use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::customer::CustomerGroup;
use crate::error::Result;
use crate::ui::Ui;

#[derive(Debug, Subcommand)]
pub(crate) enum CustomerGroupCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

pub(super) fn dims(g: &CustomerGroup) -> String {
    g.dimensions
        .iter()
        .map(|d| format!("{}={}", d.name, d.value))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn print_one(ui: &Ui, g: &CustomerGroup) -> Result<()> {
    ui.print_fields(&[
        ("ID", g.id.clone()),
        ("Description", g.description.clone()),
        ("Payment terms", or_dash(g.payment_terms.as_deref())),
        ("Financial dimensions", dims(g)),
    ])
}

pub(crate) fn run(ctx: &Context, cmd: CustomerGroupCommand) -> Result<()> {
    match cmd {
        CustomerGroupCommand::List(a) => list::run(ctx, a),
        CustomerGroupCommand::Show(a) => show::run(ctx, a),
        CustomerGroupCommand::Add(a) => add::run(ctx, a),
        CustomerGroupCommand::Set(a) => set::run(ctx, a),
        CustomerGroupCommand::Remove(a) => remove::run(ctx, a),
    }
}
