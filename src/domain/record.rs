//! An entity's record, made from its definition (issue 16, item 1): one list of fields, each
//! with its Rust type and its [`Field`], that [`record!`] turns into
//!
//! - the struct itself (the domain's type, the environment file's entry: `Deserialize` by the
//!   fields' names, unknown keys denied),
//! - its [`Record`] impl (the fields, and each read and written by name as a [`Value`]), which
//!   every face works through: the flags of `add` and `set` and their prompts, the `set`
//!   patch ([`Draft`]), the environment file's required keys and `export` ([`Flat`]), the
//!   JSON of `show` (nested by each field's JSON path), the columns of the data file and of
//!   the channel's copy.
//!
//! So a new field of such an entity is one line in its list, and a migration.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::ser::{SerializeMap, SerializeSeq};

use super::model::{Check, Field, Kind};
use super::validate::{self, Invalid};

/// A field's value, whatever the entity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Text; `None` is no value (an optional field left out or cleared).
    Text(Option<String>),
    Flag(bool),
    List(Vec<String>),
    /// Numbers (POS operations by id).
    Numbers(Vec<u32>),
    /// A number, or none.
    Number(Option<f64>),
    /// Rows of a list of its own (a group's members, a layout's buttons), set by their own
    /// commands: as JSON.
    Rows(serde_json::Value),
    /// Names with a value each, in order (financial dimensions): a list of `{name, value}` in
    /// JSON, a table in the environment file, `NAME=VALUE` on the command line.
    Pairs(Vec<(String, String)>),
    /// A whole number (a sequence's next number).
    Count(u64),
}

impl Value {
    /// Nothing given: no text, `false`, an empty list.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Value::Text(t) => t.as_deref().is_none_or(str::is_empty),
            Value::Flag(b) => !b,
            Value::List(l) => l.is_empty(),
            Value::Numbers(n) => n.is_empty(),
            Value::Number(n) => n.is_none(),
            Value::Rows(r) => r.as_array().is_none_or(Vec::is_empty),
            Value::Pairs(p) => p.is_empty(),
            Value::Count(_) => false,
        }
    }

    /// The text, if this is text.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => t.as_deref(),
            _ => None,
        }
    }

    /// How people read it (a `show`, a plan).
    pub(crate) fn display(&self) -> String {
        match self {
            Value::Text(t) => t.clone().unwrap_or_default(),
            Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::List(l) => l.join(", "),
            Value::Numbers(n) => {
                let all: Vec<String> = n.iter().map(u32::to_string).collect();
                all.join(", ")
            }
            Value::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Value::Rows(r) => r.as_array().map_or(0, Vec::len).to_string(),
            Value::Pairs(p) => {
                let all: Vec<String> = p.iter().map(|(n, v)| format!("{n}={v}")).collect();
                all.join(", ")
            }
            Value::Count(n) => n.to_string(),
        }
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(Some(t)) => s.serialize_str(t),
            Value::Text(None) => s.serialize_none(),
            Value::Flag(b) => s.serialize_bool(*b),
            Value::List(l) => {
                let mut seq = s.serialize_seq(Some(l.len()))?;
                for x in l {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            Value::Numbers(n) => {
                let mut seq = s.serialize_seq(Some(n.len()))?;
                for x in n {
                    seq.serialize_element(x)?;
                }
                seq.end()
            }
            // Whole numbers as integers (`1000`, not `1000.0`).
            Value::Number(Some(n)) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                s.serialize_i64(*n as i64)
            }
            Value::Number(Some(n)) => s.serialize_f64(*n),
            Value::Number(None) => s.serialize_none(),
            Value::Rows(r) => r.serialize(s),
            Value::Pairs(p) => {
                #[derive(serde::Serialize)]
                struct Pair<'a> {
                    name: &'a str,
                    value: &'a str,
                }
                let mut seq = s.serialize_seq(Some(p.len()))?;
                for (name, value) in p {
                    seq.serialize_element(&Pair { name, value })?;
                }
                seq.end()
            }
            Value::Count(n) => s.serialize_u64(*n),
        }
    }
}

/// A field's value as the environment file gives it: for most types what serde reads
/// (`from_file_via_serde!`), for names with values a table.
pub(crate) struct FromFile<T>(pub T);

