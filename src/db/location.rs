//! Where an environment is kept: a SQLite file (the default), or a PostgreSQL database named by
//! a URL (`--data postgres://USER@HOST:PORT/DB`, issue 20).
//!
//! A server's password comes from the URL, else `PGPASSWORD`, else the password file
//! (`PGPASSFILE`, else `~/.pgpass`), as libpq takes it. It is kept in the connection's
//! settings only: what hq shows of a location ([`Location`]'s `Display`: messages, `status`,
//! the audit log) is the URL without it.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::domain::refuse;
use crate::error::{HqError, Result};

/// The default port of a PostgreSQL server.
const DEFAULT_PORT: u16 = 5432;

/// Where `--data` points.
#[derive(Clone)]
pub(crate) enum Location {
    File(PathBuf),
    Server(Box<Server>),
}

/// A PostgreSQL database: how to connect (password included) and what may be shown of it.
#[derive(Clone)]
pub(crate) struct Server {
    pub(in crate::db) config: postgres::Config,
    /// `postgres://USER@HOST:PORT/DB`: never the password.
    shown: String,
    /// Where the password came from, when there is one (`the URL`, `PGPASSWORD`, a file).
    pub(in crate::db) password_from: Option<String>,
    /// `sslmode`, as libpq reads it.
    pub(in crate::db) tls: Tls,
    /// The certificate (PEM) of the authority that signs the server's: `sslrootcert`, else
    /// `PGSSLROOTCERT`; else the system's.
    pub(in crate::db) root: Option<PathBuf>,
}

/// `sslmode`: whether the connection is encrypted, and how much of the server's certificate is
/// checked. As in libpq, `allow`, `prefer` and `require` encrypt without checking who the
/// server is; `verify-ca` checks that a trusted authority signed its certificate, and
/// `verify-full` also that the certificate names the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tls {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Tls {
    fn parse(text: &str) -> Option<Tls> {
        Some(match text {
            "disable" => Tls::Disable,
            "allow" => Tls::Allow,
            "prefer" => Tls::Prefer,
            "require" => Tls::Require,
            "verify-ca" => Tls::VerifyCa,
            "verify-full" => Tls::VerifyFull,
            _ => return None,
        })
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Server(s) => f.write_str(&s.shown),
        }
    }
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Location {
    /// Reads `--data` (or `HQ_DATA`): a `postgres://` or `postgresql://` URL names a server;
    /// anything else is a file's path. `var` reads the environment (the `PG*` variables) and
    /// `home` is the user's home folder (for `~/.pgpass`).
    pub(crate) fn parse(
        given: &str,
        var: &dyn Fn(&str) -> Option<String>,
        home: Option<PathBuf>,
    ) -> Result<Location> {
        let Some(rest) = server_url_rest(given) else {
            return Ok(Location::File(PathBuf::from(given)));
        };
        Server::parse(rest, var, home).map(|s| Location::Server(Box::new(s)))
    }
}

/// The `PG*` variables and the home folder, as the context read them once at the start: what
/// a location kept in the data (a channel database on a server) is read with. The core reads
/// no environment itself.
static REMEMBERED: std::sync::OnceLock<Remembered> = std::sync::OnceLock::new();

/// The `PG*` variables (name, value) and the home folder.
type Remembered = (Vec<(String, String)>, Option<PathBuf>);

/// Remembers the `PG*` variables and the home folder for [`kept_server`] (the context calls it
/// once).
pub(crate) fn remember_environment(vars: Vec<(String, String)>, home: Option<PathBuf>) {
    let _ = REMEMBERED.set((vars, home));
}

/// A location kept in the data, when it names a server (`postgres://...`): read as `--data`
/// reads one, with the remembered `PG*` variables and `~/.pgpass`. None: a file's path.
pub(crate) fn kept_server(text: &str) -> Option<Result<Server>> {
    let rest = server_url_rest(text)?;
    let (vars, home) = REMEMBERED.get().cloned().unwrap_or_default();
    let var = |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    Some(Server::parse(rest, &var, home))
}

