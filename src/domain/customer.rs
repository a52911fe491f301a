//! Customers (DOMAIN.md 2): customer groups, customers, addresses, contacts, and what a new
//! customer of a store inherits from the store's default customer.

use super::fix::{Cmd, FIELD, Hint, field};

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::model::{Check, Kind};
use super::model::{Described, Presence, TextCheck};
use super::org::Store;
use super::validate::{self, Invalid, Refusal};

/// The feature that gives async customers affiliations (and more of what HQ customers have).
pub(crate) const ENHANCED_ASYNC: &str = "enhanced-async-customers";

/// The feature that allows several emails and phones, with marketing consent.
pub(crate) const MULTIPLE_CONTACTS: &str = "multiple-contacts";
pub(crate) const MULTIPLE_CONTACTS_NAME: &str =
    "Capture multiple emails and phone numbers and consent for marketing on these contacts";

super::record::record! {
    /// A customer group of a legal entity: payment terms, and the financial dimensions its
    /// customers get. The same id may name a group in each legal entity.
    pub struct CustomerGroup {
        id: String = "Customer group", Kind::Key, required(), check(Check::Id),
            help("The group's id");
        legal_entity: String = "Legal entity", Kind::Reference("legal_entities"), required(),
            defaulted(), fixed(), file_may_omit(), check(Check::LegalEntityId),
            help("The legal entity it belongs to [default: the only one]");
        description: String = "Description", Kind::Text, required(), check(Check::Name),
            help("What people see");
        payment_terms: Option<String> = "Payment terms", Kind::Text, check(Check::Text(100)),
            help("Payment terms, e.g. Net30");
        /// Financial dimensions, name to value, in the order given.
        dimensions: Vec<Dimension> = "Financial dimensions", Kind::Pairs, many("dimension"),
            help("A financial dimension NAME=VALUE (repeat for more)");
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub name: String,
    pub value: String,
}

impl From<(String, String)> for Dimension {
    fn from((name, value): (String, String)) -> Self {
        Dimension { name, value }
    }
}

super::record::pairs_field!(Dimension);

/// Parses `NAME=VALUE` (a financial dimension, or an attribute value).
pub(crate) fn name_value(field: &str, text: &str) -> Result<(String, String), Invalid> {
    match text.split_once('=') {
        Some((n, v)) if !n.trim().is_empty() => Ok((n.trim().to_string(), v.trim().to_string())),
        _ => Err(Invalid::new(field, text, "expected NAME=VALUE")),
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerType {
    #[default]
    Person,
    Organization,
}

impl CustomerType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CustomerType::Person => "person",
            CustomerType::Organization => "organization",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<CustomerType> {
        match s {
            "person" => Some(CustomerType::Person),
            "organization" => Some(CustomerType::Organization),
            _ => None,
        }
    }
    /// The address purpose when none is given: home for a person, business for an
    /// organization.
    pub(crate) fn default_purpose(self) -> Purpose {
        match self {
            CustomerType::Person => Purpose::Home,
            CustomerType::Organization => Purpose::Business,
        }
    }
}

/// How the customer gets receipts (our choice of values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptOption {
    Print,
    Email,
    PrintAndEmail,
}

impl ReceiptOption {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ReceiptOption::Print => "print",
            ReceiptOption::Email => "email",
            ReceiptOption::PrintAndEmail => "print-and-email",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<ReceiptOption> {
        [
            ReceiptOption::Print,
            ReceiptOption::Email,
            ReceiptOption::PrintAndEmail,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Address purposes (our choice of the fixed set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    #[default]
    Home,
    Business,
    Office,
    PostBox,
    Delivery,
    Invoice,
    Other,
}

impl Purpose {
    pub(crate) const ALL: [Purpose; 7] = [
        Purpose::Home,
        Purpose::Business,
        Purpose::Office,
        Purpose::PostBox,
        Purpose::Delivery,
        Purpose::Invoice,
        Purpose::Other,
    ];
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Purpose::Home => "home",
            Purpose::Business => "business",
            Purpose::Office => "office",
            Purpose::PostBox => "post-box",
            Purpose::Delivery => "delivery",
            Purpose::Invoice => "invoice",
            Purpose::Other => "other",
        }
    }
    /// A purpose as written: `post-box`, or the documents' `Post box`, in any case.
    pub(crate) fn parse(s: &str) -> Option<Purpose> {
        let norm: String = s
            .trim()
            .to_ascii_lowercase()
            .split([' ', '_', '-'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        Purpose::ALL.into_iter().find(|p| p.as_str() == norm)
    }
}

/// The text of a customer address, each field described once (a [`TextField`]): its name, its
/// label, the help of its flag, how it is checked, whether it must be given, and its name beside
/// the customer's own fields. Every type that holds an address is made from this list, so a
/// field added here is on every face: the flags of `customer address add` (and, by its
/// `beside` name, of `customer add` and a CSV row), the environment file, JSON, the data file,
/// the channel's copy and `customer show`.
macro_rules! customer_address {
    ($gen:ident { $($args:tt)* }) => {
        $crate::domain::model::$gen! { $($args)*
            fields {
                street: "Street", "street", Line, Required, "street";
                city: "City", "city", Line, Required, "city";
                state: "State", "state", Line, Optional, "state";
                postal_code: "Postal code", "postal code", Line, Optional, "postal_code";
                country: "Country", "ISO 3166 country [default: the store's, or the legal entity's]", Country, Defaulted, "country";
                name: "Name", "the name on the address [default: the customer's name]", Name, Defaulted, "address_name";
                phone: "Phone", "the phone on the address [default: the customer's primary phone]", Phone, Defaulted, "address_phone";
            }
        }
    };
}

customer_address!(text_struct {
    /// A customer's address, checked ([`check_address`]); in an environment file, as given
    /// (checked when applied).
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct CustomerAddress {
        /// Always given once checked; a file may leave it to the customer's type.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub purpose: Option<Purpose>,
    }
    text(#[serde(default)])
    then {
        pub primary: bool,
    }
});

customer_address!(text_struct {
    /// An address as given (flags, an environment file's `[[customers.addresses]]`, a CSV row),
    /// before it is checked.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct AddressDraft {
        /// home, business, ... [default: by the customer's type]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub purpose: Option<String>,
    }
    text(#[serde(default, skip_serializing_if = "Option::is_none")])
    then {
        #[serde(default, skip_serializing_if = "is_false")]
        pub primary: bool,
    }
});

fn is_false(b: &bool) -> bool {
    !*b
}

/// The columns of an address in the data file and the channel's copy.
pub(crate) const ADDRESS_COLUMNS: &[&str] = customer_address!(text_columns {
    before ["account", "position", "purpose"] after ["is_primary"]
});

/// What an address takes when a field that has a default is left out: by field name.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressDefaults {
    pub values: Vec<(&'static str, String)>,
}

impl AddressDefaults {
    /// For an address of `cu`: the country of its store, else its legal entity's; the
    /// customer's name and primary phone ("the customer's name and phone number are inherited
    /// from the contact information that is associated with each address").
    pub(crate) fn of(cu: &Customer, country: &str) -> AddressDefaults {
        AddressDefaults::from_parts(
            country,
            &cu.display_name(),
            cu.contacts
                .iter()
                .find(|c| c.kind == ContactKind::Phone && c.primary)
                .map(|c| c.value.as_str()),
        )
    }

    /// From the facts it is made of, where there is no [`Customer`] yet (an environment file).
    pub(crate) fn from_parts(country: &str, name: &str, phone: Option<&str>) -> AddressDefaults {
        let mut values = vec![("country", country.to_string())];
        if !name.trim().is_empty() {
            values.push(("name", name.trim().to_string()));
        }
        values.extend(phone.map(|p| ("phone", p.to_string())));
        AddressDefaults { values }
    }

    /// Gives each defaulted field left out its default.
    pub(crate) fn fill<A: Described>(&self, draft: &mut A) {
        for f in A::TEXT.iter().filter(|f| f.presence == Presence::Defaulted) {
            if draft.text(f.name).is_none_or(|v| v.trim().is_empty()) {
                draft.set_text(f.name, self.get(f.name).map(str::to_string));
            }
        }
    }
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Checks an address as given, field by field as its definition says: the purpose (by the
/// customer's type when not given), each text field by its check, a field left out given its
/// default. `beside` names the fields as they are named beside the customer's own (`customer
/// add`, a CSV row).
pub(crate) fn check_address(
    draft: &AddressDraft,
    kind: CustomerType,
    defaults: &AddressDefaults,
    beside: bool,
) -> Result<CustomerAddress, Invalid> {
    let mut a = CustomerAddress {
        purpose: Some(match draft.purpose.as_deref() {
            Some(p) => purpose("purpose", p)?,
            None => kind.default_purpose(),
        }),
        // Which address is primary is the customer's rule ([`add_address`]).
        primary: false,
        ..Default::default()
    };
    let mut country = defaults.get("country").unwrap_or_default().to_string();
    for f in AddressDraft::TEXT {
        let word = if beside { f.beside } else { f.name };
        let given = draft.text(f.name).filter(|v| !v.trim().is_empty());
        let value = match (given, f.presence) {
            (Some(v), _) => Some(f.check_value(word, v, &country)?),
            (None, Presence::Required) => Some(validate::name(word, "")?),
            (None, Presence::Defaulted) => defaults.get(f.name).map(str::to_string),
            (None, Presence::Optional) => None,
        };
        if f.check == TextCheck::Country
            && let Some(c) = &value
        {
            country = c.clone();
        }
        a.set_text(f.name, value);
    }
    Ok(a)
}

/// An address purpose as written (`post-box`, `Post box`).
pub(crate) fn purpose(field: &str, p: &str) -> Result<Purpose, Invalid> {
    Purpose::parse(p.trim()).ok_or_else(|| {
        Invalid::new(
            field,
            p,
            format!(
                "an address purpose is one of {}",
                Purpose::ALL.map(Purpose::as_str).join(", ")
            ),
        )
    })
}

/// An environment file's addresses: as given (`purpose = "Post box"` read as the documents
/// write it, an unknown key refused), checked when applied.
impl super::record::FileField for Vec<CustomerAddress> {
    fn from_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let drafts: Vec<AddressDraft> = Deserialize::deserialize(d)?;
        drafts
            .into_iter()
            .map(|dr| {
                let mut a = CustomerAddress {
                    purpose: dr
                        .purpose
                        .as_deref()
                        .map(|p| purpose("purpose", p))
                        .transpose()
                        .map_err(|e| serde::de::Error::custom(e.reason))?,
                    primary: dr.primary,
                    ..Default::default()
                };
                for f in AddressDraft::TEXT {
                    a.set_text(f.name, dr.text(f.name).map(str::to_string));
                }
                Ok(a)
            })
            .collect()
    }
}

impl CustomerAddress {
    /// Its purpose's name (none before it is checked).
    pub fn purpose_name(&self) -> &'static str {
        self.purpose.map_or("", Purpose::as_str)
    }

    /// After its owner changed (a copy made for another customer): each field that held its
    /// default under `was` takes its default under `now`.
    pub(crate) fn refresh_defaults(&mut self, was: &AddressDefaults, now: &AddressDefaults) {
        for f in CustomerAddress::TEXT
            .iter()
            .filter(|f| f.presence == Presence::Defaulted)
        {
            if self.text(f.name).is_some() && self.text(f.name) == was.get(f.name) {
                self.set_text(f.name, now.get(f.name).map(str::to_string));
            }
        }
    }

    /// The address as a file writes it.
    pub(crate) fn draft(&self) -> AddressDraft {
        let mut d = AddressDraft {
            purpose: self.purpose.map(|p| p.as_str().to_string()),
            primary: self.primary,
            ..Default::default()
        };
        for f in AddressDraft::TEXT {
            d.set_text(f.name, self.text(f.name).map(str::to_string));
        }
        d
    }

    /// The postal lines and the country that are set, in order, as one line (`12 Elm St,
    /// Houston, TX, US`).
    pub(crate) fn one_line(&self) -> String {
        CustomerAddress::TEXT
            .iter()
            .filter(|f| matches!(f.check, TextCheck::Line | TextCheck::Country))
            .filter_map(|f| self.text(f.name))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Email,
    Phone,
}

impl ContactKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<ContactKind> {
        match s {
            "email" => Some(ContactKind::Email),
            "phone" => Some(ContactKind::Phone),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub kind: ContactKind,
    /// An email address, or a phone number in E.164 form.
    pub value: String,
    #[serde(default)]
    pub primary: bool,
    /// Consent to marketing on this contact (needs the multiple-contacts feature).
    #[serde(default)]
    pub marketing_opt_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub name: String,
    pub value: String,
}

impl From<(String, String)> for AttributeValue {
    fn from((name, value): (String, String)) -> Self {
        AttributeValue { name, value }
    }
}

super::record::pairs_field!(AttributeValue);

impl super::record::FieldValue for CustomerType {
    fn to_value(&self) -> super::record::Value {
        super::record::Value::Text(Some(self.as_str().to_string()))
    }
    /// Checked before (the field's choices), so anything else is a person.
    fn from_value(v: super::record::Value) -> Self {
        v.text()
            .and_then(CustomerType::parse)
            .unwrap_or(CustomerType::Person)
    }
}

impl super::record::FieldValue for Option<ReceiptOption> {
    fn to_value(&self) -> super::record::Value {
        super::record::Value::Text(self.map(|r| r.as_str().to_string()))
    }
    fn from_value(v: super::record::Value) -> Self {
        v.text().and_then(ReceiptOption::parse)
    }
}

super::record::rows_field!(CustomerAddress);
super::record::rows_field!(Contact);
super::record::from_file_via_serde!(CustomerType, Option<ReceiptOption>, Vec<Contact>);

super::record::record! {
    /// A customer (DOMAIN.md 2): a person or an organization of one legal entity, with its
    /// group, receipt preferences, currency and language, affiliations and address books,
    /// and its addresses, contacts and attribute values (each changed by commands of their own).
    pub struct Customer {
        account: String = "Customer account", Kind::Key, required(), check(Check::Id),
            help("The account, instead of the next one from the number sequence");
        kind as "type": CustomerType = "Type", Kind::Choice(&["person", "organization"]),
            required(), defaulted(), fixed(),
            help("person or organization");
        first_name: Option<String> = "First name", Kind::Text, check(Check::Text(100)),
            help("A person's first name");
        middle_name: Option<String> = "Middle name", Kind::Text, check(Check::Text(100)),
            help("A person's middle name");
        last_name: Option<String> = "Last name", Kind::Text, check(Check::Text(100)),
            help("A person's last name");
        organization_name: Option<String> = "Organization name", Kind::Text,
            check(Check::Text(100)), help("An organization's name");
        legal_entity: String = "Legal entity", Kind::Reference("legal_entities"), required(),
            defaulted(), fixed(), check(Check::LegalEntityId),
            help("The legal entity [default: the store's, or the only one]");
        group: String = "Customer group", Kind::Reference("customer_groups"), required(),
            defaulted(), check(Check::Id), column("group_id"),
            help("The customer group (set: the financial dimensions stay as they are)");
        receipt_option: Option<ReceiptOption> = "Receipt option",
            Kind::Choice(&["print", "email", "print-and-email"]),
            help("print, email or print-and-email");
        receipt_email: Option<String> = "Receipt email", Kind::Text, check(Check::Email),
            help("Where email receipts go");
        currency: String = "Currency", Kind::Code, required(), defaulted(),
            check(Check::Currency), help("ISO 4217 currency");
        language: String = "Language", Kind::Code, required(), defaulted(),
            check(Check::Language),
            help("BCP 47 language tag [default: the legal entity's]");
        affiliations: Vec<String> = "Affiliations", Kind::Text, many("affiliation"), edited(),
            check(Check::Name), help("An affiliation (repeat)");
        /// Name to value, from the group when the customer was created.
        financial_dimensions: Vec<Dimension> = "Financial dimensions", Kind::Pairs,
            many("dimension"), not_on_add(),
            help("Replace the customer's financial dimensions (repeat; they otherwise stay as its group had them when it was created)");
        address_books: Vec<String> = "Customer address books", Kind::Reference("address_books"),
            many("address_book"), edited(), refine("customer"),
            help("A customer address book (repeat)");
        addresses: Vec<CustomerAddress> = "Addresses", Kind::Text, many("address"),
            set_by("customer address add");
        contacts: Vec<Contact> = "Contacts", Kind::Text, many("contact"),
            set_by("customer contact add");
        attributes: Vec<AttributeValue> = "Attributes", Kind::Pairs, many("attribute"),
            set_by("customer attribute set");
        /// The store the customer was created for (`customer add --store`, an import or seed
        /// for a store, POS): where a new address takes its country from. None when made in
        /// HQ alone.
        store: Option<String> = "Store", Kind::Reference("stores"), kept();
        /// `active` for customers in HQ (`pending-sync` is for async customers in a channel
        /// database).
        status: String = "Status", Kind::Text, kept();
    }
}

/// What the data file keeps of a customer besides its fields: the search keys (the name as
/// searched, the last name or the organization's name in lower case) and the financial
/// dimensions (as JSON).
pub(crate) const CUSTOMER_EXTRA_COLUMNS: [&str; 3] =
    ["search_name", "search_last", "financial_dimensions"];

/// What a customer's own row holds of its lists: its primary email and primary phone (value,
/// search key, marketing consent, place in its contacts) and its primary address (its place in
/// its addresses, its purpose, each text field as `address_<field>`), so that a customer with
/// one of each is one row (issue 19). Its other contacts and addresses are rows of their own.
pub(crate) const PRIMARY_COLUMNS: &[&str] = customer_address!(text_columns {
    prefix "address_" before [
        "email", "email_search", "email_opt_in", "email_at",
        "phone", "phone_search", "phone_opt_in", "phone_at",
        "address_at", "address_purpose"
    ]
});

const ROW_COLUMNS: usize = Customer::COLUMNS.len() + 3 + PRIMARY_COLUMNS.len();

/// The columns of a customer's own row, here and in the channel's copy: one per field that is
/// not a list, then [`CUSTOMER_EXTRA_COLUMNS`], then [`PRIMARY_COLUMNS`].
pub(crate) const CUSTOMER_COLUMNS: [&str; ROW_COLUMNS] = {
    let mut out = [""; ROW_COLUMNS];
    let mut i = 0;
    let (fields, extra) = (Customer::COLUMNS.len(), CUSTOMER_EXTRA_COLUMNS.len());
    while i < out.len() {
        out[i] = if i < fields {
            Customer::COLUMNS[i]
        } else if i < fields + extra {
            CUSTOMER_EXTRA_COLUMNS[i - fields]
        } else {
            PRIMARY_COLUMNS[i - fields - extra]
        };
        i += 1;
    }
    out
};

impl Customer {
    /// The name people see: "First Middle Last", or the organization's name.
    pub(crate) fn display_name(&self) -> String {
        match self.kind {
            CustomerType::Organization => self.organization_name.clone().unwrap_or_default(),
            CustomerType::Person => [&self.first_name, &self.middle_name, &self.last_name]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    /// A person needs a first or last name; an organization its name.
    pub(crate) fn check_names(&self) -> Result<(), Invalid> {
        match self.kind {
            CustomerType::Person if self.first_name.is_none() && self.last_name.is_none() => {
                Err(
                    Invalid::new("last_name", "", "a person needs a first or last name").hint(
                        format!("give {} and {}", field("first_name"), field("last_name")),
                    ),
                )
            }
            CustomerType::Organization if self.organization_name.is_none() => Err(Invalid::new(
                "organization_name",
                "",
                "an organization needs its name",
            )),
            _ => Ok(()),
        }
    }

    pub(crate) fn primary_contact(&self, kind: ContactKind) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.kind == kind && c.primary)
    }
}

/// An email address, checked by a real parser and stored as given (trimmed).
pub(crate) fn email(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    email_address::EmailAddress::from_str(v)
        .map(|_| v.to_string())
        .map_err(|e| {
            Invalid::new(field, value, format!("it is not an email address ({e})"))
                .hint("for example ada@example.com")
        })
}

/// A phone number, parsed for the country given (ISO 3166 alpha-2) when it has no `+` prefix,
/// and stored in E.164 form (`+17135550100`).
pub(crate) fn phone(field: &str, value: &str, country: &str) -> Result<String, Invalid> {
    use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat, enums::Region};
    let region = Region::from_code(country).ok();
    let bad = || {
        Invalid::new(field, value, "it is not a valid phone number")
            .hint(format!("give it with its country code, such as +1 713 555 0100 (numbers without one are read as {country})"))
    };
    let n = PHONE_NUMBER_UTIL
        .parse(value.trim(), region)
        .map_err(|_| bad())?;
    if !n.is_valid() {
        return Err(bad());
    }
    Ok(n.format_as(PhoneNumberFormat::E164).to_string())
}

/// The contact rules: without the multiple-contacts feature (and always for async customers),
/// at most one email and one phone and no marketing consent. Exactly one primary per kind.
pub(crate) fn check_contacts(
    contacts: &[Contact],
    multiple_contacts: bool,
    is_async: bool,
) -> Result<(), Invalid> {
    let limited = is_async || !multiple_contacts;
    // Said only on a refusal: this runs for every row of an import.
    let why = || {
        if is_async {
            "async customers have at most one email and one phone and no marketing consent: the multiple-contacts feature does not apply to them".to_string()
        } else {
            format!(
                "without the feature \"{MULTIPLE_CONTACTS_NAME}\" a customer has at most one email and one phone and no marketing consent"
            )
        }
    };
    let hint = || {
        if is_async {
            Hint::from(
                "create the customer in HQ (a store without async creation), or leave the second contact out",
            )
        } else {
            Hint::to(
                "enable it with",
                Cmd::new("feature enable").arg(MULTIPLE_CONTACTS),
            )
        }
    };
    if limited {
        for kind in [ContactKind::Email, ContactKind::Phone] {
            let mut of_kind = contacts.iter().filter(|c| c.kind == kind);
            if let (Some(_), Some(second)) = (of_kind.next(), of_kind.next()) {
                return Err(Invalid::new(
                    kind.as_str(),
                    &second.value,
                    format!("a second {}: {}", kind.as_str(), why()),
                )
                .hint(hint()));
            }
        }
        if let Some(c) = contacts.iter().find(|c| c.marketing_opt_in) {
            return Err(Invalid::new(
                "marketing_opt_in",
                &c.value,
                format!("marketing consent: {}", why()),
            )
            .hint(hint()));
        }
    }
    for kind in [ContactKind::Email, ContactKind::Phone] {
        let primaries = contacts
            .iter()
            .filter(|c| c.kind == kind && c.primary)
            .count();
        let any = contacts.iter().any(|c| c.kind == kind);
        if any && primaries != 1 {
            return Err(Invalid::rule(format!(
                "a customer has exactly one primary {} (found {primaries})",
                kind.as_str()
            )));
        }
    }
    Ok(())
}

/// Consent to marketing given with a new customer's contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum OptIn {
    #[default]
    None,
    /// On every contact given.
    All,
    /// On the contacts named (their values).
    Only(Vec<String>),
}

impl OptIn {
    pub(crate) fn any(&self) -> bool {
        *self != OptIn::None
    }
}

/// Gives the consent to the contacts it names (an email in any case, a phone number as written,
/// read for `country`); a name that is none of them is refused listing them.
pub(crate) fn give_consent(
    contacts: &mut [Contact],
    opt_in: &OptIn,
    country: &str,
) -> Result<(), Invalid> {
    let named = match opt_in {
        OptIn::None => return Ok(()),
        OptIn::All => {
            for c in contacts.iter_mut() {
                c.marketing_opt_in = true;
            }
            return Ok(());
        }
        OptIn::Only(named) => named,
    };
    for n in named {
        let same = |c: &Contact| match c.kind {
            ContactKind::Email => c.value.eq_ignore_ascii_case(n.trim()),
            ContactKind::Phone => phone("", n, country).is_ok_and(|p| p == c.value),
        };
        let Some(c) = contacts.iter_mut().find(|c| same(c)) else {
            let given: Vec<&str> = contacts.iter().map(|c| c.value.as_str()).collect();
            return Err(Invalid::new(
                "marketing_opt_in",
                n,
                format!(
                    "it is not one of the contacts given ({})",
                    if given.is_empty() {
                        "none".to_string()
                    } else {
                        given.join(", ")
                    }
                ),
            ));
        };
        c.marketing_opt_in = true;
    }
    Ok(())
}

/// Adds a contact, making it primary when it is the first of its kind or when asked (then the
/// old primary stops being primary). Refuses a duplicate.
pub(crate) fn add_contact(
    contacts: &mut Vec<Contact>,
    mut c: Contact,
    make_primary: bool,
) -> Result<(), Invalid> {
    if contacts
        .iter()
        .any(|x| x.kind == c.kind && x.value.eq_ignore_ascii_case(&c.value))
    {
        return Err(Invalid::new(
            c.kind.as_str(),
            &c.value,
            "the customer already has this contact",
        ));
    }
    let first = !contacts.iter().any(|x| x.kind == c.kind);
    c.primary = first || make_primary;
    if c.primary {
        for x in contacts.iter_mut().filter(|x| x.kind == c.kind) {
            x.primary = false;
        }
    }
    contacts.push(c);
    Ok(())
}

/// Adds an address the same way: the first is primary; `--primary` moves the primary.
pub(crate) fn add_address(
    addresses: &mut Vec<CustomerAddress>,
    mut a: CustomerAddress,
    make_primary: bool,
) {
    a.primary = addresses.is_empty() || make_primary;
    if a.primary {
        for x in addresses.iter_mut() {
            x.primary = false;
        }
    }
    addresses.push(a);
}

/// Said when the multiple-contacts feature is turned off while customers hold several emails
/// or phone numbers: they keep them (none said when no customer does).
pub(crate) fn several_contacts_kept(customers: i64) -> Option<super::fix::Hint> {
    (customers > 0).then(|| {
        let verb = if customers == 1 { "holds" } else { "hold" };
        let who = format!("{} {verb}", super::fix::count(customers as u64, "customers"));
        super::fix::Hint::from(format!(
            "{who} more than one email or phone number; they keep them, and new customers get at most one of each"
        ))
    })
}

/// Past this many addresses a customer is warned about: the documents say thousands of
/// addresses on one customer hurt performance.
pub(crate) const MANY_ADDRESSES: usize = 100;

/// The warning when a customer has passed [`MANY_ADDRESSES`] (none at or below it).
pub(crate) fn many_addresses(account: &str, count: usize) -> Option<super::fix::Hint> {
    (count > MANY_ADDRESSES).then(|| {
        super::fix::Hint::from(format!(
            "customer {account} has {count} addresses, more than {MANY_ADDRESSES}: many addresses on one customer slow down the store's and headquarters' customer pages; remove those no longer used"
        ))
    })
}

/// What was given for a new customer, field by field (a field not given is inherited, or
/// defaulted).
pub(crate) type CustomerDraft = super::record::Draft<Customer>;

/// What a new customer of a store became, and what the administrator should hear about it.
#[derive(Debug, Clone)]
pub(crate) struct Inherited {
    pub draft: CustomerDraft,
    pub financial_dimensions: Vec<Dimension>,
    pub warnings: Vec<String>,
    /// Where each field it filled came from.
    pub origins: Vec<FieldOrigin>,
}

/// Where a new customer's value came from (what the documents' "Create customer" dialog
/// shows): given, or inherited from the store's default customer, the store, its legal entity,
/// the default customer's group, a number sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FieldOrigin {
    pub field: &'static str,
    /// `given`, `default_customer`, `store`, `legal_entity`, `customer_group` or
    /// `number_sequence`.
    pub from: &'static str,
    /// Which one (the default customer's account, the store's number, ...); none when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl FieldOrigin {
    pub(crate) fn new(field: &'static str, from: &'static str, source: Option<&str>) -> Self {
        FieldOrigin {
            field,
            from,
            source: source.map(str::to_string),
        }
    }

    /// How people read it: "default customer 100001", "given".
    pub(crate) fn describe(&self) -> String {
        let what = match self.from {
            "default_customer" => "default customer",
            "legal_entity" => "legal entity",
            "customer_group" => "customer group",
            "number_sequence" => "number sequence",
            other => other,
        };
        match &self.source {
            Some(s) => format!("{what} {s}"),
            None => what.to_string(),
        }
    }
}

/// Where each field given for a new customer came from: given.
pub(crate) fn given_origins(d: &CustomerDraft) -> Vec<FieldOrigin> {
    use super::record::Record;
    Customer::FIELDS
        .iter()
        .filter(|f| f.given_on_add() && d.has(f.name))
        .map(|f| FieldOrigin::new(f.name, "given", None))
        .collect()
}

/// A store's default customer (DOMAIN.md 2): a customer of the store's own legal entity. What
/// the administrator should hear: a receipt email on it, which every customer the store
/// creates without one would share.
pub(crate) fn check_default_customer(
    store: &Store,
    cu: &Customer,
) -> Result<Option<Hint>, Invalid> {
    if !cu.legal_entity.eq_ignore_ascii_case(&store.legal_entity) {
        return Err(Invalid::new(
            "default_customer",
            &cu.account,
            format!(
                "customer {} belongs to legal entity {}, and store {} to {}",
                cu.account, cu.legal_entity, store.number, store.legal_entity
            ),
        )
        .hint("a default customer must be a customer of the store's legal entity"));
    }
    Ok(cu.receipt_email.as_ref().map(|e| {
        Hint::from(format!(
            "default customer {} has the receipt email {e}: every customer the store creates without one (e-commerce sign-ups too) will share it; the documentation recommends leaving it blank (",
            cu.account
        ))
        .run(Cmd::new("customer set").arg(&cu.account).set("receipt_email", ""))
        .then(")")
    }))
}

/// Applies the store's default customer to a new customer (DOMAIN.md 2): type, customer group,
/// receipt option, receipt email (only when the new customer has none), currency, language and
/// affiliations come from the default customer unless given; financial dimensions always come
/// from the default customer's group; an async customer gets inherited affiliations only with
/// enhanced async creation. Address books default to the store's customer address books.
pub(crate) fn inherit(
    default: &Customer,
    default_group: &CustomerGroup,
    store: &Store,
    given: CustomerDraft,
    is_async: bool,
    enhanced_async: bool,
) -> Inherited {
    use super::record::{Record, Value};
    let mut warnings = Vec::new();
    let mut origins = Vec::new();
    let mut d = given;
    let from_default =
        |name: &'static str| FieldOrigin::new(name, "default_customer", Some(&default.account));
    for name in ["type", "group", "receipt_option", "currency", "language"] {
        if !d.has(name)
            && let Some(v) = default.get(name)
        {
            if !v.is_empty() {
                origins.push(from_default(name));
            }
            d.give(name, v);
        }
    }
    if !d.has("receipt_email")
        && let Some(e) = &default.receipt_email
    {
        origins.push(from_default("receipt_email"));
        d.give("receipt_email", Value::Text(Some(e.clone())));
        warnings.push(format!(
            "the new customer inherits the receipt email {e} of default customer {}: every customer created without one shares it (the documentation recommends leaving it blank on the default customer)",
            default.account
        ));
    }
    let empty = |d: &CustomerDraft, name: &str| d.get(name).is_none_or(Value::is_empty);
    if empty(&d, "affiliations") && !default.affiliations.is_empty() {
        if is_async && !enhanced_async {
            warnings.push(format!(
                "the default customer's affiliations ({}) are not inherited by an async customer without the feature \"Enable enhanced async customer creation\"",
                default.affiliations.join(", ")
            ));
        } else {
            origins.push(from_default("affiliations"));
            d.give("affiliations", Value::List(default.affiliations.clone()));
        }
    }
    if empty(&d, "address_books") {
        origins.push(FieldOrigin::new(
            "address_books",
            "store",
            Some(&store.number),
        ));
        d.give(
            "address_books",
            Value::List(store.customer_address_books.clone()),
        );
    }
    origins.push(FieldOrigin::new(
        "legal_entity",
        "store",
        Some(&store.number),
    ));
    if !default_group.dimensions.is_empty() {
        origins.push(FieldOrigin::new(
            "financial_dimensions",
            "customer_group",
            Some(&default_group.id),
        ));
    }
    Inherited {
        draft: d,
        financial_dimensions: default_group.dimensions.clone(),
        warnings,
        origins,
    }
}

// ---- the rules of a use case on customers, over loaded facts ----

/// A customer group removed while customers are in it (`some` of them named, `total` in all).
/// A customer group's key: its id and its legal entity (`30/USRT`), as commands, changes and
/// environment plans name it.
pub(crate) fn group_key(id: &str, legal_entity: &str) -> String {
    format!("{id}/{legal_entity}")
}

/// A group's key as given: `ID/LEGAL_ENTITY`, or `ID` alone (an id has no `/`).
pub(crate) fn split_group_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('/') {
        Some((id, le)) => (id, Some(le)),
        None => (key, None),
    }
}

/// The legal entity a new customer group goes to when none is given: the only one; none
/// when there are several; exit 4 when there is none.
pub(crate) fn group_legal_entity(all: &[String]) -> Result<Option<String>, Invalid> {
    match all {
        [] => Err(Invalid::refusal(
            Refusal::NotFound,
            "legal_entity",
            "a customer group belongs to a legal entity, and there is none",
        )
        .hint(Hint::to("create one with", Cmd::new("legal-entity add")))),
        [only] => Ok(Some(only.clone())),
        _ => Ok(None),
    }
}

/// A new customer group without its legal entity when there are several (exit 2).
pub(crate) fn group_legal_entity_missing(all: &[String]) -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "legal_entity",
        format!(
            "missing {FIELD}: customer groups belong to a legal entity, and there are several ({})",
            all.join(", ")
        ),
    )
    .hint(format!("give {FIELD} ID"))
}

/// A group named by its id alone that several legal entities have (exit 3).
pub(crate) fn group_in_several(id: &str, legal_entities: &[String]) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "legal_entity",
        format!(
            "customer group {id} exists in legal entities {}; say which with {FIELD}",
            legal_entities.join(", ")
        ),
    )
    .hint(format!(
        "or name it as {}",
        legal_entities
            .iter()
            .map(|le| group_key(id, le))
            .collect::<Vec<_>>()
            .join(" or ")
    ))
}

