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

fn is_false(b: &bool) -> bool {
    !*b
}

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub account: String,
    /// `person` or `organization`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    pub legal_entity: String,
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_option: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_email: Option<String>,
    pub currency: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub address_books: Vec<String>,
    /// Financial dimensions, name to value (from the group when the customer was created).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub financial_dimensions: BTreeMap<String, String>,
    /// Attribute values, name to value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<CustomerAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

/// A customer's address in the file: the address as given, made from its one definition
/// (`customer::customer_address!`).
pub use super::customer::AddressDraft as CustomerAddress;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// `email` or `phone`.
    pub kind: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub primary: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub marketing_opt_in: bool,
}

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
        use crate::domain::customer::{ContactKind, phone};
        use crate::domain::model::Described;
        use crate::domain::validate::{country, currency, language};
        fn norm(
            v: &mut String,
            f: impl Fn(&str, &str) -> Result<String, super::validate::Invalid>,
        ) {
            if let Ok(n) = f("", v) {
                *v = n;
            }
        }
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
        let le_country: BTreeMap<String, String> = self
            .legal_entities
            .iter()
            .map(|l| (l.id.to_lowercase(), l.country.clone()))
            .collect();
        for c in &mut self.customers {
            norm(&mut c.currency, currency);
            norm(&mut c.language, language);
            // What an address left out takes: the purpose by the customer's type, the country
            // of the legal entity (as `customer address add` gives them).
            let le_of = le_country.get(&c.legal_entity.to_lowercase()).cloned();
            let kind = super::customer::CustomerType::parse(&c.kind);
            let purpose = kind.map(|k| k.default_purpose().as_str().to_string());
            for a in &mut c.addresses {
                if let Some(x) = &mut a.country {
                    norm(x, country);
                }
                if a.purpose.is_none() {
                    a.purpose = purpose.clone();
                }
            }
            let region = c
                .addresses
                .iter()
                .find(|a| a.primary)
                .and_then(|a| a.country.clone())
                .or_else(|| le_of.clone());
            for ct in &mut c.contacts {
                if ContactKind::parse(&ct.kind) == Some(ContactKind::Phone)
                    && let Some(r) = &region
                    && let Ok(n) = phone("", &ct.value, r)
                {
                    ct.value = n;
                }
            }
            // The defaults of what an address leaves out, as `customer address add` gives
            // them: the legal entity's country, the customer's name and primary phone.
            let name = match kind {
                Some(super::customer::CustomerType::Organization) => {
                    c.organization_name.clone().unwrap_or_default()
                }
                _ => [&c.first_name, &c.middle_name, &c.last_name]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            let primary_phone = c
                .contacts
                .iter()
                .find(|ct| ct.primary && ContactKind::parse(&ct.kind) == Some(ContactKind::Phone))
                .map(|ct| ct.value.clone());
            let defaults = super::customer::AddressDefaults::from_parts(
                le_of.as_deref().unwrap_or_default(),
                &name,
                primary_phone.as_deref(),
            );
            for a in &mut c.addresses {
                defaults.fill(a);
                for f in super::customer::AddressDraft::TEXT {
                    if f.check == super::model::TextCheck::Phone
                        && let (Some(v), Some(r)) = (a.text(f.name), a.country.as_deref())
                        && let Ok(n) = phone("", v, r)
                    {
                        a.set_text(f.name, Some(n));
                    }
                }
            }
        }
    }
}