/// How a field's type is read from the environment file.
pub(crate) trait FileField: Sized {
    fn from_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

impl<'de, T: FileField> serde::Deserialize<'de> for FromFile<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::from_file(d).map(FromFile)
    }
}

/// A key of a record's table, one of its fields' names; another is refused as the key itself
/// (so the file's error points at it).
pub(crate) struct Key(pub &'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = &'static str;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<&'static str, D::Error> {
        struct Visit(&'static [&'static str]);
        impl serde::de::Visitor<'_> for Visit {
            type Value = &'static str;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<&'static str, E> {
                self.0
                    .iter()
                    .find(|n| **n == v)
                    .copied()
                    .ok_or_else(|| E::unknown_field(v, self.0))
            }
        }
        d.deserialize_identifier(Visit(self.0))
    }
}

/// Types read from the file as serde reads them.
macro_rules! from_file_via_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::domain::record::FileField for $t {
            fn from_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t as serde::Deserialize>::deserialize(d)
            }
        }
    )*};
}
pub(crate) use from_file_via_serde;

from_file_via_serde!(
    String,
    Option<String>,
    bool,
    Vec<String>,
    Option<f64>,
    u64,
    Vec<u32>
);

/// A Rust type a field may have, to and from [`Value`].
pub(crate) trait FieldValue: Sized {
    fn to_value(&self) -> Value;
    fn from_value(v: Value) -> Self;
    /// Its text, borrowed where it is text already (a column written for each of many rows).
    fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self.to_value() {
            Value::Text(t) => t.map(std::borrow::Cow::Owned),
            _ => None,
        }
    }
}

impl FieldValue for String {
    fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some(std::borrow::Cow::Borrowed(self))
    }
    fn to_value(&self) -> Value {
        Value::Text(Some(self.clone()))
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Text(t) => t.unwrap_or_default(),
            Value::Flag(b) => b.to_string(),
            Value::List(l) => l.join(","),
            v @ (Value::Numbers(_)
            | Value::Number(_)
            | Value::Rows(_)
            | Value::Pairs(_)
            | Value::Count(_)) => v.display(),
        }
    }
}

impl FieldValue for Option<String> {
    fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.as_deref().map(std::borrow::Cow::Borrowed)
    }
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(v: Value) -> Self {
        Some(String::from_value(v)).filter(|s| !s.is_empty())
    }
}

impl FieldValue for bool {
    fn to_value(&self) -> Value {
        Value::Flag(*self)
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Flag(b) => b,
            other => !other.is_empty(),
        }
    }
}

impl FieldValue for Vec<String> {
    fn to_value(&self) -> Value {
        Value::List(self.clone())
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::List(l) => l,
            Value::Text(t) => t.into_iter().collect(),
            Value::Numbers(n) => n.iter().map(u32::to_string).collect(),
            Value::Pairs(p) => p.into_iter().map(|(n, v)| format!("{n}={v}")).collect(),
            Value::Flag(_) | Value::Number(_) | Value::Rows(_) | Value::Count(_) => Vec::new(),
        }
    }
}

/// A list of rows as a field ([`Value::Rows`]): `rows_field!(Button);`.
macro_rules! rows_field {
    ($t:ty) => {
        impl $crate::domain::record::FieldValue for Vec<$t> {
            fn to_value(&self) -> $crate::domain::record::Value {
                $crate::domain::record::Value::Rows(
                    serde_json::to_value(self).unwrap_or(serde_json::Value::Null),
                )
            }
            fn from_value(v: $crate::domain::record::Value) -> Self {
                match v {
                    $crate::domain::record::Value::Rows(r) => {
                        serde_json::from_value(r).unwrap_or_default()
                    }
                    _ => Vec::new(),
                }
            }
        }
    };
}
pub(crate) use rows_field;

/// Names with values as a field ([`Value::Pairs`]) of a type with `name` and `value` and
/// `From<(String, String)>`: a table in the environment file (or JSON's list of `{name,
/// value}`), `NAME=VALUE` on the command line. `pairs_field!(Dimension);`.
macro_rules! pairs_field {
    ($t:ty) => {
        impl $crate::domain::record::FileField for Vec<$t> {
            fn from_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::domain::record::pairs_from_table(d)
            }
        }
        impl $crate::domain::record::FieldValue for Vec<$t> {
            fn to_value(&self) -> $crate::domain::record::Value {
                $crate::domain::record::Value::Pairs(
                    self.iter()
                        .map(|p| (p.name.clone(), p.value.clone()))
                        .collect(),
                )
            }
            fn from_value(v: $crate::domain::record::Value) -> Self {
                match v {
                    $crate::domain::record::Value::Pairs(p) => {
                        p.into_iter().map(<$t>::from).collect()
                    }
                    _ => Vec::new(),
                }
            }
        }
    };
}
pub(crate) use pairs_field;

