//! One way to run SQL on either engine (issue 20): a statement with `?N` parameters, the
//! values bound to it, and rows read by position. The SQL in `src/db` that both engines run
//! goes through here; what only SQLite has (its bulk paths, PRAGMAs) stays with rusqlite.
//!
//! PostgreSQL gets the same text with `?N` written `$N`. Values are bound as what the
//! statement's parameter is (an integer as `int4` or `int8`, text as `text` or `citext`), and
//! read as what the column is, so the SQL need not cast.

use std::cell::RefCell;

use crate::error::{ErrorKind, HqError, Result};

/// A connection of either engine.
pub(crate) enum Conn {
    Lite(rusqlite::Connection),
    Pg(Box<Pg>),
}

/// A PostgreSQL client and the statements it has prepared, by their text: a statement run
/// again is bound and executed in one round trip, not parsed again (as SQLite's
/// `prepare_cached`).
pub(crate) struct Pg {
    client: RefCell<postgres::Client>,
    prepared: RefCell<std::collections::HashMap<String, postgres::Statement>>,
}

impl Conn {
    pub(crate) fn pg(client: postgres::Client) -> Conn {
        Conn::Pg(Box::new(Pg {
            client: RefCell::new(client),
            prepared: RefCell::default(),
        }))
    }
}

impl Pg {
    /// The statement for `sql` (PostgreSQL's text), prepared once.
    fn statement(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.client.borrow_mut().prepare(sql)?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

/// Rows as `COPY ... FROM STDIN` reads them in its text format: a value to a tab, a row to
/// a line, `\N` for null, and a backslash, tab, line feed or carriage return in a text
/// escaped with a backslash.
fn copy_text(columns: usize, vals: &[Val]) -> String {
    let mut text = String::with_capacity(vals.len() * 12);
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            text.push(if i % columns.max(1) == 0 { '\n' } else { '\t' });
        }
        match v {
            Val::Null => text.push_str("\\N"),
            Val::Int(n) => text.push_str(&n.to_string()),
            Val::Real(f) => text.push_str(&f.to_string()),
            Val::Text(t) => {
                for ch in t.chars() {
                    match ch {
                        '\\' => text.push_str("\\\\"),
                        '\t' => text.push_str("\\t"),
                        '\n' => text.push_str("\\n"),
                        '\r' => text.push_str("\\r"),
                        c => text.push(c),
                    }
                }
            }
        }
    }
    if !vals.is_empty() {
        text.push('\n');
    }
    text
}

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// Values bound as a statement's arguments.
pub(crate) fn args<A: Arg>(vals: &[A]) -> Vec<&dyn Arg> {
    vals.iter().map(|a| a as &dyn Arg).collect()
}

/// A value bound to a statement, borrowed from what is bound (nothing is copied for SQLite).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ValRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl Val {
    pub(crate) fn as_ref(&self) -> ValRef<'_> {
        match self {
            Val::Null => ValRef::Null,
            Val::Int(i) => ValRef::Int(*i),
            Val::Real(f) => ValRef::Real(*f),
            Val::Text(t) => ValRef::Text(t),
        }
    }
}

/// What can be bound to a statement.
pub(crate) trait Arg {
    fn val(&self) -> ValRef<'_>;
}

impl Arg for Val {
    fn val(&self) -> ValRef<'_> {
        self.as_ref()
    }
}
impl Arg for ValRef<'_> {
    fn val(&self) -> ValRef<'_> {
        *self
    }
}
impl Arg for str {
    fn val(&self) -> ValRef<'_> {
        ValRef::Text(self)
    }
}
impl Arg for &str {
    fn val(&self) -> ValRef<'_> {
        ValRef::Text(self)
    }
}
impl Arg for String {
    fn val(&self) -> ValRef<'_> {
        ValRef::Text(self)
    }
}
impl Arg for std::borrow::Cow<'_, str> {
    fn val(&self) -> ValRef<'_> {
        ValRef::Text(self)
    }
}
impl Arg for i64 {
    fn val(&self) -> ValRef<'_> {
        ValRef::Int(*self)
    }
}
impl Arg for u32 {
    fn val(&self) -> ValRef<'_> {
        ValRef::Int(i64::from(*self))
    }
}
impl Arg for bool {
    fn val(&self) -> ValRef<'_> {
        ValRef::Int(i64::from(*self))
    }
}
impl Arg for f64 {
    fn val(&self) -> ValRef<'_> {
        ValRef::Real(*self)
    }
}
impl<T: Arg> Arg for Option<T> {
    fn val(&self) -> ValRef<'_> {
        self.as_ref().map_or(ValRef::Null, Arg::val)
    }
}

