//! `hq export`: the whole environment as an environment file (docs/environment-file.md), in
//! a stable order (each kind sorted by its id), secrets only as references.

use crate::db::Reader;

use crate::db::{attribute as attr_db, customer as cust_db, feature as feat_db, layout as lay_db};
use crate::db::{numseq as numseq_db, org, params as params_db, staff as staff_db, status};
use crate::domain::envfile as f;
use crate::error::Result;

fn sorted<T>(mut v: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    v.sort_by_key(|x| key(x).to_lowercase());
    v
}

/// The whole environment, customers included, in memory. `hq export` writes it with
/// [`write_toml`] instead, a customer at a time.
pub(crate) fn export(c: &Reader) -> Result<f::EnvFile> {
    let mut file = settings(c)?;
    let all = cust_db::list(
        c,
        &cust_db::Filter {
            limit: u32::MAX,
            ..Default::default()
        },
    )?;
    file.customers = all;
    Ok(file)
}

/// The environment file's text, given to `out` piece by piece: everything but the customers
/// first, as one document, then each customer as its `[[customers]]` table, read from the data
/// file one at a time in account order. The same text as [`to_toml`] of [`export`], in memory
/// that does not grow with the customers.
pub(crate) fn write_toml(c: &Reader, out: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
    #[derive(serde::Serialize)]
    struct One<'a> {
        #[serde(serialize_with = "crate::domain::record::flat_list")]
        customers: &'a [crate::domain::customer::Customer],
    }
    out(to_toml(&settings(c)?)?.as_bytes())?;
    // Pieces of about 64 KB: one write a customer would be a system call a customer.
    let mut buf = String::with_capacity(1 << 16);
    cust_db::each(c, |cu| {
        buf.push('\n');
        let at = buf.len();
        if !write_customer(&cu, &mut buf) {
            buf.truncate(at);
            let text = toml::to_string(&One {
                customers: std::slice::from_ref(&cu),
            })
            .map_err(|e| crate::error::HqError::internal(e.into()))?;
            buf.push_str(&text);
        } else if cfg!(debug_assertions) {
            // Tests run debug builds: every customer they export is checked against the
            // serializer's own text.
            let text = toml::to_string(&One {
                customers: std::slice::from_ref(&cu),
            })
            .map_err(|e| crate::error::HqError::internal(e.into()))?;
            assert_eq!(
                &buf[at..],
                text,
                "customer {} written otherwise",
                cu.account
            );
        }
        if buf.len() >= 1 << 16 {
            out(buf.as_bytes())?;
            buf.clear();
        }
        Ok(())
    })?;
    out(buf.as_bytes())
}

