use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::domain::validate;
use crate::error::Result;
use crate::ops::legal_entity::{self, NewLegalEntity};

/// Add a legal entity
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  hq legal-entity add USRT --name \"Contoso Retail USA\" --country US --language en-US"
)]
pub(crate) struct AddArgs {
    /// The id: 1 to 4 letters or digits, e.g. USRT
    pub id: Option<String>,
    /// The company's name
    #[arg(long)]
    pub name: Option<String>,
    /// ISO 3166 country, alpha-2 or alpha-3 (stored as alpha-2)
    #[arg(long)]
    pub country: Option<String>,
    /// Default language, a BCP 47 tag such as en-US
    #[arg(long)]
    pub language: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: AddArgs) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    let id = ui.need_text(
        a.id,
        "ID",
        "legal entity id (1 to 4 letters or digits)",
        |v| {
            validate::legal_entity_id("ID", v)
                .map(drop)
                .map_err(|e| e.reason)
        },
    )?;
    let name = ui.need_text(a.name, "--name", "name", |v| {
        validate::name("--name", v).map(drop).map_err(|e| e.reason)
    })?;
    let country = ui.need_text(a.country, "--country", "country (ISO 3166, e.g. US)", |v| {
        validate::country("--country", v)
            .map(drop)
            .map_err(|e| e.reason)
    })?;
    let language = ui.need_text(
        a.language,
        "--language",
        "default language (e.g. en-US)",
        |v| {
            validate::language("--language", v)
                .map(drop)
                .map_err(|e| e.reason)
        },
    )?;
    let applied = legal_entity::add(
        &mut db,
        &ctx.env,
        a.write.mode(),
        NewLegalEntity {
            id,
            name,
            country,
            language,
        },
    )?;
    ui.report(&applied, String::new)
}