impl FieldValue for u64 {
    fn to_value(&self) -> Value {
        Value::Count(*self)
    }
    /// Text is read as a number (checked before: [`Field::check_value`]).
    fn from_value(v: Value) -> Self {
        match v {
            Value::Count(n) => n,
            Value::Text(t) => t.and_then(|t| t.trim().parse().ok()).unwrap_or_default(),
            _ => 0,
        }
    }
}

impl FieldValue for Option<f64> {
    fn to_value(&self) -> Value {
        Value::Number(*self)
    }
    /// Text is read as a number (checked before: [`Field::check_value`]).
    fn from_value(v: Value) -> Self {
        match v {
            Value::Number(n) => n,
            Value::Text(t) => t.and_then(|t| t.trim().parse().ok()),
            _ => None,
        }
    }
}

impl FieldValue for Vec<u32> {
    fn to_value(&self) -> Value {
        Value::Numbers(self.clone())
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Numbers(n) => n,
            Value::List(l) => l.iter().filter_map(|x| x.parse().ok()).collect(),
            _ => Vec::new(),
        }
    }
}

/// A struct made from its fields' definitions by [`record!`].
pub(crate) trait Record: Clone + Default + 'static {
    /// Its fields, the key first.
    const FIELDS: &'static [Field];
    /// A field's value by its name (`None`: no such field).
    fn get(&self, name: &str) -> Option<Value>;
    /// Sets a field by its name; false when there is no such field.
    fn set(&mut self, name: &str, v: Value) -> bool;
    /// A text field's value by its name, borrowed where it can be (none: not text, or empty).
    fn text_of(&self, name: &str) -> Option<std::borrow::Cow<'_, str>>;

    /// A field's definition by its name.
    fn field(name: &str) -> Option<&'static Field> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }
    /// The fields stored as columns of the entity's own table (not lists), the key first.
    fn columns() -> Vec<&'static Field> {
        Self::FIELDS.iter().filter(|f| !f.many).collect()
    }
    /// The first field that must be given when the entity is created and is not (a list's
    /// items are the entity's rules to count; a defaulted field is filled by them).
    fn missing(&self) -> Option<&'static Field> {
        Self::FIELDS
            .iter()
            .find(|f| f.required && !f.defaulted && f.on_add && !f.many && self.is_blank(f))
    }
    fn is_blank(&self, f: &Field) -> bool {
        self.get(f.name).is_none_or(|v| v.is_empty())
    }
}

