//! A quick reading of a `[[customers]]` table written the way `hq export` writes one: a
//! `[[customers]]` header, then `key = value` lines and `[customers.NAME]` and
//! `[[customers.NAME]]` headers, the values strings, integers, booleans and arrays of those on
//! one line. Checking an export of a million customers spent more than half its time in the
//! general TOML parser; this reads that shape several times faster.
//!
//! It only ever declines: anything it does not know for certain (an inline table, a dotted
//! key, a float, a date, a multi-line string or array, a key given twice, a header it does not
//! expect, a character TOML refuses) gives `None`, and the caller parses the table with the
//! `toml` crate, which says what is wrong and where. Debug builds (the tests) parse every
//! table both ways and compare the customers.

use std::borrow::Cow;

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{IntoDeserializer, Visitor};

/// A value of the table, deserialized as the TOML parser's would be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// Borrowed from the table's text when it has no escapes.
    String(Cow<'a, str>),
    Integer(i64),
    Bool(bool),
    Array(Vec<Value<'a>>),
    /// Keys in the file's order.
    Table(Map<'a>),
}

type Map<'a> = Vec<(Cow<'a, str>, Value<'a>)>;

trait Keyed<'a> {
    fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>>;
    fn contains_key(&self, key: &str) -> bool;
    fn put(&mut self, key: Cow<'a, str>, value: Value<'a>);
}

impl<'a> Keyed<'a> for Map<'a> {
    fn get_mut(&mut self, key: &str) -> Option<&mut Value<'a>> {
        self.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn contains_key(&self, key: &str) -> bool {
        self.iter().any(|(k, _)| k == key)
    }
    fn put(&mut self, key: Cow<'a, str>, value: Value<'a>) {
        self.push((key, value));
    }
}

impl<'de> serde::Deserializer<'de> for Value<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self {
            Value::String(Cow::Borrowed(s)) => v.visit_str(s),
            Value::String(Cow::Owned(s)) => v.visit_string(s),
            Value::Integer(n) => v.visit_i64(n),
            Value::Bool(b) => v.visit_bool(b),
            Value::Array(a) => v.visit_seq(SeqDeserializer::new(a.into_iter())),
            Value::Table(t) => v.visit_map(MapDeserializer::new(t.into_iter())),
        }
    }

    /// A key given is a value given (TOML has no null).
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    /// A unit variant by its name, as TOML gives one.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::String(s) => v.visit_enum(s.into_owned().into_deserializer()),
            other => other.deserialize_any(v).map_err(|_: Error| {
                serde::de::Error::custom(format!("{name}: one of {variants:?}"))
            }),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

impl<'a> IntoDeserializer<'_, Error> for Value<'a> {
    type Deserializer = Value<'a>;
    fn into_deserializer(self) -> Value<'a> {
        self
    }
}

/// The customer of one `[[customers]]` table as a value of the same shape, or `None` when the
/// table is not in the shape this reads.
pub(crate) fn customer(text: &str) -> Option<Value<'_>> {
    let mut root = Map::new();
    // Which of root's keys hold arrays made by `[[customers.NAME]]` headers.
    let mut arrays: Vec<&str> = Vec::new();
    let mut started = false;
    // Where `key = value` lines go: the customer, a table of it, or the last table of an
    // array of it.
    let mut here: Option<(&str, bool)> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let rest = line.trim_start_matches([' ', '\t']);
        if rest.is_empty() {
            continue;
        }
        if rest.starts_with('#') {
            comment(rest)?;
            continue;
        }
        if let Some(h) = rest.strip_prefix("[[") {
            let (name, after) = h.split_once("]]")?;
            end_of_line(after)?;
            if !started {
                (name == "customers").then_some(())?;
                started = true;
                continue;
            }
            let name = sub_table(name)?;
            match root.get_mut(name) {
                Some(Value::Array(list)) if arrays.contains(&name) => {
                    list.push(Value::Table(Map::new()));
                }
                Some(_) => return None,
                None => {
                    root.put(name.into(), Value::Array(vec![Value::Table(Map::new())]));
                    arrays.push(name);
                }
            }
            here = Some((name, true));
            continue;
        }
        if !started {
            return None;
        }
        if let Some(h) = rest.strip_prefix('[') {
            let (name, after) = h.split_once(']')?;
            end_of_line(after)?;
            let name = sub_table(name)?;
            if root.contains_key(name) {
                return None;
            }
            root.put(name.into(), Value::Table(Map::new()));
            here = Some((name, false));
            continue;
        }
        let (key, value) = key_value(rest)?;
        let table = match &here {
            None => &mut root,
            Some((name, false)) => match root.get_mut(name) {
                Some(Value::Table(t)) => t,
                _ => return None,
            },
            Some((name, true)) => match root.get_mut(name) {
                Some(Value::Array(list)) => match list.last_mut() {
                    Some(Value::Table(t)) => t,
                    _ => return None,
                },
                _ => return None,
            },
        };
        if table.contains_key(&key) {
            return None;
        }
        table.put(key, value);
    }
    started.then_some(Value::Table(root))
}

