//! `hq permission-group`: POS permission groups and the operations their members may run.

pub(crate) mod add;
pub(crate) mod allow;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod set;
pub(crate) mod show;

use clap::Subcommand;

use crate::context::Context;
use crate::domain::staff::PermissionGroup;
use crate::error::Result;
use crate::ops::staff;
use crate::ui::Ui;

#[derive(Debug, Subcommand)]
pub(crate) enum PermissionGroupCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Allow(allow::PermitArgs),
    Deny(allow::PermitArgs),
    Remove(remove::RemoveArgs),
}

pub(super) fn ops_text(g: &PermissionGroup) -> String {
    g.operations
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn print_one(ui: &Ui, g: &PermissionGroup) -> Result<()> {
    ui.print_fields(&[
        ("ID", g.id.clone()),
        ("Description", g.description.clone()),
        ("Operations", ops_text(g)),
    ])
}

pub(crate) fn run(ctx: &Context, cmd: PermissionGroupCommand) -> Result<()> {
    match cmd {
        PermissionGroupCommand::List(a) => list::run(ctx, a),
        PermissionGroupCommand::Show(a) => show::run(ctx, a),
        PermissionGroupCommand::Add(a) => add::run(ctx, a),
        PermissionGroupCommand::Set(a) => set::run(ctx, a),
        PermissionGroupCommand::Allow(a) => allow::run(ctx, a),
        PermissionGroupCommand::Deny(a) => permit(ctx, a, false),
        PermissionGroupCommand::Remove(a) => remove::run(ctx, a),
    }
}

pub(super) fn permit(ctx: &Context, a: allow::PermitArgs, allow: bool) -> Result<()> {
    let mut db = ctx.open()?;
    let applied = staff::permit(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        &a.operations,
        allow,
    )?;
    let what = if allow { "allowed" } else { "denied" };
    ctx.ui
        .report(&applied, || format!("those operations are already {what}"))
}
