//! The declarative environment file (DESIGN.md 6; docs/environment-file.md): one TOML document
//! describing a whole environment. `hq export` writes it; `hq plan`, `apply` and `diff`
//! read it. Every table denies unknown keys, so a typo is an error, not a silent default.
//!
//! The format is its own set of types, not the domain's: the file is a contract with users,
//! the domain may change shape behind it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Kind;
use super::record::Record;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvFile {
    /// The environment version (decides which features start enabled).
    pub version: String,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub legal_entities: Vec<LegalEntity>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub address_books: Vec<AddressBook>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub channel_db_groups: Vec<ChannelDbGroup>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub channel_dbs: Vec<ChannelDb>,
    /// Feature key to state.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, FeatureState>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub number_sequences: Vec<NumberSequence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub number_sequence_references: Vec<NumberSequenceReference>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::record::flat_option"
    )]
    pub parameters: Option<Parameters>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::record::flat_option"
    )]
    pub key_vault: Option<KeyVault>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "super::record::flat_option"
    )]
    pub insights: Option<Insights>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub attribute_types: Vec<AttributeType>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub attributes: Vec<Attribute>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub attribute_groups: Vec<AttributeGroup>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub activity_types: Vec<ActivityType>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub permission_groups: Vec<PermissionGroup>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub layouts: Vec<Layout>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub customer_groups: Vec<CustomerGroup>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub stores: Vec<Store>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub workers: Vec<Worker>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub registers: Vec<Register>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "super::record::flat_list"
    )]
    pub customers: Vec<Customer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Distribution>,
}

pub use super::org::LegalEntity;

pub use super::org::AddressBook;

pub use super::org::ChannelDbGroup;

pub use super::org::ChannelDb;

/// `key = true|false`, or a table with a scheduled date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FeatureState {
    Enabled(bool),
    Scheduled(ScheduledFeature),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledFeature {
    pub enabled: bool,
    /// When it turns on (RFC 3339 time or date).
    pub scheduled: String,
}

pub use super::numseq::NumberSequence;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberSequenceReference {
    /// `customer_account` or `client_book_id`.
    pub reference: String,
    pub legal_entity: String,
    pub number_sequence: String,
}

pub use super::params::AttributeParameters as Parameters;

pub use super::params::KeyVault;

pub use super::params::KeyVaultSecret as Secret;

pub use super::params::Insights;

pub use super::attribute::AttributeType;

pub use super::attribute::Attribute;

pub use super::attribute::AttributeGroup;

pub use super::attribute::GroupMember;

pub use super::staff::ActivityType;

pub use super::staff::PermissionGroup;

pub use super::layout::ScreenLayout as Layout;

pub use super::layout::Button;

pub use super::customer::CustomerGroup;

/// A store in the file is the store itself: its keys are its fields' names
/// (`domain::org::Store`, made from its definition).
pub use super::org::Store;

pub use super::staff::Worker;

pub use super::layout::Register;

/// A customer in the file is the customer itself (`domain::customer::Customer`, made from its
/// definition): its addresses and contacts as given, checked when applied.
pub use super::customer::Customer;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Jobs to run after an apply (9999: all).
    #[serde(default)]
    pub run: Vec<u32>,
}

/// Each value of each record as its field's rule keeps it (`USD` for `usd`, `America/Chicago`
/// for `america/chicago`); a value the rule refuses is left as written, for apply to report.
fn normalize_all<'a, R: Record + 'a>(records: impl IntoIterator<Item = &'a mut R>) {
    for r in records {
        for f in R::FIELDS.iter().filter(|f| f.kind != Kind::Key) {
            if let Some(v) = r.get(f.name)
                && let Ok(kept) = f.check_value(f.name, v.clone())
                && kept != v
            {
                r.set(f.name, kept);
            }
        }
    }
}

impl EnvFile {
    /// The file with values written as hq stores them (currency and country codes in capitals,
    /// language tags in their usual case, phone numbers in E.164), so that `+1 713 555 0100`
    /// in a file compares equal to the `+17135550100` in the data file. A value that does not
    /// validate is left as written: applying it reports it.
    pub fn normalize(&mut self) {
        // The entities made from their field lists: each value as its field's rule keeps it.
        normalize_all(&mut self.legal_entities);
        normalize_all(&mut self.address_books);
        normalize_all(&mut self.channel_db_groups);
        normalize_all(&mut self.channel_dbs);
        normalize_all(&mut self.number_sequences);
        normalize_all(&mut self.attribute_types);
        normalize_all(&mut self.attributes);
        normalize_all(&mut self.attribute_groups);
        normalize_all(&mut self.activity_types);
        normalize_all(&mut self.permission_groups);
        normalize_all(&mut self.layouts);
        normalize_all(&mut self.customer_groups);
        normalize_all(&mut self.stores);
        normalize_all(&mut self.workers);
        normalize_all(&mut self.registers);
        normalize_all(self.parameters.iter_mut());
        normalize_all(self.key_vault.iter_mut());
        normalize_all(self.insights.iter_mut());
        let le_country = self.legal_entity_countries();
        for c in &mut self.customers {
            normalize_customer(c, &le_country);
        }
    }
}

impl EnvFile {
    /// Each legal entity's country, by its id in lower case: what a customer's address left
    /// without one takes.
    pub fn legal_entity_countries(&self) -> BTreeMap<String, String> {
        self.legal_entities
            .iter()
            .map(|l| (l.id.to_lowercase(), l.country.clone()))
            .collect()
    }
}

