//! The command tree: global flags, nouns and verbs. It imports each noun's arguments; nothing
//! imports it back but the dispatch in `cli::run` and the edge (`lib.rs`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use super as commands;
use super::args::parse_wait;
use crate::ui::ColorChoice;

const ABOUT: &str = "Headquarters admin for retail commerce: stores, default customers, features, \
clienteling and distribution, in one local data file";

const EXAMPLES: &str = "\
Examples:
  hq --data t.db init --version 10.0.40
  hq --data t.db legal-entity add USRT --name \"Contoso Retail USA\" --country US --language en-US
  hq --data t.db store list --json
  HQ_DATA=t.db hq status

Exit codes: 0 ok, 1 differences/not ready, 2 usage, 3 invalid input, 4 not found,
5 conflict, 6 busy, 7 data file unusable, 70 internal error, 74 I/O error, 130 interrupted.";

#[derive(Debug, Parser)]
#[command(name = "hq", version, about = ABOUT, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags accepted anywhere on the command line: in `--help` and man pages once, after the
/// command's own, under their own heading.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// The data file [default: ./hq.db]
    #[arg(
        long,
        global = true,
        env = "HQ_DATA",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub data: Option<PathBuf>,
    /// Print JSON on stdout (and errors as a JSON object on stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// Never prompt; a missing value is an error (also HQ_NO_INPUT=1 or CI=true)
    #[arg(
        long,
        global = true,
        env = "HQ_NO_INPUT",
        hide_env_values = true,
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub no_input: bool,
    /// Confirm risky actions without asking
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// Print no status lines (warnings and errors still show)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Show the causes behind errors
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
    /// Tables as wide as their content, even at a narrower terminal
    #[arg(long, global = true)]
    pub wide: bool,
    /// Tables without their heading line (for scripts reading columns)
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// When to use colour (NO_COLOR turns it off for auto)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Who the audit log records as acting [default: the OS user]
    #[arg(
        long,
        global = true,
        env = "HQ_ACTOR",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub actor: Option<String>,
    /// How long to wait for another writer to finish, in seconds (0 to 86400)
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 5.0, value_parser = parse_wait)]
    pub wait: f64,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    Init(commands::init::InitArgs),
    Status(commands::status::StatusArgs),
    Upgrade(commands::upgrade::UpgradeArgs),
    /// Legal entities (companies such as USRT)
    #[command(subcommand)]
    LegalEntity(commands::legal_entity::LegalEntityCommand),
    /// Address books: which customers a store finds and which workers belong to it
    #[command(subcommand)]
    AddressBook(commands::address_book::AddressBookCommand),
    /// Stores (retail channels) and their functionality profile settings
    #[command(subcommand)]
    Store(commands::store::StoreCommand),
    /// Channel database groups
    #[command(subcommand)]
    ChannelDbGroup(commands::channel_db_group::ChannelDbGroupCommand),
    /// Channel databases: where a store's POS reads its configuration
    #[command(subcommand)]
    ChannelDb(commands::channel_db::ChannelDbCommand),
    /// Feature management: list, enable, disable and schedule Commerce features
    #[command(subcommand)]
    Feature(commands::feature::FeatureCommand),
    /// Number sequences and the references that use them
    #[command(subcommand)]
    Numseq(commands::numseq::NumseqCommand),
    /// Commerce parameters (General, Number sequences, Clienteling)
    #[command(subcommand)]
    Param(commands::param::ParamCommand),
    /// Key Vault parameters and secret references
    #[command(subcommand)]
    Keyvault(commands::keyvault::KeyVaultCommand),
    /// Customer Insights settings for clienteling
    #[command(subcommand)]
    Insights(commands::insights::InsightsCommand),
    /// Attribute types: the kind, allowed values, range and unit of attribute values
    #[command(subcommand)]
    AttributeType(commands::attribute_type::AttributeTypeCommand),
    /// Attributes (of customers and client books)
    #[command(subcommand)]
    Attribute(commands::attribute::AttributeCommand),
    /// Attribute groups, with display order and refinable flags
    #[command(subcommand)]
    AttributeGroup(commands::attribute_group::AttributeGroupCommand),
    /// Clienteling activity types (read live by stores, cached for a few hours)
    #[command(subcommand)]
    ActivityType(commands::activity_type::ActivityTypeCommand),
    /// The POS operation catalogue
    #[command(subcommand)]
    Operation(commands::operation::OperationCommand),
    /// POS permission groups: which operations their workers may run
    #[command(subcommand)]
    PermissionGroup(commands::permission_group::PermissionGroupCommand),
    /// Workers (store associates)
    #[command(subcommand)]
    Worker(commands::worker::WorkerCommand),
    /// Screen layouts, their buttons, and where they apply
    #[command(subcommand)]
    Layout(commands::layout::LayoutCommand),
    /// Registers of stores
    #[command(subcommand)]
    Register(commands::register::RegisterCommand),
    /// Customer groups, with payment terms and financial dimensions
    #[command(subcommand)]
    CustomerGroup(commands::customer_group::CustomerGroupCommand),
    /// Customers: created for a store, they inherit from its default customer
    #[command(subcommand)]
    Customer(commands::customer::CustomerCommand),
    /// Distribution jobs: copy HQ changes to channel databases, and what is pending
    #[command(subcommand)]
    Job(commands::job::JobCommand),
    /// Readiness checks: what a setup still misses, and the commands that fix it
    #[command(subcommand)]
    Doctor(commands::doctor::DoctorCommand),
    /// Guided setups at a terminal: each missing step proposed, confirmed or edited, then done
    #[command(subcommand)]
    Setup(commands::setup::SetupCommand),
    /// The store associate's face: client books, customer cards, activities and notes, as the
    /// store's channel database allows
    Pos(Box<commands::pos::PosArgs>),
    /// Client books (HQ side): list, show, reassign
    #[command(subcommand)]
    Clientbook(commands::clientbook::ClientbookCommand),
    Export(commands::export::ExportArgs),
    Plan(commands::plan::PlanArgs),
    Apply(commands::apply::ApplyArgs),
    Seed(commands::seed::SeedArgs),
    Diff(commands::diff::DiffArgs),
    Copy(commands::copy::CopyArgs),
    Log(commands::log::LogArgs),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::man::ManArgs),
}

/// The clap command tree, for completions, man pages and the generated reference.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// The command tree with completers that know the data, for the shell asking for completions
/// (`COMPLETE=<shell> hq`).
pub fn completing() -> clap::Command {
    super::complete::attach_all(command())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_tree_is_consistent() {
        super::command().debug_assert();
    }
}
