//! `hq layout`: screen layouts, their buttons, and which layout a store, register or worker
//! uses.

pub(crate) mod add;
pub(crate) mod assign;
pub(crate) mod effective;
pub(crate) mod list;
pub(crate) mod remove;
mod set;
pub(crate) mod show;
pub(crate) mod unassign;

use clap::{Args, Subcommand};

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self, ButtonSpec, Target};

#[derive(Debug, Subcommand)]
pub(crate) enum LayoutCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
    /// The buttons of a layout
    #[command(subcommand)]
    Button(ButtonCommand),
    Assign(assign::AssignArgs),
    Unassign(unassign::UnassignArgs),
    Effective(effective::EffectiveArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ButtonCommand {
    Add(ButtonAddArgs),
    Remove(ButtonRemoveArgs),
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
    /// The layout's id [at a terminal: chosen from a list]
    pub layout: Option<String>,
    /// The operation id [at a terminal: chosen from the user operations]
    #[arg(long)]
    pub operation: Option<u32>,
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
    /// The layout's id [at a terminal: chosen from a list]
    pub layout: Option<String>,
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

pub(crate) fn run(ctx: &Context, cmd: LayoutCommand) -> Result<()> {
    match cmd {
        LayoutCommand::List(a) => list::run(ctx, a),
        LayoutCommand::Show(a) => show::run(ctx, a),
        LayoutCommand::Add(a) => add::run(ctx, a),
        LayoutCommand::Set(a) => set::run(ctx, a),
        LayoutCommand::Remove(a) => remove::run(ctx, a),
        LayoutCommand::Button(ButtonCommand::Add(a)) => {
            let mut db = ctx.open()?;
            let ui = &ctx.ui;
            let id = crate::cli::record::ask_existing::<crate::domain::layout::ScreenLayout>(
                ui,
                db.read(),
                a.layout,
            )?;
            let operation = match a.operation {
                Some(o) => o,
                None => ui
                    .need_choice(None, "--operation", "operation", || {
                        Ok(layout::operations(true)
                            .into_iter()
                            .map(|o| (o.id.to_string(), o.name.to_string()))
                            .collect())
                    })?
                    .parse()
                    .unwrap_or_default(),
            };
            let spec = ButtonSpec {
                operation,
                text: a.text,
                grid: a.grid,
                row: a.row,
                column: a.column,
            };
            let applied = layout::add_button(&mut db, &ctx.env, a.write.mode(), &id, spec)?;
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
                _ => return Err(crate::domain::layout::both_row_and_column().into()),
            };
            let mut db = ctx.open()?;
            let id = crate::cli::record::ask_existing::<crate::domain::layout::ScreenLayout>(
                &ctx.ui,
                db.read(),
                a.layout,
            )?;
            let applied =
                layout::remove_buttons(&mut db, &ctx.env, a.write.mode(), &id, a.operation, at)?;
            ctx.ui.report(&applied, String::new)
        }
        LayoutCommand::Assign(a) => assign::run(ctx, a),
        LayoutCommand::Unassign(a) => unassign::run(ctx, a),
        LayoutCommand::Effective(a) => effective::run(ctx, a),
    }
}
