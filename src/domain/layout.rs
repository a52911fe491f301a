//! Screen layouts, their buttons, registers, and which layout applies (DOMAIN.md 8).

use super::fix::{Cmd, Hint, field};
use serde::{Deserialize, Serialize};

use super::model::{Check, Kind};
use super::pos::Operation;
use super::validate::{Invalid, Refusal};

/// The grid a button goes on when none is named.
pub(crate) const DEFAULT_GRID: &str = "MAIN";
/// Our choice: automatic placement fills rows of this many columns.
pub(crate) const AUTO_COLUMNS: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Button {
    pub operation: u32,
    pub grid: String,
    pub row: u32,
    pub column: u32,
    #[serde(default)]
    pub text: String,
}

super::record::rows_field!(Button);

super::record::from_file_via_serde!(Vec<Button>);

super::record::record! {
    /// A screen layout: the buttons a register shows.
    pub struct ScreenLayout {
        id: String = "Screen layout", Kind::Key, required(), check(Check::Id),
            help("The layout's id");
        name: String = "Name", Kind::Text, required(), check(Check::Name),
            help("A name for people");
        /// By grid, row, column.
        buttons: Vec<Button> = "Buttons", Kind::Reference("operations"), many("button"),
            not_on_add(), set_by("layout button add");
    }
}

super::record::record! {
    /// A register (POS terminal) of a store.
    pub struct Register {
        id: String = "Register", Kind::Key, required(), check(Check::Id),
            help("The register's id");
        store: String = "Store", Kind::Reference("stores"), required(), check(Check::StoreNumber),
            help("The store it stands in");
        layout: Option<String> = "Screen layout", Kind::Reference("layouts"),
            help("Its own screen layout (beats the store's)");
    }
}

/// Only user operations may go on buttons.
pub(crate) fn check_button_operation(op: &Operation) -> Result<(), Invalid> {
    if !op.user_operation {
        return Err(Invalid::new(
            "operation",
            &op.id.to_string(),
            format!(
                "operation {} ({}) is not a user operation, so it cannot be put on a button",
                op.id, op.name
            ),
        )
        .hint(Hint::to(
            "see which operations can with",
            Cmd::new("operation list").switch("user"),
        )));
    }
    Ok(())
}

/// The first free position of a grid, filling rows of [`AUTO_COLUMNS`] from row 1.
pub(crate) fn next_free(buttons: &[Button], grid: &str) -> (u32, u32) {
    let taken = |r: u32, c: u32| {
        buttons
            .iter()
            .any(|b| b.grid.eq_ignore_ascii_case(grid) && b.row == r && b.column == c)
    };
    let mut row = 1;
    loop {
        for column in 1..=AUTO_COLUMNS {
            if !taken(row, column) {
                return (row, column);
            }
        }
        row += 1;
    }
}

/// Where an effective layout came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LayoutSource {
    Worker,
    Register,
    Store,
}

/// The layout that applies: the worker's beats the register's beats the store's.
pub(crate) fn effective(
    worker: Option<&str>,
    register: Option<&str>,
    store: Option<&str>,
) -> Option<(String, LayoutSource)> {
    worker
        .map(|l| (l.to_string(), LayoutSource::Worker))
        .or_else(|| register.map(|l| (l.to_string(), LayoutSource::Register)))
        .or_else(|| store.map(|l| (l.to_string(), LayoutSource::Store)))
}

// ---- the rules of the use cases on layouts, over loaded facts ----

/// Where a new button goes: the place given (both row and column, from 1), or the first free
/// one; never on a place taken.
pub(crate) fn place_button(
    layout: &ScreenLayout,
    grid: &str,
    row: Option<u32>,
    column: Option<u32>,
) -> Result<(u32, u32), Invalid> {
    for (name, v) in [("row", row), ("column", column)] {
        if v == Some(0) {
            return Err(Invalid::new(name, "0", "rows and columns count from 1"));
        }
    }
    let (row, column) = match (row, column) {
        (Some(r), Some(c)) => (r, c),
        (None, None) => next_free(&layout.buttons, grid),
        _ => {
            return Err(Invalid::refusal(
                Refusal::Usage,
                "",
                format!(
                    "give both {} and {}, or neither (hq then takes the first free place)",
                    field("row"),
                    field("column")
                ),
            ));
        }
    };
    if let Some(b) = layout
        .buttons
        .iter()
        .find(|b| b.grid.eq_ignore_ascii_case(grid) && b.row == row && b.column == column)
    {
        return Err(Invalid::refusal(
            Refusal::Conflict,
            "",
            format!(
                "layout {} already has a button at grid {grid}, row {row}, column {column} (operation {})",
                layout.id, b.operation
            ),
        )
        .hint(format!(
            "pick another place, or leave out {} and {} to take the first free one",
            field("row"),
            field("column")
        )));
    }
    Ok((row, column))
}

