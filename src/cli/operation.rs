use clap::{Args, Subcommand};

use crate::context::Context;
use crate::error::Result;
use crate::ops::layout;
use crate::ui::Table;

#[derive(Debug, Subcommand)]
pub(crate) enum OperationCommand {
    List(ListArgs),
}

/// List the POS operation catalogue
///
/// Ids and names are the product's. Only user operations may go on buttons; 712 to 716 need
/// the Clienteling feature.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  hq operation list\n  hq operation list --user --json")]
pub(crate) struct ListArgs {
    /// Only user operations (those that may go on buttons)
    #[arg(long)]
    pub user: bool,
}

pub(crate) fn run(ctx: &Context, cmd: OperationCommand) -> Result<()> {
    let OperationCommand::List(a) = cmd;
    let all = layout::operations(a.user);
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    ctx.ui.emit(&all, |ui| {
        let mut t = Table::new(&["ID", "NAME", "USER", "OFFLINE", "FEATURE"]);
        for o in &all {
            t.row(vec![
                o.id.to_string(),
                o.name.to_string(),
                yes(o.user_operation),
                yes(o.offline),
                crate::cli::or_dash(o.feature),
            ]);
        }
        ui.print_table(t)
    })
}
