//! The command-line face: the command tree ([`command`]), what its nouns share ([`args`]),
//! and one folder per noun, one file per verb. A command turns its arguments into an ops call
//! and hands the result to the ui; no SQL and no rules live here.

pub(crate) mod activity_type;
pub(crate) mod address_book;
pub(crate) mod apply;
pub(crate) mod args;
pub(crate) mod attribute;
pub(crate) mod attribute_group;
pub(crate) mod attribute_type;
pub(crate) mod channel_db;
pub(crate) mod channel_db_group;
pub(crate) mod clientbook;
pub mod command;
pub(crate) mod complete;
pub(crate) mod completions;
pub(crate) mod copy;
pub(crate) mod customer;
pub(crate) mod customer_group;
pub(crate) mod diff;
pub(crate) mod doctor;
pub(crate) mod export;
pub(crate) mod feature;
pub(crate) mod init;
pub(crate) mod insights;
pub(crate) mod job;
pub(crate) mod keyvault;
pub(crate) mod layout;
pub(crate) mod legal_entity;
pub(crate) mod log;
pub(crate) mod man;
pub(crate) mod numseq;
pub(crate) mod operation;
pub(crate) mod param;
pub(crate) mod permission_group;
pub(crate) mod plan;
pub(crate) mod pos;
pub(crate) mod record;
pub(crate) mod register;
pub(crate) mod seed;
pub(crate) mod setup;
pub(crate) mod status;
pub(crate) mod store;
pub(crate) mod upgrade;
pub(crate) mod worker;

use crate::context::Context;
use crate::error::Result;
pub(crate) use args::{REFERENCES, WriteArgs, one_of, parse_bool};
pub(crate) use command::{Cli, Command, GlobalArgs};
pub use command::{command, completing};

pub(crate) fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::Upgrade(args) => upgrade::run(ctx, args),
        Command::LegalEntity(cmd) => legal_entity::run(ctx, cmd),
        Command::AddressBook(cmd) => address_book::run(ctx, cmd),
        Command::Store(cmd) => store::run(ctx, cmd),
        Command::ChannelDbGroup(cmd) => channel_db_group::run(ctx, cmd),
        Command::ChannelDb(cmd) => channel_db::run(ctx, cmd),
        Command::Feature(cmd) => feature::run(ctx, cmd),
        Command::Numseq(cmd) => numseq::run(ctx, cmd),
        Command::Param(cmd) => param::run(ctx, cmd),
        Command::Keyvault(cmd) => keyvault::run(ctx, cmd),
        Command::Insights(cmd) => insights::run(ctx, cmd),
        Command::AttributeType(cmd) => attribute_type::run(ctx, cmd),
        Command::Attribute(cmd) => attribute::run(ctx, cmd),
        Command::AttributeGroup(cmd) => attribute_group::run(ctx, cmd),
        Command::ActivityType(cmd) => activity_type::run(ctx, cmd),
        Command::Operation(cmd) => operation::run(ctx, cmd),
        Command::PermissionGroup(cmd) => permission_group::run(ctx, cmd),
        Command::Worker(cmd) => worker::run(ctx, cmd),
        Command::Layout(cmd) => layout::run(ctx, cmd),
        Command::Register(cmd) => register::run(ctx, cmd),
        Command::CustomerGroup(cmd) => customer_group::run(ctx, cmd),
        Command::Customer(cmd) => customer::run(ctx, cmd),
        Command::Job(cmd) => job::run(ctx, cmd),
        Command::Doctor(cmd) => doctor::run(ctx, cmd, &|words| run_words(ctx, words)),
        Command::Setup(cmd) => setup::run(ctx, cmd, &|words| run_words(ctx, words)),
        Command::Export(a) => export::run(ctx, a),
        Command::Diff(a) => diff::run(ctx, a),
        Command::Copy(a) => copy::run(ctx, a),
        Command::Plan(a) => plan::run(ctx, a),
        Command::Apply(a) => apply::run(ctx, a),
        Command::Seed(a) => seed::run(ctx, a),
        Command::Pos(a) => pos::run(ctx, *a),
        Command::Clientbook(cmd) => clientbook::run(ctx, cmd),
        Command::Log(args) => log::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args, command::command()),
        Command::Man(args) => man::run(ctx, args, command::command()),
    }
}

/// Runs `words` (a command line after `hq`) as a command of its own, on the user's behalf, in
/// `ctx`'s data file (`doctor --fix`, `setup`): one transaction and audit entry, as typed.
pub(crate) fn run_words(ctx: &Context, words: &[String]) -> Result<()> {
    let argv = std::iter::once("hq".to_string()).chain(words.iter().cloned());
    let cli = <Cli as clap::Parser>::try_parse_from(argv).map_err(|e| {
        let line = format!("hq {}", words.join(" "));
        crate::domain::refuse::cannot_run(&line, &e.kind().to_string())
    })?;
    run(&ctx.inner(words), cli.command)
}

/// Shows an optional value in a table cell.
pub(crate) fn or_dash(v: Option<&str>) -> String {
    v.map_or_else(|| "-".to_string(), str::to_string)
}
