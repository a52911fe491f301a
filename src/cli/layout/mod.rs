//! `hq layout`: screen layouts, their buttons, and which layout a store, register or worker
//! uses.

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::cli::or_dash;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::layout::{self, ButtonSpec, Target};
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum LayoutCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(AddArgs),
    Remove(RemoveArgs),
    /// The buttons of a layout
    #[command(subcommand)]
    Button(ButtonCommand),
    Assign(AssignArgs),
    Unassign(UnassignArgs),
    Effective(EffectiveArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ButtonCommand {
    Add(ButtonAddArgs),
    Remove(ButtonRemoveArgs),
}

/// Add (or, as `set`, rename) a screen layout
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout add HOUSTON-LAYOUT --name \"Houston layout\"")]
pub(crate) struct AddArgs {
    /// The layout's id
    pub id: String,
    /// Its name
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List screen layouts
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout list --json")]
pub(crate) struct ListArgs {}

/// Show a layout and its buttons
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout show HOUSTON-LAYOUT --json")]
pub(crate) struct ShowArgs {
    /// The layout's id
    pub id: String,
}

/// Remove a layout (refused while a store, register or worker uses it)
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout remove OLD-LAYOUT")]
pub(crate) struct RemoveArgs {
    /// The layout's id
    pub id: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Put a button for an operation on a layout
///
/// Only user operations may go on buttons (see `hq operation list --user`). Without --row and
/// --column the button takes the first free place, filling rows of four; a taken place is
/// refused.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq layout button add HOUSTON-LAYOUT --operation 712
  hq layout button add HOUSTON-LAYOUT --operation 714 --text \"Add to my book\" --grid CLIENTS --row 1 --column 2")]
pub(crate) struct ButtonAddArgs {
    /// The layout's id
    pub layout: String,
    /// The operation id
    #[arg(long)]
    pub operation: u32,
    /// The button's text [default: the operation's name]
    #[arg(long)]
    pub text: Option<String>,
    /// The button grid [default: MAIN]
    #[arg(long)]
    pub grid: Option<String>,
    /// Row, from 1
    #[arg(long)]
    pub row: Option<u32>,
    /// Column, from 1
    #[arg(long)]
    pub column: Option<u32>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Take buttons off a layout: every button of an operation, or the button at a place
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq layout button remove HOUSTON-LAYOUT --operation 713
  hq layout button remove HOUSTON-LAYOUT --grid MAIN --row 1 --column 2")]
pub(crate) struct ButtonRemoveArgs {
    /// The layout's id
    pub layout: String,
    /// Remove the buttons of this operation
    #[arg(long, required_unless_present = "row")]
    pub operation: Option<u32>,
    /// The button grid [default: MAIN]
    #[arg(long, requires = "row")]
    pub grid: Option<String>,
    /// Row of the button to remove
    #[arg(long, requires = "column")]
    pub row: Option<u32>,
    /// Column of the button to remove
    #[arg(long, requires = "row")]
    pub column: Option<u32>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub(crate) struct TargetArgs {
    /// A store
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// A register
    #[arg(long, value_name = "ID")]
    pub register: Option<String>,
    /// A worker
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub worker: Option<String>,
}

impl TargetArgs {
    fn target(self) -> Target {
        match (self.store, self.register, self.worker) {
            (Some(s), _, _) => Target::Store(s),
            (_, Some(r), _) => Target::Register(r),
            (_, _, Some(w)) => Target::Worker(w),
            _ => unreachable!("clap requires one of --store, --register, --worker"),
        }
    }
}

/// Use a layout for a store, a register or a worker (worker beats register beats store)
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq layout assign HOUSTON-LAYOUT --store HOUSTON\n  hq layout assign MANAGER-LAYOUT --worker 000160"
)]
pub(crate) struct AssignArgs {
    /// The layout's id
    pub layout: String,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Stop using a layout for a store, a register or a worker
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq layout unassign --register HOUSTON-1")]
pub(crate) struct UnassignArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Show which layout applies at a store, for a register and a worker, and why
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq layout effective --store HOUSTON --register HOUSTON-1 --worker 000160"
)]
pub(crate) struct EffectiveArgs {
    /// The store
    #[arg(long, value_name = "NUMBER")]
    pub store: String,
    /// A register of the store
    #[arg(long, value_name = "ID")]
    pub register: Option<String>,
    /// A worker of the store
    #[arg(long, value_name = "PERSONNEL_NUMBER")]
    pub worker: Option<String>,
}

