//! Staff (DOMAIN.md 1, 7): POS permission groups, workers, and activity types.

use super::fix::{Cmd, FIELD, Hint};

use super::model::{Check, Kind};
use super::org::{AddressBook, AddressBookKind};
use super::validate::Invalid;

super::record::record! {
    /// A POS permission group: what its workers may do at the register.
    pub struct PermissionGroup {
        id: String = "Permission group", Kind::Key, required(), check(Check::Id),
            help("The group's id");
        description: String = "Description", Kind::Text, required(), check(Check::Name),
            help("What people see");
        /// The POS operations its members may run, by id.
        operations: Vec<u32> = "POS operations", Kind::Reference("operations"),
            many("operation"), not_on_add(), set_by("permission-group allow");
    }
}

super::record::record! {
    /// A worker (store associate).
    pub struct Worker {
        personnel_number: String = "Personnel number", Kind::Key, required(),
            check(Check::PersonnelNumber), help("The personnel number");
        name: String = "Name", Kind::Text, required(), check(Check::Name),
            help("The worker's name");
        permission_group: String = "Permission group", Kind::Reference("permission_groups"),
            required(), check(Check::Id), help("The POS permission group");
        employee_address_books: Vec<String> = "Employee address books",
            Kind::Reference("address_books"), required(), many("employee_address_book"),
            edited(), refine("employee"),
            help("An employee address book (repeat for more; at least one)");
        /// A screen layout for this worker (beats the register's and the store's).
        layout: Option<String> = "Screen layout", Kind::Reference("layouts"),
            help("The worker's own screen layout (beats the register's and the store's)");
    }
}

impl Worker {
    /// A worker belongs to stores through employee address books: at least one, each of kind
    /// employee.
    pub(crate) fn check_address_books(&self, books: &[AddressBook]) -> Result<(), Invalid> {
        if self.employee_address_books.is_empty() {
            return Err(Invalid::new(
                "employee_address_book",
                "",
                "a worker needs at least one employee address book",
            )
            .hint(
                Hint::from(format!("name one with {FIELD} ID (see "))
                    .run(Cmd::new("address-book list").set("kind", "employee"))
                    .then(")"),
            ));
        }
        for b in books {
            if b.kind != AddressBookKind::Employee {
                return Err(Invalid::new(
                    "employee_address_book",
                    &b.id,
                    format!(
                        "address book {} is {} {} address book, and {FIELD} takes employee address books",
                        b.id,
                        super::fix::a(b.kind.as_str()),
                        b.kind.as_str()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Whether the worker belongs to a store: they share an employee address book.
    pub(crate) fn belongs_to(&self, store_employee_books: &[String]) -> bool {
        self.employee_address_books.iter().any(|b| {
            store_employee_books
                .iter()
                .any(|s| s.eq_ignore_ascii_case(b))
        })
    }
}

/// A personnel number: 1 to 20 letters or digits.
pub(crate) fn personnel_number(field: &str, value: &str) -> Result<String, Invalid> {
    let ok = (1..=20).contains(&value.chars().count())
        && value.chars().all(|c| c.is_ascii_alphanumeric());
    if !ok {
        return Err(Invalid::new(
            field,
            value,
            "a personnel number is 1 to 20 letters or digits",
        ));
    }
    Ok(value.to_string())
}

super::record::record! {
    /// A clienteling activity type (`VISIT` Store visit, `EMAIL`, `PHONE`, `APPT` Appointment).
    pub struct ActivityType {
        id: String = "Activity type", Kind::Key, required(), check(Check::Id),
            help("The activity type's id");
        description: String = "Description", Kind::Text, required(), check(Check::Name),
            help("What people see");
    }
}

/// Said whenever activity types change: stores read them live from HQ but cache them.
pub(crate) const ACTIVITY_TYPE_CACHE_WARNING: &str = "stores read activity types live from HQ and cache them for a few hours: registers may show the old list until their cache expires (outside production, restarting the scale unit shows the new list at once)";

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(books: &[&str]) -> Worker {
        Worker {
            personnel_number: "000160".into(),
            name: "Ann Beebe".into(),
            employee_address_books: books.iter().map(|b| b.to_string()).collect(),
            permission_group: "MANAGER".into(),
            layout: None,
        }
    }

    #[test]
    fn a_worker_belongs_to_stores_that_share_an_employee_address_book() {
        let w = worker(&["HOUSTON-EMP"]);
        assert!(w.belongs_to(&["houston-emp".to_string()]));
        assert!(!w.belongs_to(&["SEATTLE-EMP".to_string()]));
    }

    #[test]
    fn a_worker_needs_employee_books_only() {
        let books = [AddressBook {
            id: "C".into(),
            name: "C".into(),
            kind: AddressBookKind::Customer,
        }];
        assert!(worker(&["C"]).check_address_books(&books).is_err());
        assert!(worker(&[]).check_address_books(&[]).is_err());
    }
}