impl rusqlite::ToSql for ValRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match *self {
            ValRef::Null => ValueRef::Null,
            ValRef::Int(i) => ValueRef::Integer(i),
            ValRef::Real(f) => ValueRef::Real(f),
            ValRef::Text(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Val::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Val::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
        })
    }
}

impl postgres::types::ToSql for ValRef<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::Type;
        match *self {
            ValRef::Null => Ok(postgres::types::IsNull::Yes),
            ValRef::Int(i) if *ty == Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
            ValRef::Int(i) if *ty == Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
            ValRef::Int(i) if *ty == Type::BOOL => (i != 0).to_sql(ty, out),
            ValRef::Int(i) if *ty == Type::FLOAT8 => (i as f64).to_sql(ty, out),
            ValRef::Int(i) if *ty == Type::TEXT => i.to_string().to_sql(ty, out),
            ValRef::Int(i) => i.to_sql(ty, out),
            ValRef::Real(f) => f.to_sql(ty, out),
            ValRef::Text(t) => t.to_sql(ty, out),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A row, read by position.
pub(crate) enum Row<'a> {
    Lite(&'a rusqlite::Row<'a>),
    Pg(&'a postgres::Row),
}

impl Row<'_> {
    /// The value of column `i` as `T`.
    pub(crate) fn get<T: Col>(&self, i: usize) -> Result<T> {
        let v = match self {
            Row::Lite(r) => {
                use rusqlite::types::ValueRef;
                match r.get_ref(i).map_err(HqError::from)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(n) => Val::Int(n),
                    ValueRef::Real(f) => Val::Real(f),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        Val::Text(String::from_utf8_lossy(t).into_owned())
                    }
                }
            }
            Row::Pg(r) => pg_val(r, i)?,
        };
        T::from_val(v).map_err(|v| {
            HqError::internal(anyhow::anyhow!(
                "column {i} holds {v:?}, not {}",
                std::any::type_name::<T>()
            ))
        })
    }
}

fn pg_val(r: &postgres::Row, i: usize) -> Result<Val> {
    use postgres::types::Type;
    let ty = r
        .columns()
        .get(i)
        .map(|c| c.type_().clone())
        .ok_or_else(|| HqError::internal(anyhow::anyhow!("no column {i}")))?;
    let got: std::result::Result<Val, postgres::Error> = if ty == Type::INT8 {
        r.try_get::<_, Option<i64>>(i)
            .map(|v| v.map_or(Val::Null, Val::Int))
    } else if ty == Type::INT4 {
        r.try_get::<_, Option<i32>>(i)
            .map(|v| v.map_or(Val::Null, |n| Val::Int(i64::from(n))))
    } else if ty == Type::INT2 {
        r.try_get::<_, Option<i16>>(i)
            .map(|v| v.map_or(Val::Null, |n| Val::Int(i64::from(n))))
    } else if ty == Type::BOOL {
        r.try_get::<_, Option<bool>>(i)
            .map(|v| v.map_or(Val::Null, |b| Val::Int(i64::from(b))))
    } else if ty == Type::FLOAT8 {
        r.try_get::<_, Option<f64>>(i)
            .map(|v| v.map_or(Val::Null, Val::Real))
    } else if ty == Type::FLOAT4 {
        r.try_get::<_, Option<f32>>(i)
            .map(|v| v.map_or(Val::Null, |f| Val::Real(f64::from(f))))
    } else {
        // text, citext, varchar, name: what String reads.
        r.try_get::<_, Option<String>>(i)
            .map(|v| v.map_or(Val::Null, Val::Text))
    };
    got.map_err(HqError::from)
}

/// What a column's value can be read as (the value given back when it cannot be).
pub(crate) trait Col: Sized {
    fn from_val(v: Val) -> std::result::Result<Self, Val>;
}