/// `NAME` of `customers.NAME`, a bare key.
fn sub_table(name: &str) -> Option<&str> {
    let name = name.strip_prefix("customers.")?;
    bare(name).then_some(name)
}

fn bare(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A comment: any character but the control characters TOML refuses there.
fn comment(rest: &str) -> Option<()> {
    rest.chars()
        .all(|c| c == '\t' || !(c.is_control()))
        .then_some(())
}

/// What may follow a value or a header on its line: blanks, then perhaps a comment.
fn end_of_line(after: &str) -> Option<()> {
    let after = after.trim_start_matches([' ', '\t']);
    if after.is_empty() {
        Some(())
    } else if after.starts_with('#') {
        comment(after)
    } else {
        None
    }
}

/// `key = value` and nothing after but a comment.
fn key_value(line: &str) -> Option<(Cow<'_, str>, Value<'_>)> {
    let (key, rest) = if let Some(q) = line.strip_prefix('"') {
        basic_string(q)?
    } else {
        let end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(line.len());
        let (k, rest) = line.split_at(end);
        bare(k).then_some(())?;
        (Cow::Borrowed(k), rest)
    };
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let (value, rest) = value(rest.trim_start_matches([' ', '\t']), true)?;
    end_of_line(rest)?;
    Some((key, value))
}

/// A value at the start of `s`, and what follows it. Arrays hold values of their own line
/// only, and no arrays (`nested` false inside one).
fn value(s: &str, nested: bool) -> Option<(Value<'_>, &str)> {
    let b = s.as_bytes();
    match b.first()? {
        b'"' => {
            if s.starts_with("\"\"\"") {
                return None;
            }
            let (text, rest) = basic_string(&s[1..])?;
            Some((Value::String(text), rest))
        }
        b'\'' => {
            if s.starts_with("'''") {
                return None;
            }
            let (text, rest) = s[1..].split_once('\'')?;
            text.chars()
                .all(|c| c == '\t' || !c.is_control())
                .then_some(())?;
            Some((Value::String(Cow::Borrowed(text)), rest))
        }
        b't' | b'f' => {
            let (v, rest) = if let Some(rest) = s.strip_prefix("true") {
                (true, rest)
            } else {
                (false, s.strip_prefix("false")?)
            };
            delimited(rest)?;
            Some((Value::Bool(v), rest))
        }
        b'+' | b'-' | b'0'..=b'9' => {
            let sign = usize::from(matches!(b[0], b'+' | b'-'));
            let digits = b[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
            // `0`, or no leading zero: `012`, `0x1F`, `1_000`, `1.5` and dates are TOML's.
            if digits == 0 || (digits > 1 && b[sign] == b'0') {
                return None;
            }
            let (number, rest) = s.split_at(sign + digits);
            delimited(rest)?;
            let n: i64 = number.parse().ok()?;
            Some((Value::Integer(n), rest))
        }
        b'[' if nested => {
            let mut items = Vec::new();
            let mut rest = s[1..].trim_start_matches([' ', '\t']);
            loop {
                if let Some(after) = rest.strip_prefix(']') {
                    return Some((Value::Array(items), after));
                }
                let (v, after) = value(rest, false)?;
                items.push(v);
                rest = after.trim_start_matches([' ', '\t']);
                if let Some(after) = rest.strip_prefix(',') {
                    rest = after.trim_start_matches([' ', '\t']);
                } else if !rest.starts_with(']') {
                    return None;
                }
            }
        }
        _ => None,
    }
}

/// After a bare value (a number, a boolean): the end, a blank, a comma, a bracket or a comment.
fn delimited(rest: &str) -> Option<()> {
    match rest.as_bytes().first() {
        None | Some(b' ' | b'\t' | b',' | b']' | b'#') => Some(()),
        _ => None,
    }
}

/// A basic string's text after its opening quote, and what follows its closing one: borrowed
/// when it has no escapes.
fn basic_string(s: &str) -> Option<(Cow<'_, str>, &str)> {
    let plain = s.find(['"', '\\'])?;
    if s.as_bytes()[plain] == b'"' {
        let text = &s[..plain];
        if text.chars().any(|c| c != '\t' && c.is_control()) {
            return None;
        }
        return Some((Cow::Borrowed(text), &s[plain + 1..]));
    }
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(match e {
                    '"' => '"',
                    '\\' => '\\',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let mut code = 0u32;
                        for _ in 0..n {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        char::from_u32(code)?
                    }
                    _ => return None,
                });
            }
            c if c != '\t' && c.is_control() => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_export_writes() {
        let text = r#"[[customers]]
account = "00000001"
type = "person"
first_name = "Gr\u00e2ce \"G\" Hopper\\"
address_books = ["HOUSTON-CUST", 'B2']
count = -12
flag = true   # a comment

[customers.financial_dimensions]
BusinessUnit = "002"
"Cost center" = "7"

[[customers.addresses]]
purpose = "home"
primary = true

[[customers.addresses]]
purpose = "work"
"#;
        let s = |t: &'static str| Value::String(Cow::Borrowed(t));
        let table = |pairs: Vec<(&'static str, Value<'static>)>| -> Value<'static> {
            Value::Table(
                pairs
                    .into_iter()
                    .map(|(k, v)| (Cow::Borrowed(k), v))
                    .collect(),
            )
        };
        assert_eq!(
            customer(text),
            Some(table(vec![
                ("account", s("00000001")),
                ("type", s("person")),
                ("first_name", s("Grâce \"G\" Hopper\\")),
                (
                    "address_books",
                    Value::Array(vec![s("HOUSTON-CUST"), s("B2")])
                ),
                ("count", Value::Integer(-12)),
                ("flag", Value::Bool(true)),
                (
                    "financial_dimensions",
                    table(vec![("BusinessUnit", s("002")), ("Cost center", s("7"))])
                ),
                (
                    "addresses",
                    Value::Array(vec![
                        table(vec![("purpose", s("home")), ("primary", Value::Bool(true))]),
                        table(vec![("purpose", s("work"))]),
                    ])
                ),
            ]))
        );
    }

    #[test]
    fn declines_what_it_does_not_know_for_certain() {
        let head = "[[customers]]\naccount = \"1\"\n";
        for body in [
            "a = 1.5",
            "a = 012",
            "a = 1_000",
            "a = 0x1F",
            "a = 1979-05-27",
            "a = { b = 1 }",
            "a.b = 1",
            "a = \"\"\"x\"\"\"",
            "a = '''x'''",
            "a = [\n\"x\"]",
            "a = [[1]]",
            "a = \"unterminated",
            "a = \"bad \\x escape\"",
            "a = \"\\uD800\"",
            "a = \"a\u{1}b\"",
            "a = 1 b",
            "a = truex",
            "account = \"2\"",
            "[customers.x]\n[customers.x]",
            "[customers.x.y]",
            "[other]",
            "[[customers]]",
            "x = [1]\n[[customers.x]]",
            "[customers.x]\n[[customers.x]]",
            "a = 1 # \u{7}",
        ] {
            assert_eq!(customer(&format!("{head}{body}\n")), None, "{body}");
        }
        assert_eq!(customer("account = \"1\"\n"), None, "no header");
        assert_eq!(customer(""), None);
    }
}
