//! The POS operation catalogue (DOMAIN.md 7, 8): ids, names and flags as the product's
//! *Online and offline point of sale (POS) operations* article gives them.

use serde::Serialize;

use super::fix::{Cmd, Hint};
use super::validate::{Invalid, Refusal};

#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Operation {
    pub id: u32,
    pub name: &'static str,
    /// May be put on a button of a screen layout.
    pub user_operation: bool,
    /// Can be invoked from the transaction screen's button grids.
    pub transaction_screen: bool,
    /// Can be invoked from the welcome screen's button grids.
    pub welcome_screen: bool,
    /// Works while the POS is offline.
    pub offline: bool,
    /// The feature the operation needs, if any.
    pub feature: Option<&'static str>,
}

const fn op(
    id: u32,
    name: &'static str,
    user_operation: bool,
    transaction_screen: bool,
    welcome_screen: bool,
    offline: bool,
) -> Operation {
    Operation {
        id,
        name,
        user_operation,
        transaction_screen,
        welcome_screen,
        offline,
        feature: None,
    }
}

const fn clienteling(id: u32, name: &'static str, welcome_screen: bool) -> Operation {
    Operation {
        id,
        name,
        user_operation: true,
        transaction_screen: false,
        welcome_screen,
        offline: false,
        feature: Some("clienteling"),
    }
}

/// The operations hq knows, by id.
pub(crate) const OPERATIONS: &[Operation] = &[
    op(100, "Product sale", true, true, true, true),
    op(101, "Price check", true, true, true, true),
    op(102, "Void product", true, true, false, true),
    op(108, "Product search", true, true, true, true),
    op(114, "Return transaction", true, true, true, true),
    op(115, "Show journal", true, true, true, true),
    op(117, "Add loyalty card", true, true, false, true),
    op(134, "Add affiliation", true, true, false, true),
    op(135, "Add affiliation from list", true, true, true, true),
    op(600, "Customer", false, false, false, true),
    op(602, "Customer search", true, true, true, true),
    op(603, "Customer clear", true, true, false, true),
    op(612, "Customer add", true, true, true, true),
    op(620, "Create customer order", true, true, false, true),
    op(623, "Edit customer", true, true, false, false),
    op(625, "Issue loyalty card", true, true, true, false),
    op(700, "Log on", false, false, false, true),
    op(701, "Log off", true, true, true, true),
    op(703, "Lock register", true, true, true, true),
    clienteling(712, "View customers in client book", true),
    clienteling(713, "View customers from store client books", true),
    clienteling(714, "Add customer to client book", false),
    clienteling(715, "Remove customers from client book", false),
    clienteling(716, "Reassign customers to a client book", false),
    op(717, "Health check", true, false, true, true),
    op(801, "Inventory lookup", true, true, true, false),
];

pub(crate) fn find(id: u32) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.id == id)
}

// ---- what a store's channel database must hold for an associate (DOMAIN.md 10) ----

/// The job run that carries what a channel database lacks.
pub(crate) fn run_job(job: u32, cdb: &str) -> Cmd {
    Cmd::new("job run")
        .arg(job.to_string())
        .set("channel_db", cdb)
}

