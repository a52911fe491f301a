//! The organisation (DOMAIN.md 1): legal entities, address books, stores, channel databases.

use super::fix::{Cmd, FIELD, Hint};
use serde::{Deserialize, Serialize};

use super::model::{Check, Kind};
use super::record::Value;
use super::validate::Invalid;

/// The channel database group and database that `hq init` creates. The product's
/// documentation warns against renaming them, so hq never offers a rename.
pub(crate) const DEFAULT_CHANNEL_DB_GROUP: &str = "Default";
pub(crate) const DEFAULT_CHANNEL_DB: &str = "Default";

super::record::from_file_via_serde!(AddressBookKind);

super::record::record! {
    /// A legal entity: a company of the organisation.
    pub struct LegalEntity {
        id: String = "Legal entity", Kind::Key, required(), check(Check::LegalEntityId),
            help("The id: 1 to 4 letters or digits, e.g. USRT");
        name: String = "Name", Kind::Text, required(), check(Check::Name),
            help("The company's name");
        /// ISO 3166 alpha-2.
        country: String = "Country", Kind::Code, required(), check(Check::Country),
            help("ISO 3166 country, alpha-2 or alpha-3 (stored as alpha-2)");
        /// BCP 47 tag.
        language: String = "Language", Kind::Code, required(), check(Check::Language),
            help("Default language, a BCP 47 tag such as en-US");
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressBookKind {
    #[default]
    Customer,
    Employee,
}

impl super::record::FieldValue for AddressBookKind {
    fn to_value(&self) -> Value {
        Value::Text(Some(self.as_str().to_string()))
    }
    /// Checked before (the field's choices), so anything else is the default.
    fn from_value(v: Value) -> Self {
        v.text()
            .and_then(AddressBookKind::parse)
            .unwrap_or_default()
    }
}

impl AddressBookKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AddressBookKind::Customer => "customer",
            AddressBookKind::Employee => "employee",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(AddressBookKind::Customer),
            "employee" => Some(AddressBookKind::Employee),
            _ => None,
        }
    }
}

super::record::record! {
    /// An address book: which customers a store finds, which workers belong to it.
    pub struct AddressBook {
        id: String = "Address book", Kind::Key, required(), check(Check::Id),
            help("The id: letters, digits, '-', '_' or '.', at most 30");
        name: String = "Name", Kind::Text, required(), check(Check::Name),
            help("A name for people");
        kind: AddressBookKind = "Kind", Kind::Choice(&["customer", "employee"]), required(),
            help("customer (whom a store finds) or employee (who works there)");
    }
}

super::record::record! {
    /// A channel database group: channel databases that get the same data.
    pub struct ChannelDbGroup {
        id: String = "Channel database group", Kind::Key, required(), check(Check::Id),
            help("The group's id");
        description: String = "Description", Kind::Text, check(Check::Text(100)),
            help("A description for people");
    }
}

super::record::record! {
    /// A channel database: where stores read what headquarters sends them.
    pub struct ChannelDb {
        id: String = "Channel database", Kind::Key, required(), check(Check::Id),
            help("The channel database's id");
        group: String = "Group", Kind::Reference("channel_db_groups"), defaulted(),
            check(Check::Id), column("group_id"),
            help("The group it belongs to [default: Default]");
        description: String = "Description", Kind::Text, check(Check::Text(100)),
            help("A description for people");
        location: String = "Location", Kind::Text, check(Check::Text(1000)),
            help("A channel database of its own, made for it by channel-db init: a file (a relative path is read from the data file's folder), or a postgres:// URL of a database on a server [default: inside the data file]");
    }
}

