//! Fake customers for `hq seed`: names, emails, phone numbers and addresses from the `fake`
//! crate, drawn from a generator seeded by the caller, so that the same seed gives the same
//! data (with the same hq version).

use fake::Fake;
use fake::faker::address::en::{BuildingNumber, CityName, StateAbbr, StreetName};
use fake::faker::company::en::CompanyName;
use fake::faker::name::en::{FirstName, LastName};
use fake::rand::rngs::StdRng;
use fake::rand::{RngExt, SeedableRng};

/// Area codes in use in the North American numbering plan (so generated numbers validate).
const AREA_CODES: &[u16] = &[
    201, 202, 206, 212, 213, 214, 303, 305, 312, 404, 415, 503, 512, 602, 617, 702, 713, 718, 804,
    813, 832, 901, 919, 949,
];

const ACTIVITY_TEXTS: &[&str] = &[
    "Looked at the new season's handbags",
    "Asked to be told when the boots come back in size 8",
    "Bought a watch as a gift",
    "Prefers appointments in the morning",
    "Called about an alteration",
    "Interested in the loyalty programme",
    "Returned a scarf, kept the gloves",
    "Wants a personal styling session",
];

/// One generated customer's own values (the rest comes from the store's default customer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub first_name: String,
    pub last_name: String,
    pub organization_name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
}

pub(crate) struct Generator {
    rng: StdRng,
}

impl Generator {
    pub(crate) fn new(seed: u64) -> Generator {
        Generator {
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// A customer; `n` makes the email unique.
    pub(crate) fn person(&mut self, n: u64) -> Person {
        let r = &mut self.rng;
        let first_name: String = FirstName().fake_with_rng(r);
        let last_name: String = LastName().fake_with_rng(r);
        let organization_name: String = CompanyName().fake_with_rng(r);
        let local: String = format!("{first_name}.{last_name}")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect::<String>()
            .to_lowercase();
        let area = AREA_CODES[r.random_range(0..AREA_CODES.len())];
        let exchange: u16 = r.random_range(201..=999);
        // 555-01XX is the block set aside for fiction; other exchanges are ordinary numbers.
        let line: u16 = r.random_range(0..=9999);
        let building: String = BuildingNumber().fake_with_rng(r);
        let street: String = StreetName().fake_with_rng(r);
        Person {
            email: format!("{local}.{n}@example.com"),
            phone: format!("+1{area}{exchange:03}{line:04}"),
            street: format!("{building} {street}"),
            city: CityName().fake_with_rng(r),
            state: StateAbbr().fake_with_rng(r),
            postal_code: format!("{:05}", r.random_range(1001..99951u32)),
            first_name,
            last_name,
            organization_name,
        }
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.rng.random_range(0..n)
        }
    }

    /// An activity's text.
    pub(crate) fn activity_text(&mut self) -> &'static str {
        ACTIVITY_TEXTS[self.below(ACTIVITY_TEXTS.len())]
    }
}

// ---- what seeding asks of the environment ----

use super::fix::{Cmd, FIELD, Hint, field};
use super::validate::{Invalid, Refusal};

/// The options of a seed: some customers; activities only with client books.
pub(crate) fn check_options(
    customers: u64,
    activities: bool,
    client_books: bool,
) -> Result<(), Invalid> {
    if customers == 0 {
        return Err(Invalid::refusal(
            Refusal::Usage,
            "customers",
            format!("{FIELD} must be 1 or more"),
        ));
    }
    if activities && !client_books {
        return Err(Invalid::refusal(
            Refusal::Usage,
            "activities",
            format!(
                "{FIELD} needs {}: activities are recorded by the worker whose book holds the customer",
                field("client_books")
            ),
        ));
    }
    Ok(())
}

/// No store can create customers (none has a default customer).
pub(crate) fn no_store_with_default_customer() -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "store",
        "no store has a default customer, so there is nothing for new customers to inherit",
    )
    .hint(
        Hint::to(
            "give a store one with",
            Cmd::new("store set")
                .ph("STORE")
                .set_ph("default_customer", "ACCOUNT"),
        )
        .then(format!(", or name a store with {FIELD}")),
    )
}

