//! Screen layouts, their buttons, registers, and which layout applies (DOMAIN.md 8).

use super::fix::{Cmd, Hint};
use serde::{Deserialize, Serialize};

use super::pos::Operation;
use super::validate::Invalid;

/// The grid a button goes on when none is named.
pub const DEFAULT_GRID: &str = "MAIN";
/// Our choice: automatic placement fills rows of this many columns.
pub const AUTO_COLUMNS: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub grid: String,
    pub row: u32,
    pub column: u32,
    pub operation: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenLayout {
    pub id: String,
    pub name: String,
    /// By grid, row, column.
    pub buttons: Vec<Button>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    pub id: String,
    pub store: String,
    pub layout: Option<String>,
}

/// Only user operations may go on buttons.
pub fn check_button_operation(op: &Operation) -> Result<(), Invalid> {
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
pub fn next_free(buttons: &[Button], grid: &str) -> (u32, u32) {
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
pub enum LayoutSource {
    Worker,
    Register,
    Store,
}

/// The layout that applies: the worker's beats the register's beats the store's.
pub fn effective(
    worker: Option<&str>,
    register: Option<&str>,
    store: Option<&str>,
) -> Option<(String, LayoutSource)> {
    worker
        .map(|l| (l.to_string(), LayoutSource::Worker))
        .or_else(|| register.map(|l| (l.to_string(), LayoutSource::Register)))
        .or_else(|| store.map(|l| (l.to_string(), LayoutSource::Store)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
