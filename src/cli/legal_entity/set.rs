use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::legal_entity::{self, LegalEntityPatch};

/// Change a legal entity's name, country or language
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq legal-entity set USRT --name \"Contoso Retail US\"")]
pub(crate) struct SetArgs {
    /// The legal entity's id
    pub id: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// A new country (ISO 3166)
    #[arg(long)]
    pub country: Option<String>,
    /// A new default language (BCP 47)
    #[arg(long)]
    pub language: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.name.is_none() && a.country.is_none() && a.language.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["name", "country", "language"],
            "legal-entity set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = legal_entity::set(
        &mut db,
        &ctx.env,
        a.write.mode(),
        &a.id,
        LegalEntityPatch {
            name: a.name,
            country: a.country,
            language: a.language,
        },
    )?;
    let id = applied.value.id.clone();
    ctx.ui.report(&applied, || {
        format!("legal entity {id} already has those values")
    })
}
