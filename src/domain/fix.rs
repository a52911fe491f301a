//! What to do about something, said without a face's words (issue 16, item 3).
//!
//! The core knows *what* fixes a problem: a command of hq (its place in the command tree, the
//! values it takes, the fields it sets, by name). How a command is written is the faces'
//! business: the command line writes `customer_address_book` as `--customer-address-book`
//! (`crate::error` says it so), a guided setup may offer to run it. So a hint is text with
//! commands in it, and the core never writes a flag or `hq ` itself.

/// Stands for the field in a message or hint made in the core, which speaks fields, not flags:
/// each face says the field its way there.
pub const FIELD: &str = "{field}";

/// Whether a field is given by its name (`receipt_option`), which each face renders its own
/// way, rather than by a face's word (`ACCOUNT`, a positional value).
pub fn is_field_name(field: &str) -> bool {
    !field.is_empty()
        && field
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Stands for the field `name` in a message or hint that names more than one field (each face
/// says it its way, as it says [`FIELD`]).
pub fn field(name: &str) -> String {
    format!("{{field:{name}}}")
}

/// Puts each face's word for the fields in `text`: `named` where it says [`FIELD`], and the
/// name in each [`field`].
pub fn say_fields(text: &str, named: Option<&str>, say: &dyn Fn(&str) -> String) -> String {
    let mut t = match named {
        Some(n) => text.replace(FIELD, &say(n)),
        None => text.to_string(),
    };
    let mut from = 0;
    while let Some(i) = t[from..].find("{field:").map(|i| i + from) {
        let Some(len) = t[i..].find('}') else { break };
        let said = say(&t[i + 7..i + len]);
        t.replace_range(i..i + len + 1, &said);
        from = i + said.len();
    }
    t
}

/// One word of a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// Part of the command's path (`feature`, `enable`), or a word written as it is (`...`).
    Plain(String),
    /// A value, quoted for a shell when it needs it.
    Value(String),
    /// What the reader fills in (`ACCOUNT`, `<STORE>`), written as it is.
    Placeholder(String),
    /// A field by its name, with its value (a switch has none).
    Field(String, Option<Box<Word>>),
    /// A field and its value joined by `=` (`--manual=false`).
    FieldEq(String, String),
}

impl Word {
    pub fn value(v: impl Into<String>) -> Word {
        Word::Value(v.into())
    }
    pub fn ph(p: impl Into<String>) -> Word {
        Word::Placeholder(p.into())
    }
}

/// A command of hq: the words after `hq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    pub words: Vec<Word>,
}

impl Cmd {
    /// The command at `path` in the command tree (`"feature enable"`).
    pub fn new(path: &str) -> Cmd {
        Cmd {
            words: path
                .split_whitespace()
                .map(|w| Word::Plain(w.to_string()))
                .collect(),
        }
    }
    /// More of the path, after fields that come before it (`pos --store S clientbook view`).
    pub fn subcommand(mut self, path: &str) -> Cmd {
        self.words
            .extend(path.split_whitespace().map(|w| Word::Plain(w.to_string())));
        self
    }
    /// A positional value.
    pub fn arg(mut self, value: impl Into<String>) -> Cmd {
        self.words.push(Word::Value(value.into()));
        self
    }
    /// A positional the reader fills in.
    pub fn ph(mut self, placeholder: impl Into<String>) -> Cmd {
        self.words.push(Word::Placeholder(placeholder.into()));
        self
    }
    /// A positional word made elsewhere (a value or a placeholder).
    pub fn word(mut self, word: Word) -> Cmd {
        self.words.push(word);
        self
    }
    /// A field with a word made elsewhere (a value or a placeholder).
    pub fn set_word(mut self, field: &str, word: Word) -> Cmd {
        self.words
            .push(Word::Field(field.to_string(), Some(Box::new(word))));
        self
    }
    /// A field with its value.
    pub fn set(mut self, field: &str, value: impl Into<String>) -> Cmd {
        self.words.push(Word::Field(
            field.to_string(),
            Some(Box::new(Word::Value(value.into()))),
        ));
        self
    }
    /// A field whose value the reader fills in.
    pub fn set_ph(mut self, field: &str, placeholder: impl Into<String>) -> Cmd {
        self.words.push(Word::Field(
            field.to_string(),
            Some(Box::new(Word::Placeholder(placeholder.into()))),
        ));
        self
    }
    /// A field that takes no value.
    pub fn switch(mut self, field: &str) -> Cmd {
        self.words.push(Word::Field(field.to_string(), None));
        self
    }
    /// A field and its value joined by `=` (a switch turned off: `manual=false`).
    pub fn set_eq(mut self, field: &str, value: impl Into<String>) -> Cmd {
        self.words
            .push(Word::FieldEq(field.to_string(), value.into()));
        self
    }
    /// `...`: whatever else the reader wants to give.
    pub fn etc(mut self) -> Cmd {
        self.words.push(Word::Plain("...".to_string()));
        self
    }
    /// The command's path in the tree: its leading plain words (`feature enable`).
    pub fn path(&self) -> String {
        self.words
            .iter()
            .filter_map(|w| match w {
                Word::Plain(p) if p != "..." => Some(p.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// Whether the command sets this field.
    pub fn sets(&self, field: &str) -> bool {
        self.words.iter().any(|w| match w {
            Word::Field(f, _) | Word::FieldEq(f, _) => f == field,
            _ => false,
        })
    }
}

/// One part of a hint: words, or a command to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Run(Cmd),
}

/// How to fix something: text with the commands that do it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hint {
    pub parts: Vec<Part>,
}

impl Hint {
    /// The command `cmd`, after `lead` ("enable it with").
    pub fn to(lead: &str, cmd: Cmd) -> Hint {
        Hint::from(format!("{lead} ")).run(cmd)
    }
    /// A command, then.
    pub fn run(mut self, cmd: Cmd) -> Hint {
        self.parts.push(Part::Run(cmd));
        self
    }
    /// Words, then.
    pub fn then(mut self, text: impl Into<String>) -> Hint {
        self.parts.push(Part::Text(text.into()));
        self
    }
    /// Another hint, then.
    pub fn append(mut self, other: Hint) -> Hint {
        self.parts.extend(other.parts);
        self
    }
    /// The commands in the hint.
    pub fn commands(&self) -> impl Iterator<Item = &Cmd> {
        self.parts.iter().filter_map(|p| match p {
            Part::Run(c) => Some(c),
            Part::Text(_) => None,
        })
    }
    /// Changes the words (not the commands): a face saying a field its way.
    pub fn map_text(&mut self, f: impl Fn(&str) -> String) {
        for p in &mut self.parts {
            if let Part::Text(t) = p {
                *t = f(t);
            }
        }
    }
    /// The hint said with `say` for its commands.
    pub fn say(&self, say: impl Fn(&Cmd) -> String) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Run(c) => say(c),
            })
            .collect()
    }
}

