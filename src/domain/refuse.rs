//! The refusals every entity shares, built once: something named that does not exist, that
//! exists already, or that is still in use. The use case finds the facts (what was named, what
//! exists, who uses it); the words and the fix are decided here.

use super::fix::{Cmd, FIELD, Hint, is_field_name};
use super::validate::{Invalid, Refusal, close_matches};

/// A command-line noun in words: `channel-db` is "channel database".
pub(crate) fn display_noun(noun: &str) -> String {
    noun.replace('-', " ").replace(" db", " database")
}

/// Something named by `field` that does not exist (exit 4): the value, close matches among
/// `known`, and how to list what exists (`list`). `noun` is the command-line noun
/// (`legal-entity`).
pub(crate) fn not_found(
    noun: &str,
    field: &str,
    value: &str,
    known: &[String],
    list: Cmd,
) -> Invalid {
    // A field given by its name is said by the face (`--store`, `` `store` ``); a face's own
    // word (`CODE`) as it is.
    let by = if is_field_name(field) { FIELD } else { field };
    let mut e = Invalid::refusal(
        Refusal::NotFound,
        field,
        format!(
            "{} {value:?} does not exist (given by {by})",
            display_noun(noun)
        ),
    );
    let close = close_matches(value, known.iter().map(String::as_str));
    if !close.is_empty() {
        e = e.hint(format!("did you mean {}?", close.join(", ")));
    }
    e.hint(Hint::to("see what exists with", list))
}

/// A value to choose among what exists when nothing does yet (exit 4, before any question):
/// `what` by its label, and the command that creates one (`noun add`).
pub(crate) fn nothing_to_choose(what: &str, noun: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("there is no {what} to choose from yet"),
    )
    .hint(Hint::to(
        "create one first with",
        Cmd::new(&format!("{noun} add")).etc(),
    ))
}

/// [`not_found`], listed by the noun's own `list`.
pub(crate) fn not_found_in_list(noun: &str, field: &str, value: &str, known: &[String]) -> Invalid {
    not_found(noun, field, value, known, Cmd::new(noun).subcommand("list"))
}

/// A `postgres://` value of the data location that does not parse (exit 2). Never the value
/// itself: it may hold a password.
pub(crate) fn bad_server_url(why: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "data",
        format!("invalid value for {FIELD}: not a PostgreSQL URL ({why})"),
    )
    .hint("write it as postgres://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass rather than in the URL)")
}

/// A `PG*` variable (`PGPORT`, `PGSSLMODE`) whose value it cannot take (exit 2).
pub(crate) fn bad_server_variable(name: &str, value: &str, expected: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!("invalid value {value:?} for {name}: {expected}"),
    )
}

/// A field an entity cannot be created without, left out (exit 2), by its label.
pub(crate) fn missing_field(f: &super::model::Field) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        f.flag_name().unwrap_or(f.name),
        format!("missing {FIELD}: {}", f.label.to_lowercase()),
    )
}

/// A field fixed once its entity exists, given another value (exit 3): `what` is the entity
/// with its article ("a store"), `field` the field's name (dashes or underscores).
pub(crate) fn fixed(what: &str, field: &str, old: &str, new: &str) -> Invalid {
    let name = field.replace('-', "_");
    let shown = field.replace('_', " ");
    Invalid::new(
        &name,
        new,
        format!("the {shown} of {what} is fixed once created (it is {old})"),
    )
    .hint("declare it under a new id, or remove it and apply again")
}

/// Adding what exists already (exit 5), with the noun's `set` to change it; `what` is what
/// people call it ("number sequence" for `numseq`).
pub(crate) fn exists(what: &str, noun: &str, id: &str) -> Invalid {
    Invalid::refusal(Refusal::Conflict, "", format!("{what} {id} already exists")).hint(Hint::to(
        "change it with",
        Cmd::new(noun).subcommand("set").arg(id).etc(),
    ))
}

/// `hq copy` from a location to itself (exit 2).
pub(crate) fn copy_onto_itself(at: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!(
            "{} and {} both name {at}: nothing to copy",
            super::fix::field("from"),
            super::fix::field("to")
        ),
    )
    .hint("give the copy another data file's path or another database's URL")
}

/// `hq copy` into a location that holds an environment already (exit 5), with the copy that
/// replaces it.
pub(crate) fn copy_target_not_empty(from: &str, to: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!("{to} holds an hq environment already; a copy goes into an empty one"),
    )
    .hint(Hint::to(
        "replace everything in it with",
        Cmd::new("copy")
            .set("from", from)
            .set("to", to)
            .switch("replace"),
    ))
}

