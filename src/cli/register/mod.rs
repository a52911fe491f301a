//! `hq register`: registers of a store.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::cli::or_dash;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::layout;
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum RegisterCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(SetArgs),
    Remove(RemoveArgs),
}

/// Add a register to a store
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq register add HOUSTON-1 --store HOUSTON\n  hq register add HOUSTON-2 --store HOUSTON --layout EXPRESS"
)]
pub(crate) struct AddArgs {
    /// The register's id
    pub id: String,
    /// The store it stands in
    #[arg(long, value_name = "NUMBER")]
    pub store: String,
    /// Its own screen layout (beats the store's)
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Move a register or change its layout ('' clears the layout)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register set HOUSTON-2 --layout ''")]
pub(crate) struct SetArgs {
    /// The register's id
    pub id: String,
    /// The store it stands in
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// Its own screen layout
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List registers
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register list --store HOUSTON --json")]
pub(crate) struct ListArgs {
    /// Only this store's registers
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
}

/// Show a register
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register show HOUSTON-1")]
pub(crate) struct ShowArgs {
    /// The register's id
    pub id: String,
}

/// Remove a register
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq register remove HOUSTON-2")]
pub(crate) struct RemoveArgs {
    /// The register's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, cmd: RegisterCommand) -> Result<()> {
    match cmd {
        RegisterCommand::List(a) => {
            let db = ctx.open()?;
            let all = layout::registers(db.read(), a.store.as_deref())?;
            ctx.ui.emit(&all, |ui| {
                let mut t = Table::new(&["ID", "STORE", "LAYOUT"]);
                for r in &all {
                    t.row(vec![
                        r.id.clone(),
                        r.store.clone(),
                        or_dash(r.layout.as_deref()),
                    ]);
                }
                ui.print_table(t)
            })
        }
        RegisterCommand::Show(a) => {
            let db = ctx.open()?;
            let r = layout::get_register(db.read(), "ID", &a.id)?;
            ctx.ui.emit(&r, |ui| {
                ui.print_fields(&[
                    ("ID", r.id.clone()),
                    ("Store", r.store.clone()),
                    ("Layout", or_dash(r.layout.as_deref())),
                ])
            })
        }
        RegisterCommand::Add(a) => {
            let mut db = ctx.open()?;
            let applied = layout::add_register(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.id,
                &a.store,
                a.layout.as_deref(),
            )?;
            ctx.ui.report(&applied, String::new)
        }
        RegisterCommand::Set(a) => {
            if a.store.is_none() && a.layout.is_none() {
                return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                    &["store", "layout"],
                    "register set",
                )));
            }
            let mut db = ctx.open()?;
            let applied = layout::set_register(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.id,
                a.store.as_deref(),
                a.layout.as_deref(),
            )?;
            ctx.ui
                .report(&applied, || "the register already has those values".into())
        }
        RegisterCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied = layout::remove_register(&mut db, &ctx.env, a.write.mode(), &a.id)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}
