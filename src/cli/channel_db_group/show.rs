use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::domain::org::ChannelDbGroup;
use crate::error::Result;
use crate::ops::channel_db;

/// Show a channel database group and its databases
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db-group show Default --json")]
pub(crate) struct ShowArgs {
    /// The group's id
    pub id: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    group: ChannelDbGroup,
    channel_databases: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::ChannelDbGroup>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let group = channel_db::get_group(db.read(), "ID", &key)?;
    let dbs = channel_db::dbs(db.read(), Some(&group.id))?;
    let shown = Shown {
        group,
        channel_databases: dbs.into_iter().map(|d| d.id).collect(),
    };
    ctx.ui.emit(&shown, |ui| {
        ui.print_fields(&[
            ("ID", shown.group.id.clone()),
            ("Description", shown.group.description.clone()),
            ("Channel databases", shown.channel_databases.join(", ")),
        ])
    })
}