/// A customer's group that its legal entity does not have (exit 4): the legal entity's own
/// groups (close matches), and the legal entities that have one with this id.
pub(crate) fn group_not_in(
    field: &str,
    id: &str,
    legal_entity: &str,
    known: &[String],
    elsewhere: &[String],
) -> Invalid {
    let mut e = Invalid::refusal(
        Refusal::NotFound,
        field,
        format!("legal entity {legal_entity} has no customer group {id:?} (given by {FIELD})"),
    );
    if !elsewhere.is_empty() {
        e = e.hint(format!(
            "{id} is a group of {}; a customer's group is one of its own legal entity's",
            elsewhere.join(", ")
        ));
    }
    let close = validate::close_matches(id, known.iter().map(String::as_str));
    if !close.is_empty() {
        e = e.hint(format!("did you mean {}?", close.join(", ")));
    }
    e.hint(Hint::to(
        "create it with",
        Cmd::new("customer-group add")
            .arg(id)
            .set("legal_entity", legal_entity)
            .set_ph("description", "TEXT"),
    ))
}

pub(crate) fn group_in_use(id: &str, some: &[String], total: i64) -> Option<Invalid> {
    if some.is_empty() {
        return None;
    }
    let more = if total > some.len() as i64 {
        format!(" and {} more", total - some.len() as i64)
    } else {
        String::new()
    };
    Some(
        Invalid::refusal(
            Refusal::Conflict,
            "",
            format!(
                "customer group {id} is still used by customers {}{more}",
                some.join(", ")
            ),
        )
        .hint(
            Hint::from("move them to another group first (")
                .run(Cmd::new("customer set").ph("ACCOUNT").set_ph("group", "ID"))
                .then(")"),
        ),
    )
}

