//! The command line's face of a record (`domain::record`): its flags on `add` and `set`, the
//! prompts for what `add` lacks, and its fields in `show`, all made from the field list.
//!
//! - A field is `--` + its name with dashes (a list: its singular, repeated); a flag's help
//!   is the field's, its value name `ID` for what refers to another entity (`ACCOUNT` for a
//!   customer), `BOOL` for a yes/no (`--x` alone is `--x=true`).
//! - `add` has the fields given on creation; `set` the ones not fixed, an optional one
//!   cleared by `''`, a list replaced by its flag and, when edited item by item, changed by
//!   `--add-X` and `--remove-X`. A field another command sets (`layout assign`) is on neither.
//! - At a terminal, `add` asks for each required field left out, by its label: text checked
//!   as typed, a list to choose from for what must exist.

use clap::{Arg, ArgAction, ArgMatches};

use crate::cli::{WriteArgs, parse_bool};
use crate::context::Context;
use crate::db::Reader;
use crate::domain::model::{Field, Kind};
use crate::domain::org::AddressBookKind;
use crate::domain::record::{Draft, Record, Value};
use crate::error::Result;
use crate::ops;
use crate::ops::record::Kept;
use crate::ui::Ui;

/// A record's fields as flags: `add`'s (`SET` false) or `set`'s.
#[derive(Debug, Clone)]
pub(crate) struct RecordArgs<R, const SET: bool = false, O = Every>(
    pub Draft<R>,
    std::marker::PhantomData<O>,
);

/// The fields of a record a face leaves out (the store's face takes no legal entity: the
/// store's is the customer's).
pub(crate) trait Omit {
    const NAMES: &'static [&'static str];
}

/// Every field.
#[derive(Debug, Clone)]
pub(crate) struct Every;

impl Omit for Every {
    const NAMES: &'static [&'static str] = &[];
}

/// A record's fields as `set` has them.
pub(crate) type SetArgs<R> = RecordArgs<R, true>;

fn on_face(f: &Field, set: bool) -> bool {
    if set {
        f.kind != Kind::Key && f.set_by.is_none() && !f.kept && !f.fixed
    } else {
        f.given_on_add()
    }
}

fn flag(f: &Field) -> String {
    format!("--{}", f.flag_name().unwrap_or(f.name).replace('_', "-"))
}

fn value_name(f: &Field) -> String {
    match f.kind {
        Kind::Reference("customers") => "ACCOUNT".into(),
        Kind::Reference("stores") => "NUMBER".into(),
        Kind::Reference(_) => "ID".into(),
        Kind::Bool => "BOOL".into(),
        _ => f.flag_name().unwrap_or(f.name).to_uppercase(),
    }
}

fn add_id(f: &Field) -> String {
    format!("add_{}", f.flag_name().unwrap_or(f.name))
}

fn remove_id(f: &Field) -> String {
    format!("remove_{}", f.flag_name().unwrap_or(f.name))
}

impl<R: Record, const SET: bool, O: Omit> RecordArgs<R, SET, O> {
    fn fields() -> impl Iterator<Item = &'static Field> {
        R::FIELDS
            .iter()
            .filter(|f| on_face(f, SET) && !O::NAMES.contains(&f.name))
    }
}

impl<R: Record, O: Omit> RecordArgs<R, false, O> {
    /// At a terminal, asks for each required field not given, by its label; without one, the
    /// refusal naming its flag. The answers join the equivalent command.
    pub(crate) fn ask_missing(&mut self, ui: &Ui, c: &Reader) -> Result<()> {
        self.ask_missing_with(ui, c, |_, _| None)
    }

    /// What can fail before the first question does: at a terminal, a required reference
    /// left out with nothing to choose from (exit 4 with the command that creates one).
    pub(crate) fn refuse_unchoosable(&self, ui: &Ui, c: &Reader) -> Result<()> {
        if !ui.interactive() {
            return Ok(());
        }
        let missing = |f: &Field| self.0.get(f.name).is_none_or(|v| v.is_empty());
        for f in Self::fields().filter(|f| f.required && !f.defaulted && missing(f)) {
            if let Kind::Reference(section) = f.kind
                && choices(c, section, f.refine)?.is_empty()
            {
                return Err(nothing_to_choose(f, section));
            }
        }
        Ok(())
    }