/// Makes an entity's struct and its [`Record`] impl from one list of fields:
///
/// ```text
/// record! {
///     /// A store.
///     pub(crate) struct Store {
///         number: String = "Store number", Kind::Key, required(), check(Check::StoreNumber);
///         name: String = "Store name", Kind::Text, required(), check(Check::Name);
///     }
/// }
/// ```
///
/// Each field: its name (`type_name as "type"` where the name is a Rust keyword) and Rust type (`String`, `Option<String>`, `bool`, `Vec<String>`),
/// then its label, kind and the [`Field`] builder calls. The struct reads from the
/// environment file by the names (`Deserialize`, unknown keys denied, left-out keys default:
/// [`Record::missing`] finds required ones) and serialises as JSON by each field's JSON path.
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fattr:meta])* $field:ident $(as $fname:literal)? : $ty:ty = $label:literal, $kind:expr $(, $m:ident ( $($a:expr),* ))* ; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        $vis struct $name {
            $( $(#[$fattr])* pub $field: $ty, )*
        }
        impl<'de> serde::Deserialize<'de> for $name {
            /// From the environment file (or JSON of the same shape): the fields by name, each
            /// read as [`FromFile`] says; an unknown key or a missing one the file must give is
            /// refused, as serde's derive would.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($crate::domain::record::name_of!($field $(, $fname)?)),*];
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a table of keys and values")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        let mut r = <$name as Default>::default();
                        let mut seen: Vec<&'static str> = Vec::new();
                        while let Some(key) =
                            map.next_key_seed($crate::domain::record::Key(NAMES))?
                        {
                            if <$name as $crate::domain::record::Record>::FIELDS
                                .iter()
                                .any(|f| f.kept && f.name == key)
                            {
                                // Kept by hq: no face gives it, and the file's keys are
                                // the others.
                                static GIVEN: std::sync::OnceLock<Vec<&'static str>> =
                                    std::sync::OnceLock::new();
                                let given = GIVEN.get_or_init(|| {
                                    <$name as $crate::domain::record::Record>::FIELDS
                                        .iter()
                                        .filter(|f| !f.kept)
                                        .map(|f| f.name)
                                        .collect()
                                });
                                return Err(serde::de::Error::unknown_field(key, given));
                            }
                            match key {
                                $( $crate::domain::record::name_of!($field $(, $fname)?) => {
                                    r.$field = map
                                        .next_value::<$crate::domain::record::FromFile<$ty>>()?
                                        .0;
                                    seen.push($crate::domain::record::name_of!($field $(, $fname)?));
                                } )*
                                _ => unreachable!("Key admits only the names"),
                            }
                        }
                        let fields = <$name as $crate::domain::record::Record>::FIELDS;
                        if let Some(f) = fields
                            .iter()
                            .find(|f| f.in_file() && !seen.contains(&f.name))
                        {
                            return Err(serde::de::Error::missing_field(f.name));
                        }
                        Ok(r)
                    }
                }
                d.deserialize_map(Visit)
            }
        }
        impl $crate::domain::record::Record for $name {
            const FIELDS: &'static [$crate::domain::model::Field] = &[$(
                $crate::domain::model::Field::new(
                    $crate::domain::record::name_of!($field $(, $fname)?), $label, $kind
                ) $(.$m($($a),*))*,
            )*];
            fn get(&self, name: &str) -> Option<$crate::domain::record::Value> {
                match name {
                    $( $crate::domain::record::name_of!($field $(, $fname)?) => Some($crate::domain::record::FieldValue::to_value(&self.$field)), )*
                    _ => None,
                }
            }
            fn text_of(&self, name: &str) -> Option<std::borrow::Cow<'_, str>> {
                match name {
                    $( $crate::domain::record::name_of!($field $(, $fname)?) => $crate::domain::record::FieldValue::text(&self.$field), )*
                    _ => None,
                }
            }
            fn set(&mut self, name: &str, v: $crate::domain::record::Value) -> bool {
                match name {
                    $( $crate::domain::record::name_of!($field $(, $fname)?) => {
                        self.$field = $crate::domain::record::FieldValue::from_value(v);
                        true
                    } )*
                    _ => false,
                }
            }
        }
        impl $name {
            /// The columns of its own table (every field but lists), the key first: what a
            /// distribution job copies.
            #[allow(dead_code)]
            pub(crate) const COLUMNS: &'static [&'static str] = &$crate::domain::record::column_names::<
                { $crate::domain::record::column_count(<$name as $crate::domain::record::Record>::FIELDS) },
            >(<$name as $crate::domain::record::Record>::FIELDS);
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::domain::record::serialize_nested(self, s)
            }
        }
    };
}
pub(crate) use record;

/// A field's name: the one given (`type_name as "type"`), else its Rust name.
macro_rules! name_of {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $name:literal) => {
        $name
    };
}
pub(crate) use name_of;

/// How many of `fields` are columns (not lists).
pub(crate) const fn column_count(fields: &[Field]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < fields.len() {
        if !fields[i].many {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The names of the `N` fields of `fields` that are columns, in order.
pub(crate) const fn column_names<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < fields.len() {
        if !fields[i].many {
            out[n] = fields[i].column_name();
            n += 1;
        }
        i += 1;
    }
    out
}

/// A record as JSON: each field at its JSON path (`address.street` inside `address`), in the
/// order of the definition (a nested object where its first field is).
pub(crate) fn serialize_nested<R: Record, S: serde::Serializer>(
    r: &R,
    s: S,
) -> Result<S::Ok, S::Error> {
    struct Group<'a, R>(&'a R, &'static str);
    impl<R: Record> serde::Serialize for Group<'_, R> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            for f in R::FIELDS {
                let path = f.json_path();
                if path.len() == 2 && path[0] == self.1 {
                    map.serialize_entry(path[1], &self.0.get(f.name))?;
                }
            }
            map.end()
        }
    }
    let mut map = s.serialize_map(None)?;
    let mut done: Vec<&str> = Vec::new();
    for f in R::FIELDS {
        let path = f.json_path();
        if path.len() == 1 {
            map.serialize_entry(path[0], &r.get(f.name))?;
        } else if !done.contains(&path[0]) {
            done.push(path[0]);
            map.serialize_entry(path[0], &Group(r, path[0]))?;
        }
    }
    map.end()
}

