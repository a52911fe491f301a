use clap::Subcommand;

use crate::context::Context;
use crate::domain::attribute::AttributeGroup;
use crate::error::Result;
use crate::ui::{Table, Ui};

mod add;
mod list;
mod member;
mod remove;
mod set;
mod show;

#[derive(Debug, Subcommand)]
pub(crate) enum AttributeGroupCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
    /// The attributes of a group, with display order and the refinable flag
    #[command(subcommand)]
    Attribute(member::MemberCommand),
}

pub(crate) fn run(ctx: &Context, cmd: AttributeGroupCommand) -> Result<()> {
    match cmd {
        AttributeGroupCommand::Add(a) => add::run(ctx, a),
        AttributeGroupCommand::List(a) => list::run(ctx, a),
        AttributeGroupCommand::Show(a) => show::run(ctx, a),
        AttributeGroupCommand::Set(a) => set::run(ctx, a),
        AttributeGroupCommand::Remove(a) => remove::run(ctx, a),
        AttributeGroupCommand::Attribute(c) => member::run(ctx, c),
    }
}

fn print_one(ui: &Ui, g: &AttributeGroup) -> Result<()> {
    ui.print_fields(&[
        ("Name", g.name.clone()),
        ("Description", g.description.clone()),
    ])?;
    if !g.attributes.is_empty() {
        ui.print_line("")?;
        let mut t = Table::new(&["ORDER", "ATTRIBUTE", "REFINABLE"]);
        for m in &g.attributes {
            t.row(vec![
                m.order.to_string(),
                m.attribute.clone(),
                if m.refinable { "yes" } else { "no" }.into(),
            ]);
        }
        ui.print_table(t)?;
    }
    Ok(())
}
