use clap::Args;

use crate::cli::WriteArgs;
use crate::context::Context;
use crate::error::{HqError, Result};
use crate::ops::attribute;

/// Set the attribute-group Commerce parameters ('' clears one)
///
/// The customer attribute group may hold no datetime or reference attributes. The client book
/// attribute group is a Clienteling parameter: the Clienteling feature must be enabled.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq param set --client-book-attribute-group Clienteling
  hq param set --customer-attribute-group CustomerAttributes")]
pub(crate) struct SetArgs {
    /// General: the attribute group whose attributes customers carry
    #[arg(long, value_name = "GROUP")]
    pub customer_attribute_group: Option<String>,
    /// Clienteling: the attribute group of client books
    #[arg(long, value_name = "GROUP")]
    pub client_book_attribute_group: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub(crate) fn run(ctx: &Context, a: SetArgs) -> Result<()> {
    if a.customer_attribute_group.is_none() && a.client_book_attribute_group.is_none() {
        return Err(HqError::from(crate::domain::refuse::nothing_to_change(
            &["customer_attribute_group", "client_book_attribute_group"],
            "param set",
        )));
    }
    let mut db = ctx.open()?;
    let applied = attribute::set_group_params(
        &mut db,
        &ctx.env,
        a.write.mode(),
        a.customer_attribute_group,
        a.client_book_attribute_group,
    )?;
    ctx.ui.report(&applied, || {
        "the parameters already have those values".into()
    })
}
