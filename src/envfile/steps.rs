//! A list of differences that may be long (a plan of a million customers): the first few
//! thousand held in memory, the rest written to an anonymous temporary file as they come and
//! read back in order whenever the list is gone through. `plan`, `diff` and `apply` hold their
//! customers' differences here, so their memory does not grow with the customers.

use std::io::{BufRead, Write};

use serde::ser::{Error as _, Serialize, SerializeSeq, Serializer};

use crate::domain::envdiff::{DiffAction, Difference, FieldDiff, Section};
use crate::error::{ErrorKind, HqError, Result};

/// How many differences a list keeps in memory before the rest go to its temporary file.
const IN_MEMORY: usize = 4096;

/// [`IN_MEMORY`], or `HQ_STEPS_IN_MEMORY` (the tests set it low, to go through the file with
/// a few customers).
fn in_memory() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| {
        std::env::var("HQ_STEPS_IN_MEMORY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(IN_MEMORY)
    })
}

/// Differences in the order they were pushed.
#[derive(Debug, Default)]
pub(crate) struct Steps {
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Held(Vec<Difference>),
    /// `len` differences, a line each, from the start of `file`.
    Spilled {
        file: std::fs::File,
        len: usize,
    },
}

/// Adds differences to a [`Steps`], spilling past [`IN_MEMORY`].
pub(crate) struct Builder {
    held: Vec<Difference>,
    spill: Option<(std::io::BufWriter<std::fs::File>, usize)>,
    line: Vec<u8>,
}

impl Steps {
    /// The list of these, held in memory.
    pub(crate) fn held(steps: Vec<Difference>) -> Steps {
        let mut s = Steps::default();
        s.append(steps);
        s
    }

    pub(crate) fn builder() -> Builder {
        Builder {
            held: Vec::new(),
            spill: None,
            line: Vec::new(),
        }
    }

    /// Adds differences held in memory after these.
    pub(crate) fn append(&mut self, steps: Vec<Difference>) {
        if !steps.is_empty() {
            self.parts.push(Part::Held(steps));
        }
    }

    /// Adds `other`'s differences after these.
    pub(crate) fn extend(&mut self, other: Steps) {
        self.parts.extend(other.parts);
    }

    pub(crate) fn len(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Held(v) => v.len(),
                Part::Spilled { len, .. } => *len,
            })
            .sum()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The differences in order; one that cannot be read back from the temporary file is an
    /// I/O error (exit 74).
    pub(crate) fn iter(&self) -> Iter<'_> {
        Iter {
            parts: self.parts.iter(),
            now: Now::Done,
        }
    }
}

/// A difference named by its section and key (`customers 100006`, or `parameters`).
pub(crate) fn name(d: &Difference) -> String {
    format!("{} {}", d.kind, d.key).trim_end().to_string()
}