/// What a channel database has not received yet.
pub(crate) enum Undelivered<'a> {
    Store(&'a str),
    Worker(&'a str),
    /// A store's default customer (`store`, `account`).
    DefaultCustomer(&'a str, &'a str),
    /// The customer group of a store's default customer.
    DefaultCustomerGroup(&'a str),
}

/// The refusal for what `cdb` has not received, with the job that carries it.
pub(crate) fn undelivered(what: Undelivered, cdb: &str) -> Invalid {
    let (message, lead, job) = match what {
        Undelivered::Store(s) => (
            format!("store {s} is not in its channel database {cdb} yet"),
            "distribute it with",
            1070,
        ),
        Undelivered::Worker(w) => (
            format!("worker {w} is not in channel database {cdb} yet"),
            "distribute staff with",
            1060,
        ),
        Undelivered::DefaultCustomer(s, account) => (
            format!(
                "the default customer {account} of store {s} has not reached channel database {cdb}"
            ),
            "distribute customers with",
            1010,
        ),
        Undelivered::DefaultCustomerGroup(g) => (
            format!(
                "customer group {g} of the default customer has not reached channel database {cdb}"
            ),
            "distribute customers with",
            1010,
        ),
    };
    Invalid::rule(message).hint(Hint::to(lead, run_job(job, cdb)))
}

/// A worker who shares no employee address book with the store in its channel database;
/// `in_hq`: they share one in HQ, not yet distributed.
pub(crate) fn not_at_store(worker: &str, store: &str, cdb: &str, in_hq: bool) -> Invalid {
    let e = Invalid::rule(format!(
        "worker {worker} does not belong to store {store}: they share no employee address book in channel database {cdb}"
    ));
    if in_hq {
        e.hint(
            Hint::to(
                "HQ has them sharing one now; distribute it with",
                run_job(1060, cdb),
            )
            .then(" and ")
            .run(run_job(1070, cdb)),
        )
    } else {
        e.hint(Hint::to(
            "give the worker one of the store's employee address books:",
            Cmd::new("worker set")
                .arg(worker)
                .set_ph("add_employee_address_book", "BOOK"),
        ))
    }
}

/// An operation of clienteling where the feature is not on at the store; `enabled_in_hq`: it is
/// on in HQ, not yet distributed.
pub(crate) fn needs_clienteling(name: &str, cdb: &str, enabled_in_hq: bool) -> Invalid {
    if enabled_in_hq {
        Invalid::rule(format!(
            "operation {name} needs Clienteling: it is enabled in HQ but job 1110 has not carried it to channel database {cdb}"
        ))
        .hint(Hint::to("run", run_job(1110, cdb)))
    } else {
        Invalid::rule(format!(
            "operation {name} needs the Clienteling feature, which is not enabled"
        ))
        .hint(
            Hint::to(
                "enable it with",
                Cmd::new("feature enable").arg("clienteling"),
            )
            .then(", then run ")
            .run(run_job(1110, cdb)),
        )
    }
}

/// What a new customer was given needs a feature that is on in HQ but not yet at the store:
/// the store judges by what its channel database received.
pub(crate) fn feature_undelivered(what: &str, feature: &str, cdb: &str, job: u32) -> Invalid {
    Invalid::rule(format!(
        "{what} needs the feature \"{feature}\": it is enabled in HQ but job {job} has not carried it to channel database {cdb}"
    ))
    .hint(Hint::to("run", run_job(job, cdb)))
}

/// What a customer search at the store looks for: some text (trimmed).
pub(crate) fn search_text(text: &str) -> Result<String, Invalid> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Invalid::new(
            "TEXT",
            text,
            "give the start of a name, email, phone number or account",
        ));
    }
    Ok(t.to_string())
}

/// A client book change naming no customer.
pub(crate) fn no_accounts() -> Invalid {
    Invalid::refusal(
        super::validate::Refusal::Usage,
        "ACCOUNT",
        "name at least one customer account",
    )
}

/// An operation the worker's permission group is not allowed, as distributed.
pub(crate) fn not_allowed(name: &str, op: u32, group: &str, worker: &str, cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "operation {name} is not allowed to permission group {group} (worker {worker}), as distributed to channel database {cdb}"
    ))
    .hint(
        Hint::to(
            "allow it with",
            Cmd::new("permission-group allow")
                .arg(group)
                .arg(op.to_string()),
        )
        .then(", then run ")
        .run(run_job(1060, cdb)),
    )
}

/// An operation that needs a button where the store has no screen layout, as distributed.
pub(crate) fn no_layout(name: &str, store: &str, cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "operation {name} needs a button, and store {store} has no screen layout in channel database {cdb}"
    ))
    .hint(
        Hint::to(
            "assign one with",
            Cmd::new("layout assign").ph("LAYOUT").set("store", store),
        )
        .then(", then run ")
        .run(run_job(1070, cdb))
        .then(" and ")
        .run(run_job(1090, cdb)),
    )
}

/// An operation with no button on the layout in effect, as distributed.
pub(crate) fn no_button(name: &str, op: u32, layout: &str, cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "operation {name} has no button on screen layout {layout}, as distributed to channel database {cdb}"
    ))
    .hint(
        Hint::to(
            "add one with",
            Cmd::new("layout button add")
                .arg(layout)
                .set("operation", op.to_string()),
        )
        .then(", then run ")
        .run(run_job(1090, cdb)),
    )
}

/// Client books without a client book attribute group, as distributed.
pub(crate) fn no_client_book_group(cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "no client book attribute group is set, as distributed to channel database {cdb}"
    ))
    .hint(
        Hint::to(
            "set one with",
            Cmd::new("param set").set_ph("client_book_attribute_group", "GROUP"),
        )
        .then(", then run ")
        .run(run_job(1110, cdb)),
    )
}

