//! `hq job`: the distribution jobs (docs/distribution.md).

pub(crate) mod list;
pub(crate) mod pending;
pub(crate) mod retry;
pub(crate) mod run;
pub(crate) mod sessions;

use clap::{Args, Subcommand};

use crate::context::Context;
use crate::distribution::Target;
use crate::error::Result;

#[derive(Debug, Subcommand)]
pub(crate) enum JobCommand {
    List(list::ListArgs),
    Run(run::RunArgs),
    Pending(pending::PendingArgs),
    Sessions(sessions::SessionsArgs),
    Retry(retry::RetryArgs),
}

/// Which channel databases: all by default, or one, or one group's
#[derive(Debug, Args, Clone)]
pub(crate) struct TargetArgs {
    /// Only this channel database
    #[arg(long, value_name = "ID", conflicts_with = "group")]
    pub channel_db: Option<String>,
    /// Only the channel databases of this group
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
}

impl TargetArgs {
    fn target(&self) -> Target {
        Target {
            channel_db: self.channel_db.clone(),
            group: self.group.clone(),
        }
    }
}

pub(crate) fn run(ctx: &Context, cmd: JobCommand) -> Result<()> {
    match cmd {
        JobCommand::List(a) => list::run(ctx, a),
        JobCommand::Run(a) => run::run(ctx, a),
        JobCommand::Pending(a) => pending::run(ctx, a),
        JobCommand::Sessions(a) => sessions::run(ctx, a),
        JobCommand::Retry(a) => retry::run(ctx, a),
    }
}