impl Builder {
    pub(crate) fn push(&mut self, d: Difference) -> Result<()> {
        if self.spill.is_none() && self.held.len() < in_memory() {
            self.held.push(d);
            return Ok(());
        }
        let (out, len) = match &mut self.spill {
            Some(s) => s,
            None => {
                let file = tempfile::tempfile().map_err(cannot_keep)?;
                self.spill
                    .insert((std::io::BufWriter::with_capacity(1 << 16, file), 0))
            }
        };
        self.line.clear();
        encode(&d, &mut self.line)?;
        out.write_all(&self.line).map_err(cannot_keep)?;
        *len += 1;
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<Steps> {
        let mut steps = Steps::held(self.held);
        if let Some((out, len)) = self.spill {
            let file = out.into_inner().map_err(|e| cannot_keep(e.into_error()))?;
            steps.parts.push(Part::Spilled { file, len });
        }
        Ok(steps)
    }
}

fn cannot_keep(e: std::io::Error) -> HqError {
    HqError::new(
        ErrorKind::Io,
        format!("cannot keep the differences in a temporary file: {e}"),
    )
    .hinted("check the temporary folder (TMPDIR, else /tmp) and the free space on its disk")
}

fn cannot_read_back(e: std::io::Error) -> HqError {
    HqError::new(
        ErrorKind::Io,
        format!("cannot read the differences back from a temporary file: {e}"),
    )
    .hinted("run the command again; check the temporary folder (TMPDIR, else /tmp) and its disk")
}

/// A line of the temporary file: `[action, section, key, fields]`, the action and the section
/// by their place in their lists (a new customer is `[0,21,"00000001",[]]`).
fn encode(d: &Difference, out: &mut Vec<u8>) -> Result<()> {
    let action = ACTIONS.iter().position(|a| *a == d.action).unwrap_or(0);
    let kind = Section::ALL.iter().position(|s| *s == d.kind).unwrap_or(0);
    // Numbers, a string and JSON values: only a bug in hq could fail here.
    serde_json::to_writer(&mut *out, &(action, kind, &d.key, &d.fields))
        .map_err(|e| HqError::internal(e.into()))?;
    out.push(b'\n');
    Ok(())
}

fn decode(line: &[u8]) -> std::io::Result<Difference> {
    let bad = |why: String| std::io::Error::new(std::io::ErrorKind::InvalidData, why);
    let (action, kind, key, fields): (usize, usize, String, Vec<FieldDiff>) =
        serde_json::from_slice(line).map_err(|e| bad(format!("a line does not read back: {e}")))?;
    Ok(Difference {
        action: *ACTIONS
            .get(action)
            .ok_or_else(|| bad(format!("action {action}")))?,
        kind: *Section::ALL
            .get(kind)
            .ok_or_else(|| bad(format!("section {kind}")))?,
        key,
        fields,
    })
}

const ACTIONS: [DiffAction; 3] = [DiffAction::Create, DiffAction::Change, DiffAction::Remove];

/// The differences of a [`Steps`], in order.
pub(crate) struct Iter<'a> {
    parts: std::slice::Iter<'a, Part>,
    now: Now<'a>,
}

enum Now<'a> {
    Held(std::slice::Iter<'a, Difference>),
    Spilled {
        lines: std::io::BufReader<super::customers::ReadAt<'a>>,
        left: usize,
        line: Vec<u8>,
    },
    Done,
}

impl Iterator for Iter<'_> {
    type Item = Result<Difference>;

    fn next(&mut self) -> Option<Result<Difference>> {
        loop {
            match &mut self.now {
                Now::Held(it) => {
                    if let Some(d) = it.next() {
                        return Some(Ok(d.clone()));
                    }
                }
                Now::Spilled { lines, left, line } if *left > 0 => {
                    *left -= 1;
                    line.clear();
                    let read = match lines.read_until(b'\n', line) {
                        Ok(0) => Err(std::io::ErrorKind::UnexpectedEof.into()),
                        Ok(_) => decode(line.strip_suffix(b"\n").unwrap_or(line)),
                        Err(e) => Err(e),
                    };
                    if read.is_err() {
                        *left = 0;
                    }
                    return Some(read.map_err(cannot_read_back));
                }
                Now::Spilled { .. } | Now::Done => {}
            }
            self.now = match self.parts.next()? {
                Part::Held(v) => Now::Held(v.iter()),
                Part::Spilled { file, len } => Now::Spilled {
                    lines: std::io::BufReader::with_capacity(
                        1 << 16,
                        super::customers::ReadAt::new(file),
                    ),
                    left: *len,
                    line: Vec::new(),
                },
            };
        }
    }
}

/// Several lists as one JSON array, written as it is read (`steps` in `--json`).
pub(crate) struct Chained<'a>(pub Vec<&'a Steps>);

impl Chained<'_> {
    /// The differences of every list, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Result<Difference>> + '_ {
        self.0.iter().flat_map(|l| l.iter())
    }
}

/// Several lists as one JSON array of names (`customers 100006`): `kept` in `--json`.
pub(crate) struct Named<'a>(pub Vec<&'a Steps>);

fn serialize_each<S: Serializer, T: Serialize>(
    lists: &[&Steps],
    s: S,
    each: impl Fn(&Difference) -> T,
) -> std::result::Result<S::Ok, S::Error> {
    let len = lists.iter().map(|l| l.len()).sum();
    let mut seq = s.serialize_seq(Some(len))?;
    for d in lists.iter().flat_map(|l| l.iter()) {
        match d {
            Ok(d) => seq.serialize_element(&each(&d))?,
            Err(e) => {
                // serde carries text only: the fault itself goes to whoever prints.
                let text = e.message.clone();
                crate::error::defer(e);
                return Err(S::Error::custom(text));
            }
        }
    }
    seq.end()
}

