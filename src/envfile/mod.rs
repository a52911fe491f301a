//! Reading an environment file (docs/environment-file.md) with errors that point at
//! file:line:column, name the key, and suggest the known key a typo is close to.

pub(crate) mod apply;
pub(crate) mod customers;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod plan;
mod quick;
pub(crate) mod steps;

use crate::domain::envfile::EnvFile;
use crate::domain::validate::close_matches;
use crate::error::{HqError, Result};

/// Line and column (1-based) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses environment-file text; `name` is what errors call the file. A key an entry must
/// give is `missing field` at the entry, decided by its fields' definitions
/// (`domain::record`).
pub fn parse(name: &str, text: &str) -> Result<EnvFile> {
    parse_at(name, text, 1)
}

/// [`parse`] of a part of a file that starts at line `first_line` (a customer's table), as
/// any type the file's parts are read as.
pub(crate) fn parse_at<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    first_line: usize,
) -> Result<T> {
    parse_mapped(name, text, &|line| line + first_line - 1)
}

/// [`parse`] of text whose line `l` is the file's line `file_line(l)` (the file without its
/// customers' tables: [`Lines`]).
pub(crate) fn parse_mapped<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    file_line: &dyn Fn(usize) -> usize,
) -> Result<T> {
    toml::from_str::<T>(text).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                format!("{name}:{}:{col}", file_line(line))
            }
            None => name.to_string(),
        };
        let message = e.message().trim().to_string();
        let mut err = HqError::invalid(format!("{place}: {message}"));
        // serde: "unknown field `curency`, expected one of `id`, `name`, ..."
        if let Some(rest) = message.strip_prefix("unknown field `")
            && let Some((field, tail)) = rest.split_once('`')
        {
            let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
            let close = close_matches(field, known.iter().copied());
            if !close.is_empty() {
                err = err.hinted(format!("did you mean `{}`?", close.join("` or `")));
            }
        }
        err.hinted("the keys are documented in docs/environment-file.md")
    })
}

/// Reads and parses an environment file but its customers (their count is what
/// [`read_split`] gives): for what is decided before the customers are read.
pub(crate) fn read(path: &std::path::Path) -> Result<EnvFile> {
    Ok(read_split(path)?.0)
}

/// Reads an environment file: everything but its customers parsed (its `customers` empty),
/// its text to point errors found later (by `hq apply`'s rules) at their line and column,
/// and its customers, indexed by account and read again when needed
/// ([`customers::Customers`]).
pub(crate) fn read_split(
    path: &std::path::Path,
) -> Result<(EnvFile, Source, customers::Customers)> {
    let (file, source, customers) = customers::read(path)?;
    if let Some((kind, i, key)) = crate::domain::envdiff::first_duplicate(&file) {
        let place = source.place(kind.key(), Some(i), None, kind.id_field());
        return Err(crate::domain::refuse::declared_twice(&place, kind, &key).into());
    }
    let mut features = std::collections::HashMap::new();
    for key in file.features.keys() {
        if let Some(def) = crate::domain::feature::find(key)
            && let Some(first) = features.insert(def.key, key.clone())
        {
            return Err(HqError::invalid(format!(
                "{}: features: {key} is feature {} again (as {first})",
                source.place("features", None, Some(key), None),
                def.key
            ))
            .hinted("name each feature once, by its key or by its name"));
        }
    }
    Ok((file, source, customers))
}

/// Which line of a file each line of a part of it is: the part's text is the file's lines in
/// runs, each run given as (its first line in the part, its first line in the file), in order.
/// No runs: the part is the file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines(pub Vec<(usize, usize)>);

impl Lines {
    pub(crate) fn file_line(&self, line: usize) -> usize {
        match self.0.partition_point(|&(part, _)| part <= line) {
            0 => line,
            i => {
                let (part, file) = self.0[i - 1];
                file + (line - part)
            }
        }
    }
}

/// An environment file's text, to say where in it something is.
pub(crate) struct Source {
    pub name: String,
    text: String,
    lines: Lines,
    /// The file as a document with spans, parsed the first time a place is asked for (only
    /// errors ask): it holds some 40 times the text's size.
    doc: std::cell::OnceCell<Option<toml_edit::Document<String>>>,
}

