//! `hq permission-group`: POS permission groups and the operations their members may run.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::staff::PermissionGroup;
use crate::error::Result;
use crate::ops::staff;
use crate::ui::{Table, Ui};

#[derive(Debug, Subcommand)]
pub(crate) enum PermissionGroupCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(AddArgs),
    Allow(PermitArgs),
    Deny(PermitArgs),
    Remove(RemoveArgs),
}

/// Add (or, as `set`, change the description of) a POS permission group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq permission-group add MANAGER --description \"Store manager\""
)]
pub(crate) struct AddArgs {
    /// The group's id
    pub id: String,
    /// What people see
    #[arg(long)]
    pub description: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Allow (or, as `deny`, take away) POS operations to a permission group
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq permission-group allow MANAGER 712 713 714 715 716\n  hq permission-group deny SALES 716"
)]
pub(crate) struct PermitArgs {
    /// The group's id
    pub id: String,
    /// Operation ids (see `hq operation list`)
    #[arg(required = true, num_args = 1..)]
    pub operations: Vec<u32>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List permission groups
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group list --json")]
pub(crate) struct ListArgs {}

/// Show a permission group and its operations
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group show MANAGER")]
pub(crate) struct ShowArgs {
    /// The group's id
    pub id: String,
}

/// Remove a permission group (refused while workers are in it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq permission-group remove SALES")]
pub(crate) struct RemoveArgs {
    /// The group's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

fn ops_text(g: &PermissionGroup) -> String {
    g.operations
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_one(ui: &Ui, g: &PermissionGroup) -> Result<()> {
    ui.print_fields(&[
        ("ID", g.id.clone()),
        ("Description", g.description.clone()),
        ("Operations", ops_text(g)),
    ])
}

pub(crate) fn run(ctx: &Context, cmd: PermissionGroupCommand) -> Result<()> {
    match cmd {
        PermissionGroupCommand::List(_) => {
            let db = ctx.open()?;
            let all = staff::permission_groups(db.read())?;
            ctx.ui.emit(&all, |ui| {
                let mut t = Table::new(&["ID", "DESCRIPTION", "OPERATIONS"]);
                for g in &all {
                    t.row(vec![g.id.clone(), g.description.clone(), ops_text(g)]);
                }
                ui.print_table(t)
            })
        }
        PermissionGroupCommand::Show(a) => {
            let db = ctx.open()?;
            let g = staff::get_permission_group(db.read(), "ID", &a.id)?;
            ctx.ui.emit(&g, |ui| print_one(ui, &g))
        }
        PermissionGroupCommand::Add(a) => {
            let mut db = ctx.open()?;
            let applied = staff::add_permission_group(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.id,
                &a.description,
            )?;
            ctx.ui.report(&applied, String::new)
        }
        PermissionGroupCommand::Set(a) => {
            let mut db = ctx.open()?;
            let applied = staff::set_permission_group(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.id,
                &a.description,
            )?;
            ctx.ui
                .report(&applied, || "the group already has that description".into())
        }
        PermissionGroupCommand::Allow(a) => permit(ctx, a, true),
        PermissionGroupCommand::Deny(a) => permit(ctx, a, false),
        PermissionGroupCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied = staff::remove_permission_group(&mut db, &ctx.env, a.write.mode(), &a.id)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

fn permit(ctx: &Context, a: PermitArgs, allow: bool) -> Result<()> {
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
