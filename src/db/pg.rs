//! The PostgreSQL engine (issue 20): connecting to the server a `postgres://` location names,
//! over TLS as `sslmode` asks, with its failures said in hq's words and exit codes.
//!
//! No password reaches a message: the location is shown without it ([`Server`]'s `Display`),
//! and the client's own errors do not carry it.

use std::time::Duration;

use super::location::{Server, Tls};
use super::sql::Conn;
use crate::error::{DATA, ErrorKind, HqError, Result};

/// How long a connection is tried at least, whatever `--wait` says.
const CONNECT_WAIT: Duration = Duration::from_secs(5);

/// Connects to the server, or says why not: a server that cannot be reached is exit 74 (as
/// any I/O fault); a login the server refuses, or a database it does not have, exit 7.
pub(crate) fn connect(server: &Server, wait: Duration) -> Result<postgres::Client> {
    let shown = server.to_string();
    let mut config = server.config.clone();
    config.connect_timeout(wait.max(CONNECT_WAIT));
    let client = if server.tls == Tls::Disable {
        // No TLS at all: OpenSSL is not even set up (loading the system's authorities took
        // a third of a small command's time).
        config.connect(postgres::NoTls)
    } else {
        config.connect(connector(server, &shown)?)
    };
    client.map_err(|e| connect_error(server, &shown, &e))
}

/// The TLS connector `sslmode` asks for ([`Tls`]): the server's certificate checked for
/// `verify-ca` (its authority) and `verify-full` (and its name), not otherwise, as in libpq.
fn connector(server: &Server, shown: &str) -> Result<postgres_native_tls::MakeTlsConnector> {
    let mut b = native_tls::TlsConnector::builder();
    match server.tls {
        Tls::VerifyFull => {}
        Tls::VerifyCa => {
            b.danger_accept_invalid_hostnames(true);
        }
        Tls::Disable | Tls::Allow | Tls::Prefer | Tls::Require => {
            b.danger_accept_invalid_certs(true);
            b.danger_accept_invalid_hostnames(true);
        }
    }
    if let Some(path) = &server.root {
        let pem = std::fs::read(path).map_err(|e| {
            HqError::new(
                ErrorKind::Io,
                format!(
                    "cannot read the root certificate {} (sslrootcert) for {shown}: {e}",
                    path.display()
                ),
            )
        })?;
        let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| {
            HqError::data_file(format!(
                "{}, the root certificate (sslrootcert) for {shown}, is not a PEM certificate: {e}",
                path.display()
            ))
        })?;
        b.add_root_certificate(cert);
    }
    let c = b
        .build()
        .map_err(|e| HqError::data_file(format!("{shown}: cannot set up TLS: {e}")))?;
    Ok(postgres_native_tls::MakeTlsConnector::new(c))
}

/// The error for a connection that failed.
fn connect_error(server: &Server, shown: &str, e: &postgres::Error) -> HqError {
    use postgres::error::SqlState;
    let user = server.config.get_user().unwrap_or_default();
    let tried = || match &server.password_from {
        Some(from) => format!("the password from {from}"),
        None => "no password (none in the URL, PGPASSWORD or ~/.pgpass)".to_string(),
    };
    let login_hint = "give the user's password in PGPASSWORD or ~/.pgpass (a line HOST:PORT:DATABASE:USER:PASSWORD, mode 0600)";
    let Some(db) = e.as_db_error() else {
        // The server asked for a password and there was none: the client's own error, which
        // it tells only in words.
        let cause = std::error::Error::source(e).map(ToString::to_string);
        if cause.as_deref() == Some("password missing") {
            return HqError::data_file(format!(
                "{shown}: the server asks {user} for a password, and hq was given {}",
                tried()
            ))
            .hinted(login_hint);
        }
        if cause
            .as_deref()
            .is_some_and(|c| c.contains("does not support TLS"))
        {
            return HqError::data_file(format!(
                "{shown}: sslmode={} asks for TLS, and the server does not offer it",
                tls_name(server.tls)
            ))
            .hinted("turn TLS on in the server (ssl = on), or connect with sslmode=prefer or disable over a network you trust");
        }
        if let Some(c) = cause.as_deref().filter(|c| is_tls(c)) {
            return HqError::data_file(format!(
                "{shown}: the TLS connection failed ({}): {c}",
                tls_words(server.tls)
            ))
            .hinted(
                "for verify-ca and verify-full, give the certificate of the authority that signed the server's in sslrootcert= or PGSSLROOTCERT; sslmode=require encrypts without checking who the server is",
            );
        }
        let cause = cause.map_or_else(String::new, |c| format!(" ({c})"));
        return HqError::new(
            ErrorKind::Io,
            format!("cannot reach the PostgreSQL server of {shown}: {e}{cause}"),
        )
        .hinted("check that the server runs and listens at that host and port (PGHOST, PGPORT)");
    };
    let code = db.code();
    if db.message().contains("pg_hba.conf") {
        // The server's rules for who may connect from where turned the connection away.
        let hint = if db.message().contains("no encryption") {
            "the server takes this user only over TLS: connect with sslmode=require (or verify-ca, verify-full)"
        } else {
            "the server's pg_hba.conf does not let this user in from here: ask its administrator"
        };
        return HqError::data_file(format!(
            "{shown}: the server turned the connection away: {}",
            db.message()
        ))
        .hinted(hint);
    }
    if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        return HqError::data_file(format!(
            "{shown}: the server refused the login of {user} with {}: {}",
            tried(),
            db.message()
        ))
        .hinted(login_hint);
    }
    if *code == SqlState::INVALID_CATALOG_NAME {
        let name = server.config.get_dbname().unwrap_or_default();
        return HqError::data_file(format!("{shown}: the server has no database {name}")).hinted(
            format!("create it first (createdb {name}), then run hq init"),
        );
    }
    HqError::data_file(format!(
        "{shown}: the server refused the connection: {}",
        db.message()
    ))
}