/// The default customer a store creates customers from: a store without one cannot.
pub(crate) fn default_customer_of(store: &Store) -> Result<&str, Invalid> {
    store.default_customer.as_deref().ok_or_else(|| {
        Invalid::rule(format!(
            "store {} has no default customer, so it cannot create customers",
            store.number
        ))
        .hint(Hint::to(
            "set one with",
            Cmd::new("store set")
                .arg(&store.number)
                .set_ph("default_customer", "ACCOUNT"),
        ))
    })
}

/// What a new customer asks of the store it is created at.
pub(crate) struct AtStore<'a> {
    pub store: &'a Store,
    /// The store creates it asynchronously (its profile, or `--async`).
    pub is_async: bool,
    /// The feature "Enable enhanced async customer creation" is on.
    pub enhanced: bool,
    pub account_given: bool,
    pub affiliations: &'a [String],
    pub legal_entity: Option<&'a str>,
}

/// A new customer at a store: an async one gets its account when it syncs, and affiliations
/// only with enhanced async creation; a legal entity given must be the store's.
pub(crate) fn check_at_store(a: &AtStore) -> Result<(), Invalid> {
    if a.is_async {
        if a.account_given {
            return Err(Invalid::refusal(
                Refusal::Invalid,
                "account",
                format!(
                    "store {} creates customers asynchronously, so the account is allocated when they sync; {FIELD} cannot be given",
                    a.store.number
                ),
            ));
        }
        if let Some(first) = a.affiliations.first()
            && !a.enhanced
        {
            return Err(Invalid::new(
                "affiliation",
                first,
                "async customers get affiliations only with the feature \"Enable enhanced async customer creation\"",
            )
            .hint(Hint::to(
                "enable it with",
                Cmd::new("feature enable").arg(ENHANCED_ASYNC),
            )));
        }
    }
    if let Some(le) = a.legal_entity
        && !le.eq_ignore_ascii_case(&a.store.legal_entity)
    {
        return Err(Invalid::new(
            "legal_entity",
            le,
            format!(
                "store {} belongs to legal entity {}",
                a.store.number, a.store.legal_entity
            ),
        ));
    }
    Ok(())
}