    /// [`Self::ask_missing`], offering what `suggest` proposes for a text field (Enter takes
    /// it): a default the product has, such as the currency of the legal entity's stores.
    pub(crate) fn ask_missing_with(
        &mut self,
        ui: &Ui,
        c: &Reader,
        suggest: impl Fn(&Draft<R>, &Field) -> Option<String>,
    ) -> Result<()> {
        let missing = |d: &Draft<R>, f: &Field| d.get(f.name).is_none_or(|v| v.is_empty());
        self.refuse_unchoosable(ui, c)?;
        // The groups (a JSON object such as a store's address) a question was asked in: their
        // optional text is offered too, so that an address asked for is asked for whole.
        let mut asked: Vec<&str> = Vec::new();
        for f in Self::fields().filter(|f| f.required && !f.defaulted) {
            if !missing(&self.0, f) {
                continue;
            }
            if let [group, _] = f.json_path()[..] {
                asked.push(group);
            }
            let flag = flag(f);
            let what = f.label.to_lowercase();
            let v = match f.kind {
                Kind::Reference(section) => ask_reference(ui, c, f, section, &flag, &what)?,
                _ => {
                    let what = match (f.kind, f.help) {
                        (Kind::Code, Some(help)) => format!("{what} ({help})"),
                        _ => what,
                    };
                    let name = f.flag_name().unwrap_or(f.name);
                    let check = |v: &str| {
                        f.check_value(name, Value::Text(Some(v.to_string())))
                            .map(drop)
                            .map_err(|e| e.reason)
                    };
                    let answer = match suggest(&self.0, f) {
                        Some(d) if ui.interactive() => {
                            ui.ask_text(&flag, &what, Some(&d), check)?
                        }
                        _ => ui.need_text(None, &flag, &what, check)?,
                    };
                    Value::Text(Some(answer))
                }
            };
            self.0.give(f.name, v);
        }
        for f in Self::fields().filter(|f| !f.required && !f.defaulted && !f.many) {
            let in_asked = matches!(f.json_path()[..], [group, _] if asked.contains(&group));
            if !in_asked || !matches!(f.kind, Kind::Text | Kind::Code) || self.0.has(f.name) {
                continue;
            }
            if let Some(v) = ui.maybe_text(None, &flag(f), &f.label.to_lowercase(), true)? {
                self.0.give(f.name, Value::Text(Some(v)));
            }
        }
        Ok(())
    }
}

/// A reference chosen from what exists: one, or one or more for a list.
fn ask_reference(
    ui: &Ui,
    c: &Reader,
    f: &Field,
    section: &str,
    flag: &str,
    what: &str,
) -> Result<Value> {
    let list = || choices(c, section, f.refine);
    Ok(if f.many {
        Value::List(ui.need_choices(Vec::new(), flag, what, list)?)
    } else {
        Value::Text(Some(ui.need_choice(None, flag, what, list)?))
    })
}

/// A required reference with nothing to refer to (exit 4, before the first question): what
/// to create first, and the command that does.
fn nothing_to_choose(f: &Field, section: &str) -> crate::error::HqError {
    let noun = crate::domain::model::ENTITIES
        .iter()
        .find(|e| e.section == section)
        .map_or(section, |e| e.noun);
    crate::domain::refuse::nothing_to_choose(&f.label.to_lowercase(), noun).into()
}

/// The record's key: given, or asked for at a terminal by its label and checked by its rule.
pub(crate) fn ask_key<R: Record>(ui: &Ui, value: Option<String>) -> Result<String> {
    let key = &R::FIELDS[0];
    ui.need_text(
        value,
        &key.name.to_uppercase(),
        &key.label.to_lowercase(),
        |v| {
            key.check_value(key.name, Value::Text(Some(v.to_string())))
                .map(drop)
                .map_err(|e| e.reason)
        },
    )
}

