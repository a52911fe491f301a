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