/// Offline (a register without its channel database), a store creates customers only when its
/// functionality profile allows it, as delivered.
pub(crate) fn offline_creation_off(store: &str, cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "store {store} does not allow creating customers offline (its functionality profile's \"Create customers offline\", as delivered to channel database {cdb})"
    ))
    .hint(
        Hint::to(
            "allow it with",
            Cmd::new("store set")
                .arg(store)
                .switch("offline_customer_creation"),
        )
        .then(", then run ")
        .run(run_job(1070, cdb)),
    )
}

/// Offline, a register has only what creating a customer needs.
pub(crate) fn not_offline(what: &str) -> Invalid {
    Invalid::rule(format!(
        "{what} is not available offline: the register works without its channel database, and creates customers only (as async customers, when the store allows it)"
    ))
}

/// What the store face cannot do on its channel database file alone (`hq pos --channel-db`):
/// the product reads or writes it live in headquarters, through the real-time service (exit 3).
pub(crate) fn needs_headquarters(what: &str) -> Invalid {
    Invalid::rule(format!(
        "{what} needs headquarters (the real-time service): the store is working on its channel database file alone"
    ))
    .hint(format!(
        "run it where headquarters' data file is, without {}",
        super::fix::field("channel_db")
    ))
}

/// A customer made at a store that creates customers in headquarters, while the store works
/// on its channel database file alone (exit 3): that is a real-time call.
pub(crate) fn creates_in_headquarters(store: &str) -> Invalid {
    Invalid::rule(format!(
        "creating a customer at store {store} needs headquarters (the real-time service): the store creates customers in headquarters, not asynchronously, and is working on its channel database file alone"
    ))
    .hint(Hint::to(
        "a store that creates customers asynchronously keeps them in its channel database until they sync:",
        Cmd::new("store set")
            .arg(store)
            .switch("async_customer_creation"),
    ))
}

/// A store whose rows a channel database file holds, though it reads another channel
/// database (exit 3): the store works on its own channel database.
pub(crate) fn store_of_another_channel_db(store: &str, its: &str, file: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "store",
        format!(
            "store {store} reads channel database {its}, not {file}: it works on its own channel database's file"
        ),
    )
    .hint(Hint::to(
        "headquarters says where that file is with",
        Cmd::new("channel-db show").arg(its),
    ))
}

/// A customer the store's channel database file does not hold, when the store works alone
/// (exit 4): job 1010 has not delivered them there (or they are not a customer at all).
pub(crate) fn not_in_channel_db(account: &str, cdb: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "ACCOUNT",
        format!("there is no customer {account} in channel database {cdb}"),
    )
    .hint(Hint::to(
        "a customer reaches the store when headquarters runs",
        run_job(1010, cdb),
    ))
}

/// A store without a default customer in its channel database cannot create customers.
pub(crate) fn no_default_customer(store: &str, cdb: &str) -> Invalid {
    Invalid::rule(format!(
        "store {store} has no default customer in channel database {cdb}, so it cannot create customers"
    ))
    .hint(
        Hint::to(
            "set one with",
            Cmd::new("store set")
                .arg(store)
                .set_ph("default_customer", "ACCOUNT"),
        )
        .then(", then run ")
        .run(run_job(1070, cdb)),
    )
}

/// A worker's own client book, before their first customer.
pub(crate) fn no_book_yet(worker: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("worker {worker} has no client book yet"),
    )
}

/// A customer not in the worker's client book.
pub(crate) fn not_in_book(account: &str, book: &str, worker: &str, store: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("customer {account} is not in client book {book} of worker {worker}"),
    )
    .hint(Hint::to(
        "see the book with",
        Cmd::new("pos")
            .set("store", store)
            .set("worker", worker)
            .subcommand("clientbook view"),
    ))
}

/// Any associate of a legal entity sees its customers' activities and notes, no one else.
pub(crate) fn check_customer_here(
    account: &str,
    customer_legal_entity: &str,
    store: &str,
    store_legal_entity: &str,
) -> Result<(), Invalid> {
    if !customer_legal_entity.eq_ignore_ascii_case(store_legal_entity) {
        return Err(Invalid::new(
            "ACCOUNT",
            account,
            format!(
                "customer {account} belongs to legal entity {customer_legal_entity}, and store {store} to {store_legal_entity}"
            ),
        ));
    }
    Ok(())
}

/// The text of an activity or note: not empty, one line, at most 1,000 characters.
pub(crate) fn note_text(text: &str) -> Result<String, Invalid> {
    if text.trim().is_empty() {
        return Err(Invalid::new("text", text, "it must not be empty"));
    }
    super::validate::text("text", text, 1000)
}

/// An operation id the catalogue does not have.
pub(crate) fn unknown_operation(id: u32) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("operation {id} does not exist"),
    )
    .hint(Hint::to(
        "see the operations with",
        Cmd::new("operation list"),
    ))
}

