//! The command-line face: the command tree ([`command`]), what its nouns share ([`args`]),
//! and one folder per noun, one file per verb. A command turns its arguments into an ops call
//! and hands the result to the ui; no SQL and no rules live here.

pub mod activity_type;
pub mod address_book;
pub mod apply;
pub mod args;
pub mod attribute;
pub mod attribute_group;
pub mod attribute_type;
pub mod channel_db;
pub mod channel_db_group;
pub mod clientbook;
pub mod command;
pub mod completions;
pub mod customer;
pub mod customer_group;
pub mod diff;
pub mod doctor;
pub mod export;
pub mod feature;
pub mod init;
pub mod insights;
pub mod job;
pub mod keyvault;
pub mod layout;
pub mod legal_entity;
pub mod log;
pub mod man;
pub mod numseq;
pub mod operation;
pub mod param;
pub mod permission_group;
pub mod plan;
pub mod pos;
pub mod register;
pub mod seed;
pub mod status;
pub mod store;
pub mod upgrade;
pub mod worker;

use crate::context::Context;
use crate::error::Result;
pub use args::{
    CUSTOMER_TYPES, PURPOSES, RECEIPT_OPTIONS, REFERENCES, WriteArgs, one_of, parse_bool,
    parse_wait,
};
pub use command::{Cli, Command, GlobalArgs, command};

pub fn run(ctx: &Context, command: Command) -> Result<()> {
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
        Command::Doctor(cmd) => doctor::run(ctx, cmd),
        Command::Export(a) => export::run(ctx, a),
        Command::Diff(a) => diff::run(ctx, a),
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

/// Shows an optional value in a table cell.
pub(crate) fn or_dash(v: Option<&str>) -> String {
    v.map_or_else(|| "-".to_string(), str::to_string)
}