/// The feature that lets a store edit an async customer before it syncs.
pub(crate) const ASYNC_EDITING: &str = "async-customer-editing";

/// An async customer waiting at its store, edited there without the feature that allows it.
pub(crate) fn pending_not_editable(id: &str, store: &str) -> Invalid {
    Invalid::new(
        "account",
        id,
        format!(
            "customer {id} is an async customer waiting to sync at store {store}; without the feature \"Enable async customer editing\" (as delivered to the store) it cannot be edited before it syncs"
        ),
    )
    .hint(
        Hint::to("enable it with", Cmd::new("feature enable").arg(ASYNC_EDITING))
            .then(" and deliver it (job 1110), or run customer sync first"),
    )
}

/// `--async` is for a customer created at a store.
pub(crate) fn check_async_has_store(force_async: bool, has_store: bool) -> Result<(), Invalid> {
    if force_async && !has_store {
        return Err(Invalid::refusal(
            Refusal::Usage,
            "async",
            format!(
                "{FIELD} needs {}: async customers are created at a store",
                field("store")
            ),
        ));
    }
    Ok(())
}

/// What a new customer must have once the store's default customer gave what it gives: its
/// type, group and currency.
pub(crate) fn required(d: &CustomerDraft) -> Result<(), Invalid> {
    let missing = |name: &str, what: &str, inherit: &str| {
        Invalid::refusal(Refusal::Usage, name, format!("missing {FIELD}{what}")).hint(format!(
            "give {FIELD}, or {} to inherit it{inherit}",
            field("store")
        ))
    };
    let given = |name: &str| d.get(name).is_some_and(|v| !v.is_empty());
    if !given("type") {
        return Err(missing(
            "type",
            ": person or organization",
            " from the store's default customer",
        ));
    }
    if !given("group") {
        return Err(missing("group", ": the customer group", ""));
    }
    if !given("currency") {
        return Err(missing("currency", "", ""));
    }
    Ok(())
}