super::record::record! {
    /// A store: a retail channel and operating unit of one legal entity. Its fields, described
    /// once: every face (flags and prompts, the environment file, JSON, the data file's
    /// columns, the channel's copy) is made from this list.
    pub struct Store {
        number: String = "Store number", Kind::Key, required(), check(Check::StoreNumber),
            help("The store number: 1 to 10 letters or digits");
        name: String = "Store name", Kind::Text, required(), check(Check::Name),
            help("The store's name");
        legal_entity: String = "Legal entity", Kind::Reference("legal_entities"), required(),
            fixed(), help("The legal entity the store belongs to (fixed once the store exists)");
        currency: String = "Currency", Kind::Code, required(), check(Check::Currency),
            help("ISO 4217 currency, e.g. USD");
        time_zone: String = "Time zone", Kind::Code, required(), check(Check::TimeZone),
            help("IANA time zone, e.g. America/Chicago");
        street: String = "Street", Kind::Text, required(), check(Check::Name),
            json("address.street"), help("Primary address: street");
        city: String = "City", Kind::Text, required(), check(Check::Name), json("address.city"),
            help("Primary address: city");
        state: Option<String> = "State", Kind::Text, check(Check::Text(60)),
            json("address.state"), help("Primary address: state or region");
        postal_code: Option<String> = "Postal code", Kind::Text, check(Check::Text(60)),
            json("address.postal_code"), help("Primary address: postal code");
        /// ISO 3166 alpha-2.
        country: String = "Country", Kind::Code, required(), defaulted(), check(Check::Country),
            json("address.country"),
            help("Primary address: ISO 3166 country [default: the legal entity's]");
        customer_address_books: Vec<String> = "Customer address books",
            Kind::Reference("address_books"), required(), many("customer_address_book"),
            edited(), refine("customer"), help("A customer address book (repeat for more; at least one)");
        employee_address_books: Vec<String> = "Employee address books",
            Kind::Reference("address_books"), required(), many("employee_address_book"),
            edited(), refine("employee"), help("An employee address book (repeat for more; at least one)");
        channel_db: String = "Channel database", Kind::Reference("channel_dbs"), defaulted(),
            check(Check::Id),
            json("channel_database"),
            help("The channel database the store reads from [default: Default]");
        /// The customer account new customers of this store inherit from (DOMAIN.md 2);
        /// customers come after their store's organisation, so it is set once they exist.
        default_customer: Option<String> = "Default customer", Kind::Reference("customers"),
            not_on_add(),
            help("The default customer new customers inherit from; it must be a customer of \
                  the store's legal entity");
        async_customer_creation: bool = "Create customers asynchronously", Kind::Bool,
            help("Functionality profile: create customers asynchronously");
        offline_customer_creation: bool = "Create customers offline", Kind::Bool,
            help("Functionality profile: allow creating customers while offline");
        /// The store's default screen layout (a register's or worker's layout beats it).
        screen_layout: Option<String> = "Screen layout", Kind::Reference("layouts"),
            not_on_add(), set_by("layout assign");
    }
}

impl Store {
    /// The rules a store's address books must meet: at least one customer and one employee
    /// address book, each of the right kind. `books` are the address books named, as found.
    pub(crate) fn check_address_books(&self, books: &[AddressBook]) -> Result<(), Invalid> {
        check_books(
            "customer_address_book",
            &self.customer_address_books,
            AddressBookKind::Customer,
            books,
        )?;
        check_books(
            "employee_address_book",
            &self.employee_address_books,
            AddressBookKind::Employee,
            books,
        )
    }
}

fn check_books(
    field: &str,
    ids: &[String],
    kind: AddressBookKind,
    books: &[AddressBook],
) -> Result<(), Invalid> {
    if ids.is_empty() {
        return Err(Invalid::new(
            field,
            "",
            format!("a store needs at least one {} address book", kind.as_str()),
        )
        .hint(
            Hint::from(format!("name one with {FIELD} ID (see "))
                .run(Cmd::new("address-book list"))
                .then(")"),
        ));
    }
    for id in ids {
        if let Some(book) = books.iter().find(|b| b.id.eq_ignore_ascii_case(id))
            && book.kind != kind
        {
            return Err(Invalid::new(
                field,
                id,
                format!(
                    "address book {} is {} {} address book, and {FIELD} takes {} address books",
                    book.id,
                    super::fix::a(book.kind.as_str()),
                    book.kind.as_str(),
                    kind.as_str()
                ),
            )
            .hint(Hint::to(
                &format!("list the {} address books with", kind.as_str()),
                Cmd::new("address-book list").set("kind", kind.as_str()),
            )));
        }
    }
    Ok(())
}

