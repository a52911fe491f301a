//! Each entity described once (issue 16, item 1): its fields, each with one name, a label for
//! people, a kind, and what it refers to. The faces are held to it: the flag is the name with
//! dashes (`customer_address_book` is `--customer-address-book`), the environment file's key and
//! the JSON field are the name, the label is what a prompt asks. Where a face needs another
//! word, the field says so once (`flag`, `json`), and nowhere else.
//!
//! Every entity is described by its own field list (`domain::record::record!`), and its faces
//! are made from it; its `Entity` here points at the list. `tests/cli/model.rs` walks every
//! definition and fails when a face lacks a field.

/// What kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The entity's id (positional on the command line).
    Key,
    /// Free text for people, one line.
    Text,
    /// A code with a standard behind it (currency, country, language, time zone).
    Code,
    /// One of a fixed set.
    Choice(&'static [&'static str]),
    /// The id of another entity (its section key: `legal_entities`).
    Reference(&'static str),
    Bool,
    /// A number (`--min -5`, `2.5`).
    Number,
    /// Names with a value each (`--dimension NAME=VALUE`; a table in the file).
    Pairs,
    /// A whole number, 0 or more (`--next 100001`).
    Count,
}

/// One field of an entity.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The one name: environment-file key, CSV column, JSON field, and (with dashes) the flag.
    pub name: &'static str,
    /// What people read: the prompt's question, a table's heading.
    pub label: &'static str,
    pub kind: Kind,
    /// Needed when the entity is created (else optional or defaulted).
    pub required: bool,
    /// A list: a repeated flag (singular), an array in the file.
    pub many: bool,
    /// Fixed once the entity exists (no `set` flag changes it).
    pub fixed: bool,
    /// The flag when it is not `--` + the name with dashes (a list's singular).
    pub flag: Option<&'static str>,
    /// The JSON path when it is not the name (`address.street`).
    pub json: Option<&'static str>,
    /// Given when the entity is created (`add`), or only changed afterwards.
    pub on_add: bool,
    /// The command that changes it when it is not the entity's own `set`
    /// (`layout assign` for a store's screen layout).
    pub set_by: Option<&'static str>,
    /// A list that `set` edits item by item (`--add-affiliation`, `--remove-affiliation`)
    /// rather than replaces.
    pub edited: bool,
    /// The help of its flag when it is not the label (`add` words it; `set` adds what
    /// clears it).
    pub help: Option<&'static str>,
    /// The rule a value must meet, and the form it is kept in.
    pub check: Check,
    /// Of the entities it refers to, the kind it takes (`customer` address books).
    pub refine: Option<&'static str>,
    /// Its column in the data file when it is not the name.
    pub column: Option<&'static str>,
    /// Required on the record, but filled when `add` leaves it out (the rule that adds says
    /// from where): not asked for.
    pub defaulted: bool,
    /// Kept by hq, given by no face (a customer's status): shown and in JSON, but no flag and
    /// no key of the environment file.
    pub kept: bool,
    /// An environment file may leave it out, as files written before it existed do (a
    /// customer group's legal entity): it then takes its default as the environment gives it.
    pub file_may_omit: bool,
}

/// The rule a field's value meets, and the form it is kept in (`super::validate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// None here (the entity's rules check it).
    Free,
    /// Text for people: not blank, at most 100 characters, one line.
    Name,
    /// Text that may be left out, at most this many characters, one line.
    Text(usize),
    /// ISO 4217.
    Currency,
    /// IANA.
    TimeZone,
    /// ISO 3166, kept as alpha-2.
    Country,
    /// 1 to 10 letters or digits.
    StoreNumber,
    /// 1 to 4 letters or digits.
    LegalEntityId,
    /// BCP 47.
    Language,
    /// 1 to 20 letters or digits.
    PersonnelNumber,
    /// A GUID, kept hyphenated in lower case.
    Guid,
    /// An https URL of a Key Vault, kept with a trailing slash.
    VaultUrl,
    /// A calendar date, YYYY-MM-DD.
    Date,
    /// An id: letters, digits, `-`, `_`, `.`.
    Id,
    /// An email address (a real parser), kept as given, trimmed.
    Email,
}