/// A record as the environment file writes it: flat, by the fields' names, what is empty left
/// out.
pub(crate) struct Flat<'a, R>(pub &'a R);

impl<R: Record> serde::Serialize for Flat<'_, R> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for f in R::FIELDS.iter().filter(|f| !f.kept) {
            if let Some(v) = self.0.get(f.name)
                && (!v.is_empty() || (f.required && f.many))
            {
                match v {
                    Value::Rows(r) => map.serialize_entry(f.name, &without_empties(r))?,
                    Value::Pairs(mut p) => {
                        // By name, as the file reads them back.
                        p.sort();
                        let table: serde_json::Map<String, serde_json::Value> = p
                            .into_iter()
                            .map(|(n, v)| (n, serde_json::Value::String(v)))
                            .collect();
                        map.serialize_entry(f.name, &table)?
                    }
                    v => map.serialize_entry(f.name, &v)?,
                }
            }
        }
        map.end()
    }
}

/// Rows as the file writes them: what is empty (none, false, "") left out of each.
fn without_empties(rows: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match rows {
        J::Array(a) => J::Array(a.into_iter().map(without_empties).collect()),
        J::Object(mut o) => {
            // In place: a new map would hash every key again.
            o.retain(|_, v| !matches!(v, J::Null | J::Bool(false)) && v != "");
            J::Object(o)
        }
        other => other,
    }
}

/// A record as a table of its own keeps it: every field but rows kept in tables of their own
/// (a Key Vault's secrets), none included (so that a value cleared is stored as cleared).
pub(crate) struct Stored<'a, R>(pub &'a R);

impl<R: Record> serde::Serialize for Stored<'_, R> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for f in R::FIELDS {
            match self.0.get(f.name) {
                Some(Value::Rows(_)) | None => {}
                Some(v) => map.serialize_entry(f.name, &v)?,
            }
        }
        map.end()
    }
}

/// For `#[serde(serialize_with)]` on a list of records in the environment file.
pub(crate) fn flat_list<R: Record, S: serde::Serializer>(
    list: &[R],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(list.len()))?;
    for r in list {
        seq.serialize_element(&Flat(r))?;
    }
    seq.end()
}

/// Names with values read from the environment file's table (`{ BusinessUnit = "002" }`), by
/// name, or from the list of `{name, value}` that JSON has.
pub(crate) fn pairs_from_table<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: From<(String, String)>,
{
    #[derive(serde::Deserialize)]
    struct Pair {
        name: String,
        value: String,
    }
    /// A table in the file; a list of `{name, value}` as JSON writes them.
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Form {
        Table(std::collections::BTreeMap<String, String>),
        List(Vec<Pair>),
    }
    Ok(match serde::Deserialize::deserialize(d)? {
        Form::Table(map) => map.into_iter().map(T::from).collect(),
        Form::List(l) => l.into_iter().map(|p| T::from((p.name, p.value))).collect(),
    })
}

/// For `#[serde(serialize_with)]` on a record kept once in the environment file.
pub(crate) fn flat_option<R: Record, S: serde::Serializer>(
    r: &Option<R>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_some(&Flat(r)),
        None => s.serialize_none(),
    }
}

impl Field {
    /// Given by a face when the entity is created: a flag of `add`, a column of an import
    /// (not the key, not a list that commands of its own change, not what hq keeps).
    pub(crate) fn given_on_add(&self) -> bool {
        self.kind != Kind::Key && self.on_add && self.set_by.is_none() && !self.kept
    }

    /// Whether an environment file's entry must give it: what is required or defaulted on
    /// creation (the file says it, so that export and plan compare like with like), not a list.
    pub(crate) fn in_file(&self) -> bool {
        (self.required || self.defaulted) && self.on_add && !self.many && !self.file_may_omit
    }

