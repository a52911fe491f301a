use clap::Args;

use crate::context::Context;
use crate::error::Result;
use crate::ops::customer::{self, ListInput};
use crate::ui::Table;

/// List customers, filtered; ordered by account, a page at a time
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  hq customer list --store HOUSTON --json
  hq customer list --group 30 --affiliation Retail --limit 20 --offset 40
  hq customer list --search lovel
  hq customer list --attribute 'AnnualSpend>=1000' --attribute PreferredCategory=Shoes,Bags
  hq customer list --pending")]
pub(crate) struct ListArgs {
    /// Customers the store finds: those in its customer address books
    #[arg(long, value_name = "NUMBER")]
    pub store: Option<String>,
    /// Customers of this group
    #[arg(long, value_name = "ID")]
    pub group: Option<String>,
    /// Customers with this affiliation
    #[arg(long, value_name = "NAME")]
    pub affiliation: Option<String>,
    /// Customers whose attribute passes: NAME=VALUE, NAME!=VALUE, NAME>=VALUE (<=, >, <), a
    /// range NAME=A..B, any of several NAME=A,B; read by the attribute's type (repeat: all
    /// must pass)
    #[arg(long = "attribute", value_name = "NAME<op>VALUE")]
    pub attributes: Vec<String>,
    /// A prefix of the name, email, phone number or account
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// The async customers pending in channel databases instead (other filters do not apply)
    #[arg(long, conflicts_with_all = ["store", "group", "affiliation", "attributes", "search"])]
    pub pending: bool,
    /// How many
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// How many to skip
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

pub(crate) fn run(ctx: &Context, a: ListArgs) -> Result<()> {
    let db = ctx.open()?;
    if a.pending {
        let (all, away) = customer::pending(db.read())?;
        for u in away {
            let e = u.error.render_field(crate::error::flag_of);
            ctx.ui.warn(format!(
                "channel database {} could not be read, so its waiting customers are not listed: {}",
                u.channel_db, e.message
            ));
        }
        return ctx.ui.emit(&all, |ui| {
            let mut t = Table::new(&[
                "TEMPORARY ID",
                "NAME",
                "STORE",
                "CHANNEL DB",
                "CREATED",
                "STATUS",
            ]);
            for p in &all {
                t.row(vec![
                    p.id.clone(),
                    p.customer.display_name(),
                    p.store.clone(),
                    p.channel_database.clone(),
                    p.created_at.clone(),
                    p.status.clone(),
                ]);
            }
            ui.print_table(t)
        });
    }
    let (all, more) = customer::list(
        db.read(),
        ListInput {
            store: a.store,
            address_books: None,
            group: a.group,
            affiliation: a.affiliation,
            attributes: a.attributes,
            search: a.search,
            limit: a.limit,
            offset: a.offset,
        },
    )?;
    ctx.ui.emit(&all, |ui| super::print_list(ui, &all))?;
    ctx.ui.more(more, "customers");
    Ok(())
}