/// Removing what is still used (exit 5), naming every user; none when nothing uses it.
pub(crate) fn in_use(noun: &str, id: &str, users: &[(&str, Vec<String>)]) -> Option<Invalid> {
    let parts: Vec<String> = users
        .iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(what, ids)| format!("{what} {}", ids.join(", ")))
        .collect();
    (!parts.is_empty()).then(|| {
        Invalid::refusal(
            Refusal::Conflict,
            "",
            format!(
                "{} {id} is still used by {}",
                display_noun(noun),
                parts.join("; ")
            ),
        )
        .hint("change or remove those first; nothing was removed")
    })
}

/// A `set` that names nothing to change (usage): the fields it could change, by name (said as
/// the face says fields), or, when they are many, the command's help.
/// None of several values of which one is needed (exit 2): `--email` or `--phone`.
pub(crate) fn one_of_missing(fields: &[&str]) -> Invalid {
    let flags: Vec<String> = fields.iter().map(|f| super::fix::field(f)).collect();
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!("missing {}", flags.join(" or ")),
    )
    .hint("give one of them; at a terminal hq asks")
}

/// A command that only asks (a guided setup) run where nobody can answer (exit 2), with the
/// command that does without questions what needs no choice.
pub(crate) fn needs_a_terminal(command: &str, instead: Cmd) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!(
            "{command} asks questions, and there is no terminal to ask at (or {} is set, or \
             HQ_NO_INPUT or CI)",
            super::fix::field("no_input")
        ),
    )
    .hint(Hint::to(
        "without one, this does every fix that needs no choice and lists the rest:",
        instead,
    ))
}

/// A command line given to run (an edited one at `setup`) that does not parse (exit 2).
pub(crate) fn cannot_run(line: &str, why: &str) -> Invalid {
    Invalid::refusal(Refusal::Usage, "", format!("cannot run `{line}`: {why}"))
}

/// A value given by position left out where nobody can be asked (exit 2): `word` as the
/// command line shows it (`NAME=VALUE`), `what` it is.
pub(crate) fn missing_positional(word: &str, what: &str) -> Invalid {
    Invalid::refusal(Refusal::Usage, "", format!("missing {word}: {what}"))
        .hint(format!("give it as {word}; at a terminal hq asks for it"))
}

pub(crate) fn nothing_to_change(fields: &[&str], command: &str) -> Invalid {
    let e = Invalid::refusal(Refusal::Usage, "", "nothing to change");
    if fields.is_empty() {
        return e.hint(Hint::to("see", Cmd::new(command).switch("help")));
    }
    let named: Vec<String> = fields.iter().map(|f| super::fix::field(f)).collect();
    e.hint(format!("give at least one of {}", named.join(", ")))
}

/// An environment file that gives two entries of a list the same id (exit 3): it could not
/// converge. `place` is where the second is (`file:line:column`).
pub(crate) fn declared_twice(place: &str, kind: impl std::fmt::Display, key: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "",
        format!("{place}: {kind} {key}: declared twice (ids compare without regard to case)"),
    )
    .hint("keep one entry per id; an apply could not make the data file match both")
}

/// An environment file that gives its customers both as a list and as tables (exit 3).
pub(crate) fn customers_written_twice(place: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "",
        format!(
            "{place}: customers: given both as a list (`customers = [...]`) and as [[customers]] tables"
        ),
    )
    .hint("write them one way")
}

// ---- channel database files (issue 21) ----

/// `hq channel-db init` where something exists already (exit 5).
pub(crate) fn channel_file_exists(path: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!("{path} exists already; a channel database file is made where nothing is"),
    )
    .hint("give another path, or remove what is there if it is not needed")
}

/// A location that names no file (exit 4), with the command that makes one for `id`.
/// With no id (the store face opening a file alone), the hint says where to find the path.
pub(crate) fn channel_file_missing(said_as: &str, path: &str, id: &str) -> Invalid {
    let e = Invalid::refusal(
        Refusal::NotFound,
        "location",
        format!("{said_as}: there is no channel database file at {path}"),
    );
    if id.is_empty() {
        return e.hint(Hint::to(
            "headquarters says where a channel database's file is with",
            Cmd::new("channel-db show").ph("ID"),
        ));
    }
    e.hint(Hint::to(
        "make one with",
        Cmd::new("channel-db init").arg(path).set("id", id),
    ))
}

/// A database on a server with nothing in it, given as a channel database's location (exit
/// 4), with the command that makes a channel database there.
pub(crate) fn channel_server_empty(said_as: &str, url: &str, id: &str) -> Invalid {
    let e = Invalid::refusal(
        Refusal::NotFound,
        "location",
        format!("{said_as}: {url} holds no channel database (the database is empty)"),
    );
    let id = if id.is_empty() { "ID" } else { id };
    e.hint(Hint::to(
        "make one there with",
        Cmd::new("channel-db init").arg(url).set("id", id),
    ))
}

/// `hq channel-db init URL` where the database holds something (exit 5).
pub(crate) fn channel_server_not_empty(url: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!("{url} is not empty; a channel database is made in an empty database"),
    )
    .hint("create one for it (createdb NAME) and give its URL")
}