/// Adds the ids in `add` and drops those in `remove` (any case), keeping the order and no
/// duplicates.
pub(crate) fn edit_id_list(list: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in list.iter().chain(add) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(id))
            && !remove.iter().any(|r| r.eq_ignore_ascii_case(id))
        {
            out.push(id.clone());
        }
    }
    out
}

/// A store for unit tests: HOUSTON of USRT, one customer and one employee address book, its
/// default customer 100001, on channel database Default.
/// An address book's kind changed while stores or workers use it.
pub(crate) fn kind_in_use(book: &AddressBook, users: &[String]) -> Invalid {
    Invalid::refusal(
        super::validate::Refusal::Conflict,
        "",
        format!(
            "address book {} is used by {}; its kind cannot change while it is",
            book.id,
            users.join(", ")
        ),
    )
    .hint(super::fix::Hint::to(
        "take it off those stores first:",
        super::fix::Cmd::new("store set").ph("STORE").set(
            &format!("remove_{}_address_book", book.kind.as_str()),
            &book.id,
        ),
    ))
}

#[cfg(test)]
pub(crate) fn sample_store() -> Store {
    Store {
        number: "HOUSTON".into(),
        name: "Houston".into(),
        legal_entity: "USRT".into(),
        currency: "USD".into(),
        time_zone: "America/Chicago".into(),
        street: "1 Main St".into(),
        city: "Houston".into(),
        state: Some("TX".into()),
        postal_code: None,
        country: "US".into(),
        customer_address_books: vec!["HOUSTON-CUST".into()],
        employee_address_books: vec!["HOUSTON-EMP".into()],
        channel_db: "Default".into(),
        default_customer: Some("100001".into()),
        async_customer_creation: false,
        offline_customer_creation: false,
        screen_layout: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_books_kind_cannot_change_while_used() {
        let book = AddressBook {
            id: "HOUSTON-CUST".into(),
            name: "H".into(),
            kind: AddressBookKind::Customer,
        };
        let e = kind_in_use(&book, &["store HOUSTON".into()]);
        assert!(e.to_string().contains("is used by store HOUSTON"), "{e}");
        assert!(
            e.hints[0]
                .commands()
                .next()
                .unwrap()
                .sets("remove_customer_address_book")
        );
    }

    fn book(id: &str, kind: AddressBookKind) -> AddressBook {
        AddressBook {
            id: id.into(),
            name: id.into(),
            kind,
        }
    }

    fn store(cust: &[&str], emp: &[&str]) -> Store {
        Store {
            number: "S1".into(),
            name: "S".into(),
            legal_entity: "USRT".into(),
            currency: "USD".into(),
            time_zone: "UTC".into(),
            street: "1".into(),
            city: "c".into(),
            state: None,
            postal_code: None,
            country: "US".into(),
            customer_address_books: cust.iter().map(|s| s.to_string()).collect(),
            employee_address_books: emp.iter().map(|s| s.to_string()).collect(),
            channel_db: "Default".into(),
            default_customer: None,
            async_customer_creation: false,
            offline_customer_creation: false,
            screen_layout: None,
        }
    }

    #[test]
    fn a_store_needs_both_kinds_of_address_book() {
        let books = [
            book("C", AddressBookKind::Customer),
            book("E", AddressBookKind::Employee),
        ];
        assert!(store(&["C"], &["E"]).check_address_books(&books).is_ok());
        assert!(store(&[], &["E"]).check_address_books(&books).is_err());
        assert!(store(&["C"], &[]).check_address_books(&books).is_err());
    }

    #[test]
    fn an_address_book_of_the_wrong_kind_is_refused() {
        let books = [
            book("C", AddressBookKind::Customer),
            book("E", AddressBookKind::Employee),
        ];
        let err = store(&["E"], &["E"])
            .check_address_books(&books)
            .unwrap_err();
        assert_eq!(err.field, "customer_address_book");
        assert!(err.reason.contains("employee address book"));
    }

    #[test]
    fn edit_id_list_adds_removes_and_dedups_in_any_case() {
        let list = vec!["A".to_string(), "B".to_string()];
        let out = edit_id_list(&list, &["b".into(), "C".into()], &["a".into()]);
        assert_eq!(out, vec!["B".to_string(), "C".to_string()]);
    }
}
