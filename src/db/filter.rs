//! Attribute filters (`domain::filter`) as SQL: each a condition on the attribute values of
//! the customer an account expression names, its values bound as parameters.

use rusqlite::types::Value;

use crate::domain::filter::{Filter, Test, Typed};

/// What a stored date-like value is: `YYYY-MM-DD` then anything (the partial index
/// `customer_attribute_values_by_day` holds these, by day and month).
pub(super) const DATE_LIKE: &str = "a.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'";

fn arg(v: Value, args: &mut Vec<Value>) -> String {
    args.push(v);
    format!("?{}", args.len())
}

fn value(t: &Typed) -> Value {
    match t {
        Typed::Text(s) | Typed::Date(s) => Value::Text(s.clone()),
        Typed::Number(n) => Value::Real(*n),
        Typed::Bool(b) => Value::Text(if *b { "true" } else { "false" }.into()),
    }
}

/// The stored value as the filter's type compares it: text without regard to case, a number
/// as a number, a datetime by its date.
fn compared(t: &Typed) -> &'static str {
    match t {
        Typed::Text(_) => "a.value COLLATE NOCASE",
        Typed::Number(_) => "CAST(a.value AS REAL)",
        Typed::Date(_) => "substr(a.value, 1, 10)",
        Typed::Bool(_) => "a.value",
    }
}

/// `EXISTS (...)`: the customer whose account is `account` has the filter's attribute with a
/// value that passes its test.
pub(super) fn exists(f: &Filter, account: &str, args: &mut Vec<Value>) -> String {
    let name = arg(Value::Text(f.attribute.clone()), args);
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
