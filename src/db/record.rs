//! A record's own table (`domain::record`): a column per field that is not a list, named as
//! the field; lists live in tables of their own, written by the entity's SQL.

use super::WriteTx;
use super::sql::{self, Arg, Val};
use crate::domain::fix::one_of_words;
use crate::domain::model::Kind;
use crate::domain::record::{Record, Value};

/// The columns, joined for a `SELECT`.
pub(super) fn columns<R: Record>() -> String {
    let names: Vec<&str> = R::columns().iter().map(|f| f.column_name()).collect();
    names.join(", ")
}

/// Inserts or replaces the record's row in `table` (keyed by its first field), stamping the
/// transaction's change version for distribution.
pub(super) fn upsert<R: Record>(tx: &WriteTx, table: &str, rec: &R) -> crate::error::Result<()> {
    let cols: Vec<&str> = R::columns().iter().map(|f| f.column_name()).collect();
    let key = cols[0];
    let marks: Vec<String> = (1..=cols.len() + 1).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols[1..]
        .iter()
        .chain(["change_version"].iter())
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}, change_version) VALUES ({})
         ON CONFLICT ({key}) DO UPDATE SET {}",
        cols.join(", "),
        marks.join(", "),
        updates.join(", ")
    );
    let mut values: Vec<Val> = R::columns()
        .iter()
        .map(|f| match rec.get(f.name) {
            Some(Value::Text(Some(t))) => Val::Text(t),
            Some(Value::Flag(b)) => Val::Int(b.into()),
            _ => Val::Null,
        })
        .collect();
    values.push(Val::Int(tx.version()));
    let args: Vec<&dyn Arg> = values.iter().map(|v| v as &dyn Arg).collect();
    tx.conn().exec(&sql, &args)?;
    Ok(())
}

/// A record from a row whose first columns are the record's, in the order of `R::columns()`
/// (as [`columns`] lists them), on either engine: read by position, not looked up by name.
pub(super) fn read_either<R: Record>(table: &'static str, r: &sql::Row) -> crate::error::Result<R> {
    let mut rec = R::default();
    for (i, f) in R::columns().into_iter().enumerate() {
        let v = match f.kind {
            Kind::Bool => Value::Flag(r.get(i)?),
            Kind::Choice(list) => {
                let t: Option<String> = r.get(i)?;
                if let Some(t) = &t
                    && !list.contains(&t.as_str())
                {
                    let key: String = r.get(0)?;
                    return Err(super::error::unreadable(
                        table,
                        &key,
                        f.column_name(),
                        t,
                        &format!("it is not {}", one_of_words(list)),
                    )
                    .into());
                }
                Value::Text(t)
            }
            _ => Value::Text(r.get(i)?),
        };
        rec.set(f.name, v);
    }
    Ok(rec)
}

/// The record of `table` whose key is `key` (in any case, as the table's collation says).
pub(super) fn find<R: Record>(
    c: &super::Reader,
    table: &'static str,
    key: &str,
) -> crate::error::Result<Option<R>> {
    let sql = format!(
        "SELECT {} FROM {table} WHERE {} = ?1",
        columns::<R>(),
        R::FIELDS[0].column_name()
    );
    c.conn().row(&sql, &[&key], |r| read_either(table, r))
}

/// Every record of `table`, by key.
pub(super) fn all<R: Record>(
    c: &super::Reader,
    table: &'static str,
) -> crate::error::Result<Vec<R>> {
    let sql = format!(
        "SELECT {} FROM {table} ORDER BY {}",
        columns::<R>(),
        R::FIELDS[0].column_name()
    );
    c.conn().rows(&sql, &[], |r| read_either(table, r))
}