impl Col for Val {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        Ok(v)
    }
}
impl Col for String {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        match v {
            Val::Text(t) => Ok(t),
            other => Err(other),
        }
    }
}
impl Col for i64 {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        match v {
            Val::Int(n) => Ok(n),
            other => Err(other),
        }
    }
}
impl Col for u64 {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        let n = i64::from_val(v)?;
        u64::try_from(n).map_err(|_| Val::Int(n))
    }
}
impl Col for usize {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        let n = i64::from_val(v)?;
        usize::try_from(n).map_err(|_| Val::Int(n))
    }
}
impl Col for bool {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        i64::from_val(v).map(|n| n != 0)
    }
}
impl Col for f64 {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        match v {
            Val::Real(f) => Ok(f),
            Val::Int(n) => Ok(n as f64),
            other => Err(other),
        }
    }
}
impl<T: Col> Col for Option<T> {
    fn from_val(v: Val) -> std::result::Result<Self, Val> {
        match v {
            Val::Null => Ok(None),
            other => T::from_val(other).map(Some),
        }
    }
}

/// [`for_pg`], and each `?N IS NULL` (`?N IS NOT NULL`) written as what it is for the values
/// bound: PostgreSQL cannot tell a parameter's type from `IS NULL` alone, and taking it as
/// `text` would compare a `citext` column with case (`WHERE ?1 IS NULL OR id = ?1`).
pub(crate) fn for_pg_with(sql: &str, vals: &[ValRef]) -> String {
    translate(sql, Some(vals))
}

/// `sql` as PostgreSQL takes it: each `?N` parameter written `$N` (outside quotes).
#[cfg(test)]
pub(crate) fn for_pg(sql: &str) -> String {
    translate(sql, None)
}

/// One pass over `sql` (a statement of a thousand rows has tens of thousands of parameters):
/// `?N` becomes `$N`, or with `vals`, `?N IS [NOT] NULL` becomes `TRUE` or `FALSE`.
fn translate(sql: &str, vals: Option<&[ValRef]>) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut quoted = false;
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\'' {
            quoted = !quoted;
        }
        if c == b'?' && !quoted && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let start = i + 1;
            let mut end = start;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            let digits = &sql[start..end];
            let rest = &sql[end..];
            let null = vals.and_then(|v| {
                let n: usize = digits.parse().ok()?;
                let is_null = *v.get(n.checked_sub(1)?)? == ValRef::Null;
                if rest.starts_with(" IS NOT NULL") {
                    Some((if is_null { "FALSE" } else { "TRUE" }, " IS NOT NULL".len()))
                } else if rest.starts_with(" IS NULL") {
                    Some((if is_null { "TRUE" } else { "FALSE" }, " IS NULL".len()))
                } else {
                    None
                }
            });
            match null {
                Some((word, skip)) => {
                    out.push_str(word);
                    i = end + skip;
                }
                None => {
                    out.push('$');
                    out.push_str(digits);
                    i = end;
                }
            }
            continue;
        }
        // Copy the whole character (the text is UTF-8; only ASCII is looked at).
        let len = sql[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&sql[i..i + len]);
        i += len;
    }
    out
}

impl Conn {
    pub(crate) fn is_pg(&self) -> bool {
        matches!(self, Conn::Pg(_))
    }