/// A TLS library's failure, by its words (the client gives no kind for it).
fn is_tls(cause: &str) -> bool {
    let c = cause.to_ascii_lowercase();
    c.contains("certificate") || c.contains("ssl") || c.contains("tls") || c.contains("handshake")
}

fn tls_name(t: Tls) -> &'static str {
    match t {
        Tls::Disable => "disable",
        Tls::Allow => "allow",
        Tls::Prefer => "prefer",
        Tls::Require => "require",
        Tls::VerifyCa => "verify-ca",
        Tls::VerifyFull => "verify-full",
    }
}

fn tls_words(t: Tls) -> String {
    let what = match t {
        Tls::VerifyFull => {
            "the server's certificate checked against a trusted authority and its name"
        }
        Tls::VerifyCa => "the server's certificate checked against a trusted authority",
        _ => "encrypted, the certificate not checked",
    };
    format!("sslmode={}: {what}", tls_name(t))
}

/// The schema version of an hq database on a server (`hq_schema`; SQLite keeps it in
/// `PRAGMA user_version`).
pub(crate) fn schema_version(c: &Conn) -> Result<u32> {
    let v: Option<i64> = c.row("SELECT version FROM hq_schema", &[], |r| r.get(0))?;
    v.and_then(|v| u32::try_from(v).ok()).ok_or_else(|| {
        HqError::data_file(format!(
            "the database {DATA} has no schema version (table hq_schema)"
        ))
    })
}

/// The settings row is missing: not a whole hq database.
pub(crate) fn no_meta() -> HqError {
    HqError::data_file(format!(
        "the database {DATA} is not a whole hq environment: its settings row (hq_meta) is missing"
    ))
}

/// What a database holds, as far as hq is concerned.
pub(crate) enum Found {
    /// No table at all: `hq init` may make an environment here.
    Empty,
    /// An hq environment, at this schema version.
    Hq(u32),
    /// Tables, none of them hq's: this many.
    Other(i64),
}

pub(crate) fn found(c: &Conn) -> Result<Found> {
    // One statement, from the catalogue itself (information_schema's views took a few ms to
    // plan, on every command): the tables and views of the schema, and whether hq's is one.
    let (tables, hq): (i64, bool) = c
        .row(
            "SELECT count(*), bool_or(c.relname = 'hq_schema')
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
            &[],
            |r| Ok((r.get(0)?, r.get::<Option<bool>>(1)?.unwrap_or(false))),
        )?
        .unwrap_or((0, false));
    if tables == 0 {
        return Ok(Found::Empty);
    }
    if hq {
        Ok(Found::Hq(schema_version(c)?))
    } else {
        Ok(Found::Other(tables))
    }
}

/// Makes hq's schema in an empty database, inside the caller's transaction (PostgreSQL's
/// schema changes are transactional: a failed `init` leaves the database empty).
pub(crate) fn create_schema(c: &Conn) -> Result<()> {
    c.batch(super::migrate::PG_SCHEMA)?;
    for (_, _, sql) in super::migrate::pg_after(super::migrate::PG_BASELINE) {
        c.batch(sql)?;
    }
    c.exec(
        "INSERT INTO hq_schema (version) VALUES (?1)",
        &[&i64::from(super::migrate::latest())],
    )?;
    Ok(())
}

/// Brings a database at schema `from` (at least [`super::migrate::PG_BASELINE`]) up to this
/// hq's, in one transaction that holds the lock `hq init` takes: a second hq waits, then finds
/// it done. A migration that fails leaves the database as it was.
pub(crate) fn migrate(c: &Conn) -> Result<()> {
    c.batch("BEGIN")?;
    let done = (|| -> Result<()> {
        lock_for_init(c)?;
        let now = schema_version(c)?;
        for (version, why, sql) in super::migrate::pg_after(now) {
            c.batch(sql).map_err(|e| {
                if e.kind == crate::error::ErrorKind::Internal {
                    HqError::internal(anyhow::anyhow!(
                        "applying migration {version} ({why}) on PostgreSQL: {}",
                        e.message
                    ))
                } else {
                    e
                }
            })?;
            c.exec("UPDATE hq_schema SET version = ?1", &[&i64::from(version)])?;
        }
        Ok(())
    })();
    match done {
        Ok(()) => c.batch("COMMIT"),
        Err(e) => {
            let _ = c.batch("ROLLBACK");
            Err(e)
        }
    }
}

/// A database that holds other tables than hq's (exit 7): left as it is.
pub(crate) fn not_hq(server: &Server, tables: i64) -> HqError {
    HqError::data_file(format!(
        "{server} holds {tables} tables and is not an hq database; nothing was changed"
    ))
    .hinted("give hq a database of its own: hq init makes an environment in an empty one (createdb NAME)")
}

/// `--wait`: how long a statement waits for a lock another writer holds before it gives up
/// (exit 6, [`super::sql`]'s `From<postgres::Error>`).
pub(crate) fn set_wait(c: &Conn, wait: Duration) -> Result<()> {
    c.batch(&format!("SET lock_timeout = {}", wait.as_millis().max(1)))
}

/// The lock two `hq init`s of one database take in turn (a transaction's advisory lock).
pub(crate) fn lock_for_init(c: &Conn) -> Result<()> {
    c.row(
        "SELECT pg_advisory_xact_lock(?1)",
        &[&i64::from(super::APPLICATION_ID)],
        |_| Ok(()),
    )?;
    Ok(())
}