/// Whether [`normalize_customer`] of `c` needs its legal entity's country: an address left
/// without a country takes it, and so does the region of its phone numbers when it has no
/// address to take one from. Otherwise the customer can be normalized before the file's
/// legal entities are known (an environment file's customers are checked as they are read).
pub fn needs_legal_entity_country(c: &Customer) -> bool {
    use crate::domain::customer::ContactKind;
    let without_country = c
        .addresses
        .iter()
        .any(|a| a.country.as_deref().is_none_or(|v| v.trim().is_empty()));
    without_country
        || (c.addresses.is_empty() && c.contacts.iter().any(|ct| ct.kind == ContactKind::Phone))
}

/// One customer of a file with its values written as hq stores them ([`EnvFile::normalize`]);
/// `le_country` is [`EnvFile::legal_entity_countries`] of the file.
pub fn normalize_customer(c: &mut Customer, le_country: &BTreeMap<String, String>) {
    use crate::domain::customer::{ContactKind, phone};
    use crate::domain::model::Described;
    use crate::domain::validate::country;
    fn norm(v: &mut String, f: impl Fn(&str, &str) -> Result<String, super::validate::Invalid>) {
        if let Ok(n) = f("", v) {
            *v = n;
        }
    }
    for (f, v) in [("currency", &mut c.currency), ("language", &mut c.language)] {
        if let Some(field) = <Customer as super::record::Record>::field(f)
            && let Ok(super::record::Value::Text(Some(n))) =
                field.check_value("", super::record::Value::Text(Some(v.clone())))
        {
            *v = n;
        }
    }
    // Which address and which contact of a kind is primary, as adding them in order
    // makes it: the last that says so, else the first.
    let primary = c.addresses.iter().rposition(|a| a.primary).unwrap_or(0);
    for (i, a) in c.addresses.iter_mut().enumerate() {
        a.primary = i == primary;
    }
    for kind in [ContactKind::Email, ContactKind::Phone] {
        let of_kind: Vec<usize> = (0..c.contacts.len())
            .filter(|i| c.contacts[*i].kind == kind)
            .collect();
        let primary = of_kind
            .iter()
            .rev()
            .find(|i| c.contacts[**i].primary)
            .or(of_kind.first())
            .copied();
        for i in of_kind {
            c.contacts[i].primary = Some(i) == primary;
        }
    }
    // What an address left out takes: the purpose by the customer's type, the country
    // of the legal entity (as `customer address add` gives them).
    let le_of = le_country.get(&c.legal_entity.to_lowercase()).cloned();
    for a in &mut c.addresses {
        if let Some(x) = &mut a.country {
            norm(x, country);
        }
        a.purpose = a.purpose.or(Some(c.kind.default_purpose()));
    }
    let region = c
        .addresses
        .iter()
        .find(|a| a.primary)
        .and_then(|a| a.country.clone())
        .or_else(|| le_of.clone());
    // A phone number as stored, by its region; the same number again (an address's phone is
    // most often the customer's) is not parsed twice.
    let mut seen: Vec<(String, String, String)> = Vec::new();
    let mut stored = |v: &str, r: &str| -> Option<String> {
        if let Some((_, _, n)) = seen.iter().find(|(a, b, _)| a == v && b == r) {
            return Some(n.clone());
        }
        let n = phone("", v, r).ok()?;
        seen.push((v.to_string(), r.to_string(), n.clone()));
        // A number in its stored form reads back as itself.
        seen.push((n.clone(), r.to_string(), n.clone()));
        Some(n)
    };
    for ct in &mut c.contacts {
        if ct.kind == ContactKind::Phone
            && let Some(r) = &region
            && let Some(n) = stored(&ct.value, r)
        {
            ct.value = n;
        }
    }
    // The defaults of what an address leaves out, as `customer address add` gives
    // them: the legal entity's country, the customer's name and primary phone.
    let defaults = super::customer::AddressDefaults::of(c, le_of.as_deref().unwrap_or_default());
    for a in &mut c.addresses {
        defaults.fill(a);
        for f in super::customer::CustomerAddress::TEXT {
            if f.check == super::model::TextCheck::Phone
                && let (Some(v), Some(r)) = (a.text(f.name), a.country.as_deref())
                && let Some(n) = stored(v, r)
            {
                a.set_text(f.name, Some(n));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(addresses: serde_json::Value) -> Customer {
        serde_json::from_value(serde_json::json!({
            "account": "C1", "type": "person", "last_name": "L", "legal_entity": "USRT",
            "group": "30", "currency": "USD", "language": "en-US",
            "addresses": addresses,
            "contacts": [{ "kind": "phone", "value": "020 7946 0018" }],
        }))
        .unwrap()
    }

    #[test]
    fn a_customer_needs_its_legal_entitys_country_only_where_something_takes_it() {
        let us: BTreeMap<String, String> = [("usrt".into(), "US".into())].into();
        let gb: BTreeMap<String, String> = [("usrt".into(), "GB".into())].into();
        let normalized = |c: &Customer, le: &BTreeMap<String, String>| {
            let mut c = c.clone();
            normalize_customer(&mut c, le);
            c
        };
        // Every address says its country: the legal entity's does not matter.
        let told = customer(serde_json::json!([
            { "street": "1 Main St", "city": "London", "country": "GB", "phone": "020 7946 0019" },
            { "street": "2 Main St", "city": "Houston", "country": "US", "primary": true },
        ]));
        assert!(!needs_legal_entity_country(&told));
        assert_eq!(normalized(&told, &us), normalized(&told, &gb));
        assert_eq!(normalized(&told, &us), normalized(&told, &BTreeMap::new()));
        // An address without one takes it, and so does a phone number with no address.
        for c in [
            customer(serde_json::json!([{ "street": "1 Main St", "city": "London" }])),
            customer(serde_json::json!([])),
        ] {
            assert!(needs_legal_entity_country(&c));
            assert_ne!(normalized(&c, &us), normalized(&c, &gb));
        }
    }
}
