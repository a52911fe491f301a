//! SQL for number sequences and their reference assignments.

use super::Reader;
use super::error::parsed;
use super::sql;

use super::WriteTx;
use crate::domain::numseq::{NumberSequence, Reference, Scope};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

/// One assignment of a reference, per legal entity, to a sequence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Assignment {
    pub reference: &'static str,
    pub legal_entity: String,
    pub number_sequence: String,
}

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "code, name, scope, legal_entity, format, smallest, largest, next, manual,
     continuous, stopped";

fn from_row(r: &sql::Row) -> Res<NumberSequence> {
    let code: String = r.get(0)?;
    let scope: String = r.get(2)?;
    Ok(NumberSequence {
        scope: parsed(
            Scope::parse(&scope),
            ("number_sequences", &code, "scope"),
            &scope,
            "shared or legal-entity",
        )?,
        code,
        name: r.get(1)?,
        legal_entity: r.get(3)?,
        format: r.get(4)?,
        smallest: r.get::<i64>(5)? as u64,
        largest: r.get::<i64>(6)? as u64,
        next: r.get::<i64>(7)? as u64,
        manual: r.get(8)?,
        continuous: r.get(9)?,
        stopped: r.get(10)?,
    })
}

pub(crate) fn get(c: &Reader, code: &str) -> Res<Option<NumberSequence>> {
    c.conn().row(
        &format!("SELECT {COLUMNS} FROM number_sequences WHERE code = ?1"),
        &[&code],
        from_row,
    )
}

pub(crate) fn all(c: &Reader) -> Res<Vec<NumberSequence>> {
    c.conn().rows(
        &format!("SELECT {COLUMNS} FROM number_sequences ORDER BY code"),
        &[],
        from_row,
    )
}

pub(crate) fn upsert(tx: &WriteTx, s: &NumberSequence) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO number_sequences (code, name, scope, legal_entity, format, smallest,
             largest, next, manual, continuous, stopped, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (code) DO UPDATE SET name = ?2, scope = ?3, legal_entity = ?4, format = ?5,
             smallest = ?6, largest = ?7, next = ?8, manual = ?9, continuous = ?10,
             stopped = ?11, change_version = ?12",
        &[
            &s.code,
            &s.name,
            &s.scope.as_str(),
            &s.legal_entity,
            &s.format,
            &(s.smallest as i64),
            &(s.largest as i64),
            &(s.next as i64),
            &s.manual,
            &s.continuous,
            &s.stopped,
            &tx.version(),
        ],
    )?;
    Ok(())
}

pub(crate) fn delete(tx: &WriteTx, code: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM number_sequences WHERE code = ?1", &[&code])?;
    Ok(())
}

fn assignment_from(r: &sql::Row) -> Res<Assignment> {
    let reference: String = r.get(0)?;
    Ok(Assignment {
        reference: Reference::parse(&reference).map_or("unknown", |r| r.as_str()),
        legal_entity: r.get(1)?,
        number_sequence: r.get(2)?,
    })
}

/// All assignments, or those of one sequence.
pub(crate) fn assignments(c: &Reader, code: Option<&str>) -> Res<Vec<Assignment>> {
    c.conn().rows(
        "SELECT reference, legal_entity, number_sequence FROM number_sequence_refs
         WHERE ?1 IS NULL OR number_sequence = ?1 ORDER BY reference, legal_entity",
        &[&code],
        assignment_from,
    )
}

pub(crate) fn assigned(
    c: &Reader,
    reference: Reference,
    legal_entity: &str,
) -> Res<Option<String>> {
    c.conn().row(
        "SELECT number_sequence FROM number_sequence_refs WHERE reference = ?1 AND legal_entity = ?2",
        &[&reference.as_str(), &legal_entity],
        |r| r.get(0),
    )
}

pub(crate) fn assign(
    tx: &WriteTx,
    reference: Reference,
    legal_entity: &str,
    code: &str,
) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO number_sequence_refs (reference, legal_entity, number_sequence, change_version)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (reference, legal_entity) DO UPDATE SET number_sequence = ?3,
             change_version = ?4",
        &[&reference.as_str(), &legal_entity, &code, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn unassign(tx: &WriteTx, reference: Reference, legal_entity: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM number_sequence_refs WHERE reference = ?1 AND legal_entity = ?2",
        &[&reference.as_str(), &legal_entity],
    )?;
    Ok(())
}

/// Sequences and assignments that belong to a legal entity (for refusing its removal).
pub(crate) fn of_legal_entity(c: &Reader, le: &str) -> Res<(Vec<String>, Vec<String>)> {
    let seqs = c.conn().texts(
        "SELECT code FROM number_sequences WHERE legal_entity = ?1 ORDER BY code",
        &[&le],
    )?;
    let refs = c.conn().texts(
        "SELECT reference FROM number_sequence_refs WHERE legal_entity = ?1 ORDER BY reference",
        &[&le],
    )?;
    Ok((seqs, refs))
}

/// Where numbers from sequences end up: customer accounts and client book ids.
const NUMBERED: [(&str, &str, &str); 2] = [
    ("customer", "customers", "account"),
    ("client book", "client_books", "id"),
];

/// The highest number of `s`'s format in use as a customer account or a client book id, with
/// what has it (`customer`, `100007`). Reads down the primary key from the format's largest
/// value, so it stops at the first value of the format.
pub(crate) fn highest_in_use(
    c: &Reader,
    s: &NumberSequence,
) -> Res<Option<(u64, &'static str, String)>> {
    let (lo, hi) = s.value_range();
    let mut best: Option<(u64, &'static str, String)> = None;
    // Down the key a batch at a time, to the first value of the format.
    const BATCH: usize = 100;
    for (what, table, column) in NUMBERED {
        let mut below: Option<String> = None;
        'table: loop {
            let values = c.conn().texts(
                &format!(
                    "SELECT {column} FROM {table} WHERE {column} >= ?1 AND {column} <= ?2
                       AND (?3 IS NULL OR {column} < ?3)
                     ORDER BY {column} DESC LIMIT {BATCH}"
                ),
                &[&lo, &hi, &below],
            )?;
            for value in &values {
                if let Some(n) = crate::domain::numseq::parse_number(&s.format, value) {
                    if best.as_ref().is_none_or(|(b, _, _)| n > *b) {
                        best = Some((n, what, value.clone()));
                    }
                    break 'table;
                }
            }
            if values.len() < BATCH {
                break;
            }
            below = values.last().cloned();
        }
    }
    Ok(best)
}

/// Whether `value` is taken where numbers of `reference` go.
pub(crate) fn taken(c: &Reader, reference: Reference, value: &str) -> Res<bool> {
    let (table, column) = match reference {
        Reference::CustomerAccount => ("customers", "account"),
        Reference::ClientBookId => ("client_books", "id"),
    };
    Ok(c.conn()
        .row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} = ?1)"),
            &[&value],
            |r| r.get(0),
        )?
        .unwrap_or(false))
}
