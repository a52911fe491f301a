//! Differences between two environment files (`hq diff`; `hq plan` to come), compared as
//! documents: each list of tables is matched by its key, each table field by field.

use serde::Serialize;
use serde_json::Value;

use crate::domain::envfile::EnvFile;
pub(crate) use crate::domain::section::Section;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DiffAction {
    /// Declared in the file, missing from the data file.
    Create,
    /// Different in the file and the data file.
    Change,
    /// In the data file, not declared in the file.
    Remove,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub(crate) struct FieldDiff {
    pub field: String,
    /// In the data file.
    pub old: Value,
    /// In the file.
    pub new: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Difference {
    pub action: DiffAction,
    /// The section (`stores`, `features`, `parameters`, ...; its file key in JSON).
    pub kind: Section,
    /// Which one (empty for a single table such as `parameters`).
    pub key: String,
    pub fields: Vec<FieldDiff>,
}

/// The key of a list's entry, in the file's words (`reference legal_entity` for a
/// reference, whose key is both).
pub(crate) fn key_of(kind: Section, v: &Value) -> String {
    let field = |f: &str| v.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    match kind {
        Section::NumberSequenceReferences => {
            format!("{} {}", field("reference"), field("legal_entity"))
        }
        Section::CustomerGroups => super::customer::group_key(&field("id"), &field("legal_entity")),
        other => field(other.id_field().unwrap_or("id")),
    }
}

/// The first entry of a list that repeats an earlier one's key (ids compare without regard to
/// case, as everywhere): its kind, its index in the list, and the key. A file with one cannot
/// converge (an apply would make one of them and the plan would never be empty).
pub(crate) fn first_duplicate(file: &EnvFile) -> Option<(Section, usize, String)> {
    let v = serde_json::to_value(file).ok()?;
    for (key, list) in v.as_object()? {
        let (Some(items), Some(kind)) = (list.as_array(), Section::parse(key)) else {
            continue;
        };
        let mut seen = std::collections::HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let key = key_of(kind, item);
            if !seen.insert(key.to_lowercase()) {
                return Some((kind, i, key));
            }
        }
    }
    None
}

fn fields(old: &Value, new: &Value) -> Vec<FieldDiff> {
    let empty = serde_json::Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut names: Vec<&String> = o.keys().chain(n.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|k| {
            let a = o.get(k).cloned().unwrap_or(Value::Null);
            let b = n.get(k).cloned().unwrap_or(Value::Null);
            (a != b).then(|| FieldDiff {
                field: k.clone(),
                old: a,
                new: b,
            })
        })
        .collect()
}

/// What differs between `current` (the data file) and `desired` (the file). Lists are
/// matched by key without regard to case; `[distribution]` is not compared. Customers, the
/// list that grows with the business, are compared entry by entry (each made JSON only
/// while it is compared); the other sections as documents. Both files are given back as they
/// came.
pub(crate) fn diff(current: &mut EnvFile, desired: &mut EnvFile) -> Vec<Difference> {
    let cur_customers = std::mem::take(&mut current.customers);
    let des_customers = std::mem::take(&mut desired.customers);
    let mut out = diff_documents(current, desired);
    let customers = diff_customers(&cur_customers, &des_customers);
    current.customers = cur_customers;
    desired.customers = des_customers;
    place_customers(&mut out, customers);
    out
}

/// Puts the customers' differences among the others', where their section comes in the
/// order of the sections' keys.
pub(crate) fn place_customers(out: &mut Vec<Difference>, customers: Vec<Difference>) {
    let at = customers_at(out);
    out.splice(at..at, customers);
}

/// Where in [`diff`]'s differences of the other sections the customers' go.
pub(crate) fn customers_at(out: &[Difference]) -> usize {
    out.iter()
        .position(|d| d.kind.key() > Section::Customers.key())
        .unwrap_or(out.len())
}

/// What differs for one customer: in the file only (`want`), in the data file only (`have`),
/// or in both with different values. A customer created or removed is named by its account
/// alone (its values are the file's, or the data file's: listed for a million customers they
/// would be the file again); a change lists the fields that differ.
pub(crate) fn customer_difference(
    have: Option<&crate::domain::customer::Customer>,
    want: Option<&crate::domain::customer::Customer>,
) -> Option<Difference> {
    use crate::domain::record::Flat;
    let kind = Section::Customers;
    let json = |c| serde_json::to_value(Flat(c)).unwrap_or_default();
    match (have, want) {
        (None, None) => None,
        (None, Some(w)) => Some(Difference {
            action: DiffAction::Create,
            kind,
            key: w.account.clone(),
            fields: Vec::new(),
        }),
        (Some(h), None) => Some(Difference {
            action: DiffAction::Remove,
            kind,
            key: h.account.clone(),
            fields: Vec::new(),
        }),
        // The same customer has the same JSON: no need to make it (a plan of 200,000 unchanged
        // customers spent a quarter of its time on it).
        (Some(h), Some(w)) if h == w => None,
        (Some(h), Some(w)) => {
            let (a, b) = (json(h), json(w));
            (a != b).then(|| Difference {
                action: DiffAction::Change,
                kind,
                key: w.account.clone(),
                fields: fields(&a, &b),
            })
        }
    }
}

/// [`diff`] of two customers lists held in memory (two data files).
fn diff_customers(
    current: &[crate::domain::customer::Customer],
    desired: &[crate::domain::customer::Customer],
) -> Vec<Difference> {
    let index = |l: &[crate::domain::customer::Customer]| {
        let mut m = std::collections::HashMap::with_capacity(l.len());
        for (i, c) in l.iter().enumerate() {
            m.entry(c.account.to_ascii_lowercase()).or_insert(i);
        }
        m
    };
    let (ci, di) = (index(current), index(desired));
    let mut out = Vec::new();
    for want in desired {
        let have = ci
            .get(&want.account.to_ascii_lowercase())
            .map(|&i| &current[i]);
        out.extend(customer_difference(have, Some(want)));
    }
    for have in current {
        if !di.contains_key(&have.account.to_ascii_lowercase()) {
            out.extend(customer_difference(Some(have), None));
        }
    }
    out
}

/// [`diff`] of everything but the customers.
fn diff_documents(current: &EnvFile, desired: &EnvFile) -> Vec<Difference> {
    let cur = serde_json::to_value(current).unwrap_or_default();
    let des = serde_json::to_value(desired).unwrap_or_default();
    let empty = serde_json::Map::new();
    let (c, d) = (
        cur.as_object().unwrap_or(&empty),
        des.as_object().unwrap_or(&empty),
    );
    let mut kinds: Vec<&String> = c.keys().chain(d.keys()).collect();
    kinds.sort();
    kinds.dedup();
    let mut out = Vec::new();
    for key in kinds {
        // `[distribution]` is not compared; every other key is a section.
        let Some(kind) = Section::parse(key) else {
            continue;
        };
        let a = c.get(key).cloned().unwrap_or(Value::Null);
        let b = d.get(key).cloned().unwrap_or(Value::Null);
        if a == b {
            continue;
        }
        let is_list = a.is_array() || b.is_array();
        if is_list {
            let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
            let (al, bl) = (list(&a), list(&b));
            // Each side indexed by its key once: matching by search would be quadratic in
            // the entries (minutes for 200,000 customers).
            let index = |l: &[Value]| -> std::collections::HashMap<String, usize> {
                let mut m = std::collections::HashMap::with_capacity(l.len());
                for (i, x) in l.iter().enumerate() {
                    m.entry(key_of(kind, x).to_lowercase()).or_insert(i);
                }
                m
            };
            let (ai, bi) = (index(&al), index(&bl));
            for item in &bl {
                let k = key_of(kind, item);
                match ai.get(&k.to_lowercase()).map(|&i| &al[i]) {
                    None => out.push(Difference {
                        action: DiffAction::Create,
                        kind,
                        key: k,
                        fields: fields(&Value::Null, item),
                    }),
                    Some(old) if old != item => out.push(Difference {
                        action: DiffAction::Change,
                        kind,
                        key: k,
                        fields: fields(old, item),
                    }),
                    Some(_) => {}
                }
            }
            for item in &al {
                let k = key_of(kind, item);
                if !bi.contains_key(&k.to_lowercase()) {
                    out.push(Difference {
                        action: DiffAction::Remove,
                        kind,
                        key: k,
                        fields: fields(item, &Value::Null),
                    });
                }
            }
        } else if kind == Section::Features {
            let fa = a.as_object().cloned().unwrap_or_default();
            let fb = b.as_object().cloned().unwrap_or_default();
            let mut keys: Vec<&String> = fa.keys().chain(fb.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let (x, y) = (fa.get(k), fb.get(k));
                if x == y {
                    continue;
                }
                let action = match (x, y) {
                    (None, _) => DiffAction::Create,
                    (_, None) => DiffAction::Remove,
                    _ => DiffAction::Change,
                };
                out.push(Difference {
                    action,
                    kind,
                    key: k.clone(),
                    fields: vec![FieldDiff {
                        field: "state".into(),
                        old: x.cloned().unwrap_or(Value::Null),
                        new: y.cloned().unwrap_or(Value::Null),
                    }],
                });
            }
        } else {
            let action = match (&a, &b) {
                (Value::Null, _) => DiffAction::Create,
                (_, Value::Null) => DiffAction::Remove,
                _ => DiffAction::Change,
            };
            let fs = if a.is_object() || b.is_object() {
                fields(&a, &b)
            } else {
                vec![FieldDiff {
                    field: kind.key().to_string(),
                    old: a,
                    new: b,
                }]
            };
            out.push(Difference {
                action,
                kind,
                key: String::new(),
                fields: fs,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::envfile::{ActivityType, FeatureState};

    fn file() -> EnvFile {
        EnvFile {
            version: "10.0.40".into(),
            activity_types: vec![
                ActivityType {
                    id: "VISIT".into(),
                    description: "Store visit".into(),
                },
                ActivityType {
                    id: "PHONE".into(),
                    description: "Phone call".into(),
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_key_repeated_in_a_list_whatever_its_case_is_found() {
        let mut f = file();
        assert_eq!(first_duplicate(&f), None);
        f.activity_types.push(ActivityType {
            id: "visit".into(),
            description: "Again".into(),
        });
        assert_eq!(
            first_duplicate(&f),
            Some((Section::ActivityTypes, 2, "visit".to_string()))
        );
    }

    #[test]
    fn the_same_file_has_no_differences() {
        assert!(diff(&mut file(), &mut file()).is_empty());
    }

    #[test]
    fn lists_match_by_key_and_report_create_change_remove() {
        let mut current = file();
        let mut desired = file();
        desired.activity_types[0].description = "Visit".into();
        desired.activity_types.remove(1);
        desired.activity_types.push(ActivityType {
            id: "APPT".into(),
            description: "Appointment".into(),
        });
        desired
            .features
            .insert("clienteling".into(), FeatureState::Enabled(true));
        let d = diff(&mut current, &mut desired);
        let summary: Vec<(DiffAction, &str, &str)> = d
            .iter()
            .map(|x| (x.action, x.kind.key(), x.key.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (DiffAction::Change, "activity_types", "VISIT"),
                (DiffAction::Create, "activity_types", "APPT"),
                (DiffAction::Remove, "activity_types", "PHONE"),
                (DiffAction::Create, "features", "clienteling"),
            ]
        );
        assert_eq!(d[0].fields[0].field, "description");
        assert_eq!(d[0].fields[0].old, "Store visit");
    }

    #[test]
    fn keys_compare_without_case_and_distribution_is_not_compared() {
        let mut current = file();
        let mut desired = file();
        desired.activity_types[0].id = "visit".into();
        desired.distribution = Some(crate::domain::envfile::Distribution { run: vec![9999] });
        let d = diff(&mut current, &mut desired);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].action, DiffAction::Change);
        assert_eq!(d[0].fields[0].field, "id");
    }
}