impl Server {
    /// Whether the password came in the URL itself (which a location kept in the data must
    /// not hold).
    pub(crate) fn password_in_url(&self) -> bool {
        self.password_from.as_deref() == Some("the URL")
    }
}

/// `word` with the password of any `postgres://USER:PASSWORD@` URL in it taken out
/// (`postgres://USER@`): a command line as the audit log keeps it.
pub(crate) fn without_password(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let lower = head.to_ascii_lowercase();
        let is_pg = lower.ends_with("postgres://") || lower.ends_with("postgresql://");
        // The user's part ends at the last `@` before the host's `/`, `?` or the end.
        let end = tail.find(['/', '?', ' ']).unwrap_or(tail.len());
        match (is_pg, tail[..end].rfind('@')) {
            (true, Some(at_sign)) => {
                let userinfo = &tail[..at_sign];
                let user = userinfo.split(':').next().unwrap_or("");
                out.push_str(user);
                rest = &tail[at_sign..];
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

/// What follows the scheme, when `text` is a PostgreSQL URL (either scheme, any case).
fn server_url_rest(text: &str) -> Option<&str> {
    ["postgres://", "postgresql://"].iter().find_map(|scheme| {
        text.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .map(|_| &text[scheme.len()..])
    })
}

impl Server {
    fn parse(
        rest: &str,
        var: &dyn Fn(&str) -> Option<String>,
        home: Option<PathBuf>,
    ) -> Result<Server> {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let bad = |why: String| HqError::from(refuse::bad_server_url(&why));
        // `sslmode` and `sslrootcert` are read here (the client knows neither `verify-ca`,
        // `verify-full` nor a root certificate), the rest of the URL by the client.
        let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut kept = Vec::new();
        let (mut mode, mut root) = (None, None);
        for kv in query.split('&').filter(|kv| !kv.is_empty()) {
            match kv.split_once('=') {
                Some(("sslmode", v)) => mode = Some(("sslmode", v.to_string())),
                Some(("sslrootcert", v)) => root = Some(PathBuf::from(v)),
                _ => kept.push(kv),
            }
        }
        // A host given without a port takes PGPORT (else 5432), as in libpq: written into the
        // URL, since the client would take 5432 for it.
        let url_port = || -> Result<u16> {
            match set("PGPORT") {
                Some(p) => p.parse::<u16>().map_err(|_| {
                    refuse::bad_server_variable("PGPORT", &p, "give a port number").into()
                }),
                None => Ok(DEFAULT_PORT),
            }
        };
        let base = match with_ports(base, None) {
            same if same == base => same,
            _ => with_ports(base, Some(url_port()?)),
        };
        let url = if kept.is_empty() {
            format!("postgresql://{base}")
        } else {
            format!("postgresql://{base}?{}", kept.join("&"))
        };
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e: postgres::Error| bad(e.to_string()))?;
        let mode = mode.or_else(|| set("PGSSLMODE").map(|m| ("PGSSLMODE", m)));
        let tls = match mode {
            None => Tls::Prefer,
            Some((from, m)) => Tls::parse(&m).ok_or_else(|| {
                refuse::bad_server_variable(
                    from,
                    &m,
                    "expected disable, allow, prefer, require, verify-ca or verify-full",
                )
            })?,
        };
        config.ssl_mode(match tls {
            Tls::Disable => postgres::config::SslMode::Disable,
            Tls::Allow | Tls::Prefer => postgres::config::SslMode::Prefer,
            Tls::Require | Tls::VerifyCa | Tls::VerifyFull => postgres::config::SslMode::Require,
        });
        let root = root.or_else(|| set("PGSSLROOTCERT").map(PathBuf::from));
        if config.get_hosts().is_empty() {
            config.host(&set("PGHOST").unwrap_or_else(|| "localhost".to_string()));
        }
        if config.get_ports().is_empty() {
            config.port(url_port()?);
        }
        if config.get_user().is_none() {
            let user = set("PGUSER")
                .or_else(|| set("USER"))
                .or_else(|| set("LOGNAME"))
                .ok_or_else(
                    || bad("it names no user, and neither PGUSER nor USER is set".into()),
                )?;
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let db = set("PGDATABASE")
                .or_else(|| config.get_user().map(str::to_string))
                .unwrap_or_default();
            config.dbname(&db);
        }
        config.application_name("hq");
        let (host, port) = first_host(&config);
        let user = config.get_user().unwrap_or_default().to_string();
        let dbname = config.get_dbname().unwrap_or_default().to_string();
        let mut password_from = config.get_password().map(|_| "the URL".to_string());
        if password_from.is_none() {
            if let Some(p) = set("PGPASSWORD") {
                config.password(p);
                password_from = Some("PGPASSWORD".to_string());
            } else {
                let file = set("PGPASSFILE")
                    .map(PathBuf::from)
                    .or_else(|| home.map(|h| h.join(".pgpass")));
                if let Some(file) = file
                    && let Some(p) = password_file_entry(&file, &host, port, &dbname, &user)
                {
                    config.password(p);
                    password_from = Some(file.display().to_string());
                }
            }
        }
        let shown = shown(&host, port, &user, &dbname);
        Ok(Server {
            config,
            shown,
            password_from,
            tls,
            root,
        })
    }
}

/// The URL's part after the scheme with `port` given to each host the authority names without
/// one (`ana@h1,h2/db` -> `ana@h1:P,h2:P/db`; `[::1]` -> `[::1]:P`).
/// With no port, the URL as it is when every host has one (and something else otherwise).
fn with_ports(base: &str, port: Option<u16>) -> String {
    let (authority, path) = match base.find('/') {
        Some(i) => base.split_at(i),
        None => (base, ""),
    };
    let (user, hosts) = match authority.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), authority),
    };
    if hosts.is_empty() {
        return base.to_string();
    }
    let hosts: Vec<String> = hosts
        .split(',')
        .map(|h| {
            let has_port = match h.strip_prefix('[') {
                Some(rest) => rest.contains("]:"),
                None => h.contains(':'),
            };
            match port {
                _ if has_port || h.is_empty() => h.to_string(),
                Some(p) => format!("{h}:{p}"),
                None => format!("{h}:"),
            }
        })
        .collect();
    format!("{user}{}{path}", hosts.join(","))
}