impl Field {
    pub(crate) const fn new(name: &'static str, label: &'static str, kind: Kind) -> Field {
        Field {
            name,
            label,
            kind,
            required: false,
            many: false,
            fixed: false,
            flag: None,
            json: None,
            on_add: true,
            set_by: None,
            edited: false,
            help: None,
            check: Check::Free,
            refine: None,
            column: None,
            defaulted: false,
            kept: false,
            file_may_omit: false,
        }
    }
    pub(crate) const fn file_may_omit(mut self) -> Field {
        self.file_may_omit = true;
        self
    }
    pub(crate) const fn kept(mut self) -> Field {
        self.kept = true;
        self
    }
    pub(crate) const fn column(mut self, column: &'static str) -> Field {
        self.column = Some(column);
        self
    }
    /// Its column in the data file.
    pub const fn column_name(&self) -> &'static str {
        match self.column {
            Some(c) => c,
            None => self.name,
        }
    }
    pub(crate) const fn help(mut self, help: &'static str) -> Field {
        self.help = Some(help);
        self
    }
    pub(crate) const fn check(mut self, check: Check) -> Field {
        self.check = check;
        self
    }
    pub(crate) const fn refine(mut self, kind: &'static str) -> Field {
        self.refine = Some(kind);
        self
    }
    pub(crate) const fn defaulted(mut self) -> Field {
        self.defaulted = true;
        self
    }
    pub(crate) const fn not_on_add(mut self) -> Field {
        self.on_add = false;
        self
    }
    pub(crate) const fn set_by(mut self, command: &'static str) -> Field {
        self.set_by = Some(command);
        self
    }
    pub(crate) const fn edited(mut self) -> Field {
        self.edited = true;
        self
    }
    pub(crate) const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub(crate) const fn many(mut self, flag: &'static str) -> Field {
        self.many = true;
        self.flag = Some(flag);
        self
    }
    pub(crate) const fn fixed(mut self) -> Field {
        self.fixed = true;
        self
    }
    pub(crate) const fn json(mut self, path: &'static str) -> Field {
        self.json = Some(path);
        self
    }

    /// The name its flag is made from (`customer_address_book`, which the command line writes
    /// `--customer-address-book`), none for the key and what hq keeps: the field's name, or a list's singular.
    pub fn flag_name(&self) -> Option<&'static str> {
        (self.kind != Kind::Key && !self.kept).then_some(self.flag.unwrap_or(self.name))
    }

    /// Where it is in the JSON of `show` (a path of object keys).
    pub fn json_path(&self) -> Vec<&'static str> {
        self.json.unwrap_or(self.name).split('.').collect()
    }
}

/// How a text field of a described struct is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCheck {
    /// A line of a postal address: text for people, shown in the address's one-line form.
    Line,
    /// Text for people, one line (`validate::name`).
    Name,
    /// An ISO 3166 country.
    Country,
    /// A phone number, read for the country of what holds it.
    Phone,
}

/// Whether a text field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    /// Taken from elsewhere when left out (the rule that checks the struct says from where).
    Defaulted,
}

/// A text field of a struct made by [`text_struct!`], described once: every face reads it
/// from here (the flag and its help, the file key, the JSON field, the column, the prompt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextField {
    /// The one name: file key, JSON field, the column in the data file, and (with dashes)
    /// the flag of the struct's own commands.
    pub name: &'static str,
    /// What people read: a prompt's question, a table's heading.
    pub label: &'static str,
    /// The help of its flag, lower case (`postal code`): capitalised on its own, after
    /// `Address: ` beside the fields of what holds it.
    pub help: &'static str,
    pub check: TextCheck,
    pub presence: Presence,
    /// Its name beside the fields of what holds it (`customer add`, a CSV row), where a
    /// field of the same name would clash: an address's `name` is `address_name` there.
    pub beside: &'static str,
}

impl TextField {
    /// A value given for this field, checked as the definition says and in its stored form;
    /// `word` is what the refusal calls the field, `country` reads a phone number.
    pub fn check_value(
        &self,
        word: &str,
        value: &str,
        country: &str,
    ) -> Result<String, super::validate::Invalid> {
        use super::validate;
        match self.check {
            TextCheck::Line | TextCheck::Name if self.presence == Presence::Required => {
                validate::name(word, value)
            }
            TextCheck::Line | TextCheck::Name => validate::text(word, value.trim(), 100),
            TextCheck::Country => validate::country(word, value),
            TextCheck::Phone => super::customer::phone(word, value, country),
        }
    }
}

/// A struct whose text fields are described by [`TextField`]s and read and written by name.
pub trait Described: Default {
    const TEXT: &'static [TextField];
    /// A text field by its name.
    fn text(&self, name: &str) -> Option<&str>;
    /// Sets a text field by its name (a name not in `TEXT` is ignored).
    fn set_text(&mut self, name: &str, value: Option<String>);
}

