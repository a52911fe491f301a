//! The sections of an environment file (docs/environment-file.md), as a type. Their order is
//! the dependency order: what a section refers to comes before it, and removals run in the
//! reverse order. `plan`, `apply`, `diff` and `export` match on it exhaustively, so a section
//! that is added and not handled everywhere does not compile.

use serde::{Serialize, Serializer};

/// One top-level key of an environment file (`[distribution]` aside: it is not compared).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Section {
    Version,
    LegalEntities,
    AddressBooks,
    ChannelDbGroups,
    ChannelDbs,
    Features,
    NumberSequences,
    NumberSequenceReferences,
    KeyVault,
    Insights,
    AttributeTypes,
    Attributes,
    AttributeGroups,
    Parameters,
    ActivityTypes,
    PermissionGroups,
    Layouts,
    CustomerGroups,
    Stores,
    Workers,
    Registers,
    Customers,
}

impl Section {
    /// Every section, in dependency order.
    pub(crate) const ALL: [Section; 22] = [
        Section::Version,
        Section::LegalEntities,
        Section::AddressBooks,
        Section::ChannelDbGroups,
        Section::ChannelDbs,
        Section::Features,
        Section::NumberSequences,
        Section::NumberSequenceReferences,
        Section::KeyVault,
        Section::Insights,
        Section::AttributeTypes,
        Section::Attributes,
        Section::AttributeGroups,
        Section::Parameters,
        Section::ActivityTypes,
        Section::PermissionGroups,
        Section::Layouts,
        Section::CustomerGroups,
        Section::Stores,
        Section::Workers,
        Section::Registers,
        Section::Customers,
    ];

    /// Its key in the file (and in `plan --json`'s `kind`).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Section::Version => "version",
            Section::LegalEntities => "legal_entities",
            Section::AddressBooks => "address_books",
            Section::ChannelDbGroups => "channel_db_groups",
            Section::ChannelDbs => "channel_dbs",
            Section::Features => "features",
            Section::NumberSequences => "number_sequences",
            Section::NumberSequenceReferences => "number_sequence_references",
            Section::KeyVault => "key_vault",
            Section::Insights => "insights",
            Section::AttributeTypes => "attribute_types",
            Section::Attributes => "attributes",
            Section::AttributeGroups => "attribute_groups",
            Section::Parameters => "parameters",
            Section::ActivityTypes => "activity_types",
            Section::PermissionGroups => "permission_groups",
            Section::Layouts => "layouts",
            Section::CustomerGroups => "customer_groups",
            Section::Stores => "stores",
            Section::Workers => "workers",
            Section::Registers => "registers",
            Section::Customers => "customers",
        }
    }

    pub(crate) fn parse(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The field its entries are told apart by (the first, for a key of two fields); `None`
    /// for a section that is one table or a value.
    /// The keys of an entry of this section where a field an error names can be: the field's
    /// own key, the list it is an item of (`affiliation` in `affiliations`, `email` in
    /// `contacts`), or, for the entity's key (`ACCOUNT`, `CODE` on the command line), the id.
    pub(crate) fn keys_for(self, field: &str) -> Vec<&str> {
        let listed: &[&'static str] = match (self, field) {
            (Section::Customers, "email" | "phone") => &["contacts"],
            (
                Section::Customers,
                "purpose" | "street" | "city" | "state" | "postal_code" | "country",
            ) => &["addresses"],
            (Section::Customers, "affiliation") => &["affiliations"],
            (Section::Customers, "address_book") => &["address_books"],
            (Section::Customers, "NAME=VALUE" | "attribute") => &["attributes"],
            (Section::Stores, "add_customer_address_book" | "remove_customer_address_book") => {
                &["customer_address_books"]
            }
            (Section::Stores, "add_employee_address_book" | "remove_employee_address_book") => {
                &["employee_address_books"]
            }
            (Section::Workers, "add_employee_address_book" | "remove_employee_address_book") => {
                &["employee_address_books"]
            }
            (_, "customer_address_book") => &["customer_address_books"],
            (_, "employee_address_book") => &["employee_address_books"],
            (_, "dimension") => &["financial_dimensions"],
            (_, "operation") => &["operations"],
            (_, "value") => &["values"],
            (_, "measure") => &["measures"],
            (_, "ID" | "NUMBER" | "ACCOUNT" | "NAME" | "CODE") => {
                return self.id_field().into_iter().collect();
            }
            _ => &[],
        };
        std::iter::once(field)
            .chain(listed.iter().copied())
            .collect()
    }

    pub(crate) fn id_field(self) -> Option<&'static str> {
        Some(match self {
            Section::Version
            | Section::Features
            | Section::KeyVault
            | Section::Insights
            | Section::Parameters => return None,
            Section::Stores => "number",
            Section::NumberSequences => "code",
            Section::NumberSequenceReferences => "reference",
            Section::Workers => "personnel_number",
            Section::Customers => "account",
            Section::AttributeTypes | Section::Attributes | Section::AttributeGroups => "name",
            Section::LegalEntities
            | Section::AddressBooks
            | Section::ChannelDbGroups
            | Section::ChannelDbs
            | Section::ActivityTypes
            | Section::PermissionGroups
            | Section::Layouts
            | Section::CustomerGroups
            | Section::Registers => "id",
        })
    }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_back_and_the_order_puts_what_is_referred_to_first() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.key()), Some(s));
        }
        let mut sorted = Section::ALL;
        sorted.sort();
        assert_eq!(sorted, Section::ALL, "ALL is in the enum's order");
        assert!(Section::LegalEntities < Section::Stores);
        assert!(Section::Layouts < Section::Stores);
        assert!(Section::CustomerGroups < Section::Customers);
        assert!(Section::Stores < Section::Workers && Section::Stores < Section::Registers);
        assert!(Section::AttributeGroups < Section::Parameters);
    }

    #[test]
    fn every_key_of_the_file_format_is_a_section() {
        // The example environment declares every section.
        let text = include_str!("../../fixtures/contoso.toml");
        let file: crate::domain::envfile::EnvFile = toml::from_str(text).unwrap();
        let v = serde_json::to_value(&file).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), Section::ALL.len() + 1, "{keys:?}");
        for k in keys {
            assert!(Section::parse(k).is_some() || k == "distribution", "{k}");
        }
    }
}
