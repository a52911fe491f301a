use clap::Args;
use serde::Serialize;

use crate::context::Context;
use crate::domain::org::ChannelDb;
use crate::error::Result;
use crate::ops::channel_db;

/// Show a channel database and the stores that read from it
///
/// For a channel database in a file of its own, also what the file says it has: the version
/// each job brought it to and by which session, and the async customers waiting there (or
/// why the file cannot be read).
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq channel-db show Default --json\n  hq channel-db show WEST")]
pub(crate) struct ShowArgs {
    /// The channel database's id
    pub id: Option<String>,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    db: ChannelDb,
    stores: Vec<String>,
    /// A file of its own: what it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<channel_db::FileState>,
    /// A file of its own that cannot be read: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    file_error: Option<String>,
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
    let (file, file_error) = match channel_db::file_state(db.read(), &chdb) {
        Ok(f) => (f, None),
        Err(e) => (None, Some(e.render_field(crate::error::flag_of).message)),
    };
    let shown = Shown {
        db: chdb,
        stores,
        file,
        file_error,
    };
    ctx.ui.emit(&shown, |ui| {
        let mut fields = vec![
            ("ID", shown.db.id.clone()),
            ("Group", shown.db.group.clone()),
            ("Description", shown.db.description.clone()),
            ("Stores", shown.stores.join(", ")),
        ];
        if shown.db.location.is_empty() {
            fields.push(("Location", "inside the data file".to_string()));
        } else {
            fields.push(("Location", shown.db.location.clone()));
        }
        let on_server = ["postgres://", "postgresql://"]
            .iter()
            .any(|p| shown.db.location.to_ascii_lowercase().starts_with(p));
        let place = if on_server { "Database" } else { "File" };
        if let Some(f) = &shown.file {
            fields.push((place, f.path.clone()));
            let jobs: Vec<String> = f
                .jobs
                .iter()
                .map(|j| format!("{} at version {} (session {})", j.job, j.version, j.session))
                .collect();
            fields.push((
                "Delivered",
                if jobs.is_empty() {
                    "nothing yet".to_string()
                } else {
                    jobs.join(", ")
                },
            ));
            fields.push(("Waiting customers", f.waiting_customers.to_string()));
        }
        if let Some(e) = &shown.file_error {
            fields.push((place, format!("cannot be read: {e}")));
        }
        ui.print_fields(&fields)
    })
}