/// A button to remove that the layout does not have.
pub(crate) fn no_such_button(layout: &str) -> Invalid {
    Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("layout {layout} has no such button"),
    )
    .hint(Hint::to(
        "see its buttons with",
        Cmd::new("layout show").arg(layout),
    ))
}

/// The register and worker a layout is looked up for work at the store.
pub(crate) fn check_at_store(
    store: &super::org::Store,
    register: Option<&Register>,
    worker: Option<&super::staff::Worker>,
) -> Result<(), Invalid> {
    if let Some(r) = register
        && !r.store.eq_ignore_ascii_case(&store.number)
    {
        return Err(Invalid::rule(format!(
            "register {} belongs to store {}, not {}",
            r.id, r.store, store.number
        )));
    }
    if let Some(w) = worker
        && !w.belongs_to(&store.employee_address_books)
    {
        return Err(Invalid::rule(format!(
            "worker {} does not belong to store {}: they share no employee address book",
            w.personnel_number, store.number
        )));
    }
    Ok(())
}

/// A button's place is a row and a column, both or neither.
pub(crate) fn both_row_and_column() -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!("give both {} and {}", field("row"), field("column")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_both_or_neither() {
        let e = both_row_and_column();
        assert_eq!(e.kind, Refusal::Usage);
        assert_eq!(e.to_string(), "give both {field:row} and {field:column}");
    }

    fn b(row: u32, column: u32) -> Button {
        Button {
            grid: "MAIN".into(),
            row,
            column,
            operation: 712,
            text: String::new(),
        }
    }

    #[test]
    fn a_button_goes_where_asked_or_the_first_free_place_never_on_another() {
        let l = ScreenLayout {
            id: "L".into(),
            name: "L".into(),
            buttons: vec![b(1, 1)],
        };
        assert_eq!(place_button(&l, "MAIN", None, None), Ok((1, 2)));
        assert_eq!(place_button(&l, "MAIN", Some(2), Some(3)), Ok((2, 3)));
        for (row, column, field, kind, says) in [
            (Some(0), Some(1), "row", Refusal::Invalid, "count from 1"),
            (
                Some(1),
                None,
                "",
                Refusal::Usage,
                "give both {field:row} and {field:column}",
            ),
            (
                Some(1),
                Some(1),
                "",
                Refusal::Conflict,
                "already has a button at grid MAIN, row 1, column 1",
            ),
        ] {
            let e = place_button(&l, "MAIN", row, column).unwrap_err();
            assert_eq!((e.field.as_str(), e.kind), (field, kind), "{e}");
            assert!(e.to_string().contains(says), "{e}");
        }
        assert_eq!(no_such_button("L").kind, Refusal::NotFound);
    }

    #[test]
    fn worker_beats_register_beats_store() {
        assert_eq!(
            effective(Some("W"), Some("R"), Some("S")),
            Some(("W".into(), LayoutSource::Worker))
        );
        assert_eq!(
            effective(None, Some("R"), Some("S")),
            Some(("R".into(), LayoutSource::Register))
        );
        assert_eq!(
            effective(None, None, Some("S")),
            Some(("S".into(), LayoutSource::Store))
        );
        assert_eq!(effective(None, None, None), None);
    }

    #[test]
    fn automatic_placement_fills_rows_of_four() {
        assert_eq!(next_free(&[], "MAIN"), (1, 1));
        let full: Vec<Button> = (1..=4).map(|c| b(1, c)).collect();
        assert_eq!(next_free(&full, "MAIN"), (2, 1));
        assert_eq!(next_free(&full, "OTHER"), (1, 1));
        assert_eq!(next_free(&[b(1, 1), b(1, 3)], "main"), (1, 2));
    }

    #[test]
    fn only_user_operations_go_on_buttons() {
        assert!(check_button_operation(crate::domain::pos::find(600).unwrap()).is_err());
        assert!(check_button_operation(crate::domain::pos::find(712).unwrap()).is_ok());
    }
}