/// One customer as `toml` writes it through [`Flat`](crate::domain::record::Flat)
/// (`[[customers]]`, its values, then its tables and lists of tables, each in the order of
/// its definition), written directly with TOML's own key and string encodings: through the
/// serializer, each customer went through JSON values, most of an export's time. `false`,
/// having written part of it, for what it does not write the same way (a list of tables
/// inside a row, a number): the serializer writes that customer.
fn write_customer(cu: &crate::domain::customer::Customer, out: &mut String) -> bool {
    use crate::domain::record::{Record, Value};
    use serde_json::Value as J;
    use toml_writer::TomlWrite;
    let line = |out: &mut String, key: &str, value: &dyn Fn(&mut String)| {
        let _ = out.key(key);
        out.push_str(" = ");
        value(out);
        out.push('\n');
    };
    out.push_str("[[customers]]\n");
    let mut tables = Vec::new();
    for f in crate::domain::customer::Customer::FIELDS
        .iter()
        .filter(|f| !f.kept)
    {
        // A customer's addresses and contacts are written from their own types below, not
        // made into JSON values first.
        if matches!(f.name, "addresses" | "contacts") {
            tables.push((f.name, None));
            continue;
        }
        let Some(v) = cu.get(f.name) else { continue };
        if v.is_empty() && !(f.required && f.many) {
            continue;
        }
        match v {
            Value::Text(Some(t)) => line(out, f.name, &|o| {
                let _ = o.value(t.as_str());
            }),
            Value::Flag(b) => line(out, f.name, &|o| {
                let _ = o.value(b);
            }),
            Value::List(items) => line(out, f.name, &|o| {
                o.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        o.push_str(", ");
                    }
                    let _ = o.value(item.as_str());
                }
                o.push(']');
            }),
            Value::Pairs(_) | Value::Rows(_) => tables.push((f.name, Some(v))),
            _ => return false,
        }
    }
    let text = |out: &mut String, key: &str, t: &str| {
        if !t.is_empty() {
            line(out, key, &|o| {
                let _ = o.value(t);
            });
        }
    };
    let flag = |out: &mut String, key: &str, b: bool| {
        if b {
            line(out, key, &|o| {
                let _ = o.value(true);
            });
        }
    };
    for (name, v) in tables {
        let Some(v) = v else {
            if name == "addresses" {
                use crate::domain::model::Described;
                for a in &cu.addresses {
                    out.push_str("\n[[customers.addresses]]\n");
                    if let Some(p) = a.purpose {
                        text(out, "purpose", p.as_str());
                    }
                    for f in crate::domain::customer::CustomerAddress::TEXT {
                        text(out, f.name, a.text(f.name).unwrap_or_default());
                    }
                    flag(out, "primary", a.primary);
                }
            } else {
                for c in &cu.contacts {
                    out.push_str("\n[[customers.contacts]]\n");
                    text(out, "kind", c.kind.as_str());
                    text(out, "value", &c.value);
                    flag(out, "primary", c.primary);
                    flag(out, "marketing_opt_in", c.marketing_opt_in);
                }
            }
            continue;
        };
        match v {
            Value::Pairs(mut pairs) => {
                pairs.sort();
                out.push_str("\n[customers.");
                let _ = out.key(name);
                out.push_str("]\n");
                for (k, v) in &pairs {
                    line(out, k, &|o| {
                        let _ = o.value(v.as_str());
                    });
                }
            }
            Value::Rows(J::Array(rows)) => {
                for row in rows {
                    let J::Object(row) = row else { return false };
                    out.push_str("\n[[customers.");
                    let _ = out.key(name);
                    out.push_str("]]\n");
                    for (k, v) in &row {
                        match v {
                            // What is empty is left out, as the file writes rows.
                            J::Null | J::Bool(false) => {}
                            J::String(s) if s.is_empty() => {}
                            J::String(s) => line(out, k, &|o| {
                                let _ = o.value(s.as_str());
                            }),
                            J::Bool(true) => line(out, k, &|o| {
                                let _ = o.value(true);
                            }),
                            _ => return false,
                        }
                    }
                }
            }
            _ => return false,
        }
    }
    true
}