/// Makes a struct with the text fields of a list (each an `Option<String>`, with the given
/// attribute) between the fields written before and after it, and its [`Described`] impl.
/// A list is a macro of its own (`customer_address!`) that hands its fields to this one, so
/// the fields are written once for every struct made from them.
macro_rules! text_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($pre:tt)* }
        text(#[$tattr:meta])
        then { $($post:tt)* }
        fields {
            $( $field:ident: $label:literal, $help:literal, $check:ident, $presence:ident, $beside:literal; )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($pre)*
            $( #[$tattr] pub $field: Option<String>, )*
            $($post)*
        }
        impl $crate::domain::model::Described for $name {
            const TEXT: &'static [$crate::domain::model::TextField] = &[$(
                $crate::domain::model::TextField {
                    name: stringify!($field),
                    label: $label,
                    help: $help,
                    check: $crate::domain::model::TextCheck::$check,
                    presence: $crate::domain::model::Presence::$presence,
                    beside: $beside,
                },
            )*];
            fn text(&self, name: &str) -> Option<&str> {
                match name {
                    $( stringify!($field) => self.$field.as_deref(), )*
                    _ => None,
                }
            }
            fn set_text(&mut self, name: &str, value: Option<String>) {
                match name {
                    $( stringify!($field) => self.$field = value, )*
                    _ => {}
                }
            }
        }
    };
}
pub(crate) use text_struct;

/// The names of a list's text fields between other column names, as one constant slice (the
/// columns a distribution job copies).
macro_rules! text_columns {
    (
        before [$($before:literal),*] after [$($after:literal),*]
        fields {
            $( $field:ident: $label:literal, $help:literal, $check:ident, $presence:ident, $beside:literal; )*
        }
    ) => {
        &[$($before,)* $(stringify!($field),)* $($after),*]
    };
    // Each field's name after a prefix (`address_street`: a list's item held on its owner's row).
    (
        prefix $prefix:literal before [$($before:literal),*]
        fields {
            $( $field:ident: $label:literal, $help:literal, $check:ident, $presence:ident, $beside:literal; )*
        }
    ) => {
        &[$($before,)* $(concat!($prefix, stringify!($field)),)*]
    };
}
pub(crate) use text_columns;

/// One entity: its section in the environment file, its noun on the command line, its fields
/// (the key first).
#[derive(Debug, Clone, Copy)]
pub struct Entity {
    pub section: &'static str,
    pub noun: &'static str,
    pub fields: &'static [Field],
    /// One record, no key: a table in the environment file, `NOUN show` and `NOUN set` with
    /// no id, no `add`.
    pub singleton: bool,
    /// The key is given by a flag on `add` (`customer add --account`, else allocated), not
    /// positionally.
    pub key_by_flag: bool,
}

impl Entity {
    /// The key field (first), none for a singleton.
    pub fn key(&self) -> Option<&Field> {
        (!self.singleton).then(|| &self.fields[0])
    }
}

pub const LEGAL_ENTITY: Entity = Entity {
    section: "legal_entities",
    noun: "legal-entity",
    singleton: false,
    key_by_flag: false,
    fields: <super::org::LegalEntity as super::record::Record>::FIELDS,
};

pub const ADDRESS_BOOK: Entity = Entity {
    section: "address_books",
    noun: "address-book",
    singleton: false,
    key_by_flag: false,
    fields: <super::org::AddressBook as super::record::Record>::FIELDS,
};

pub const CHANNEL_DB_GROUP: Entity = Entity {
    section: "channel_db_groups",
    noun: "channel-db-group",
    singleton: false,
    key_by_flag: false,
    fields: <super::org::ChannelDbGroup as super::record::Record>::FIELDS,
};

pub const CHANNEL_DB: Entity = Entity {
    section: "channel_dbs",
    noun: "channel-db",
    singleton: false,
    key_by_flag: false,
    fields: <super::org::ChannelDb as super::record::Record>::FIELDS,
};

pub const STORE: Entity = Entity {
    section: "stores",
    noun: "store",
    singleton: false,
    key_by_flag: false,
    fields: <super::org::Store as super::record::Record>::FIELDS,
};

pub const CUSTOMER_GROUP: Entity = Entity {
    section: "customer_groups",
    noun: "customer-group",
    singleton: false,
    key_by_flag: false,
    fields: <super::customer::CustomerGroup as super::record::Record>::FIELDS,
};

