use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::domain::org::ChannelDb;
use crate::error::Result;
use crate::ops::channel_db;

/// Show a channel database and the stores that read from it
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db show Default --json")]
pub(crate) struct ShowArgs {
    /// The channel database's id
    pub id: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    db: ChannelDb,
    stores: Vec<String>,
}

pub(crate) fn run(ctx: &Context, a: ShowArgs) -> Result<()> {
    let db = ctx.open()?;
    let key = crate::cli::record::ask_existing::<crate::domain::org::ChannelDb>(
        &ctx.ui,
        db.read(),
        a.id.clone(),
    )?;
    let chdb = channel_db::get_db(db.read(), "ID", &key)?;
    let stores = channel_db::stores_of_db(db.read(), &chdb.id)?;
    let shown = Shown { db: chdb, stores };
    ctx.ui.emit(&shown, |ui| {
        ui.print_fields(&[
            ("ID", shown.db.id.clone()),
            ("Group", shown.db.group.clone()),
            ("Description", shown.db.description.clone()),
            ("Stores", shown.stores.join(", ")),
        ])
    })
}