/// Everything [`export`] gives but the customers.
pub(crate) fn settings(c: &Reader) -> Result<f::EnvFile> {
    let meta = status::meta(c)?;
    let mut file = f::EnvFile {
        version: meta.env_version,
        ..Default::default()
    };
    file.legal_entities = sorted(org::legal_entities(c)?, |l| l.id.clone());
    file.address_books = sorted(org::address_books(c, None)?, |b| b.id.clone());
    file.channel_db_groups = sorted(org::channel_db_groups(c)?, |g| g.id.clone());
    file.channel_dbs = sorted(org::channel_dbs(c, None)?, |d| d.id.clone());
    for def in crate::domain::feature::CATALOGUE {
        if let Some(rec) = feat_db::record(c, def.key)? {
            let state = match rec.scheduled_date {
                Some(when) if !rec.enabled => f::FeatureState::Scheduled(f::ScheduledFeature {
                    enabled: false,
                    scheduled: when.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                }),
                _ => f::FeatureState::Enabled(rec.enabled),
            };
            file.features.insert(def.key.to_string(), state);
        }
    }
    file.number_sequences = sorted(numseq_db::all(c)?, |s| s.code.clone());
    file.number_sequence_references = sorted(numseq_db::assignments(c, None)?, |a| {
        format!("{}\t{}", a.reference, a.legal_entity)
    })
    .into_iter()
    .map(|a| f::NumberSequenceReference {
        reference: a.reference.into(),
        legal_entity: a.legal_entity,
        number_sequence: a.number_sequence,
    })
    .collect();
    let p = params_db::load(c)?;
    let params = f::Parameters {
        customer_attribute_group: p.customer_attribute_group,
        client_book_attribute_group: p.client_book_attribute_group,
    };
    file.parameters = (params != f::Parameters::default()).then_some(params);
    let kv = f::KeyVault {
        secrets: sorted(params_db::secrets(c)?, |s| s.name.clone()),
        ..p.key_vault
    };
    file.key_vault = (kv != f::KeyVault::default()).then_some(kv);
    let i = f::Insights {
        enabled: p.insights.enabled,
        app_id: p.insights.app_id,
        secret_name: p.insights.secret_name,
        environment_id: p.insights.environment_id,
        alternate_customer_id: p.insights.alternate_customer_id,
        measures: p.insights.measures,
    };
    file.insights = (i != f::Insights::default()).then_some(i);
    file.attribute_types = sorted(attr_db::attribute_types(c)?, |t| t.name.clone());
    file.attributes = sorted(attr_db::attributes(c)?, |a| a.name.clone());
    file.attribute_groups = sorted(attr_db::groups(c)?, |g| g.name.clone());
    file.activity_types = sorted(staff_db::activity_types(c)?, |a| a.id.clone());
    file.permission_groups = sorted(staff_db::permission_groups(c)?, |g| g.id.clone())
        .into_iter()
        .map(|mut g| {
            g.operations.sort_unstable();
            g
        })
        .collect();
    file.layouts = sorted(lay_db::layouts(c)?, |l| l.id.clone());
    file.customer_groups = sorted(cust_db::groups(c)?, |g| g.id.clone());
    file.stores = sorted(org::stores(c, None)?, |s| s.number.clone());
    file.workers = sorted(staff_db::workers(c)?, |w| w.personnel_number.clone());
    file.registers = sorted(lay_db::registers(c, None)?, |r| r.id.clone());
    Ok(file)
}

/// The environment file as TOML text.
pub(crate) fn to_toml(file: &f::EnvFile) -> Result<String> {
    toml::to_string(file).map_err(|e| crate::error::HqError::internal(e.into()))
}