impl From<String> for Hint {
    fn from(text: String) -> Hint {
        Hint {
            parts: vec![Part::Text(text)],
        }
    }
}

impl From<&str> for Hint {
    fn from(text: &str) -> Hint {
        Hint::from(text.to_string())
    }
}

impl From<Cmd> for Hint {
    fn from(cmd: Cmd) -> Hint {
        Hint::default().run(cmd)
    }
}

/// Quotes a word for a shell command line when it needs it.
pub fn quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@=".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `a`, `a or b`, `a, b or c`: the choices a value may take, for a message.
pub(crate) fn one_of_words(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_knows_its_path_and_fields() {
        let c = Cmd::new("pos")
            .set_ph("store", "S")
            .subcommand("clientbook remove")
            .ph("ACCOUNT");
        assert_eq!(c.path(), "pos clientbook remove");
        assert!(c.sets("store") && !c.sets("worker"));
        let h = Hint::to("remove it with", c.clone()).then(", then retry");
        assert_eq!(h.commands().count(), 1);
        assert_eq!(
            h.say(|c| format!("<{}>", c.path())),
            "remove it with <pos clientbook remove>, then retry"
        );
    }

    #[test]
    fn quoting_leaves_plain_words_alone() {
        assert_eq!(quote("USRT"), "USRT");
        assert_eq!(quote("Store visit"), "'Store visit'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn choices_read_as_a_list_with_or() {
        assert_eq!(one_of_words(&["a"]), "a");
        assert_eq!(one_of_words(&["a", "b"]), "a or b");
        assert_eq!(one_of_words(&["a", "b", "c"]), "a, b or c");
    }
}

/// A noun for a count: the plural given, or its singular for one (`customers` -> `customer`,
/// `entries` -> `entry`, `addresses` -> `address`).
pub fn noun(n: u64, plural: &str) -> String {
    if n == 1 {
        singular(plural)
    } else {
        plural.to_string()
    }
}

/// The indefinite article for a word: `an employee`, `a customer`.
pub fn a(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// A count and its noun: `1 session`, `2 sessions`, `0 rows`.
pub fn count(n: u64, plural: &str) -> String {
    format!("{n} {}", noun(n, plural))
}

fn singular(plural: &str) -> String {
    // The last word is the noun (`measure values`).
    let (head, last) = match plural.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), plural),
    };
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "ches", "shes", "xes"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        last[..last.len() - 2].to_string()
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_string()
    } else {
        last.to_string()
    };
    format!("{head}{one}")
}

#[cfg(test)]
mod count_tests {
    use super::{count, noun};

    /// Every noun hq counts, with one and with two.
    #[test]
    fn counts_say_one_and_two_right() {
        for (plural, one) in [
            ("customers", "customer"),
            ("entries", "entry"),
            ("sessions", "session"),
            ("rows", "row"),
            ("steps", "step"),
            ("accounts", "account"),
            ("addresses", "address"),
            ("measure values", "measure value"),
            ("days", "day"),
            ("changes", "change"),
        ] {
            assert_eq!(count(1, plural), format!("1 {one}"));
            assert_eq!(count(2, plural), format!("2 {plural}"));
            assert_eq!(noun(0, plural), plural);
        }
        assert_eq!(super::a("employee"), "an");
        assert_eq!(super::a("customer"), "a");
    }
}
