//! `hq copy` (issue 20): a whole environment from one data location to another, either engine
//! to either, table by table, streaming. Both engines' schemas have the same tables with the
//! same columns in the same order (`pg::the_postgres_schema_is_the_sqlite_schema`), so a row
//! is copied by position.

use super::sql::{self, Conn, Val};
use super::{Reader, WriteTx};
use crate::error::Result;

/// hq's tables in an order where each comes after the tables it refers to: the order the
/// PostgreSQL schema creates them in (a server refuses a reference to a table not yet made).
/// Without `hq_schema` (the server's version row; a file keeps it in `PRAGMA user_version`)
/// and `row_counts` (kept by triggers, written last).
pub(crate) fn tables() -> Vec<&'static str> {
    include_str!("migrations/pg/0014_schema.sql")
        .lines()
        .filter_map(|l| l.strip_prefix("CREATE TABLE "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|t| !matches!(*t, "hq_schema" | "row_counts"))
        .collect()
}

/// How many rows of one table were copied.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Copied {
    pub table: &'static str,
    pub rows: u64,
}

/// Rows in a statement on a server: its parameters stay under PostgreSQL's 65,535.
const ROWS_A_STATEMENT: usize = 500;

/// Removes every row of the target's tables (`hq copy --replace`), the referring before the
/// referred to; the tombstones the removals leave go last.
pub(crate) fn clear(tx: &WriteTx) -> Result<()> {
    for t in tables().into_iter().rev() {
        tx.conn().exec(&format!("DELETE FROM {t}"), &[])?;
    }
    tx.conn().exec("DELETE FROM tombstones", &[])?;
    Ok(())
}

/// Copies every table of `from` into the (empty) tables of `to`, then the row counts, and
/// moves a server's identity columns past the ids copied. `each` hears of each table done.
pub(crate) fn copy(
    from: &Reader,
    to: &WriteTx,
    mut each: impl FnMut(&Copied),
) -> Result<Vec<Copied>> {
    let mut done = Vec::new();
    // Into a file, the customer tables' indexes are built once at the end, as an import
    // builds them (no-op on a server, which keeps them).
    let dropped = super::customer::drop_indexes(to)?;
    for table in tables() {
        let rows = copy_table(from.conn(), to.conn(), table)?;
        let c = Copied { table, rows };
        each(&c);
        done.push(c);
    }
    super::customer::recreate_indexes(to, &dropped, 0)?;
    // The counts of what was copied (a file's triggers counted the copied rows onto what the
    // new schema started with; a server keeps none).
    let names = from
        .conn()
        .texts("SELECT table_name FROM row_counts ORDER BY table_name", &[])?;
    let mut counts = Vec::new();
    for t in names {
        if tables().contains(&t.as_str()) {
            // A name of hq's own tables (checked above), counted in the source.
            let n: i64 = from
                .conn()
                .row(&format!("SELECT count(*) FROM {t}"), &[], |r| r.get(0))?
                .unwrap_or(0);
            counts.push((t, n));
        }
    }
    to.conn().exec("DELETE FROM row_counts", &[])?;
    for (t, n) in &counts {
        to.conn().exec(
            "INSERT INTO row_counts (table_name, n) VALUES (?1, ?2)",
            &[t, n],
        )?;
    }
    if to.conn().is_pg() {
        move_identities(to.conn())?;
    }
    Ok(done)
}

/// One table's rows, read as they come and written in batches.
fn copy_table(from: &Conn, to: &Conn, table: &str) -> Result<u64> {
    let columns = column_count(from, table)?;
    let batch = if to.is_pg() {
        (ROWS_A_STATEMENT).min(65_535 / columns.max(1))
    } else {
        1
    };
    let mut pending: Vec<Val> = Vec::with_capacity(batch * columns);
    let mut n = 0u64;
    let flush = |pending: &mut Vec<Val>| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let rows = pending.len() / columns;
        to.exec(&insert(table, columns, rows), &sql::args(pending))?;
        pending.clear();
        Ok(())
    };
    from.each(&format!("SELECT * FROM {table}"), &[], |r| {
        for i in 0..columns {
            pending.push(r.get::<Val>(i)?);
        }
        n += 1;
        if pending.len() >= batch * columns {
            flush(&mut pending)?;
        }
        Ok(())
    })?;
    flush(&mut pending)?;
    Ok(n)
}

/// How many columns a table has.
fn column_count(c: &Conn, table: &str) -> Result<usize> {
    let sql = if c.is_pg() {
        "SELECT count(*) FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1"
    } else {
        "SELECT count(*) FROM pragma_table_info(?1)"
    };
    Ok(c.row(sql, &[&table], |r| r.get::<i64>(0))?.unwrap_or(0) as usize)
}

/// `INSERT INTO table VALUES (...), ...` for `rows` rows of `columns` values.
fn insert(table: &str, columns: usize, rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} VALUES ");
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..columns {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", r * columns + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// On a server, each identity column's next value past the largest id copied (rows copied
/// with their ids do not move it).
fn move_identities(c: &Conn) -> Result<()> {
    let ids = c.rows(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
        &[],
        |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
    )?;
    for (t, col) in ids {
        // Names from the catalogue, of hq's own tables.
        c.exec(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{t}', '{col}'),
                        coalesce((SELECT max({col}) FROM {t}), 0) + 1, false)"
            ),
            &[],
        )?;
    }
    Ok(())
}
