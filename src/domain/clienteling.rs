//! Clienteling at the store (DOMAIN.md 7): client books, activities, notes, the customer card.

use super::fix::{Cmd, Hint, field};
use serde::Serialize;

use crate::domain::attribute::GroupMember;
use crate::domain::validate::{Invalid, Refusal};

/// The POS operations of customer management and clienteling (DOMAIN.md 7).
pub(crate) const OP_CUSTOMER_ADD: u32 = 612;
pub(crate) const OP_EDIT_CUSTOMER: u32 = 623;
pub(crate) const OP_VIEW_CLIENT_BOOK: u32 = 712;
pub(crate) const OP_VIEW_STORE_CLIENT_BOOKS: u32 = 713;
pub(crate) const OP_ADD_TO_CLIENT_BOOK: u32 = 714;
pub(crate) const OP_REMOVE_FROM_CLIENT_BOOK: u32 = 715;
pub(crate) const OP_REASSIGN_CLIENT_BOOK: u32 = 716;

/// Operations that need the Clienteling feature.
pub(crate) fn needs_clienteling(op: u32) -> bool {
    (712..=716).contains(&op)
}

/// Operations a worker reaches from a button on the screen layout.
pub(crate) fn needs_button(op: u32) -> bool {
    op == OP_VIEW_CLIENT_BOOK || op == OP_VIEW_STORE_CLIENT_BOOKS
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ClientBook {
    pub id: String,
    pub worker: String,
    pub legal_entity: String,
    pub created_at: String,
    /// How many customers it holds (`hq clientbook show` pages through them).
    pub customer_count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Activity {
    pub id: i64,
    pub account: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub worker: String,
    pub at: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Note {
    pub id: i64,
    pub account: String,
    pub worker: String,
    pub at: String,
    pub text: String,
}

/// One line of a customer's timeline: an activity or a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TimelineEntry {
    /// `activity` or `note`.
    pub kind: &'static str,
    pub id: i64,
    pub at: String,
    /// The activity type (none for a note).
    #[serde(rename = "type")]
    pub activity_type: Option<String>,
    pub worker: String,
    pub text: String,
}

/// Activities and notes as one timeline, newest first (at the same moment, the later recorded
/// first).
pub(crate) fn merge_timeline(activities: &[Activity], notes: &[Note]) -> Vec<TimelineEntry> {
    let mut all: Vec<TimelineEntry> = activities
        .iter()
        .map(|a| TimelineEntry {
            kind: "activity",
            id: a.id,
            at: a.at.clone(),
            activity_type: Some(a.kind.clone()),
            worker: a.worker.clone(),
            text: a.text.clone(),
        })
        .chain(notes.iter().map(|n| TimelineEntry {
            kind: "note",
            id: n.id,
            at: n.at.clone(),
            activity_type: None,
            worker: n.worker.clone(),
            text: n.text.clone(),
        }))
        .collect();
    all.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    all
}

/// One property on the customer card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CardProperty {
    pub name: String,
    /// What the card shows: an attribute's friendly name, else its name.
    pub label: String,
    pub value: Option<String>,
    /// `insights` (a Customer Insights measure) or `client_book_attribute`.
    pub source: &'static str,
}

/// The card shows three properties: the selected Customer Insights measures first, then the
/// client book attributes by display order (DOMAIN.md 7). `measures` are the selected measures
/// with the customer's values; `attributes` are the group's members (sorted by display order)
/// with their friendly names and the customer's values.
pub(crate) fn card_properties(
    measures: &[(String, Option<String>)],
    attributes: &[(GroupMember, Option<String>, Option<String>)],
) -> Vec<CardProperty> {
    let from_measures = measures.iter().map(|(name, value)| CardProperty {
        name: name.clone(),
        label: name.clone(),
        value: value.clone(),
        source: "insights",
    });
    let from_attributes = attributes.iter().map(|(m, friendly, value)| CardProperty {
        name: m.attribute.clone(),
        label: friendly.clone().unwrap_or_else(|| m.attribute.clone()),
        value: value.clone(),
        source: "client_book_attribute",
    });
    from_measures.chain(from_attributes).take(3).collect()
}

// ---- the rules of the client book use cases, over loaded facts ----

/// A client book named by its id that does not exist.
pub(crate) fn no_such_book(id: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "ID",
        format!("client book {id:?} does not exist (given by ID)"),
    )
    .hint(Hint::to(
        "see the client books with",
        Cmd::new("clientbook list"),
    ))
}

/// A customer is in one client book at most.
pub(crate) fn in_other_book(account: &str, book: &str, worker: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!(
            "customer {account} is already in client book {book} of worker {worker}; a customer is in one client book at most"
        ),
    )
    .hint(
        Hint::to(
            "move it with",
            Cmd::new("clientbook reassign")
                .arg(account)
                .set_ph("to", "WORKER"),
        )
        .then(" (POS: operation 716)"),
    )
}

/// A client book holds customers of its own legal entity.
pub(crate) fn check_customer_of_book(
    account: &str,
    customer_legal_entity: &str,
    book_legal_entity: &str,
) -> Result<(), Invalid> {
    if !customer_legal_entity.eq_ignore_ascii_case(book_legal_entity) {
        return Err(Invalid::new(
            "ACCOUNT",
            account,
            format!(
                "customer {account} belongs to legal entity {customer_legal_entity}, and this client book to {book_legal_entity}"
            ),
        ));
    }
    Ok(())
}

/// Reassigning a customer in no client book.
pub(crate) fn in_no_book(account: &str) -> Invalid {
    Invalid::rule(format!(
        "customer {account} is in no client book, so there is nothing to reassign"
    ))
    .hint("add it to a client book instead (POS: operation 714)")
}