    /// Runs a statement; the number of rows it changed.
    pub(crate) fn exec(&self, sql: &str, args: &[&dyn Arg]) -> Result<u64> {
        let vals: Vec<ValRef> = args.iter().map(|a| a.val()).collect();
        match self {
            Conn::Lite(c) => {
                Ok(c.prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(vals.iter()))? as u64)
            }
            Conn::Pg(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    vals.iter().map(|v| v as _).collect();
                let st = c.statement(&for_pg_with(sql, &vals))?;
                Ok(c.client.borrow_mut().execute(&st, &refs)?)
            }
        }
    }

    /// Writes rows into `table` through PostgreSQL's `COPY ... FROM STDIN` (text format): the
    /// values row by row, `columns` to a row. A bulk write's fastest way in (a server only;
    /// SQLite has no `COPY`).
    pub(crate) fn copy_in(&self, table: &str, columns: usize, vals: &[Val]) -> Result<u64> {
        use std::io::Write;
        let Conn::Pg(c) = self else {
            return Err(HqError::internal(anyhow::anyhow!(
                "COPY is PostgreSQL's; SQLite takes rows by INSERT"
            )));
        };
        let text = copy_text(columns, vals);
        let mut client = c.client.borrow_mut();
        let mut w = client.copy_in(&format!("COPY {table} FROM STDIN"))?;
        w.write_all(text.as_bytes())
            .map_err(|e| HqError::internal(e.into()))?;
        Ok(w.finish()?)
    }

    /// Every row of a query, each made into a `T` by `f`.
    pub(crate) fn rows<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Vec<T>> {
        let vals: Vec<ValRef> = args.iter().map(|a| a.val()).collect();
        match self {
            Conn::Lite(c) => {
                let mut st = c.prepare_cached(sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(vals.iter()))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    out.push(f(&Row::Lite(r))?);
                }
                Ok(out)
            }
            Conn::Pg(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> =
                    vals.iter().map(|v| v as _).collect();
                let st = c.statement(&for_pg_with(sql, &vals))?;
                let rows = c.client.borrow_mut().query(&st, &refs)?;
                rows.iter().map(|r| f(&Row::Pg(r))).collect()
            }
        }
    }

    /// Every row of a query given to `f` as it is read, none kept (a whole table copied).
    pub(crate) fn each(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        mut f: impl FnMut(&Row) -> Result<()>,
    ) -> Result<()> {
        let vals: Vec<ValRef> = args.iter().map(|a| a.val()).collect();
        match self {
            Conn::Lite(c) => {
                let mut st = c.prepare(sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(vals.iter()))?;
                while let Some(r) = rows.next()? {
                    f(&Row::Lite(r))?;
                }
                Ok(())
            }
            Conn::Pg(c) => {
                use postgres::fallible_iterator::FallibleIterator;
                let st = c.statement(&for_pg_with(sql, &vals))?;
                let mut client = c.client.borrow_mut();
                let mut rows = client.query_raw(&st, vals.iter())?;
                while let Some(r) = rows.next()? {
                    f(&Row::Pg(&r))?;
                }
                Ok(())
            }
        }
    }

    /// The first column of every row, as text (keys, names).
    pub(crate) fn texts(&self, sql: &str, args: &[&dyn Arg]) -> Result<Vec<String>> {
        self.rows(sql, args, |r| r.get(0))
    }

    /// The first row of a query, if any.
    pub(crate) fn row<T>(
        &self,
        sql: &str,
        args: &[&dyn Arg],
        f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<Option<T>> {
        Ok(self.rows(sql, args, f)?.into_iter().next())
    }

    /// Statements without parameters, one after another.
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Lite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg(c) => Ok(c.client.borrow_mut().batch_execute(sql)?),
        }
    }
}