/// One that exists, by its key: given, or at a terminal chosen from a list (type to filter);
/// without one, exit 2 naming it.
pub(crate) fn ask_existing<R: Kept>(ui: &Ui, c: &Reader, value: Option<String>) -> Result<String> {
    let key = &R::FIELDS[0];
    ui.need_choice(value, &key.name.to_uppercase(), R::WHAT, || {
        let section = crate::domain::model::ENTITIES
            .iter()
            .find(|e| e.noun == R::NOUN)
            .map(|e| e.section);
        let listed = match section {
            Some(s) if R::SCOPE.is_none() => choices(c, s, None)?,
            _ => Vec::new(),
        };
        if !listed.is_empty() {
            return Ok(listed);
        }
        Ok(R::keys(c)?
            .into_iter()
            .map(|k| (k, String::new()))
            .collect())
    })
}

impl<R: Record, O: Omit> RecordArgs<R, true, O> {
    /// At a terminal, when `set` is given nothing to change: which fields, then each new
    /// value with the current one offered (Enter keeps it; '' clears an optional one).
    pub(crate) fn ask_changes(&mut self, ui: &Ui, c: &Reader, current: &R) -> Result<()> {
        let fields: Vec<&Field> = Self::fields()
            .filter(|f| f.kind != Kind::Pairs && (!f.many || matches!(f.kind, Kind::Reference(_))))
            .collect();
        let items: Vec<String> = fields
            .iter()
            .map(|f| {
                let now = current.get(f.name).map(|v| v.display()).unwrap_or_default();
                let now = if now.is_empty() { "-".to_string() } else { now };
                format!("{}  ({now})", f.label)
            })
            .collect();
        for i in ui.pick_many("what to change", &items)? {
            let f = fields[i];
            let flag = flag(f);
            let what = f.label.to_lowercase();
            let now = current.get(f.name);
            let v = match f.kind {
                Kind::Bool => Value::Flag(ui.ask_yes_no(
                    &flag,
                    &what,
                    matches!(now, Some(Value::Flag(true))),
                )?),
                Kind::Reference(section) => ask_reference(ui, c, f, section, &flag, &what)?,
                Kind::Choice(list) => {
                    Value::Text(Some(ui.need_choice(None, &flag, &what, || {
                        Ok(list
                            .iter()
                            .map(|c| (c.to_string(), String::new()))
                            .collect())
                    })?))
                }
                _ => {
                    let name = f.flag_name().unwrap_or(f.name);
                    let offered = now.map(|v| v.display()).filter(|v| !v.is_empty());
                    let optional = !f.required;
                    Value::Text(Some(ui.ask_text(
                        &flag,
                        &what,
                        offered.as_deref(),
                        |v| {
                            if optional && v.is_empty() {
                                return Ok(());
                            }
                            f.check_value(name, Value::Text(Some(v.to_string())))
                                .map(drop)
                                .map_err(|e| e.reason)
                        },
                    )?))
                }
            };
            self.0.give(f.name, v);
        }
        Ok(())
    }
}

/// What may be chosen for a field that refers to `section`: id and name.
fn choices(c: &Reader, section: &str, refine: Option<&str>) -> Result<Vec<(String, String)>> {
    Ok(match section {
        "legal_entities" => ops::legal_entity::list(c)?
            .into_iter()
            .map(|le| (le.id, le.name))
            .collect(),
        "address_books" => ops::address_book::list(c, refine.and_then(AddressBookKind::parse))?
            .into_iter()
            .map(|b| (b.id, b.name))
            .collect(),
        "channel_dbs" => ops::channel_db::dbs(c, None)?
            .into_iter()
            .map(|d| (d.id, d.description))
            .collect(),
        "channel_db_groups" => ops::channel_db::groups(c)?
            .into_iter()
            .map(|g| (g.id, g.description))
            .collect(),
        "permission_groups" => ops::staff::permission_groups(c)?
            .into_iter()
            .map(|g| (g.id, g.description))
            .collect(),
        "stores" => ops::store::list(c, None)?
            .into_iter()
            .map(|s| (s.number, s.name))
            .collect(),
        "attribute_types" => ops::attribute::types(c)?
            .into_iter()
            .map(|t| (t.name, t.kind.as_str().to_string()))
            .collect(),
        "attribute_groups" => ops::attribute::groups(c)?
            .into_iter()
            .map(|g| (g.name, g.description))
            .collect(),
        "layouts" => ops::layout::list(c)?
            .into_iter()
            .map(|l| (l.id, l.name))
            .collect(),
        "customer_groups" => ops::customer::groups(c)?
            .into_iter()
            .map(|g| (g.id, g.description))
            .collect(),
        // What `add` never asks for (a required field of `add` refers to one of the above:
        // `every_reference_add_asks_for_has_a_list`).
        _ => Vec::new(),
    })
}