/// Reassigning "from" a worker a customer who is not in that worker's client books.
pub(crate) fn not_in_workers_books(account: &str, worker: &str, holder: Option<&str>) -> Invalid {
    let now = match holder {
        Some(w) => format!("it is in worker {w}'s"),
        None => "it is in no client book".to_string(),
    };
    Invalid::new(
        "from",
        worker,
        format!("customer {account} is not in a client book of worker {worker}: {now}"),
    )
}

/// A reassignment naming no customer: give accounts, or the worker whose customers all move.
pub(crate) fn nothing_to_reassign() -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "ACCOUNT",
        format!(
            "name the customers to reassign, or {} to move all of a worker's",
            field("from")
        ),
    )
}

/// Reassigning to a worker with no store in the customer's legal entity: a client book of
/// theirs there would be seen at no store.
pub(crate) fn no_store_there(worker: &str, legal_entity: &str) -> Invalid {
    Invalid::new(
        "to",
        worker,
        format!(
            "worker {worker} has no store in legal entity {legal_entity}, the customer's, so a client book of theirs there would be seen at no store"
        ),
    )
    .hint(Hint::to(
        &format!(
            "choose a worker of a {legal_entity} store, or give this one a store's employee address book:"
        ),
        Cmd::new("worker set")
            .arg(worker)
            .set_ph("add_employee_address_book", "BOOK"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_book_use_cases_refusals_are_the_domains() {
        use crate::domain::validate::Refusal;
        let e = no_such_book("CB-9");
        assert_eq!((e.kind, e.field.as_str()), (Refusal::NotFound, "ID"));
        let e = in_other_book("100003", "CB-1", "000160");
        assert_eq!(e.kind, Refusal::Conflict);
        assert!(e.to_string().contains("one client book at most"), "{e}");
        assert_eq!(
            e.hints[0].commands().next().unwrap().path(),
            "clientbook reassign"
        );
        assert!(check_customer_of_book("1", "USRT", "usrt").is_ok());
        assert_eq!(
            check_customer_of_book("1", "DEMF", "USRT")
                .unwrap_err()
                .field,
            "ACCOUNT"
        );
        assert!(in_no_book("1").to_string().contains("nothing to reassign"));
        let e = no_store_there("000161", "USRT");
        assert_eq!((e.field.as_str(), e.value.as_str()), ("to", "000161"));
        assert!(
            e.hints[0]
                .commands()
                .next()
                .unwrap()
                .sets("add_employee_address_book")
        );
    }

    #[test]
    fn a_timeline_merges_activities_and_notes_newest_first() {
        let a = |id, at: &str| Activity {
            id,
            account: "1".into(),
            kind: "VISIT".into(),
            worker: "W".into(),
            at: at.into(),
            text: format!("a{id}"),
        };
        let n = |id, at: &str| Note {
            id,
            account: "1".into(),
            worker: "W".into(),
            at: at.into(),
            text: format!("n{id}"),
        };
        let t = merge_timeline(
            &[a(1, "2026-01-01T10:00:00Z"), a(2, "2026-01-03T10:00:00Z")],
            &[n(1, "2026-01-02T10:00:00Z"), n(2, "2026-01-04T10:00:00Z")],
        );
        let texts: Vec<&str> = t.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["n2", "a2", "n1", "a1"]);
        assert_eq!(t[0].kind, "note");
        assert_eq!(t[1].activity_type.as_deref(), Some("VISIT"));
    }

    fn member(name: &str, order: i64, refinable: bool) -> GroupMember {
        GroupMember {
            attribute: name.into(),
            order,
            refinable,
        }
    }

    #[test]
    fn the_card_shows_measures_first_then_attributes_three_in_all() {
        let measures = vec![("Lifetime value".to_string(), Some("1200".to_string()))];
        let attrs = vec![
            (
                member("PreferredCategory", 1, true),
                Some("Preferred category".to_string()),
                Some("Handbags".to_string()),
            ),
            (member("AnnualSpend", 2, true), None, None),
            (
                member("Birthday", 3, false),
                None,
                Some("1990-01-01".to_string()),
            ),
        ];
        let card = card_properties(&measures, &attrs);
        let names: Vec<&str> = card.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Lifetime value", "PreferredCategory", "AnnualSpend"]
        );
        assert_eq!(card[0].source, "insights");
        assert_eq!(card[2].value, None);
        assert_eq!(card[1].label, "Preferred category");
        assert_eq!(card[2].label, "AnnualSpend");
        assert_eq!(card[1].label, "Preferred category");
        assert_eq!(card[2].label, "AnnualSpend");
        let four = vec![
            ("A".to_string(), None),
            ("B".to_string(), None),
            ("C".to_string(), None),
            ("D".to_string(), None),
        ];
        assert_eq!(card_properties(&four, &attrs).len(), 3);
        assert!(
            card_properties(&four, &attrs)
                .iter()
                .all(|p| p.source == "insights")
        );
    }

    #[test]
    fn operations_712_to_716_need_clienteling_and_only_views_need_buttons() {
        assert!(needs_clienteling(714) && !needs_clienteling(612));
        assert!(needs_button(712) && needs_button(713) && !needs_button(714));
    }

    #[test]
    fn a_bulk_reassignment_names_what_it_moves() {
        let e = not_in_workers_books("100002", "000160", Some("000161"));
        assert_eq!((e.field.as_str(), e.value.as_str()), ("from", "000160"));
        assert!(
            e.reason.contains(
                "customer 100002 is not in a client book of worker 000160: it is in worker 000161's"
            ),
            "{}",
            e.reason
        );
        assert!(
            not_in_workers_books("100002", "000160", None)
                .reason
                .ends_with("it is in no client book")
        );
        assert_eq!(nothing_to_reassign().kind, Refusal::Usage);
    }
}
