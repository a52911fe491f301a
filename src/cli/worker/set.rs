//! `hq worker set`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::staff::{self, WorkerInput};
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
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