/// A record's fields for `show`: each by its label, `-` for none.
pub(crate) fn shown<R: Record>(r: &R) -> Vec<(&'static str, String)> {
    shown_but(r, &[])
}

/// [`shown`], but for the fields named in `but` (a `show` that says them its own way).
pub(crate) fn shown_but<R: Record>(r: &R, but: &[&str]) -> Vec<(&'static str, String)> {
    R::FIELDS
        .iter()
        .filter(|f| !but.contains(&f.name))
        .map(|f| {
            let v = r.get(f.name).map(|v| v.display()).unwrap_or_default();
            (f.label, if v.is_empty() { "-".to_string() } else { v })
        })
        .collect()
}

impl<R: Record + Send + Sync, const SET: bool, O: Omit> clap::FromArgMatches
    for RecordArgs<R, SET, O>
{
    fn from_arg_matches(m: &ArgMatches) -> std::result::Result<Self, clap::Error> {
        let mut d = Draft::<R>::default();
        for f in Self::fields() {
            let id = f.flag_name().unwrap_or(f.name);
            if f.kind == Kind::Bool {
                if let Some(b) = m.get_one::<bool>(id) {
                    d.give(f.name, Value::Flag(*b));
                }
            } else if f.kind == Kind::Pairs && SET {
                // `--dimension NAME=VALUE` sets that name, `--remove-dimension NAME` drops it.
                let of = |id: &str| -> Vec<String> {
                    m.get_many::<String>(id)
                        .map(|v| v.cloned().collect())
                        .unwrap_or_default()
                };
                d.edit(f.name, of(id), of(&remove_id(f)));
            } else if f.many {
                let list: Vec<String> = m
                    .get_many::<String>(id)
                    .map(|v| v.cloned().collect())
                    .unwrap_or_default();
                if list.iter().all(|v| v.is_empty()) && !list.is_empty() {
                    // `--value ''`: none.
                    d.give(f.name, Value::List(Vec::new()));
                } else if !list.is_empty() {
                    d.give(f.name, Value::List(list));
                }
                if SET && f.edited {
                    let of = |id: &str| -> Vec<String> {
                        m.get_many::<String>(id)
                            .map(|v| v.cloned().collect())
                            .unwrap_or_default()
                    };
                    d.edit(f.name, of(&add_id(f)), of(&remove_id(f)));
                }
            } else if let Some(v) = m.get_one::<String>(id) {
                d.give(f.name, Value::Text(Some(v.clone())));
            }
        }
        Ok(RecordArgs(d, std::marker::PhantomData))
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> std::result::Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl<R: Record + Send + Sync, const SET: bool, O: Omit> clap::Args for RecordArgs<R, SET, O> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        Self::fields().fold(cmd, |cmd, f| {
            let id = f.flag_name().unwrap_or(f.name);
            let long = id.replace('_', "-");
            let help = f.help.unwrap_or(f.label);
            // What `add` does when it is left out is no news to `set`.
            let help = match help.split_once(" [default:") {
                Some((before, _)) if SET => before,
                _ => help,
            };
            let arg = Arg::new(id).long(long.clone()).value_name(value_name(f));
            if f.kind == Kind::Bool {
                return cmd.arg(
                    arg.help(help)
                        .num_args(0..=1)
                        .default_missing_value("true")
                        .value_parser(parse_bool)
                        .action(ArgAction::Set),
                );
            }
            if !f.many {
                let help = if SET && !f.required && !f.defaulted {
                    format!("{help} ('' clears it)")
                } else {
                    help.to_string()
                };
                let arg = match f.kind {
                    Kind::Number => arg.allow_negative_numbers(true),
                    Kind::Choice(list) => arg
                        .value_parser(crate::cli::one_of(list, SET && !f.required))
                        .ignore_case(true),
                    _ => arg,
                };
                return cmd.arg(arg.help(help).action(ArgAction::Set));
            }
            let label = f.label.to_lowercase();
            if f.kind == Kind::Pairs {
                let arg = arg.value_name("NAME=VALUE").action(ArgAction::Append);
                if !SET {
                    return cmd.arg(arg.help(help));
                }
                return cmd
                    .arg(arg.help(format!(
                        "Set one of the {label}: NAME=VALUE (repeat for more)"
                    )))
                    .arg(
                        Arg::new(remove_id(f))
                            .long(format!("remove-{long}"))
                            .value_name("NAME")
                            .help(format!("Drop one of the {label} by name (repeat for more)"))
                            .action(ArgAction::Append),
                    );
            }
            let replace = if SET && !f.required {
                format!("Replace the {label} with these (repeat for more; '' clears them)")
            } else if SET {
                format!("Replace the {label} with these (repeat for more)")
            } else {
                help.to_string()
            };
            let cmd = cmd.arg(arg.help(replace).action(ArgAction::Append));
            if !(SET && f.edited) {
                return cmd;
            }
            let one = |id: String, long: String, help: String| {
                Arg::new(id)
                    .long(long)
                    .help(help)
                    .value_name(value_name(f))
                    .action(ArgAction::Append)
            };
            let cmd = cmd.arg(one(
                add_id(f),
                format!("add-{long}"),
                format!("Add to the {label}"),
            ));
            let keep = if f.required { " (one must remain)" } else { "" };
            cmd.arg(one(
                remove_id(f),
                format!("remove-{long}"),
                format!("Remove from the {label}{keep}"),
            ))
        })
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// `hq NOUN add`: the key and the fields, asked for at a terminal when missing, added.
pub(crate) fn run_add<R: Kept + Send + Sync>(
    ctx: &Context,
    key: Option<String>,
    mut fields: RecordArgs<R>,
    write: WriteArgs,
) -> Result<()> {
    let mut db = ctx.open()?;
    let ui = &ctx.ui;
    fields.refuse_unchoosable(ui, db.read())?;
    let key = ask_key::<R>(ui, key)?;
    // A scoped entity (a customer group of a legal entity): the scope given, else the only
    // one, else asked for at a terminal (without one, the add says which there are).
    let mut whole = key.clone();
    if let Some(scope) = R::SCOPE {
        let given = match fields.0.get(scope) {
            Some(Value::Text(Some(v))) if !v.is_empty() => Some(v.clone()),
            _ => R::default_scope(db.read())?,
        };
        // Asked from a list when the scope refers to what exists (a legal entity); otherwise
        // the add says what is missing.
        let given = match (given, R::field(scope)) {
            (None, Some(f)) if ui.interactive() => match f.kind {
                Kind::Reference(section) => {
                    Some(ui.need_choice(None, &flag(f), &f.label.to_lowercase(), || {
                        choices(db.read(), section, f.refine)
                    })?)
                }
                _ => None,
            },
            (other, _) => other,
        };
        if let Some(v) = given {
            fields.0.give(scope, Value::Text(Some(v.clone())));
            let mut probe = R::default();
            probe.set(R::FIELDS[0].name, Value::Text(Some(key.clone())));
            probe.set(scope, Value::Text(Some(v)));
            whole = probe.key();
        }
    }
    // What can fail before the first question does: one that exists already (a scoped one
    // once its scope is known).
    if R::SCOPE.is_none() || whole != key {
        ops::record::refuse_existing::<R>(db.read(), &whole)?;
    }
    fields.ask_missing_with(ui, db.read(), |d, f| {
        R::suggest(db.read(), d, f.name).ok().flatten()
    })?;
    let applied = ops::record::add(&mut db, &ctx.env, write.mode(), &key, fields.0)?;
    ui.report(&applied, String::new)
}

/// The key field's name as the command line shows a positional (`ID`).
fn key_word<R: Record>() -> String {
    R::FIELDS[0].name.to_uppercase()
}

/// `set` given nothing: exit 2 naming what may change (the help, when that is many).
fn nothing_to_change<R: Record>(noun: &str) -> crate::error::HqError {
    let mut names: Vec<&str> = SetArgs::<R>::fields()
        .filter_map(|f| f.flag_name())
        .collect();
    if names.len() > 4 {
        names.clear();
    }
    crate::domain::refuse::nothing_to_change(&names, &format!("{noun} set")).into()
}

/// `hq NOUN set`: what is given changed; nothing given is a usage error naming what may be.
/// Whether anything changed.
pub(crate) fn run_set<R: Kept + Send + Sync>(
    ctx: &Context,
    key: Option<String>,
    mut fields: SetArgs<R>,
    write: WriteArgs,
) -> Result<bool> {
    let ui = &ctx.ui;
    if fields.0.is_empty() && !ui.interactive() {
        return Err(nothing_to_change::<R>(R::NOUN));
    }
    let mut db = ctx.open()?;
    let key = ask_existing::<R>(ui, db.read(), key)?;
    if fields.0.is_empty() {
        let current: R = ops::record::get(db.read(), &key_word::<R>(), &key)?;
        fields.ask_changes(ui, db.read(), &current)?;
    }
    let applied = ops::record::set(&mut db, &ctx.env, write.mode(), &key, fields.0)?;
    let key = applied.value.key();
    let changed = !applied.changes.is_empty();
    ctx.ui.report(&applied, || {
        format!("{} {key} already has those values", R::WHAT)
    })?;
    Ok(changed)
}

/// `hq NOUN show`: one, by its key.
pub(crate) fn run_show<R: Kept>(ctx: &Context, key: Option<String>) -> Result<()> {
    let db = ctx.open()?;
    let key = ask_existing::<R>(&ctx.ui, db.read(), key)?;
    let r: R = ops::record::get(db.read(), &key_word::<R>(), &key)?;
    ctx.ui.emit(&r, |ui| ui.print_fields(&shown(&r)))
}

/// `hq NOUN set` of a record kept once: what is given changed; nothing given is a usage
/// error.
pub(crate) fn run_set_one<R: ops::record::KeptOne + Send + Sync>(
    ctx: &Context,
    mut fields: SetArgs<R>,
    write: WriteArgs,
) -> Result<()> {
    if fields.0.is_empty() && !ctx.ui.interactive() {
        return Err(nothing_to_change::<R>(R::NOUN));
    }
    let mut db = ctx.open()?;
    if fields.0.is_empty() {
        let current = R::load(db.read())?;
        fields.ask_changes(&ctx.ui, db.read(), &current)?;
    }
    let applied = ops::record::set_one(&mut db, &ctx.env, write.mode(), fields.0)?;
    ctx.ui.report(&applied, || {
        format!("{} already has those settings", R::WHAT)
    })
}

/// The sections [`choices`] lists.
#[cfg(test)]
const CHOOSABLE: &[&str] = &[
    "legal_entities",
    "address_books",
    "channel_dbs",
    "channel_db_groups",
    "permission_groups",
    "stores",
    "attribute_types",
    "attribute_groups",
    "layouts",
    "customer_groups",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::ENTITIES;

    #[test]
    fn every_reference_add_asks_for_has_a_list() {
        for e in ENTITIES {
            for f in e
                .fields
                .iter()
                .filter(|f| f.required && f.on_add && !f.defaulted)
            {
                if let Kind::Reference(section) = f.kind {
                    assert!(
                        CHOOSABLE.contains(&section),
                        "{}.{} refers to {section}, which add's prompt cannot list",
                        e.section,
                        f.name
                    );
                }
            }
        }
    }
}