    /// A value given for this field, checked by its rule and in its kept form (`word` is what
    /// a refusal calls it). A list is checked item by item.
    pub(crate) fn check_value(&self, word: &str, v: Value) -> Result<Value, Invalid> {
        let one = |t: &str| -> Result<String, Invalid> {
            if let Kind::Choice(list) = self.kind {
                let lower = t.trim().to_ascii_lowercase();
                return match list.iter().find(|c| **c == lower) {
                    Some(c) => Ok(c.to_string()),
                    None => Err(Invalid::new(
                        word,
                        t,
                        format!("give {}", super::fix::one_of_words(list)),
                    )),
                };
            }
            match self.check {
                Check::Free => Ok(t.to_string()),
                Check::Name => validate::name(word, t),
                Check::Text(max) => validate::text(word, t.trim(), max),
                Check::Currency => validate::currency(word, t),
                Check::TimeZone => validate::time_zone(word, t),
                Check::Country => validate::country(word, t),
                Check::StoreNumber => validate::store_number(word, t),
                Check::LegalEntityId => validate::legal_entity_id(word, t),
                Check::Language => validate::language(word, t),
                Check::PersonnelNumber => super::staff::personnel_number(word, t),
                Check::Guid => super::params::guid(word, t),
                Check::VaultUrl => super::params::vault_url(word, t),
                Check::Date => chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .map_err(|_| {
                        Invalid::new(word, t, "it is not a date").hint("write it as YYYY-MM-DD")
                    }),
                Check::Id => validate::id(word, t),
                Check::Email => super::customer::email(word, t),
            }
        };
        if self.kind == Kind::Pairs {
            let items: Vec<String> = match v {
                Value::Pairs(p) => p.into_iter().map(|(n, v)| format!("{n}={v}")).collect(),
                other => Vec::<String>::from_value(other),
            };
            let mut out: Vec<(String, String)> = Vec::new();
            for text in items {
                let (name, value) = super::customer::name_value(word, &text)?;
                let name = validate::id(word, &name)?;
                let value = validate::text(word, &value, 60)?;
                out.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
                out.push((name, value));
            }
            return Ok(Value::Pairs(out));
        }
        if self.kind == Kind::Count {
            return match v {
                Value::Text(Some(t)) => match t.trim().parse::<u64>() {
                    Ok(n) => Ok(Value::Count(n)),
                    Err(_) => Err(Invalid::new(word, &t, "it is not a whole number")),
                },
                Value::Text(None) => Err(Invalid::new(word, "", "it is not a whole number")),
                other => Ok(other),
            };
        }
        if self.kind == Kind::Number {
            return match v {
                Value::Text(Some(t)) if t.trim().is_empty() && !self.required => {
                    Ok(Value::Number(None))
                }
                Value::Text(Some(t)) => match t.trim().parse::<f64>() {
                    Ok(n) if n.is_finite() => Ok(Value::Number(Some(n))),
                    _ => Err(Invalid::new(word, &t, "it is not a number")),
                },
                other => Ok(other),
            };
        }
        Ok(match v {
            Value::Text(None) if (self.required || self.defaulted) && !self.many => {
                // A required field cleared: the rule says why not.
                Value::Text(Some(one("")?))
            }
            Value::Text(Some(t)) if t.trim().is_empty() && !self.required && !self.defaulted => {
                Value::Text(None)
            }
            Value::Text(Some(t)) => Value::Text(Some(one(&t)?)),
            Value::List(l) => Value::List(l.iter().map(|t| one(t)).collect::<Result<_, _>>()?),
            other => other,
        })
    }
}

/// What a face gives for a record: values by field name (all of them, from an environment
/// file; what was given, from the command line), and for lists edited item by item, what to
/// add and remove. `set` applies it to the record as it is; `add` to an empty one.
#[derive(Debug, Clone)]
pub(crate) struct Draft<R> {
    values: BTreeMap<&'static str, Value>,
    adds: BTreeMap<&'static str, Vec<String>>,
    removes: BTreeMap<&'static str, Vec<String>>,
    _record: PhantomData<R>,
}