pub const ACTIVITY_TYPE: Entity = Entity {
    section: "activity_types",
    noun: "activity-type",
    singleton: false,
    key_by_flag: false,
    fields: <super::staff::ActivityType as super::record::Record>::FIELDS,
};

pub const PERMISSION_GROUP: Entity = Entity {
    section: "permission_groups",
    noun: "permission-group",
    singleton: false,
    key_by_flag: false,
    fields: <super::staff::PermissionGroup as super::record::Record>::FIELDS,
};

pub const WORKER: Entity = Entity {
    section: "workers",
    noun: "worker",
    singleton: false,
    key_by_flag: false,
    fields: <super::staff::Worker as super::record::Record>::FIELDS,
};

pub const REGISTER: Entity = Entity {
    section: "registers",
    noun: "register",
    singleton: false,
    key_by_flag: false,
    fields: <super::layout::Register as super::record::Record>::FIELDS,
};

pub const NUMBER_SEQUENCE: Entity = Entity {
    section: "number_sequences",
    noun: "numseq",
    singleton: false,
    key_by_flag: false,
    fields: <super::numseq::NumberSequence as super::record::Record>::FIELDS,
};

pub const ATTRIBUTE_TYPE: Entity = Entity {
    section: "attribute_types",
    noun: "attribute-type",
    singleton: false,
    key_by_flag: false,
    fields: <super::attribute::AttributeType as super::record::Record>::FIELDS,
};

pub const ATTRIBUTE: Entity = Entity {
    section: "attributes",
    noun: "attribute",
    singleton: false,
    key_by_flag: false,
    fields: <super::attribute::Attribute as super::record::Record>::FIELDS,
};

pub const ATTRIBUTE_GROUP: Entity = Entity {
    section: "attribute_groups",
    noun: "attribute-group",
    singleton: false,
    key_by_flag: false,
    fields: <super::attribute::AttributeGroup as super::record::Record>::FIELDS,
};

pub const LAYOUT: Entity = Entity {
    section: "layouts",
    noun: "layout",
    singleton: false,
    key_by_flag: false,
    fields: <super::layout::ScreenLayout as super::record::Record>::FIELDS,
};

/// Every entity described so far.
pub const CUSTOMER: Entity = Entity {
    section: "customers",
    noun: "customer",
    singleton: false,
    key_by_flag: true,
    fields: <super::customer::Customer as super::record::Record>::FIELDS,
};

pub const PARAMETERS: Entity = Entity {
    section: "parameters",
    noun: "param",
    singleton: true,
    key_by_flag: false,
    fields: <super::params::AttributeParameters as super::record::Record>::FIELDS,
};

pub const KEY_VAULT: Entity = Entity {
    section: "key_vault",
    noun: "keyvault",
    singleton: true,
    key_by_flag: false,
    fields: <super::params::KeyVault as super::record::Record>::FIELDS,
};

pub const INSIGHTS: Entity = Entity {
    section: "insights",
    noun: "insights",
    singleton: true,
    key_by_flag: false,
    fields: <super::params::Insights as super::record::Record>::FIELDS,
};

pub const ENTITIES: &[Entity] = &[
    LEGAL_ENTITY,
    ADDRESS_BOOK,
    CHANNEL_DB_GROUP,
    CHANNEL_DB,
    CUSTOMER_GROUP,
    ATTRIBUTE_TYPE,
    ATTRIBUTE,
    ATTRIBUTE_GROUP,
    ACTIVITY_TYPE,
    PERMISSION_GROUP,
    LAYOUT,
    NUMBER_SEQUENCE,
    STORE,
    WORKER,
    REGISTER,
    CUSTOMER,
    PARAMETERS,
    KEY_VAULT,
    INSIGHTS,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_keys_come_first_and_flags_follow_the_names() {
        for e in ENTITIES {
            let keys = e.fields.iter().filter(|f| f.kind == Kind::Key).count();
            match e.key() {
                Some(k) => assert_eq!((k.kind, keys), (Kind::Key, 1), "{}", e.section),
                None => assert_eq!(keys, 0, "{}", e.section),
            }
            for f in e.fields {
                assert!(
                    f.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{}.{}",
                    e.section,
                    f.name
                );
                assert!(!f.label.is_empty());
            }
        }
        let ab = STORE
            .fields
            .iter()
            .find(|f| f.name == "customer_address_books")
            .unwrap();
        assert_eq!(ab.flag_name(), Some("customer_address_book"));
        assert_eq!(STORE.fields[4].flag_name(), Some("time_zone"));
        assert_eq!(STORE.key().unwrap().flag_name(), None);
    }
}