impl From<postgres::Error> for HqError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState as S;
        let Some(db) = e.as_db_error() else {
            return HqError::new(
                ErrorKind::Io,
                format!("the connection to the PostgreSQL server failed: {e}"),
            )
            .hinted("the change was not written; check the server and run the command again");
        };
        let code = db.code().clone();
        if code == S::UNIQUE_VIOLATION
            || code == S::FOREIGN_KEY_VIOLATION
            || code == S::CHECK_VIOLATION
            || code == S::NOT_NULL_VIOLATION
        {
            return HqError::conflict(format!(
                "the change conflicts with what the database holds ({})",
                db.message()
            ))
            .hinted("nothing was written; look at what exists now (another command may have changed it) and try again");
        }
        if code == S::LOCK_NOT_AVAILABLE
            || code == S::QUERY_CANCELED
            || code == S::T_R_SERIALIZATION_FAILURE
            || code == S::T_R_DEADLOCK_DETECTED
        {
            return HqError::new(
                ErrorKind::Busy,
                format!(
                    "the database is busy: another hq process held it past the wait time ({})",
                    db.message()
                ),
            )
            .hinted(format!(
                "try again, or wait longer with {} SECONDS",
                crate::domain::fix::field("wait")
            ));
        }
        if code == S::DISK_FULL || code == S::INSUFFICIENT_RESOURCES {
            return HqError::new(
                ErrorKind::Io,
                format!("the server is out of space: {}", db.message()),
            )
            .hinted(
                "the change was not written; free space on the server and run the command again",
            );
        }
        if db.message().contains("extension") && db.message().contains("citext") {
            return HqError::data_file(format!(
                "the server cannot give hq the citext extension it needs: {}",
                db.message()
            ))
            .hinted("nothing was written; install the server's contrib package (Debian: postgresql-contrib) and run the command again");
        }
        // The server, not hq: out of memory, shut down, restarted or cut off, a fault of its
        // disk, a transaction it made read-only.
        let class = code.code().get(..2).unwrap_or("");
        if matches!(class, "53" | "57" | "58" | "08") || code == S::READ_ONLY_SQL_TRANSACTION {
            return HqError::new(
                ErrorKind::Io,
                format!("the PostgreSQL server failed the command: {}", db.message()),
            )
            .hinted("the change was not written; check the server and run the command again");
        }
        if code == S::OBJECT_IN_USE {
            return HqError::new(
                ErrorKind::Busy,
                format!("the database is busy: {}", db.message()),
            )
            .hinted("try again once the other session is done");
        }
        if matches!(class, "3D" | "3F") || code == S::UNDEFINED_TABLE {
            return HqError::data_file(format!(
                "the database {} is not a whole hq environment: {}",
                crate::error::DATA,
                db.message()
            ))
            .hinted(
                crate::domain::Hint::from(
                    "it was not changed; an environment is made in an empty database with ",
                )
                .run(crate::domain::Cmd::new("init")),
            );
        }
        if code == S::INSUFFICIENT_PRIVILEGE {
            return HqError::data_file(format!("the server refused hq's user: {}", db.message()))
                .hinted("give the user the rights on the database (its owner has them)");
        }
        // Anything else is hq's own SQL taken otherwise than hq meant: a bug.
        HqError::internal(anyhow::Error::new(e))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn copy_text_escapes_what_copy_would_read_otherwise() {
        let vals = vec![
            Val::Text("a\tb\\c\nd\re".into()),
            Val::Null,
            Val::Int(-7),
            Val::Real(1.5),
            Val::Text("\\N".into()),
            Val::Text(String::new()),
        ];
        assert_eq!(
            copy_text(3, &vals),
            "a\\tb\\\\c\\nd\\re\t\\N\t-7\n1.5\t\\\\N\t\n"
        );
        assert_eq!(copy_text(2, &[]), "");
    }

    use super::*;

    #[test]
    fn parameters_are_numbered_with_a_dollar_outside_quotes() {
        assert_eq!(
            for_pg("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d IN (?2, ?10)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d IN ($2, $10)"
        );
        assert_eq!(for_pg("SELECT '' || ?1"), "SELECT '' || $1");
        // Text that is not ASCII is kept whole; a thousand rows' parameters in one pass.
        assert_eq!(for_pg("SELECT 'é?1', ?1"), "SELECT 'é?1', $1");
        let many: Vec<String> = (1..=30_000).map(|i| format!("?{i}")).collect();
        let sql = for_pg(&many.join(","));
        assert!(
            sql.starts_with("$1,$2,") && sql.ends_with(",$30000"),
            "{}",
            &sql[..20]
        );
    }

    #[test]
    fn a_parameter_tested_for_null_is_tested_by_its_value() {
        let sql = "SELECT a FROM t WHERE (?1 IS NULL OR b = ?1) AND (?11 IS NOT NULL OR c = ?11)";
        let mut vals = vec![ValRef::Null; 11];
        vals[0] = ValRef::Text("x");
        assert_eq!(
            for_pg_with(sql, &vals),
            "SELECT a FROM t WHERE (FALSE OR b = $1) AND (FALSE OR c = $11)"
        );
        assert_eq!(
            for_pg_with(
                "SELECT a FROM t WHERE ?1 IS NULL OR b = ?1",
                &[ValRef::Null]
            ),
            "SELECT a FROM t WHERE TRUE OR b = $1"
        );
    }

    #[test]
    fn sqlite_binds_and_reads_every_kind() {
        let c = Conn::Lite(rusqlite::Connection::open_in_memory().unwrap());
        c.batch("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d TEXT)")
            .unwrap();
        let none: Option<&str> = None;
        assert_eq!(
            c.exec(
                "INSERT INTO t VALUES (?1, ?2, ?3, ?4)",
                &[&"x", &true, &1.5, &none]
            )
            .unwrap(),
            1
        );
        let got = c
            .row("SELECT a, b, c, d FROM t WHERE a = ?1", &[&"x"], |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<bool>(1)?,
                    r.get::<f64>(2)?,
                    r.get::<Option<String>>(3)?,
                ))
            })
            .unwrap();
        assert_eq!(got, Some(("x".to_string(), true, 1.5, None)));
        assert!(
            c.row("SELECT b FROM t", &[], |r| r.get::<String>(0))
                .is_err()
        );
    }
}
