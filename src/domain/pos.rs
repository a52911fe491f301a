//! The POS operation catalogue (DOMAIN.md 7, 8): ids, names and flags as the product's
//! *Online and offline point of sale (POS) operations* article gives them.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Operation {
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
pub const OPERATIONS: &[Operation] = &[
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

pub fn find(id: u32) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
