//! `hq layout effective`.

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::layout::{self};
use clap::Args;

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

pub(crate) fn run(ctx: &Context, a: EffectiveArgs) -> Result<()> {
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