/// A channel database's location on a server with the password in its URL (exit 2):
/// headquarters keeps the location, and `export` writes it.
pub(crate) fn channel_location_with_password() -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "location",
        format!(
            "{}: the URL holds a password; headquarters keeps a channel database's location and exports it, so the password goes in PGPASSWORD or ~/.pgpass",
            super::fix::field("location")
        ),
    )
    .hint("write it as postgres://USER@HOST:PORT/DATABASE")
}

/// A location whose file is not a channel database file hq can use (exit 3): `why` says
/// what it is.
pub(crate) fn not_a_channel_file(said_as: &str, path: &str, why: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "location",
        format!("{said_as}: {path} is not a channel database file: {why}"),
    )
    .hint(Hint::to(
        "make one with",
        Cmd::new("channel-db init").ph("PATH").set_ph("id", "ID"),
    ))
}

/// A channel database file made by another version of hq (exit 3).
pub(crate) fn channel_file_version(said_as: &str, path: &str, found: u32, ours: u32) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "location",
        format!(
            "{said_as}: {path} was made for schema version {found}; this hq delivers to version {ours}"
        ),
    )
    .hint(Hint::to(
        "make a new one with",
        Cmd::new("channel-db init").ph("PATH").set_ph("id", "ID"),
    ))
    .hint(Hint::to(
        "then deliver everything to it with",
        Cmd::new("job run").arg("9999").switch("full"),
    ))
}

/// A channel database file that is another channel database's (exit 3): ids are never
/// confused.
pub(crate) fn channel_file_of_another(said_as: &str, path: &str, found: &str, id: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "location",
        format!("{said_as}: {path} is channel database {found}'s, not {id}'s"),
    )
    .hint(Hint::to(
        "give the location of a file made for it:",
        Cmd::new("channel-db init").ph("PATH").set("id", id),
    ))
}

/// A relative channel database file for a headquarters on a server (exit 2): a server has
/// no folder to read it from.
pub(crate) fn channel_file_needs_an_absolute_path(location: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "location",
        format!(
            "{}: {location} is a relative path; a headquarters on a server has no folder to read it from, so it takes a channel database file by its absolute path",
            super::fix::field("location")
        ),
    )
    .hint("give the file's whole path, from /")
}

/// How a refusal of a channel database file names where it came from: the location given
/// (`--location`), or, in a job run or at the store, the channel database whose file it is.
pub(crate) fn channel_file_said_as(given: bool, id: &str) -> String {
    if given {
        super::fix::field("location")
    } else {
        format!("channel database {id}'s file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn something_missing_names_the_field_and_what_exists() {
        let known = vec!["HOUSTON".to_string(), "SEATTLE".to_string()];
        let e = not_found_in_list("store", "store", "HUSTON", &known);
        assert_eq!(e.kind, Refusal::NotFound);
        assert_eq!(e.field, "store");
        assert_eq!(
            e.to_string(),
            "store \"HUSTON\" does not exist (given by {field})"
        );
        assert_eq!(
            e.hints.len(),
            2,
            "a close match and the list: {:?}",
            e.hints
        );
        assert!(format!("{:?}", e.hints[0]).contains("did you mean HOUSTON?"));
        assert_eq!(e.hints[1].commands().next().unwrap().path(), "store list");
        // A face's own word is said as it is.
        let e = not_found_in_list("numseq", "CODE", "X", &[]);
        assert_eq!(e.to_string(), "numseq \"X\" does not exist (given by CODE)");
        assert_eq!(e.hints.len(), 1);
        let e = not_found(
            "channel-db",
            "channel_db",
            "Z",
            &[],
            Cmd::new("channel-db list"),
        );
        assert!(e.to_string().starts_with("channel database \"Z\""));
    }

    #[test]
    fn existing_and_used_are_conflicts_with_the_fix() {
        let e = exists("address book", "address-book", "HOUSTON-CUST");
        assert_eq!(e.kind, Refusal::Conflict);
        assert_eq!(e.to_string(), "address book HOUSTON-CUST already exists");
        assert_eq!(
            e.hints[0].commands().next().unwrap().path(),
            "address-book set"
        );
        assert_eq!(in_use("layout", "L", &[("stores", vec![])]), None);
        let e = in_use(
            "layout",
            "L",
            &[
                ("stores", vec!["HOUSTON".into()]),
                ("workers", vec!["1".into(), "2".into()]),
            ],
        )
        .unwrap();
        assert_eq!(
            e.to_string(),
            "layout L is still used by stores HOUSTON; workers 1, 2"
        );
    }

    #[test]
    fn a_fixed_field_names_itself_and_what_it_is() {
        let e = fixed("an attribute type", "kind", "currency", "decimal");
        assert_eq!(e.field, "kind");
        assert_eq!(e.value, "decimal");
        assert_eq!(
            e.reason,
            "the kind of an attribute type is fixed once created (it is currency)"
        );
    }
}