pub(crate) fn run(ctx: &Context, cmd: LayoutCommand) -> Result<()> {
    match cmd {
        LayoutCommand::List(_) => {
            let db = ctx.open()?;
            let all = layout::list(db.read())?;
            ctx.ui.emit(&all, |ui| {
                let mut t = Table::new(&["ID", "NAME", "BUTTONS"]);
                for l in &all {
                    t.row(vec![
                        l.id.clone(),
                        l.name.clone(),
                        l.buttons.len().to_string(),
                    ]);
                }
                ui.print_table(t)
            })
        }
        LayoutCommand::Show(a) => {
            let db = ctx.open()?;
            let l = layout::get(db.read(), "ID", &a.id)?;
            ctx.ui.emit(&l, |ui| {
                ui.print_fields(&[("ID", l.id.clone()), ("Name", l.name.clone())])?;
                if !l.buttons.is_empty() {
                    ui.print_line("")?;
                    let mut t = Table::new(&["GRID", "ROW", "COLUMN", "OPERATION", "TEXT"]);
                    for b in &l.buttons {
                        t.row(vec![
                            b.grid.clone(),
                            b.row.to_string(),
                            b.column.to_string(),
                            b.operation.to_string(),
                            b.text.clone(),
                        ]);
                    }
                    ui.print_table(t)?;
                }
                Ok(())
            })
        }
        LayoutCommand::Add(a) => {
            let mut db = ctx.open()?;
            let applied = layout::add(&mut db, &ctx.env, a.write.mode(), &a.id, &a.name)?;
            ctx.ui.report(&applied, String::new)
        }
        LayoutCommand::Set(a) => {
            let mut db = ctx.open()?;
            let applied = layout::set(&mut db, &ctx.env, a.write.mode(), &a.id, &a.name)?;
            ctx.ui
                .report(&applied, || "the layout already has that name".into())
        }
        LayoutCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied = layout::remove(&mut db, &ctx.env, a.write.mode(), &a.id)?;
            ctx.ui.report(&applied, String::new)
        }
        LayoutCommand::Button(ButtonCommand::Add(a)) => {
            let mut db = ctx.open()?;
            let spec = ButtonSpec {
                operation: a.operation,
                text: a.text,
                grid: a.grid,
                row: a.row,
                column: a.column,
            };
            let applied = layout::add_button(&mut db, &ctx.env, a.write.mode(), &a.layout, spec)?;
            ctx.ui.report(&applied, String::new)
        }
        LayoutCommand::Button(ButtonCommand::Remove(a)) => {
            let at = match (a.row, a.column) {
                (Some(r), Some(c)) => Some((
                    a.grid
                        .unwrap_or_else(|| crate::domain::layout::DEFAULT_GRID.into()),
                    r,
                    c,
                )),
                (None, None) => None,
                _ => return Err(HqError::usage("give both --row and --column")),
            };
            let mut db = ctx.open()?;
            let applied = layout::remove_buttons(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.layout,
                a.operation,
                at,
            )?;
            ctx.ui.report(&applied, String::new)
        }
        LayoutCommand::Assign(a) => {
            let mut db = ctx.open()?;
            let applied = layout::assign(
                &mut db,
                &ctx.env,
                a.write.mode(),
                Some(&a.layout),
                a.target.target(),
            )?;
            ctx.ui
                .report(&applied, || "it already uses that layout".into())
        }
        LayoutCommand::Unassign(a) => {
            let mut db = ctx.open()?;
            let applied =
                layout::assign(&mut db, &ctx.env, a.write.mode(), None, a.target.target())?;
            ctx.ui
                .report(&applied, || "it has no layout of its own".into())
        }
        LayoutCommand::Effective(a) => {
            let db = ctx.open()?;
            let e = layout::effective(
                db.read(),
                &a.store,
                a.register.as_deref(),
                a.worker.as_deref(),
            )?;
            ctx.ui.emit(&e, |ui| {
                let why = match e.source {
                    Some(s) => format!("{s:?}").to_lowercase(),
                    None => "no layout is assigned to the worker, the register or the store".into(),
                };
                ui.print_fields(&[
                    ("Layout", or_dash(e.layout.as_deref())),
                    ("From", why),
                    ("Worker's layout", or_dash(e.worker_layout.as_deref())),
                    ("Register's layout", or_dash(e.register_layout.as_deref())),
                    ("Store's layout", or_dash(e.store_layout.as_deref())),
                ])
            })
        }
    }
}