impl<R> Default for Draft<R> {
    fn default() -> Self {
        Draft {
            values: BTreeMap::new(),
            adds: BTreeMap::new(),
            removes: BTreeMap::new(),
            _record: PhantomData,
        }
    }
}

impl<R: Record> Draft<R> {
    /// Every field of `r` that `which` takes, as given values.
    pub(crate) fn of(r: &R, which: impl Fn(&Field) -> bool) -> Self {
        let mut d = Draft::default();
        for f in R::FIELDS.iter().filter(|f| which(f)) {
            if let Some(v) = r.get(f.name) {
                d.values.insert(f.name, v);
            }
        }
        d
    }

    /// One field's value.
    pub(crate) fn one(name: &str, v: Value) -> Self {
        let mut d = Draft::default();
        d.give(name, v);
        d
    }

    /// Gives a field's value (a name not of `R` is ignored).
    pub(crate) fn give(&mut self, name: &str, v: Value) {
        if let Some(f) = R::field(name) {
            self.values.insert(f.name, v);
        }
    }
    /// Items to add to a list field, or to remove from it.
    pub(crate) fn edit(&mut self, name: &str, add: Vec<String>, remove: Vec<String>) {
        if let Some(f) = R::field(name) {
            if !add.is_empty() {
                self.adds.insert(f.name, add);
            }
            if !remove.is_empty() {
                self.removes.insert(f.name, remove);
            }
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }
    pub(crate) fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }
    /// The items a list field's edit adds and removes.
    pub(crate) fn edits(&self, name: &str) -> (&[String], &[String]) {
        (
            self.adds.get(name).map_or(&[][..], Vec::as_slice),
            self.removes.get(name).map_or(&[][..], Vec::as_slice),
        )
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.values.is_empty() && self.adds.is_empty() && self.removes.is_empty()
    }
    /// Each given value by its field's rule, in its kept form.
    pub(crate) fn checked(mut self) -> Result<Self, Invalid> {
        for f in R::FIELDS {
            let word = f.flag_name().unwrap_or(f.name);
            if let Some(v) = self.values.get_mut(f.name) {
                let given = std::mem::replace(v, Value::Text(None));
                *v = f.check_value(word, given)?;
            }
            if f.kind == Kind::Pairs
                && let Some(add) = self.adds.remove(f.name)
            {
                let checked = f.check_value(word, Value::List(add))?;
                self.adds.insert(f.name, Vec::<String>::from_value(checked));
            }
        }
        Ok(self)
    }

    /// A new record: [`Self::apply`] of what may be given on creation (a field set only
    /// afterwards is left as it is).
    pub(crate) fn apply_new(&self, r: &mut R) {
        self.clone().into_new(r);
    }

    /// [`Self::apply_new`], the values moved rather than copied (a bulk import makes many).
    pub(crate) fn into_new(mut self, r: &mut R) {
        for f in R::FIELDS.iter().filter(|f| !f.on_add) {
            self.values.remove(f.name);
            self.adds.remove(f.name);
        }
        for (name, v) in std::mem::take(&mut self.values) {
            r.set(name, v);
        }
        self.apply(r);
    }