/// Client books at a store with no worker.
pub(crate) fn no_workers(store: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "client_books",
        format!("store {store} has no workers, so its customers cannot go into client books"),
    )
    .hint(
        Hint::to(
            "add one with",
            Cmd::new("worker add")
                .ph("ID")
                .set_ph("name", "NAME")
                .set_ph("employee_address_book", "BOOK")
                .set_ph("permission_group", "GROUP"),
        )
        .then(format!(" (a book of store {store}), or leave out {FIELD}")),
    )
}

/// Activities with no activity type to record them with.
pub(crate) fn no_activity_types() -> Invalid {
    Invalid::rule("there are no activity types to record activities with").hint(Hint::to(
        "add one with",
        Cmd::new("activity-type add")
            .arg("VISIT")
            .set("description", "Store visit"),
    ))
}

/// More customers than a legal entity's account sequence has numbers left.
pub(crate) fn too_few_accounts(
    customers: u64,
    legal_entity: &str,
    needed: u64,
    s: &super::numseq::NumberSequence,
) -> Option<Invalid> {
    if needed <= s.remaining() {
        return None;
    }
    let at_capacity =
        s.largest >= super::numseq::capacity(super::numseq::digits(&s.format).unwrap_or(18));
    Some(
        Invalid::refusal(
            Refusal::Invalid,
            "customers",
            format!(
                "invalid value {customers} for {FIELD}: legal entity {legal_entity} would need {}, and its number sequence {} has {} left ({} to {})",
                super::fix::count(needed, "accounts"),
                s.code,
                s.remaining(),
                s.next.min(s.largest),
                s.largest
            ),
        )
        .hint(if at_capacity {
            Hint::from(format!(
                "seed fewer customers, or assign customer_account a sequence whose format has more # digits than {}",
                s.format
            ))
        } else {
            Hint::to(
                "seed fewer customers, or raise the sequence's largest number:",
                Cmd::new("numseq set").arg(&s.code).set_ph("largest", "N"),
            )
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_seed_asks_of_the_environment_is_refused_with_the_fix() {
        let e = check_options(0, false, false).unwrap_err();
        assert_eq!((e.field.as_str(), e.kind), ("customers", Refusal::Usage));
        let e = check_options(5, true, false).unwrap_err();
        assert_eq!(e.field, "activities");
        assert!(e.to_string().contains("{field:client_books}"), "{e}");
        assert!(check_options(5, true, true).is_ok());
        assert_eq!(no_store_with_default_customer().field, "store");
        assert_eq!(no_workers("HOUSTON").field, "client_books");
        assert!(
            no_activity_types().hints[0]
                .commands()
                .next()
                .unwrap()
                .path()
                == "activity-type add"
        );
        let mut s = crate::domain::numseq::NumberSequence {
            code: "C".into(),
            name: "C".into(),
            scope: crate::domain::numseq::Scope::Shared,
            legal_entity: None,
            format: "######".into(),
            smallest: 1,
            largest: 999_999,
            next: 999_990,
            manual: false,
            continuous: false,
            stopped: false,
        };
        assert!(too_few_accounts(5, "USRT", 5, &s).is_none());
        let e = too_few_accounts(50, "USRT", 50, &s).unwrap();
        assert!(e.to_string().contains("has 10 left"), "{e}");
        assert!(format!("{:?}", e.hints).contains("more # digits"));
        s.largest = 999_995;
        let e = too_few_accounts(50, "USRT", 50, &s).unwrap();
        assert!(e.hints[0].commands().next().unwrap().sets("largest"));
    }
    use crate::domain::customer::{email, phone};

    #[test]
    fn the_same_seed_gives_the_same_people_and_another_seed_others() {
        let a: Vec<Person> = (0..20)
            .map({
                let mut g = Generator::new(7);
                move |n| g.person(n)
            })
            .collect();
        let b: Vec<Person> = (0..20)
            .map({
                let mut g = Generator::new(7);
                move |n| g.person(n)
            })
            .collect();
        let c: Vec<Person> = (0..20)
            .map({
                let mut g = Generator::new(8);
                move |n| g.person(n)
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_emails_and_phone_numbers_pass_the_customer_rules() {
        let mut g = Generator::new(1);
        for n in 0..2000 {
            let p = g.person(n);
            assert_eq!(email("email", &p.email).unwrap(), p.email);
            assert_eq!(phone("phone", &p.phone, "US").unwrap(), p.phone, "{p:?}");
            assert!(!p.first_name.is_empty() && !p.city.is_empty(), "{p:?}");
        }
    }
}
