//! What a command changed, as a list of records: the audit log stores them, the terminal
//! shows them, and a dry run reports them without writing.

use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Action {
    Create,
    Update,
    Delete,
}

/// One field's value before and after (absent on create or delete).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FieldChange {
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// One record created, updated or deleted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Change {
    pub action: Action,
    /// The kind of record, in the words of the command line: `store`, `legal_entity`, ...
    pub entity: &'static str,
    pub key: String,
    pub fields: Vec<FieldChange>,
}

impl Change {
    /// A record created with these values (null fields left out).
    pub(crate) fn create<T: Serialize>(entity: &'static str, key: &str, value: &T) -> Change {
        let fields = fields_of(value)
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(field, v)| FieldChange {
                field,
                old: None,
                new: Some(v),
            })
            .collect();
        Change {
            action: Action::Create,
            entity,
            key: key.to_string(),
            fields,
        }
    }

    /// A record deleted; its last values are kept so the audit log can tell what was lost.
    pub(crate) fn delete<T: Serialize>(entity: &'static str, key: &str, value: &T) -> Change {
        let fields = fields_of(value)
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(field, v)| FieldChange {
                field,
                old: Some(v),
                new: None,
            })
            .collect();
        Change {
            action: Action::Delete,
            entity,
            key: key.to_string(),
            fields,
        }
    }

    /// The fields that differ between `old` and `new`, or `None` when nothing differs.
    pub(crate) fn update<T: Serialize>(
        entity: &'static str,
        key: &str,
        old: &T,
        new: &T,
    ) -> Option<Change> {
        let old = fields_of(old);
        let new = fields_of(new);
        let fields: Vec<FieldChange> = new
            .into_iter()
            .filter_map(|(field, nv)| {
                let ov = old
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, v)| v.clone())
                    .unwrap_or(Value::Null);
                (ov != nv).then(|| FieldChange {
                    field,
                    old: Some(ov),
                    new: Some(nv),
                })
            })
            .collect();
        (!fields.is_empty()).then(|| Change {
            action: Action::Update,
            entity,
            key: key.to_string(),
            fields,
        })
    }

    /// One line for people: `created store HOUSTON`, `updated store HOUSTON: name "A" -> "B"`.
    pub(crate) fn describe(&self) -> String {
        let entity = self.entity.replace('_', " ");
        match self.action {
            Action::Create => format!("created {entity} {}", self.key),
            Action::Delete => format!("removed {entity} {}", self.key),
            Action::Update => {
                let parts: Vec<String> = self
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} -> {}",
                            f.field,
                            show(f.old.as_ref()),
                            show(f.new.as_ref())
                        )
                    })
                    .collect();
                if self.key.is_empty() {
                    format!("updated {entity}: {}", parts.join(", "))
                } else {
                    format!("updated {entity} {}: {}", self.key, parts.join(", "))
                }
            }
        }
    }
}

/// An audit entry's one line: what the command was about first. A number sequence's counter
/// moving is a side effect of what used the number (a new account, a new client book), so it
/// never leads; several changes of one kind and action lead together ("created 2 client book
/// customers: 100003, 100004"); the rest is counted.
pub(crate) fn summarize(changes: &[Change]) -> String {
    let counter = |c: &Change| {
        c.entity == "number_sequence"
            && c.action == Action::Update
            && c.fields.iter().all(|f| f.field == "next")
    };
    let Some(lead) = changes
        .iter()
        .find(|c| !counter(c))
        .or_else(|| changes.first())
    else {
        return String::new();
    };
    let alike: Vec<&Change> = changes
        .iter()
        .filter(|c| c.entity == lead.entity && c.action == lead.action && !counter(c))
        .collect();
    let first = if alike.len() > 1 {
        let keys: Vec<&str> = alike.iter().map(|c| c.key.as_str()).take(5).collect();
        several(lead.action, lead.entity, alike.len() as u64, &keys)
    } else {
        lead.describe()
    };
    let rest = changes.len() - alike.len().max(1);
    if rest == 0 {
        first
    } else {
        format!(
            "{first} (and {})",
            super::fix::count(rest as u64, "more changes")
        )
    }
}