/// Customers go in customer address books.
pub(crate) fn check_customer_book(
    field: &str,
    book: &super::org::AddressBook,
) -> Result<(), Invalid> {
    if book.kind != super::org::AddressBookKind::Customer {
        return Err(Invalid::new(
            field,
            &book.id,
            format!(
                "address book {} is an employee address book; customers go in customer address books",
                book.id
            ),
        ));
    }
    Ok(())
}

/// Accounts given for removal that are no customer's (exit 4): up to five named, the rest
/// counted.
pub(crate) fn unknown_accounts(some: &[String], n: u64) -> Invalid {
    let mut named = some.join(", ");
    if n > some.len() as u64 {
        named.push_str(&format!(" and {} more", n - some.len() as u64));
    }
    Invalid::refusal(
        Refusal::NotFound,
        "ACCOUNT",
        format!(
            "{} given {} no customer's: {named}",
            super::fix::count(n, "accounts"),
            if n == 1 { "is" } else { "are" }
        ),
    )
    .hint(Hint::to(
        "nothing was removed; find customers with",
        Cmd::new("customer list").set_ph("search", "TEXT"),
    ))
}

/// `customer remove` given no account, group or file, without a terminal to ask (exit 2).
pub(crate) fn nothing_to_remove() -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!(
            "nothing to remove: give ACCOUNT, {} or {}",
            field("group"),
            field("from")
        ),
    )
    .hint(Hint::to(
        "see the examples in",
        Cmd::new("customer remove").switch("help"),
    ))
}

/// Customers to remove that stores name as their default customer (exit 5): `(store,
/// account)` pairs.
pub(crate) fn default_of_stores(pairs: &[(String, String)]) -> Invalid {
    let named: Vec<String> = pairs
        .iter()
        .take(5)
        .map(|(store, account)| format!("{account} (store {store})"))
        .collect();
    let mut named = named.join(", ");
    if pairs.len() > 5 {
        named.push_str(&format!(" and {} more", pairs.len() - 5));
    }
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!("stores name customers to remove as their default customer: {named}"),
    )
    .hint(
        Hint::from("give those stores another default customer first (")
            .run(
                Cmd::new("store set")
                    .ph("STORE")
                    .set_ph("default_customer", "ACCOUNT"),
            )
            .then("); nothing was removed"),
    )
}

/// The contact a value names (an email, or a phone by its digits), or the refusal.
pub(crate) fn contact_at(cu: &Customer, value: &str) -> Result<usize, Invalid> {
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    cu.contacts
        .iter()
        .position(|c| {
            c.value.eq_ignore_ascii_case(value.trim())
                || (c.kind == ContactKind::Phone
                    && !digits.is_empty()
                    && c.value.trim_start_matches('+').ends_with(&digits))
        })
        .ok_or_else(|| {
            Invalid::refusal(
                Refusal::NotFound,
                "",
                format!("customer {} has no contact {value:?}", cu.account),
            )
            .hint(Hint::to(
                "see its contacts with",
                Cmd::new("customer contact list").arg(&cu.account),
            ))
        })
}

/// A contact named by its value, or by its number in `customer contact list` (from 1).
pub(crate) fn contact_ref(cu: &Customer, text: &str) -> Result<usize, Invalid> {
    let t = text.trim();
    if let Ok(n) = t.parse::<usize>()
        && (1..=cu.contacts.len()).contains(&n)
        && t.len() <= 3
    {
        return Ok(n - 1);
    }
    contact_at(cu, t)
}

