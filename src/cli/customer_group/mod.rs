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

/// A group named on the command line: its id, and its legal entity when several have that id.
#[derive(Debug, clap::Args)]
pub(crate) struct GroupKey {
    /// The group's id (or ID/LEGAL_ENTITY) [at a terminal: chosen from a list]
    pub id: Option<String>,
    /// The legal entity whose group it is [default: the only one with that id]
    #[arg(long, value_name = "ID")]
    pub legal_entity: Option<String>,
}

impl GroupKey {
    /// The key the ops take: `ID/LEGAL_ENTITY`, or the id alone; none when not given.
    pub(crate) fn key(&self) -> Option<String> {
        let id = self.id.as_ref()?;
        Some(match &self.legal_entity {
            Some(le) => crate::domain::customer::group_key(id, le),
            None => id.clone(),
        })
    }
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
        ("Legal entity", g.legal_entity.clone()),
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