impl Serialize for Steps {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize_each(&[self], s, Clone::clone)
    }
}

impl Serialize for Chained<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize_each(&self.0, s, Clone::clone)
    }
}

impl Serialize for Named<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize_each(&self.0, s, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::envdiff::FieldDiff;

    fn customer(i: usize, action: DiffAction) -> Difference {
        Difference {
            action,
            kind: Section::Customers,
            key: format!("{i:08}"),
            fields: if action == DiffAction::Change {
                vec![FieldDiff {
                    field: "name".into(),
                    old: serde_json::json!(format!("old {i}")),
                    new: serde_json::json!({"a": [1, "\"x\"\n"]}),
                }]
            } else {
                Vec::new()
            },
        }
    }

    #[test]
    fn a_long_list_comes_back_whole_and_in_order_from_memory_and_its_file() {
        let actions = [DiffAction::Create, DiffAction::Change, DiffAction::Remove];
        let all: Vec<Difference> = (0..IN_MEMORY * 2 + 7)
            .map(|i| customer(i, actions[i % 3]))
            .collect();
        let mut b = Steps::builder();
        for d in &all {
            b.push(d.clone()).unwrap();
        }
        let mut steps = Steps::held(vec![Difference {
            action: DiffAction::Change,
            kind: Section::Parameters,
            key: String::new(),
            fields: Vec::new(),
        }]);
        let spilled = b.finish().unwrap();
        assert!(
            matches!(spilled.parts.last(), Some(Part::Spilled { len, .. }) if *len == IN_MEMORY + 7),
            "past {IN_MEMORY}, the rest is in the file"
        );
        steps.extend(spilled);
        assert_eq!(steps.len(), all.len() + 1);
        // Twice, and two at once: each reading has its own place in the file.
        for _ in 0..2 {
            let back: Vec<Difference> = steps.iter().skip(1).map(Result::unwrap).collect();
            assert_eq!(back, all);
        }
        let mut a = steps.iter();
        let mut b = steps.iter().skip(1);
        a.next();
        for d in &all {
            assert_eq!(&a.next().unwrap().unwrap(), d);
            assert_eq!(&b.next().unwrap().unwrap(), d);
        }
        assert!(a.next().is_none());
        let first: Vec<String> = steps.iter().take(2).map(|d| name(&d.unwrap())).collect();
        assert_eq!(first, ["parameters", "customers 00000000"]);
        // The JSON of the lists is the JSON of the differences.
        let json = serde_json::to_value(Chained(vec![&steps])).unwrap();
        let mut want = vec![
            serde_json::json!({"action": "change", "kind": "parameters", "key": "", "fields": []}),
        ];
        want.extend(all.iter().map(|d| serde_json::to_value(d).unwrap()));
        assert_eq!(json, serde_json::Value::Array(want));
    }

    #[test]
    fn a_damaged_temporary_file_is_an_io_error_not_a_panic() {
        let mut b = Steps::builder();
        for i in 0..IN_MEMORY + 3 {
            b.push(customer(i, DiffAction::Create)).unwrap();
        }
        let steps = b.finish().unwrap();
        let Some(Part::Spilled { file, .. }) = steps.parts.last() else {
            panic!("spilled")
        };
        file.set_len(30).unwrap();
        let errors: Vec<HqError> = steps.iter().filter_map(Result::err).collect();
        assert_eq!(errors.len(), 1, "one error, then the list ends");
        assert_eq!(errors[0].kind, ErrorKind::Io);
        assert!(
            errors[0]
                .message
                .contains("cannot read the differences back"),
            "{}",
            errors[0].message
        );
        let e = serde_json::to_string(&Chained(vec![&steps])).unwrap_err();
        assert!(e.to_string().contains("cannot read the differences back"));
        let deferred = crate::error::take_deferred().expect("the fault is kept for the printer");
        assert_eq!(deferred.kind, ErrorKind::Io);
    }
}