/// "removed 3 customers: 100003, 100004, 100005": `n` changes of one kind, the first few
/// `keys` named.
fn several(action: Action, entity: &str, n: u64, keys: &[&str]) -> String {
    let verb = match action {
        Action::Create => "created",
        Action::Update => "updated",
        Action::Delete => "removed",
    };
    let entity = entity.replace('_', " ");
    let entities = if let Some(stem) = entity.strip_suffix('y') {
        format!("{stem}ies")
    } else if entity.ends_with('s') {
        format!("{entity}es")
    } else {
        format!("{entity}s")
    };
    let mut keys: Vec<&str> = keys.iter().copied().take(5).collect();
    if n > keys.len() as u64 {
        keys.push("...");
    }
    format!(
        "{verb} {}: {}",
        super::fix::count(n, &entities),
        keys.join(", ")
    )
}

/// The summary of a removal of `n` records of `entity` (`customer`), the first in key order
/// being `first` (up to five): what [`summarize`] says of as many [`Change::delete`]s.
pub(crate) fn summarize_removals(entity: &'static str, n: u64, first: &[String]) -> String {
    match first {
        [one] if n == 1 => Change::delete(entity, one, &Value::Null).describe(),
        _ => several(
            Action::Delete,
            entity,
            n,
            &first.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
    }
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".to_string(),
        Some(v) => v.to_string(),
    }
}

/// The top-level fields of a value that serializes to an object, nested objects flattened with
/// dots (`address.city`) so that a change names the exact field.
fn fields_of<T: Serialize>(value: &T) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::to_value(value) {
        flatten("", map, &mut out);
    }
    out
}