/// Changes the contact at `index`: its value (`value`, already checked for its kind), whether
/// it is the primary of its kind (`primary`: it becomes it, the others of its kind stop being
/// it; there is always exactly one), and the consent to marketing on it.
pub(crate) fn set_contact(
    contacts: &mut [Contact],
    index: usize,
    value: Option<String>,
    primary: bool,
    marketing_opt_in: Option<bool>,
) -> Result<(), Invalid> {
    let kind = contacts[index].kind;
    if let Some(v) = value {
        if contacts
            .iter()
            .enumerate()
            .any(|(i, x)| i != index && x.kind == kind && x.value.eq_ignore_ascii_case(&v))
        {
            return Err(Invalid::new(
                "value",
                &v,
                "the customer already has this contact",
            ));
        }
        contacts[index].value = v;
    }
    if primary {
        for (i, x) in contacts.iter_mut().enumerate() {
            if x.kind == kind {
                x.primary = i == index;
            }
        }
    }
    if let Some(o) = marketing_opt_in {
        contacts[index].marketing_opt_in = o;
    }
    Ok(())
}

/// The address at `position` (from 1, as `customer address list` numbers them).
pub(crate) fn address_at(cu: &Customer, position: usize) -> Result<usize, Invalid> {
    if position == 0 || position > cu.addresses.len() {
        return Err(Invalid::refusal(
            Refusal::NotFound,
            "",
            format!(
                "customer {} has no address {position} (it has {})",
                cu.account,
                cu.addresses.len()
            ),
        ));
    }
    Ok(position - 1)
}

/// Customer attributes need the customer attribute group of the Commerce parameters.
pub(crate) fn no_customer_attribute_group() -> Invalid {
    Invalid::rule("no customer attribute group is set in the Commerce parameters").hint(Hint::to(
        "set one with",
        Cmd::new("param set").set_ph("customer_attribute_group", "GROUP"),
    ))
}

/// An async customer, by its temporary id, not synced to HQ yet.
pub(crate) fn pending_not_in_hq(id: &str, channel_db: &str) -> Invalid {
    Invalid::rule(format!(
        "customer {id} is an async customer pending sync in channel database {channel_db}; it is not in HQ yet"
    ))
    .hint(Hint::to(
        "convert pending customers with",
        Cmd::new("customer sync"),
    ))
}

/// A customer named by `field` that does not exist.
pub(crate) fn not_found(field_name: &str, account: &str) -> Invalid {
    let by = if super::fix::is_field_name(field_name) {
        FIELD
    } else {
        field_name
    };
    Invalid::refusal(
        Refusal::NotFound,
        field_name,
        format!("customer {account:?} does not exist (given by {by})"),
    )
    .hint(Hint::to(
        "find customers with",
        Cmd::new("customer list").set_ph("search", "TEXT"),
    ))
}

