//! Attribute filters (`domain::filter`) as SQL: each a condition on the attribute values of
//! the customer an account expression names, its values bound as parameters.

use super::sql::Val;
use crate::domain::filter::{Filter, Test, Typed};

/// What a stored date-like value is: `YYYY-MM-DD` then anything (the partial index
/// `customer_attribute_values_by_day` holds these, by day and month), on SQLite or on
/// PostgreSQL (`pg`).
pub(super) fn date_like(pg: bool) -> &'static str {
    if pg {
        "a.value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'"
    } else {
        "a.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
    }
}

fn arg(v: Val, args: &mut Vec<Val>) -> String {
    args.push(v);
    format!("?{}", args.len())
}

fn value(t: &Typed) -> Val {
    match t {
        Typed::Text(s) | Typed::Date(s) => Val::Text(s.clone()),
        Typed::Number(n) => Val::Real(*n),
        Typed::Bool(b) => Val::Text(if *b { "true" } else { "false" }.into()),
    }
}

/// The stored value as the filter's type compares it: text without regard to case, a number
/// as a number, a datetime by its date. On PostgreSQL (`pg`) a value that is not a number is
/// no number (SQLite's `CAST` reads it as 0, and a number-typed attribute's values are checked
/// when written).
fn compared(t: &Typed, pg: bool) -> &'static str {
    match (t, pg) {
        (Typed::Text(_), false) => "a.value COLLATE NOCASE",
        (Typed::Text(_), true) => "a.value::citext",
        (Typed::Number(_), false) => "CAST(a.value AS REAL)",
        (Typed::Number(_), true) => {
            "(CASE WHEN a.value ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$'
                   THEN CAST(a.value AS DOUBLE PRECISION) END)"
        }
        (Typed::Date(_), _) => "substr(a.value, 1, 10)",
        (Typed::Bool(_), _) => "a.value",
    }
}

/// `EXISTS (...)`: the customer whose account is `account` has the filter's attribute with a
/// value that passes its test (written for PostgreSQL when `pg`).
pub(super) fn exists(f: &Filter, account: &str, args: &mut Vec<Val>, pg: bool) -> String {
    let name = arg(Val::Text(f.attribute.clone()), args);
    let compared = |t: &Typed| compared(t, pg);
    let test = match &f.test {
        Test::AnyOf(values) | Test::NoneOf(values) => {
            let expr = values.first().map_or("a.value", compared);
            let marks: Vec<String> = values.iter().map(|v| arg(value(v), args)).collect();
            let not = if matches!(f.test, Test::NoneOf(_)) {
                "NOT "
            } else {
                ""
            };
            format!("{not}{expr} IN ({})", marks.join(", "))
        }
        Test::Compare(cmp, v) => format!("{} {} {}", compared(v), cmp.sql(), arg(value(v), args)),
        Test::Between(from, to) => {
            let mut parts = Vec::new();
            if let Some(v) = from {
                parts.push(format!("{} >= {}", compared(v), arg(value(v), args)));
            }
            if let Some(v) = to {
                parts.push(format!("{} <= {}", compared(v), arg(value(v), args)));
            }
            parts.join(" AND ")
        }
    };
    format!(
        "EXISTS (SELECT 1 FROM customer_attribute_values a WHERE a.account = {account} AND a.attribute = {name} AND {test})"
    )
}