fn flatten(prefix: &str, map: Map<String, Value>, out: &mut Vec<(String, Value)>) {
    for (k, v) in map {
        let name = if prefix.is_empty() {
            k
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Object(inner) => flatten(&name, inner, out),
            other => out.push((name, other)),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_removal_of_many_is_summarized_as_its_changes_would_be() {
        for n in [1usize, 2, 5, 6, 200_000] {
            let keys: Vec<String> = (0..n.min(5)).map(|i| format!("{:08}", i + 1)).collect();
            let changes: Vec<Change> = (0..n.min(40))
                .map(|i| Change::delete("customer", &format!("{:08}", i + 1), &Value::Null))
                .collect();
            let got = summarize_removals("customer", n as u64, &keys);
            if n <= 40 {
                assert_eq!(got, summarize(&changes), "{n} removals");
            }
            if n == 200_000 {
                assert_eq!(
                    got,
                    "removed 200000 customers: 00000001, 00000002, 00000003, 00000004, 00000005, ..."
                );
            }
        }
    }

    fn counter(from: i64, to: i64) -> Change {
        Change {
            action: Action::Update,
            entity: "number_sequence",
            key: "CLIENTBOOK".into(),
            fields: vec![FieldChange {
                field: "next".into(),
                old: Some(serde_json::json!(from)),
                new: Some(serde_json::json!(to)),
            }],
        }
    }

    fn made(entity: &'static str, key: &str) -> Change {
        Change {
            action: Action::Create,
            entity,
            key: key.into(),
            fields: Vec::new(),
        }
    }

    #[test]
    fn a_summary_leads_with_what_the_command_was_about_not_a_counter() {
        let changes = vec![
            counter(2, 3),
            made("client_book", "CB-00002"),
            made("client_book_customer", "100003"),
        ];
        assert_eq!(
            summarize(&changes),
            "created client book CB-00002 (and 2 more changes)"
        );
        assert_eq!(
            summarize(&[made("customer", "100006"), counter(6, 7)]),
            "created customer 100006 (and 1 more change)"
        );
        // A counter alone is what it is about.
        assert_eq!(
            summarize(&[counter(1, 2)]),
            "updated number sequence CLIENTBOOK: next 1 -> 2"
        );
    }

    #[test]
    fn several_of_one_kind_lead_together() {
        let changes = vec![
            made("client_book_customer", "100003"),
            made("client_book_customer", "100004"),
            counter(1, 2),
        ];
        assert_eq!(
            summarize(&changes),
            "created 2 client book customers: 100003, 100004 (and 1 more change)"
        );
        let addresses = vec![
            made("customer_address", "1/1"),
            made("customer_address", "1/2"),
        ];
        assert_eq!(
            summarize(&addresses),
            "created 2 customer addresses: 1/1, 1/2"
        );
        assert_eq!(summarize(&[]), "");
    }
    use super::*;

    #[derive(Serialize)]
    struct Thing {
        name: String,
        inner: Inner,
        note: Option<String>,
    }
    #[derive(Serialize)]
    struct Inner {
        city: String,
    }

    fn thing(name: &str, city: &str) -> Thing {
        Thing {
            name: name.into(),
            inner: Inner { city: city.into() },
            note: None,
        }
    }

    #[test]
    fn update_lists_only_changed_fields_with_dotted_names() {
        let c = Change::update("thing", "T1", &thing("a", "x"), &thing("a", "y")).unwrap();
        assert_eq!(c.fields.len(), 1);
        assert_eq!(c.fields[0].field, "inner.city");
        assert_eq!(c.describe(), "updated thing T1: inner.city \"x\" -> \"y\"");
    }

    #[test]
    fn update_of_equal_values_is_none() {
        assert!(Change::update("thing", "T1", &thing("a", "x"), &thing("a", "x")).is_none());
    }

    #[test]
    fn create_leaves_out_nulls() {
        let c = Change::create("thing", "T1", &thing("a", "x"));
        let names: Vec<&str> = c.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, vec!["name", "inner.city"]);
    }
}

/// The instant `hq log --since` means: a date (`2026-11-30`, its start, UTC), an instant (RFC
/// 3339), or a time ago (`30m`, `12h`, `7d`), as the audit log stores instants.
pub(crate) fn since(
    field: &str,
    text: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, super::validate::Invalid> {
    use chrono::{NaiveDate, SecondsFormat, TimeZone, Utc};
    let t = text.trim();
    let ago = |n: &str, unit: char| -> Option<chrono::DateTime<Utc>> {
        let n: i64 = n.parse().ok()?;
        let d = match unit {
            'm' => chrono::Duration::try_minutes(n)?,
            'h' => chrono::Duration::try_hours(n)?,
            'd' => chrono::Duration::try_days(n)?,
            _ => return None,
        };
        now.checked_sub_signed(d)
    };
    let at = if let Some(last) = t.chars().last().filter(|c| "mhd".contains(*c)) {
        ago(&t[..t.len() - 1], last)
    } else if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        d.and_hms_opt(0, 0, 0).map(|dt| Utc.from_utc_datetime(&dt))
    } else {
        chrono::DateTime::parse_from_rfc3339(t)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    };
    at.map(|a| a.to_rfc3339_opts(SecondsFormat::Secs, true))
        .ok_or_else(|| {
            super::validate::Invalid::new(field, text, "it is not a date, an instant or a time ago")
                .hint("for example 2026-11-30, 2026-11-30T09:00:00Z, 12h or 7d")
        })
}

#[cfg(test)]
mod since_tests {
    use super::since;

    #[test]
    fn since_reads_dates_instants_and_times_ago() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(
            since("since", "2026-11-29", now).unwrap(),
            "2026-11-29T00:00:00Z"
        );
        assert_eq!(since("since", "12h", now).unwrap(), "2026-11-30T00:00:00Z");
        assert_eq!(since("since", "7d", now).unwrap(), "2026-11-23T12:00:00Z");
        assert_eq!(
            since("since", "2026-11-30T10:00:00+01:00", now).unwrap(),
            "2026-11-30T09:00:00Z"
        );
        let e = since("since", "yesterday", now).unwrap_err();
        assert_eq!(e.field, "since");
        assert!(e.reason.contains("not a date"), "{}", e.reason);
    }
}