/// The first host and port the connection tries, as text (a Unix socket folder as its path).
fn first_host(config: &postgres::Config) -> (String, u16) {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".to_string(),
    };
    (
        host,
        config.get_ports().first().copied().unwrap_or(DEFAULT_PORT),
    )
}

/// `postgres://USER@HOST:PORT/DB`, or with a socket folder, `postgres://USER@/DB?host=PATH`.
fn shown(host: &str, port: u16, user: &str, dbname: &str) -> String {
    let user = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    if host.starts_with('/') {
        return format!("postgres://{user}/{dbname}?host={host}&port={port}");
    }
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    };
    format!("postgres://{user}{host}:{port}/{dbname}")
}

/// The password the password file gives this connection: its first line whose host, port,
/// database and user match (`*` matches anything; `\:` and `\\` are a colon and a backslash).
/// A file others may read is not used, as libpq does not use it.
fn password_file_entry(
    file: &Path,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    // A socket folder matches the name `localhost`, as in libpq.
    let host = if host.starts_with('/') {
        "localhost"
    } else {
        host
    };
    let wanted = [host, port.as_str(), dbname, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .find_map(|line| {
            let fields = pgpass_fields(line);
            if fields.len() < 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(have, want)| have == "*" || have == want);
            matches.then(|| fields[4..].join(":"))
        })
}

