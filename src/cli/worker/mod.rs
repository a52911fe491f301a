//! `hq worker`: store associates.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::WriteArgs;
use crate::cli::or_dash;
use crate::context::Context;
use crate::domain::org::AddressBookKind;
use crate::domain::staff::Worker;
use crate::error::{HqError, Result};
use crate::ops::staff::{self, WorkerInput};
use crate::ops::{address_book, staff as staff_ops};
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum WorkerCommand {
    Add(AddArgs),
    List(ListArgs),
    Show(ShowArgs),
    Set(SetArgs),
    Remove(RemoveArgs),
}

/// Add a worker (store associate)
///
/// A worker belongs to the stores that share one of its employee address books. At a
/// terminal, hq asks for what is missing.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq worker add 000160 --name \"Ann Beebe\" --employee-address-book HOUSTON-EMP --permission-group MANAGER")]
pub(crate) struct AddArgs {
    /// The personnel number
    pub personnel_number: String,
    /// The worker's name
    #[arg(long)]
    pub name: Option<String>,
    /// An employee address book (repeat for more; at least one)
    #[arg(long = "employee-address-book", value_name = "ID")]
    pub employee_address_books: Vec<String>,
    /// The POS permission group
    #[arg(long, value_name = "ID")]
    pub permission_group: Option<String>,
    /// The worker's own screen layout (beats the register's and the store's)
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Change a worker ('' clears the layout)
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq worker set 000160 --add-employee-address-book SEATTLE-EMP
  hq worker set 000160 --permission-group SALES --layout ''")]
pub(crate) struct SetArgs {
    /// The personnel number
    pub personnel_number: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// Replace the employee address books (repeat)
    #[arg(long = "employee-address-book", value_name = "ID")]
    pub employee_address_books: Vec<String>,
    /// Add an employee address book
    #[arg(long = "add-employee-address-book", value_name = "ID")]
    pub add: Vec<String>,
    /// Remove an employee address book (one must remain)
    #[arg(long = "remove-employee-address-book", value_name = "ID")]
    pub remove: Vec<String>,
    /// The POS permission group
    #[arg(long, value_name = "ID")]
    pub permission_group: Option<String>,
    /// The worker's own screen layout
    #[arg(long, value_name = "ID")]
    pub layout: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List workers
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker list --json")]
pub(crate) struct ListArgs {}

/// Show a worker and the stores they belong to
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker show 000160 --json")]
pub(crate) struct ShowArgs {
    /// The personnel number
    pub personnel_number: String,
}

/// Remove a worker
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq worker remove 000160")]
pub(crate) struct RemoveArgs {
    /// The personnel number
    pub personnel_number: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    worker: Worker,
    stores: Vec<String>,
}

pub(crate) fn run(ctx: &Context, cmd: WorkerCommand) -> Result<()> {
    match cmd {
        WorkerCommand::List(_) => {
            let db = ctx.open()?;
            let all = staff::workers(db.read())?;
            ctx.ui.emit(&all, |ui| {
                let mut t = Table::new(&[
                    "PERSONNEL NUMBER",
                    "NAME",
                    "PERMISSION GROUP",
                    "ADDRESS BOOKS",
                    "LAYOUT",
                ]);
                for w in &all {
                    t.row(vec![
                        w.personnel_number.clone(),
                        w.name.clone(),
                        w.permission_group.clone(),
                        w.employee_address_books.join(", "),
                        or_dash(w.layout.as_deref()),
                    ]);
                }
                ui.print_table(t)
            })
        }
        WorkerCommand::Show(a) => {
            let db = ctx.open()?;
            let w = staff::get_worker(db.read(), "PERSONNEL_NUMBER", &a.personnel_number)?;
            let stores = staff::stores_of_worker(db.read(), &w)?;
            let shown = Shown { worker: w, stores };
            ctx.ui.emit(&shown, |ui| {
                let w = &shown.worker;
                ui.print_fields(&[
                    ("Personnel number", w.personnel_number.clone()),
                    ("Name", w.name.clone()),
                    (
                        "Employee address books",
                        w.employee_address_books.join(", "),
                    ),
                    ("Permission group", w.permission_group.clone()),
                    ("Layout", or_dash(w.layout.as_deref())),
                    ("Stores", shown.stores.join(", ")),
                ])
            })
        }
        WorkerCommand::Add(a) => add(ctx, a),
        WorkerCommand::Set(a) => {
            let input = WorkerInput {
                name: a.name,
                employee_address_books: (!a.employee_address_books.is_empty())
                    .then_some(a.employee_address_books),
                add_address_books: a.add,
                remove_address_books: a.remove,
                permission_group: a.permission_group,
                layout: a.layout,
            };
            if input.is_empty() {
                return Err(HqError::from(crate::domain::refuse::nothing_to_change(
                    &[],
                    "worker set",
                )));
            }
            let mut db = ctx.open()?;
            let applied = staff::set_worker(
                &mut db,
                &ctx.env,
                a.write.mode(),
                &a.personnel_number,
                input,
            )?;
            ctx.ui
                .report(&applied, || "the worker already has those values".into())
        }
        WorkerCommand::Remove(a) => {
            let mut db = ctx.open()?;
            let applied =
                staff::remove_worker(&mut db, &ctx.env, a.write.mode(), &a.personnel_number)?;
            ctx.ui.report(&applied, String::new)
        }
    }
}

fn add(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    let name = ui.need_text(a.name, "--name", "worker's name", |v| {
        crate::domain::validate::name("--name", v)
            .map(drop)
            .map_err(|e| e.reason)
    })?;
    let books = ui.need_choices(
        a.employee_address_books,
        "--employee-address-book",
        "employee address books",
        || {
            Ok(
                address_book::list(db.read(), Some(AddressBookKind::Employee))?
                    .into_iter()
                    .map(|b| (b.id, b.name))
                    .collect(),
            )
        },
    )?;
    let group = ui.need_choice(
        a.permission_group,
        "--permission-group",
        "permission group",
        || {
            Ok(staff_ops::permission_groups(db.read())?
                .into_iter()
                .map(|g| (g.id, g.description))
                .collect())
        },
    )?;
    let input = WorkerInput {
        name: Some(name),
        employee_address_books: Some(books),
        permission_group: Some(group),
        layout: a.layout,
        ..Default::default()
    };
    let applied = staff::add_worker(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.personnel_number,
        input,
    )?;
    ui.report(&applied, String::new)
}
