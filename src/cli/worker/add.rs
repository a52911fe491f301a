//! `hq worker add`.

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::org::AddressBookKind;
use crate::error::Result;
use crate::ops::staff::{self, WorkerInput};
use crate::ops::{address_book, staff as staff_ops};
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
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
