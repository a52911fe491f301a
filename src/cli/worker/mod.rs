//! `hq worker`: store associates.

pub(crate) mod add;
pub(crate) mod list;
pub(crate) mod remove;
pub(crate) mod set;
pub(crate) mod show;

use clap::Subcommand;
use serde::Serialize;

use crate::context::Context;
use crate::domain::staff::Worker;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum WorkerCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    worker: Worker,
    stores: Vec<String>,
}

pub(crate) fn run(ctx: &Context, cmd: WorkerCommand) -> Result<()> {
    match cmd {
        WorkerCommand::List(a) => list::run(ctx, a),
        WorkerCommand::Show(a) => show::run(ctx, a),
        WorkerCommand::Add(a) => add::run(ctx, a),
        WorkerCommand::Set(a) => set::run(ctx, a),
        WorkerCommand::Remove(a) => remove::run(ctx, a),
    }
}