/// A reassignment to a worker who cannot work at this store (`why`: as signing them in said).
pub(crate) fn cannot_reassign_to(worker: &str, why: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "to",
        format!("cannot reassign to worker {worker}: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reassignment_to_a_worker_of_no_use_here_names_the_field() {
        let e = cannot_reassign_to(
            "000999",
            "worker 000999 is not in channel database Default yet",
        );
        assert_eq!(e.field, "to");
        assert!(
            e.to_string()
                .starts_with("cannot reassign to worker 000999: worker")
        );
    }

    /// What a store's channel database lacks is refused with the job (or the change, then the
    /// job) that carries it.
    #[test]
    fn what_the_store_lacks_is_refused_with_the_job_that_carries_it() {
        let job_of = |e: &Invalid| -> Vec<String> {
            e.hints
                .iter()
                .flat_map(|h| h.commands())
                .map(|c| c.path())
                .collect()
        };
        for (e, says, commands) in [
            (
                undelivered(Undelivered::Store("HOUSTON"), "Default"),
                "store HOUSTON is not in its channel database Default yet",
                vec!["job run"],
            ),
            (
                undelivered(Undelivered::Worker("000160"), "Default"),
                "worker 000160 is not in",
                vec!["job run"],
            ),
            (
                undelivered(Undelivered::DefaultCustomer("HOUSTON", "100001"), "D"),
                "default customer 100001",
                vec!["job run"],
            ),
            (
                undelivered(Undelivered::DefaultCustomerGroup("30"), "D"),
                "customer group 30",
                vec!["job run"],
            ),
            (
                not_at_store("1", "HOUSTON", "D", true),
                "share no employee address book",
                vec!["job run", "job run"],
            ),
            (
                not_at_store("1", "HOUSTON", "D", false),
                "share no employee address book",
                vec!["worker set"],
            ),
            (
                needs_clienteling("712 (View)", "D", true),
                "job 1110 has not carried it",
                vec!["job run"],
            ),
            (
                needs_clienteling("712 (View)", "D", false),
                "which is not enabled",
                vec!["feature enable", "job run"],
            ),
            (
                not_allowed("714", 714, "CLIENTELING", "1", "D"),
                "not allowed to permission group CLIENTELING",
                vec!["permission-group allow", "job run"],
            ),
            (
                no_layout("712", "HOUSTON", "D"),
                "no screen layout",
                vec!["layout assign", "job run", "job run"],
            ),
            (
                no_button("712", 712, "L", "D"),
                "no button on screen layout L",
                vec!["layout button add", "job run"],
            ),
            (
                no_client_book_group("D"),
                "no client book attribute group",
                vec!["param set", "job run"],
            ),
            (
                no_default_customer("HOUSTON", "D"),
                "cannot create customers",
                vec!["store set", "job run"],
            ),
            (
                not_in_book("100003", "CB-1", "1", "HOUSTON"),
                "not in client book CB-1",
                vec!["pos clientbook view"],
            ),
        ] {
            assert!(e.to_string().contains(says), "{e}");
            assert_eq!(job_of(&e), commands, "{e}");
        }
        assert_eq!(no_book_yet("1").kind, Refusal::NotFound);
        assert!(check_customer_here("1", "USRT", "S", "usrt").is_ok());
        assert_eq!(
            check_customer_here("1", "DEMF", "S", "USRT")
                .unwrap_err()
                .field,
            "ACCOUNT"
        );
        assert_eq!(note_text("  ").unwrap_err().field, "text");
        assert_eq!(note_text("Called back").unwrap(), "Called back");
    }

    #[test]
    fn ids_are_unique_and_sorted() {
        for pair in OPERATIONS.windows(2) {
            assert!(
                pair[0].id < pair[1].id,
                "{} then {}",
                pair[0].id,
                pair[1].id
            );
        }
    }

    #[test]
    fn client_book_operations_need_clienteling() {
        for id in 712..=716 {
            assert_eq!(find(id).unwrap().feature, Some("clienteling"));
        }
        assert!(!find(600).unwrap().user_operation);
        assert!(find(612).unwrap().user_operation);
    }

    #[test]
    fn a_feature_enabled_in_hq_but_not_delivered_says_which_job_carries_it() {
        let e = feature_undelivered("a second email", "Capture multiple emails", "Default", 1110);
        assert!(
            e.to_string().contains(
                "a second email needs the feature \"Capture multiple emails\": it is enabled in HQ but job 1110 has not carried it to channel database Default"
            ),
            "{e}"
        );
        assert!(e.hints[0].commands().next().is_some());
    }
}
