//! The PostgreSQL engine (issue 20): connecting to the server a `postgres://` location names,
//! with its failures said in hq's words and exit codes.
//!
//! No password reaches a message: the location is shown without it ([`Server`]'s `Display`),
//! and the client's own errors do not carry it.

use std::time::Duration;

use super::location::Server;
use crate::error::{ErrorKind, HqError, Result};

/// How long a connection is tried at least, whatever `--wait` says.
const CONNECT_WAIT: Duration = Duration::from_secs(5);

/// Connects to the server, or says why not: a server that cannot be reached is exit 74 (as
/// any I/O fault); a login the server refuses, or a database it does not have, exit 7.
pub(crate) fn connect(server: &Server, wait: Duration) -> Result<postgres::Client> {
    let shown = server.to_string();
    if server.config.get_ssl_mode() == postgres::config::SslMode::Require {
        return Err(HqError::data_file(format!(
            "{shown}: sslmode=require asks for TLS, and this build of hq connects without it"
        ))
        .hinted("connect over a network you trust with sslmode=disable or prefer, or through a TLS tunnel to the server"));
    }
    let mut config = server.config.clone();
    config.connect_timeout(wait.max(CONNECT_WAIT));
    config
        .connect(postgres::NoTls)
        .map_err(|e| connect_error(server, &shown, &e))
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
        let cause = cause.map_or_else(String::new, |c| format!(" ({c})"));
        return HqError::new(
            ErrorKind::Io,
            format!("cannot reach the PostgreSQL server of {shown}: {e}{cause}"),
        )
        .hinted("check that the server runs and listens at that host and port (PGHOST, PGPORT)");
    };
    let code = db.code();
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