/// A customer attribute value named for an attribute that none of `groups` (the customer
/// attribute group, and its label) holds.
pub(crate) fn not_an_attribute_of(name: &str, groups: &[(String, Vec<String>)]) -> Invalid {
    let of: Vec<String> = groups
        .iter()
        .map(|(label, members)| format!("the {label} ({})", members.join(", ")))
        .collect();
    let reason = if of.is_empty() {
        "no attribute group is set for customers in the Commerce parameters".to_string()
    } else {
        format!("it is not an attribute of {}", of.join(" or "))
    };
    Invalid::new("NAME=VALUE", name, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Customer {
        Customer {
            account: "1".into(),
            last_name: Some("King".into()),
            ..default_customer()
        }
    }

    #[test]
    fn an_address_left_without_name_or_phone_takes_the_customers() {
        let mut cu = person();
        cu.contacts = vec![
            Contact {
                kind: ContactKind::Phone,
                value: "+17135550100".into(),
                primary: false,
                marketing_opt_in: false,
            },
            Contact {
                kind: ContactKind::Phone,
                value: "+17135550111".into(),
                primary: true,
                marketing_opt_in: false,
            },
        ];
        let defaults = AddressDefaults::of(&cu, "US");
        let mut d = AddressDraft {
            street: Some("1 Main St".into()),
            city: Some("Houston".into()),
            ..Default::default()
        };
        let a = check_address(&d, cu.kind, &defaults, false).unwrap();
        // The primary phone, not the first.
        assert_eq!(a.name.as_deref(), Some("Default King"));
        assert_eq!(a.phone.as_deref(), Some("+17135550111"));
        // Given, they are the address's own; a phone is read for the address's country.
        d.name = Some("Warehouse".into());
        d.phone = Some("(713) 555-0199".into());
        let b = check_address(&d, cu.kind, &defaults, false).unwrap();
        assert_eq!(b.name.as_deref(), Some("Warehouse"));
        assert_eq!(b.phone.as_deref(), Some("+17135550199"));
        d.phone = Some("call me".into());
        let e = check_address(&d, cu.kind, &defaults, true).unwrap_err();
        assert_eq!(e.field, "address_phone", "{e}");
        // A file's draft is filled alike.
        let mut filed = AddressDraft::default();
        defaults.fill(&mut filed);
        assert_eq!(filed.name.as_deref(), Some("Default King"));
        assert_eq!(filed.country.as_deref(), Some("US"));
        // A copy for another customer follows that customer where it held the defaults.
        let mut other = cu.clone();
        other.first_name = Some("Ada".into());
        let mut copy = a.clone();
        copy.refresh_defaults(&defaults, &AddressDefaults::of(&other, "US"));
        assert_eq!(copy.name.as_deref(), Some("Ada King"));
        let mut own = b.clone();
        own.refresh_defaults(&defaults, &AddressDefaults::of(&other, "US"));
        assert_eq!(own.name.as_deref(), Some("Warehouse"));
    }

    #[test]
    fn an_attribute_of_no_customer_group_says_which_groups_there_are() {
        let e = not_an_attribute_of("Tier", &[]);
        assert!(e.reason.contains("no attribute group is set"), "{e}");
        let e = not_an_attribute_of(
            "Tier",
            &[(
                "customer attribute group Facts".into(),
                vec!["Birthday".into()],
            )],
        );
        assert_eq!(e.field, "NAME=VALUE");
        assert!(
            e.reason
                .contains("the customer attribute group Facts (Birthday)"),
            "{e}"
        );
    }

    #[test]
    fn an_address_is_checked_field_by_field_as_its_definition_says() {
        let cu = person();
        let defaults = AddressDefaults::of(&cu, "US");
        let draft = |pairs: &[(&str, &str)]| {
            let mut d = AddressDraft::default();
            for (k, v) in pairs {
                if *k == "purpose" {
                    d.purpose = Some(v.to_string());
                } else {
                    d.set_text(k, Some(v.to_string()));
                }
            }
            d
        };
        let ok = check_address(
            &draft(&[
                ("street", " 1 Main St "),
                ("city", "Houston"),
                ("state", ""),
            ]),
            cu.kind,
            &defaults,
            false,
        )
        .unwrap();
        // The purpose by the customer's type, the country by default, an empty optional none.
        assert_eq!(ok.purpose, Some(Purpose::Home));
        assert_eq!(ok.country.as_deref(), Some("US"));
        assert_eq!(ok.state, None);
        assert_eq!(ok.street.as_deref(), Some("1 Main St"));
        assert_eq!(ok.one_line(), "1 Main St, Houston, US");
        // A draft round-trips through what a file writes.
        let again = check_address(&ok.draft(), cu.kind, &defaults, false).unwrap();
        assert_eq!(again, ok);
        // Refusals name the field (its name beside the customer's when given there).
        for (pairs, field) in [
            (&[("city", "Houston")][..], "street"),
            (&[("street", "1 Main St")][..], "city"),
            (
                &[
                    ("street", "1 Main St"),
                    ("city", "H"),
                    ("country", "Atlantis"),
                ][..],
                "country",
            ),
            (
                &[("street", "1 Main St"), ("city", "H"), ("purpose", "mars")][..],
                "purpose",
            ),
        ] {
            let e = check_address(&draft(pairs), cu.kind, &defaults, true).unwrap_err();
            assert_eq!(e.field, field, "{pairs:?}: {e}");
        }
    }

    #[test]
    fn a_default_customer_is_of_the_stores_legal_entity_and_its_receipt_email_is_warned_of() {
        let st = store();
        let mut dc = default_customer();
        assert_eq!(check_default_customer(&st, &dc), Ok(None));
        dc.receipt_email = Some("all@example.com".into());
        let w = check_default_customer(&st, &dc).unwrap().unwrap();
        assert!(w.parts.iter().any(|p| matches!(p, crate::domain::fix::Part::Text(t) if t.contains("has the receipt email all@example.com"))), "{w:?}");
        dc.legal_entity = "USMF".into();
        let e = check_default_customer(&st, &dc).unwrap_err();
        assert_eq!(e.field, "default_customer");
        assert!(e.reason.contains("belongs to legal entity USMF"), "{e}");
    }

    /// The refusals of a new or changed customer, one row each: what was asked, the field the
    /// refusal names (empty for a rule), its kind, and words it must say.
    #[test]
    fn the_customer_use_cases_refusals_are_the_domains() {
        use super::super::org::{AddressBook, AddressBookKind};
        let st = store();
        let mut no_default = store();
        no_default.default_customer = None;
        let affiliations = vec!["Retail".to_string()];
        let at = |is_async, enhanced, account_given, affiliations: &[String], le: Option<&str>| {
            let a = AtStore {
                store: &st,
                is_async,
                enhanced,
                account_given,
                affiliations,
                legal_entity: le,
            };
            check_at_store(&a)
        };
        let employees = AddressBook {
            id: "HOUSTON-EMP".into(),
            name: "E".into(),
            kind: AddressBookKind::Employee,
        };
        let mut cu = default_customer();
        cu.contacts = vec![Contact {
            kind: ContactKind::Phone,
            value: "+17135550100".into(),
            primary: true,
            marketing_opt_in: false,
        }];
        let cases: Vec<(Result<(), Invalid>, &str, Refusal, &str)> = vec![
            (
                default_customer_of(&no_default).map(|_| ()),
                "",
                Refusal::Invalid,
                "has no default customer",
            ),
            (
                at(true, true, true, &[], None),
                "account",
                Refusal::Invalid,
                "{field} cannot be given",
            ),
            (
                at(true, false, false, &affiliations, None),
                "affiliation",
                Refusal::Invalid,
                "enhanced async",
            ),
            (
                at(false, false, false, &[], Some("DEMF")),
                "legal_entity",
                Refusal::Invalid,
                "belongs to legal entity USRT",
            ),
            (
                check_async_has_store(true, false),
                "async",
                Refusal::Usage,
                "created at a store",
            ),
            (
                required(&CustomerDraft::default()).map(|_| ()),
                "type",
                Refusal::Usage,
                "missing {field}: person or organization",
            ),
            (
                check_customer_book("address_book", &employees),
                "address_book",
                Refusal::Invalid,
                "customers go in customer address books",
            ),
            (
                group_in_use("30", &["100001".into()], 7).map_or(Ok(()), Err),
                "",
                Refusal::Conflict,
                "customers 100001 and 6 more",
            ),
            (
                contact_at(&cu, "nobody@example.com").map(|_| ()),
                "",
                Refusal::NotFound,
                "has no contact",
            ),
            (
                address_at(&cu, 1).map(|_| ()),
                "",
                Refusal::NotFound,
                "has no address 1 (it has 0)",
            ),
            (
                <Customer as crate::domain::record::Record>::field("type")
                    .unwrap()
                    .check_value(
                        "type",
                        crate::domain::record::Value::Text(Some("robot".into())),
                    )
                    .map(|_| ()),
                "type",
                Refusal::Invalid,
                "give person or organization",
            ),
            (
                Err(unknown_accounts(&["100998".into(), "100999".into()], 7)),
                "ACCOUNT",
                Refusal::NotFound,
                "7 accounts given are no customer's: 100998, 100999 and 5 more",
            ),
            (
                Err(default_of_stores(&[("HOUSTON".into(), "100001".into())])),
                "",
                Refusal::Conflict,
                "default customer: 100001 (store HOUSTON)",
            ),
        ];
        for (i, (got, field, kind, says)) in cases.into_iter().enumerate() {
            let e = got.expect_err(&format!("case {i} is refused"));
            assert_eq!((e.field.as_str(), e.kind), (field, kind), "case {i}: {e}");
            assert!(e.to_string().contains(says), "case {i}: {e}");
        }
        // And what they let through.
        assert_eq!(default_customer_of(&st), Ok("100001"));
        assert!(at(true, true, false, &affiliations, Some("usrt")).is_ok());
        assert_eq!(contact_at(&cu, "(713) 555-0100"), Ok(0));
        assert!(check_async_has_store(true, true).is_ok());
        assert_eq!(group_in_use("30", &[], 0), None);
    }

    fn store() -> Store {
        super::super::org::sample_store()
    }

    fn default_customer() -> Customer {
        Customer {
            account: "100001".into(),
            kind: CustomerType::Person,
            first_name: Some("Default".into()),
            middle_name: None,
            last_name: Some("Customer".into()),
            organization_name: None,
            legal_entity: "USRT".into(),
            group: "30".into(),
            receipt_option: Some(ReceiptOption::Email),
            receipt_email: None,
            currency: "USD".into(),
            language: "en-US".into(),
            affiliations: vec!["Retail".into()],
            financial_dimensions: vec![],
            address_books: vec!["HOUSTON-CUST".into()],
            addresses: vec![],
            contacts: vec![],
            attributes: vec![],
            store: None,
            status: "active".into(),
        }
    }

    #[test]
    fn a_group_key_says_its_legal_entity_and_reads_back() {
        assert_eq!(group_key("30", "USRT"), "30/USRT");
        assert_eq!(split_group_key("30/USRT"), ("30", Some("USRT")));
        assert_eq!(split_group_key("30"), ("30", None));
    }

    #[test]
    fn a_new_group_goes_to_the_only_legal_entity_else_must_say_which() {
        assert_eq!(
            group_legal_entity(&["USRT".into()]),
            Ok(Some("USRT".into()))
        );
        assert_eq!(
            group_legal_entity(&["USRT".into(), "DEMF".into()]),
            Ok(None)
        );
        let none = group_legal_entity(&[]).unwrap_err();
        assert_eq!(none.kind, Refusal::NotFound);
        assert!(none.reason.contains("there is none"), "{}", none.reason);
        let several = group_legal_entity_missing(&["DEMF".into(), "USRT".into()]);
        assert_eq!(
            (several.kind, several.field.as_str()),
            (Refusal::Usage, "legal_entity")
        );
        assert!(
            several.reason.contains("there are several (DEMF, USRT)"),
            "{}",
            several.reason
        );
    }

    #[test]
    fn a_group_of_another_legal_entity_is_not_the_customers() {
        let e = group_not_in("group", "40", "DEMF", &["30".into()], &["USRT".into()]);
        assert_eq!((e.kind, e.field.as_str()), (Refusal::NotFound, "group"));
        assert!(
            e.reason
                .contains("legal entity DEMF has no customer group \"40\""),
            "{}",
            e.reason
        );
        let hints: Vec<String> = e.hints.iter().map(|h| h.to_string()).collect();
        assert!(hints[0].contains("40 is a group of USRT"), "{hints:?}");
        let e = group_in_several("30", &["DEMF".into(), "USRT".into()]);
        assert!(
            e.reason.contains("exists in legal entities DEMF, USRT"),
            "{}",
            e.reason
        );
    }

    fn group() -> CustomerGroup {
        CustomerGroup {
            id: "30".into(),
            legal_entity: "USRT".into(),
            description: "Retail".into(),
            payment_terms: None,
            dimensions: vec![Dimension {
                name: "BusinessUnit".into(),
                value: "002".into(),
            }],
        }
    }

    /// The customer a draft makes (what it gives, on an empty customer).
    fn made(d: &CustomerDraft) -> Customer {
        let mut cu = Customer::default();
        d.apply_new(&mut cu);
        cu
    }

    fn given(pairs: &[(&str, crate::domain::record::Value)]) -> CustomerDraft {
        let mut d = CustomerDraft::default();
        for (n, v) in pairs {
            d.give(n, v.clone());
        }
        d
    }

    fn text(v: &str) -> crate::domain::record::Value {
        crate::domain::record::Value::Text(Some(v.into()))
    }

    #[test]
    fn a_new_customer_inherits_what_it_does_not_give() {
        let mut dc = default_customer();
        dc.kind = CustomerType::Organization;
        let got = inherit(
            &dc,
            &group(),
            &store(),
            CustomerDraft::default(),
            false,
            false,
        );
        let d = made(&got.draft);
        assert_eq!(d.kind, CustomerType::Organization);
        assert_eq!(d.group, "30");
        assert_eq!(d.receipt_option, Some(ReceiptOption::Email));
        assert_eq!(d.currency, "USD");
        assert_eq!(d.language, "en-US");
        assert_eq!(d.affiliations, vec!["Retail".to_string()]);
        assert_eq!(d.address_books, vec!["HOUSTON-CUST".to_string()]);
        assert_eq!(got.financial_dimensions, group().dimensions);
        assert!(got.warnings.is_empty());
        // Each inherited value says where from.
        let from = |field: &str| {
            got.origins
                .iter()
                .find(|o| o.field == field)
                .map(FieldOrigin::describe)
        };
        assert_eq!(from("group").as_deref(), Some("default customer 100001"));
        assert_eq!(from("address_books").as_deref(), Some("store HOUSTON"));
        assert_eq!(
            from("financial_dimensions").as_deref(),
            Some("customer group 30")
        );
    }

    #[test]
    fn given_values_win_but_dimensions_follow_the_default_customers_group() {
        use crate::domain::record::Value;
        let own = given(&[
            ("group", text("40")),
            ("currency", text("EUR")),
            ("affiliations", Value::List(vec!["Employee".into()])),
            ("receipt_option", Value::Text(None)),
        ]);
        let got = inherit(&default_customer(), &group(), &store(), own, false, false);
        let d = made(&got.draft);
        assert_eq!(d.group, "40");
        assert_eq!(d.currency, "EUR");
        assert_eq!(d.affiliations, vec!["Employee".to_string()]);
        // Given as none: not the default customer's.
        assert_eq!(d.receipt_option, None);
        assert_eq!(got.financial_dimensions[0].value, "002");
        // What was given is not marked inherited.
        assert!(
            !got.origins
                .iter()
                .any(|o| o.field == "group" || o.field == "currency")
        );
    }

    #[test]
    fn a_receipt_email_is_inherited_only_when_none_is_given_and_then_warned_about() {
        let mut dc = default_customer();
        dc.receipt_email = Some("shared@contoso.com".into());
        let got = inherit(
            &dc,
            &group(),
            &store(),
            CustomerDraft::default(),
            false,
            false,
        );
        assert_eq!(
            made(&got.draft).receipt_email.as_deref(),
            Some("shared@contoso.com")
        );
        assert_eq!(got.warnings.len(), 1);
        let own = given(&[("receipt_email", text("ada@example.com"))]);
        let got = inherit(&dc, &group(), &store(), own, false, false);
        assert_eq!(
            made(&got.draft).receipt_email.as_deref(),
            Some("ada@example.com")
        );
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn async_customers_inherit_affiliations_only_with_enhanced_async() {
        let got = inherit(
            &default_customer(),
            &group(),
            &store(),
            CustomerDraft::default(),
            true,
            false,
        );
        assert!(made(&got.draft).affiliations.is_empty());
        assert_eq!(got.warnings.len(), 1);
        let got = inherit(
            &default_customer(),
            &group(),
            &store(),
            CustomerDraft::default(),
            true,
            true,
        );
        assert_eq!(made(&got.draft).affiliations, vec!["Retail".to_string()]);
    }

    #[test]
    fn consent_goes_to_the_contacts_named_or_to_all() {
        let mut cs = vec![
            contact(ContactKind::Email, "ada@example.com"),
            contact(ContactKind::Phone, "+17135550100"),
        ];
        give_consent(&mut cs, &OptIn::Only(vec!["ADA@example.com".into()]), "US").unwrap();
        assert_eq!(
            (cs[0].marketing_opt_in, cs[1].marketing_opt_in),
            (true, false)
        );
        give_consent(&mut cs, &OptIn::Only(vec!["713 555 0100".into()]), "US").unwrap();
        assert!(cs[1].marketing_opt_in);
        let e =
            give_consent(&mut cs, &OptIn::Only(vec!["bo@example.com".into()]), "US").unwrap_err();
        assert_eq!(e.field, "marketing_opt_in");
        assert!(
            e.reason.contains("ada@example.com, +17135550100"),
            "{}",
            e.reason
        );
        let mut cs = vec![contact(ContactKind::Email, "a@example.com")];
        give_consent(&mut cs, &OptIn::All, "US").unwrap();
        assert!(cs[0].marketing_opt_in);
    }

    fn contact(kind: ContactKind, value: &str) -> Contact {
        Contact {
            kind,
            value: value.into(),
            primary: false,
            marketing_opt_in: false,
        }
    }

    #[test]
    fn without_multiple_contacts_a_second_email_is_refused_naming_the_feature() {
        let mut cs = Vec::new();
        add_contact(&mut cs, contact(ContactKind::Email, "a@x.com"), false).unwrap();
        add_contact(&mut cs, contact(ContactKind::Email, "b@x.com"), false).unwrap();
        let err = check_contacts(&cs, false, false).unwrap_err();
        assert!(err.reason.contains(MULTIPLE_CONTACTS_NAME));
        assert!(check_contacts(&cs, true, false).is_ok());
        assert!(
            check_contacts(&cs, true, true)
                .unwrap_err()
                .reason
                .contains("async")
        );
    }

    #[test]
    fn consent_needs_multiple_contacts() {
        let mut c = contact(ContactKind::Phone, "+17135550100");
        c.marketing_opt_in = true;
        let mut cs = Vec::new();
        add_contact(&mut cs, c, false).unwrap();
        assert!(check_contacts(&cs, false, false).is_err());
        assert!(check_contacts(&cs, true, false).is_ok());
    }

    #[test]
    fn the_first_contact_of_a_kind_is_primary_and_primary_moves_when_asked() {
        let mut cs = Vec::new();
        add_contact(&mut cs, contact(ContactKind::Email, "a@x.com"), false).unwrap();
        add_contact(&mut cs, contact(ContactKind::Email, "b@x.com"), true).unwrap();
        add_contact(&mut cs, contact(ContactKind::Phone, "+17135550100"), false).unwrap();
        assert!(!cs[0].primary && cs[1].primary && cs[2].primary);
        assert!(add_contact(&mut cs, contact(ContactKind::Email, "A@x.com"), false).is_err());
    }

    #[test]
    fn emails_and_phones_are_validated_by_parsers() {
        assert!(email("email", "ada@example.com").is_ok());
        assert!(email("email", "ada@").is_err());
        assert_eq!(
            phone("phone", "+1 713 555 0100", "US").unwrap(),
            "+17135550100"
        );
        assert_eq!(
            phone("phone", "(713) 555-0100", "US").unwrap(),
            "+17135550100"
        );
        assert!(phone("phone", "12", "US").is_err());
    }

    #[test]
    fn default_address_purpose_follows_the_type() {
        assert_eq!(CustomerType::Person.default_purpose(), Purpose::Home);
        assert_eq!(
            CustomerType::Organization.default_purpose(),
            Purpose::Business
        );
    }

    #[test]
    fn a_customer_past_a_hundred_addresses_is_warned_about() {
        assert!(many_addresses("100002", MANY_ADDRESSES).is_none());
        let w = many_addresses("100002", MANY_ADDRESSES + 1)
            .unwrap()
            .to_string();
        assert!(
            w.contains("customer 100002 has 101 addresses, more than 100"),
            "{w}"
        );
    }

    #[test]
    fn turning_multiple_contacts_off_says_who_keeps_theirs() {
        assert!(several_contacts_kept(0).is_none());
        assert!(
            several_contacts_kept(1).unwrap().to_string().starts_with(
                "1 customer holds more than one email or phone number; they keep them"
            )
        );
        assert!(
            several_contacts_kept(3)
                .unwrap()
                .to_string()
                .starts_with("3 customers hold")
        );
    }

    #[test]
    fn a_contact_is_set_by_its_value_or_number_and_one_primary_stays() {
        let c = |kind, value: &str, primary| Contact {
            kind,
            value: value.into(),
            primary,
            marketing_opt_in: false,
        };
        let mut list = vec![
            c(ContactKind::Email, "a@x.com", true),
            c(ContactKind::Phone, "+17135550100", true),
            c(ContactKind::Email, "b@x.com", false),
        ];
        set_contact(&mut list, 2, None, true, Some(true)).unwrap();
        assert_eq!(
            list.iter().map(|x| x.primary).collect::<Vec<_>>(),
            [false, true, true],
            "the phone stays primary of its kind"
        );
        assert!(list[2].marketing_opt_in);
        let e = set_contact(&mut list, 0, Some("B@x.com".into()), false, None).unwrap_err();
        assert_eq!(e.reason, "the customer already has this contact");
        set_contact(&mut list, 0, Some("c@x.com".into()), false, None).unwrap();
        assert_eq!(list[0].value, "c@x.com");

        let mut cu = person();
        cu.contacts = list;
        assert_eq!(contact_ref(&cu, "3").unwrap(), 2);
        assert_eq!(contact_ref(&cu, "c@x.com").unwrap(), 0);
        assert_eq!(contact_ref(&cu, "713 555 0100").unwrap(), 1);
        assert!(contact_ref(&cu, "4").is_err());
    }

    #[test]
    fn purposes_are_read_as_the_documents_write_them() {
        for (text, p) in [
            ("post-box", Purpose::PostBox),
            ("Post box", Purpose::PostBox),
            ("POST_BOX", Purpose::PostBox),
            ("Office", Purpose::Office),
            (" delivery ", Purpose::Delivery),
        ] {
            assert_eq!(Purpose::parse(text), Some(p), "{text}");
        }
        assert_eq!(Purpose::parse("postbox"), None);
    }
}