impl Source {
    pub(crate) fn new(name: String, text: String) -> Source {
        Source::of_part(name, text, Lines::default())
    }

    /// The text of a part of the file, its lines placed by `lines`.
    pub(crate) fn of_part(name: String, text: String, lines: Lines) -> Source {
        Source {
            name,
            text,
            lines,
            doc: std::cell::OnceCell::new(),
        }
    }

    fn doc(&self) -> Option<&toml_edit::Document<String>> {
        self.doc
            .get_or_init(|| toml_edit::Document::parse(self.text.clone()).ok())
            .as_ref()
    }

    /// `file:line:column` of `kind` (a top-level key), its `index`-th entry (lists) or its
    /// `entry` key (tables such as `features`), and `field` in it: as deep as the file goes.
    pub(crate) fn place(
        &self,
        kind: &str,
        index: Option<usize>,
        entry: Option<&str>,
        field: Option<&str>,
    ) -> String {
        let (line, col) = self.place_in(kind, index, entry, field);
        if line == 0 {
            self.name.clone()
        } else {
            format!("{}:{line}:{col}", self.name)
        }
    }

    /// [`place`](Self::place) as (line, column), (0, 0) when the file does not have it.
    pub(crate) fn place_in(
        &self,
        kind: &str,
        index: Option<usize>,
        entry: Option<&str>,
        field: Option<&str>,
    ) -> (usize, usize) {
        let span = self.doc().and_then(|doc| {
            let mut best = None;
            let mut item = doc.as_table().get(kind)?;
            best = item.span().or(best);
            if let Some(i) = index {
                item = item.get(i)?;
                best = item.span().or(best);
            }
            if let Some(e) = entry {
                item = item.get(e)?;
                best = item.span().or(best);
            }
            if let Some(f) = field
                && let Some(it) = item.get(f)
            {
                best = it.span().or(best);
            }
            best
        });
        match span {
            Some(s) => {
                let (line, col) = line_col(&self.text, s.start);
                (self.lines.file_line(line), col)
            }
            None => (0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_line_and_column_and_suggest_close_keys() {
        let text = "version = \"10.0.40\"\n\n[[legal_entities]]\nid = \"USRT\"\nname = \"x\"\ncountry = \"US\"\nlanguage = \"en-US\"\ncountr = \"US\"\n";
        let e = parse("env.toml", text).unwrap_err();
        assert!(
            e.message
                .starts_with("env.toml:8:1: unknown field `countr`"),
            "{}",
            e.message
        );
        assert!(
            e.hints
                .iter()
                .any(|h| h.to_string().contains("did you mean `country`?")),
            "{:?}",
            e.hints
        );
        let e = parse("env.toml", "version = 10\n").unwrap_err();
        assert!(e.message.starts_with("env.toml:1:11:"), "{}", e.message);
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        // A part of a file: lines 1-3 are the file's 1-3, then 4 on are the file's 10 on.
        let lines = Lines(vec![(1, 1), (4, 10)]);
        assert_eq!(
            (1..=5).map(|l| lines.file_line(l)).collect::<Vec<_>>(),
            [1, 2, 3, 10, 11]
        );
    }

    #[test]
    fn a_source_places_entries_and_fields() {
        let text = "version = \"10.0.40\"\n\n[features]\nclienteling = true\n\n[[customers]]\naccount = \"1\"\n\n[[customers]]\naccount = \"2\"\ncurrency = \"XYZ\"\n";
        let s = Source::new("env.toml".into(), text.into());
        assert_eq!(
            s.place("customers", Some(1), None, Some("currency")),
            "env.toml:11:12"
        );
        // A field the entry does not have: the entry itself.
        assert_eq!(
            s.place("customers", Some(1), None, Some("group")),
            "env.toml:9:1"
        );
        assert_eq!(
            s.place("features", None, Some("clienteling"), None),
            "env.toml:4:15"
        );
        assert_eq!(s.place("version", None, None, None), "env.toml:1:11");
        assert_eq!(s.place("stores", Some(0), None, None), "env.toml");
    }
}