/// `hq export --update FILE`: the export, written over an existing environment file so that
/// what did not change keeps its comments and layout. Top-level keys keep their order; a list
/// entry that did not change is kept as written (matched by its id); `[distribution]`, which
/// export does not write, is kept. `name` is what errors call the file.
pub(crate) fn update(name: &str, existing: &str, current: &f::EnvFile) -> Result<String> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item};
    let invalid = |e: String| {
        crate::error::HqError::invalid(format!("{name}: {e}")).hinted(format!(
            "fix it, or export without {} to replace it whole",
            crate::domain::fix::field("update")
        ))
    };
    // The file must be a valid environment file: it is about to be rewritten.
    let old = super::parse(name, existing)?;
    let mut doc: DocumentMut = existing.parse().map_err(|e| invalid(format!("{e}")))?;
    let fresh: DocumentMut = to_toml(current)?
        .parse()
        .map_err(|e| crate::error::HqError::internal(anyhow::anyhow!("{e}")))?;
    let json = |file: &f::EnvFile| serde_json::to_value(file).unwrap_or_default();
    let (old_v, new_v) = (json(&old), json(current));
    let keys_now: Vec<String> = fresh
        .as_table()
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    // Remove what is gone (but keep [distribution], which export never writes).
    let gone: Vec<String> = doc
        .as_table()
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| k != "distribution" && !keys_now.contains(k))
        .collect();
    for k in gone {
        doc.as_table_mut().remove(&k);
    }
    for key in &keys_now {
        let new_item = fresh.as_table().get(key).cloned().unwrap_or(Item::None);
        let (ov, nv) = (&old_v[key.as_str()], &new_v[key.as_str()]);
        if ov == nv && doc.as_table().contains_key(key) {
            continue; // unchanged: keep it as written
        }
        let merged = match (doc.as_table().get(key), &new_item) {
            (Some(Item::ArrayOfTables(old_list)), Item::ArrayOfTables(new_list)) => {
                let mut out = ArrayOfTables::new();
                let old_entries = ov.as_array().cloned().unwrap_or_default();
                let section = crate::domain::section::Section::parse(key);
                let id_of = |v: &serde_json::Value| {
                    section.map_or_else(String::new, |s| crate::domain::envdiff::key_of(s, v))
                };
                for (j, table) in new_list.iter().enumerate() {
                    let entry = &nv[j];
                    let id = id_of(entry);
                    let kept = old_entries
                        .iter()
                        .position(|o| id_of(o).eq_ignore_ascii_case(&id) && o == entry);
                    match kept.and_then(|i| old_list.get(i)) {
                        Some(t) => out.push(t.clone()),
                        None => out.push(table.clone()),
                    }
                }
                Item::ArrayOfTables(out)
            }
            _ => new_item,
        };
        doc.as_table_mut().insert(key, merged);
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::{
        AttributeValue, Contact, ContactKind, Customer, CustomerAddress, Dimension, Purpose,
    };

    /// Whatever its text holds, a customer is written as the serializer writes it.
    #[test]
    fn a_customer_is_written_as_the_serializer_writes_it() {
        #[derive(serde::Serialize)]
        struct One<'a> {
            #[serde(serialize_with = "crate::domain::record::flat_list")]
            customers: &'a [Customer],
        }
        let odd = [
            "O'Brien",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "ünïcödé 名前",
            "two\nlines",
            "'''",
            "\"\"\"",
            "",
            " spaced ",
        ];
        for (i, t) in odd.iter().enumerate() {
            let cu = Customer {
                account: format!("A{i}"),
                first_name: Some(t.to_string()),
                last_name: Some("L".into()),
                legal_entity: "USRT".into(),
                group: "30".into(),
                currency: "USD".into(),
                language: "en-US".into(),
                affiliations: vec![t.to_string(), "VIP".into()],
                address_books: vec![],
                financial_dimensions: vec![Dimension {
                    name: format!("Unit {t}"),
                    value: t.to_string(),
                }],
                addresses: vec![
                    CustomerAddress {
                        purpose: Some(if i % 2 == 0 {
                            Purpose::PostBox
                        } else {
                            Purpose::Home
                        }),
                        street: Some(t.to_string()),
                        city: Some("Houston".into()),
                        name: Some(t.to_string()),
                        phone: Some("+17135550100".into()),
                        ..Default::default()
                    },
                    CustomerAddress {
                        purpose: None,
                        street: Some("1 Main St".into()),
                        city: Some(t.to_string()),
                        state: Some("TX".into()),
                        postal_code: Some(t.to_string()),
                        country: Some("US".into()),
                        primary: true,
                        ..Default::default()
                    },
                ],
                contacts: vec![Contact {
                    kind: ContactKind::Email,
                    value: t.to_string(),
                    primary: true,
                    marketing_opt_in: i % 2 == 0,
                }],
                attributes: vec![AttributeValue {
                    name: t.to_string(),
                    value: t.to_string(),
                }],
                ..Default::default()
            };
            let want = toml::to_string(&One {
                customers: std::slice::from_ref(&cu),
            })
            .unwrap();
            let mut got = String::new();
            assert!(
                write_customer(&cu, &mut got),
                "{t:?}: left to the serializer"
            );
            assert_eq!(got, want, "{t:?}");
        }
    }
}
