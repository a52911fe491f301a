use clap::Subcommand;

use crate::cli::or_dash;
use crate::context::Context;
use crate::error::Result;
use crate::ops::numseq::SequenceView;
use crate::ui::Ui;

mod add;
mod allocate;
mod assign;
mod list;
mod next;
mod remove;
mod set;
mod show;
mod unassign;

#[derive(Debug, Subcommand)]
pub(crate) enum NumseqCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
    Next(next::NextArgs),
    Assign(assign::AssignArgs),
    Unassign(unassign::UnassignArgs),
    Allocate(allocate::AllocateArgs),
}

pub(crate) fn run(ctx: &Context, cmd: NumseqCommand) -> Result<()> {
    match cmd {
        NumseqCommand::Add(a) => add::run(ctx, a),
        NumseqCommand::List(a) => list::run(ctx, a),
        NumseqCommand::Show(a) => show::run(ctx, a),
        NumseqCommand::Set(a) => set::run(ctx, a),
        NumseqCommand::Remove(a) => remove::run(ctx, a),
        NumseqCommand::Next(a) => next::run(ctx, a),
        NumseqCommand::Assign(a) => assign::run(ctx, a),
        NumseqCommand::Unassign(a) => unassign::run(ctx, a),
        NumseqCommand::Allocate(a) => allocate::run(ctx, a),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn print_one(ui: &Ui, v: &SequenceView) -> Result<()> {
    let s = &v.sequence;
    let refs: Vec<String> = v
        .references
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.legal_entity))
        .collect();
    ui.print_fields(&[
        ("Code", s.code.clone()),
        ("Name", s.name.clone()),
        ("Scope", s.scope.as_str().to_string()),
        ("Legal entity", or_dash(s.legal_entity.as_deref())),
        ("Format", s.format.clone()),
        ("Smallest", s.smallest.to_string()),
        ("Largest", s.largest.to_string()),
        ("Next", s.next.to_string()),
        ("Next value", or_dash(v.next_value.as_deref())),
        ("Manual", yes_no(s.manual)),
        ("Continuous", yes_no(s.continuous)),
        ("Stopped", yes_no(s.stopped)),
        (
            "References",
            if refs.is_empty() {
                "-".into()
            } else {
                refs.join(", ")
            },
        ),
    ])
}