    /// The record after the given values, then the edits of lists (added items not yet in
    /// the list go to its end; ids compare without regard to case).
    pub(crate) fn apply(&self, r: &mut R) {
        for (name, v) in &self.values {
            r.set(name, v.clone());
        }
        for f in R::FIELDS.iter().filter(|f| f.kind == Kind::Pairs) {
            let (add, remove) = self.edits(f.name);
            if add.is_empty() && remove.is_empty() {
                continue;
            }
            let mut pairs = match r.get(f.name) {
                Some(Value::Pairs(p)) => p,
                _ => Vec::new(),
            };
            // `NAME=VALUE` sets or replaces that name; a removed name goes.
            for text in add {
                if let Some((n, v)) = text.split_once('=') {
                    match pairs.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(n)) {
                        Some(p) => p.1 = v.to_string(),
                        None => pairs.push((n.to_string(), v.to_string())),
                    }
                }
            }
            pairs.retain(|(n, _)| !remove.iter().any(|r| r.eq_ignore_ascii_case(n)));
            r.set(f.name, Value::Pairs(pairs));
        }
        for f in R::FIELDS.iter().filter(|f| f.many && f.kind != Kind::Pairs) {
            let (add, remove) = self.edits(f.name);
            if add.is_empty() && remove.is_empty() {
                continue;
            }
            let list = match r.get(f.name) {
                Some(Value::List(l)) => l,
                _ => Vec::new(),
            };
            r.set(
                f.name,
                Value::List(super::org::edit_id_list(&list, add, remove)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::org::Store;

    #[test]
    fn a_draft_sets_what_was_given_and_edits_lists() {
        let mut s = crate::domain::org::sample_store();
        let mut d = Draft::<Store>::default();
        d.give("name", Value::Text(Some("  Houston Galleria ".into())));
        d.give("state", Value::Text(Some(String::new())));
        d.edit("customer_address_books", vec!["TEXAS-CUST".into()], vec![]);
        d.give("no_such_field", Value::Flag(true));
        let d = d.checked().unwrap();
        d.apply(&mut s);
        assert_eq!(s.name, "Houston Galleria");
        assert_eq!(s.state, None);
        assert_eq!(
            s.customer_address_books,
            vec!["HOUSTON-CUST".to_string(), "TEXAS-CUST".to_string()]
        );
        assert!(Draft::<Store>::default().is_empty());
    }

    #[test]
    fn a_value_is_checked_by_its_fields_rule() {
        let mut d = Draft::<Store>::default();
        d.give("currency", Value::Text(Some("usd".into())));
        assert_eq!(
            d.checked().unwrap().get("currency"),
            Some(&Value::Text(Some("USD".into())))
        );
        let mut d = Draft::<Store>::default();
        d.give("time_zone", Value::Text(Some("Mars/Olympus".into())));
        let e = d.checked().unwrap_err();
        assert_eq!(e.field, "time_zone");
        let mut d = Draft::<Store>::default();
        d.give("name", Value::Text(None));
        let e = d.checked().unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.reason.as_str()),
            ("name", "it must not be empty")
        );
    }

    #[test]
    fn json_nests_by_path_and_the_file_is_flat_without_empties() {
        let s = crate::domain::org::sample_store();
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["address"]["city"], "Houston");
        assert_eq!(json["channel_database"], "Default");
        assert!(json["address"]["state"].is_string());
        assert!(json.get("street").is_none());
        let flat = serde_json::to_value(Flat(&s)).unwrap();
        assert_eq!(flat["city"], "Houston");
        assert!(flat.get("async_customer_creation").is_none());
        assert!(flat.get("screen_layout").is_none());
        assert!(flat.get("address").is_none());
    }

    #[test]
    fn missing_names_the_first_required_field_not_given_on_add() {
        let mut s = Store {
            number: "DALLAS".into(),
            ..Default::default()
        };
        assert_eq!(s.missing().map(|f| f.name), Some("name"));
        s.name = "Dallas".into();
        assert_eq!(s.missing().map(|f| f.name), Some("legal_entity"));
        let full = crate::domain::org::sample_store();
        assert_eq!(full.missing().map(|f| f.name), None);
    }

    #[test]
    fn a_choice_is_one_of_its_fields_choices_in_any_case() {
        use crate::domain::org::{AddressBook, AddressBookKind};
        let mut d = Draft::<AddressBook>::default();
        d.give("kind", Value::Text(Some("EMPLOYEE".into())));
        let mut b = AddressBook::default();
        d.checked().unwrap().apply(&mut b);
        assert_eq!(b.kind, AddressBookKind::Employee);
        let mut d = Draft::<AddressBook>::default();
        d.give("kind", Value::Text(Some("vendor".into())));
        let e = d.checked().unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.reason.as_str()),
            ("kind", "give customer or employee")
        );
    }

    #[test]
    fn a_count_is_a_whole_number() {
        use crate::domain::numseq::NumberSequence;
        let mut d = Draft::<NumberSequence>::default();
        d.give("next", Value::Text(Some("100001".into())));
        let mut s = NumberSequence::default();
        d.checked().unwrap().apply(&mut s);
        assert_eq!(s.next, 100001);
        for bad in ["abc", "-1", "1.5", ""] {
            let mut d = Draft::<NumberSequence>::default();
            d.give("next", Value::Text(Some(bad.into())));
            let e = d.checked().unwrap_err();
            assert_eq!(
                (e.field.as_str(), e.reason.as_str()),
                ("next", "it is not a whole number"),
                "{bad}"
            );
        }
    }
}