/// A password file's line split at its unescaped colons, escapes undone.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' => fields.push(String::new()),
            other => {
                if let Some(f) = fields.last_mut() {
                    f.push(other);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    fn server(url: &str, vars: &[(&str, &str)], home: Option<PathBuf>) -> Server {
        match Location::parse(url, &env(vars), home).unwrap() {
            Location::Server(s) => *s,
            Location::File(p) => panic!("read as the file {}", p.display()),
        }
    }

    #[test]
    fn a_path_is_a_file_and_a_url_of_either_scheme_a_server() {
        for path in ["hq.db", "./postgres.db", "postgres:/x", "data/postgres//x"] {
            let l = Location::parse(path, &env(&[]), None).unwrap();
            assert!(
                matches!(l, Location::File(ref p) if p == Path::new(path)),
                "{path}"
            );
        }
        for url in ["postgres://u@h/d", "postgresql://u@h/d", "POSTGRES://u@h/d"] {
            let s = server(url, &[], None);
            assert_eq!(s.shown, "postgres://u@h:5432/d", "{url}");
        }
    }

    #[test]
    fn the_password_is_never_shown_wherever_it_comes_from() {
        let s = server("postgres://ana:s3cret@db.example.com:6543/hq", &[], None);
        assert_eq!(s.shown, "postgres://ana@db.example.com:6543/hq");
        assert_eq!(s.config.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(s.password_from.as_deref(), Some("the URL"));
        let l = Location::Server(Box::new(s));
        assert!(!format!("{l} {l:?}").contains("s3cret"));
        let s = server("postgres://ana@h/hq", &[("PGPASSWORD", "fromenv")], None);
        assert_eq!(s.config.get_password(), Some(&b"fromenv"[..]));
        assert_eq!(s.password_from.as_deref(), Some("PGPASSWORD"));
        assert!(!s.shown.contains("fromenv"));
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_the_pg_variables() {
        let vars = [
            ("PGHOST", "pg.internal"),
            ("PGPORT", "5499"),
            ("PGUSER", "hqadmin"),
            ("PGDATABASE", "contoso"),
        ];
        assert_eq!(
            server("postgres://", &vars, None).shown,
            "postgres://hqadmin@pg.internal:5499/contoso"
        );
        // The URL wins over the variables; a host without a port takes PGPORT.
        assert_eq!(
            server("postgres://ana@h:1/d", &vars, None).shown,
            "postgres://ana@h:1/d"
        );
        assert_eq!(
            server("postgres://ana@h/d", &vars, None).shown,
            "postgres://ana@h:5499/d"
        );
        assert_eq!(
            server("postgres://ana@[::1]/d", &vars, None).shown,
            "postgres://ana@[::1]:5499/d"
        );
        assert_eq!(
            server("postgres://ana@[::1]:7/d", &vars, None).shown,
            "postgres://ana@[::1]:7/d"
        );
        // Without PGDATABASE the database is the user's name, as in libpq.
        assert_eq!(
            server("postgres://", &[("PGUSER", "ana")], None).shown,
            "postgres://ana@localhost:5432/ana"
        );
        let err = Location::parse(
            "postgres://",
            &env(&[("PGUSER", "a"), ("PGPORT", "x")]),
            None,
        )
        .unwrap_err();
        assert!(err.message.contains("PGPORT"), "{}", err.message);
        let err = Location::parse("postgres://a@h/d", &env(&[("PGPORT", "x")]), None).unwrap_err();
        assert!(err.message.contains("PGPORT"), "{}", err.message);
        // A URL that gives every port does not read PGPORT.
        assert_eq!(
            server("postgres://a@h:6/d", &[("PGPORT", "x")], None).shown,
            "postgres://a@h:6/d"
        );
        assert_eq!(
            server("postgres://a@h1,h2:7/d", &[("PGPORT", "8")], None).shown,
            "postgres://a@h1:8/d"
        );
        let err = Location::parse(
            "postgres://a@h/d",
            &env(&[("PGSSLMODE", "sometimes")]),
            None,
        )
        .unwrap_err();
        assert!(err.message.contains("PGSSLMODE"), "{}", err.message);
        let err = Location::parse("postgres://a@h/d?sslmode=always", &env(&[]), None).unwrap_err();
        assert!(
            err.message.contains("\"always\" for sslmode"),
            "{}",
            err.message
        );
    }

    #[test]
    fn sslmode_and_the_root_certificate_come_from_the_url_else_the_variables() {
        let s = server("postgres://a@h/d", &[], None);
        assert_eq!((s.tls, s.root), (Tls::Prefer, None));
        let s = server(
            "postgres://a@h/d?sslmode=verify-full&sslrootcert=/etc/ca.pem&application_name=x",
            &[("PGSSLMODE", "disable")],
            None,
        );
        assert_eq!(s.tls, Tls::VerifyFull);
        assert_eq!(s.root.as_deref(), Some(Path::new("/etc/ca.pem")));
        assert_eq!(s.config.get_ssl_mode(), postgres::config::SslMode::Require);
        let s = server(
            "postgres://a@h/d",
            &[("PGSSLMODE", "verify-ca"), ("PGSSLROOTCERT", "/ca.pem")],
            None,
        );
        assert_eq!(
            (s.tls, s.root.as_deref()),
            (Tls::VerifyCa, Some(Path::new("/ca.pem")))
        );
        let s = server("postgres://a@h/d?sslmode=disable", &[], None);
        assert_eq!(s.config.get_ssl_mode(), postgres::config::SslMode::Disable);
    }

    #[test]
    fn a_command_line_keeps_no_password() {
        for (given, kept) in [
            (
                "postgres://ana:s3cret@h:5432/hq",
                "postgres://ana@h:5432/hq",
            ),
            (
                "--data=postgresql://ana:p@ss@h/hq",
                "--data=postgresql://ana@h/hq",
            ),
            ("POSTGRES://ana:x@h", "POSTGRES://ana@h"),
            ("postgres://ana@h/hq", "postgres://ana@h/hq"),
            ("https://u:p@example.com/x", "https://u:p@example.com/x"),
            ("plain", "plain"),
        ] {
            assert_eq!(without_password(given), kept, "{given}");
        }
    }

    #[test]
    fn a_bad_url_is_refused_without_repeating_it() {
        let err =
            Location::parse("postgres://ana:s3cret@h:notaport/d", &env(&[]), None).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert_eq!(err.field.as_deref(), Some("data"));
        assert!(
            err.message.contains("not a PostgreSQL URL"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("s3cret"), "{}", err.message);
    }

    #[test]
    fn the_password_file_gives_the_first_matching_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:*:ana:wrong\nh:5432:hq:bob:bobs\n*:*:hq:ana:pa\\:ss\\\\1\n*:*:*:*:last\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let home = Some(dir.path().to_path_buf());
        let s = server("postgres://ana@h/hq", &[], home.clone());
        assert_eq!(s.config.get_password(), Some(&b"pa:ss\\1"[..]));
        assert_eq!(s.password_from, Some(file.display().to_string()));
        let s = server("postgres://bob@h/hq", &[], home.clone());
        assert_eq!(s.config.get_password(), Some(&b"bobs"[..]));
        let s = server("postgres://carl@h/x", &[], home.clone());
        assert_eq!(s.config.get_password(), Some(&b"last"[..]));
        // PGPASSWORD comes before the file; the URL before both.
        let s = server(
            "postgres://ana@h/hq",
            &[("PGPASSWORD", "env")],
            home.clone(),
        );
        assert_eq!(s.config.get_password(), Some(&b"env"[..]));
        // A file others may read is not used.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let s = server("postgres://ana@h/hq", &[], home);
            assert_eq!(s.config.get_password(), None);
        }
    }
}
