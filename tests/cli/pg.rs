//! PostgreSQL (issue 20): `--data postgres://...`, against a throwaway server.
//!
//! The server is `HQ_TEST_PG` when set (`.ci/run` starts one with scripts/pg-cluster.sh);
//! otherwise the first test that needs one starts its own with that script, in a folder of
//! this test binary's in the temporary folder (`hq-pg-test-PID`: the server's user must reach
//! it, which a checkout in a private folder would not allow), and it is stopped and removed
//! when the binary exits. A cluster left by a binary that was killed is removed by the next.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::TestEnv;

/// The URL of the throwaway server (user `hq`, its password in the URL, database `postgres`).
pub fn server() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        if let Ok(url) = std::env::var("HQ_TEST_PG")
            && !url.is_empty()
        {
            return url;
        }
        start_own()
    })
}

const PREFIX: &str = "hq-pg-test-";

static OWN: OnceLock<PathBuf> = OnceLock::new();

extern "C" fn stop_own() {
    if let Some(dir) = OWN.get() {
        let _ = script().args(["stop"]).arg(dir).status();
    }
}

fn script() -> std::process::Command {
    let mut c = std::process::Command::new("bash");
    c.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster.sh"));
    c
}

fn start_own() -> String {
    let root = std::env::temp_dir();
    // Clusters of binaries that no longer run (killed before they could stop theirs).
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix(PREFIX)
            .and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
            let _ = script().arg("stop").arg(entry.path()).status();
        }
    }
    let dir = root.join(format!("{PREFIX}{}", std::process::id()));
    let out = script().arg("start").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "cannot start a throwaway PostgreSQL server (scripts/pg-cluster.sh start): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    OWN.set(dir).unwrap();
    // SAFETY: registers a plain function to run at exit; it touches only a set OnceLock.
    unsafe {
        libc::atexit(stop_own);
    }
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("export HQ_TEST_PG='"))
        .and_then(|l| l.strip_suffix('\''))
        .expect("pg-cluster.sh printed the URL")
        .to_string()
}

/// The server's URL with another password, user or database.
fn with(url: &str, password: Option<&str>, database: &str) -> String {
    let (head, rest) = url.split_once("://").unwrap();
    let (userinfo, hostpart) = rest.split_once('@').unwrap();
    let user = userinfo.split(':').next().unwrap();
    let host = hostpart.split('/').next().unwrap();
    match password {
        Some(p) => format!("{head}://{user}:{p}@{host}/{database}"),
        None => format!("{head}://{user}@{host}/{database}"),
    }
}

/// What hq printed (the transcript without its command line, which holds the URL as given).
fn printed(t: &str) -> &str {
    t.split_once("--- stdout").map_or(t, |(_, rest)| rest)
}

fn password(url: &str) -> String {
    let rest = url.split_once("://").unwrap().1;
    let userinfo = rest.split_once('@').unwrap().0;
    userinfo.split_once(':').unwrap().1.to_string()
}

#[test]
fn a_password_in_the_url_is_never_printed_even_when_the_server_is_unreachable() {
    let env = TestEnv::empty();
    let url = "postgres://ana:s3cret-pw@127.0.0.1:1/hq";
    for args in [
        vec!["--data", url, "status"],
        vec!["--data", url, "status", "--json"],
        vec!["--data", url, "init"],
        vec!["--data", url, "store", "list"],
    ] {
        let r = env.refused(&args, 74);
        assert!(!printed(&r).contains("s3cret"), "{}", *r);
        r.says(&[
            "cannot reach the PostgreSQL server of postgres://ana@127.0.0.1:1/hq",
            "Connection refused",
        ]);
    }
    // A URL that does not parse is not repeated either.
    env.refused(
        &["--data", "postgres://ana:s3cret-pw@h:port/hq", "status"],
        2,
    )
    .says(&["invalid value for --data: not a PostgreSQL URL"]);
}

#[test]
fn a_login_the_server_refuses_names_where_the_password_came_from() {
    let env = TestEnv::empty();
    let url = server();
    let wrong = with(url, Some("not-the-password"), "postgres");
    let r = env.refused(&["--data", &wrong, "status"], 7);
    assert!(!printed(&r).contains("not-the-password"), "{}", *r);
    r.says(&[
        "the server refused the login of hq with the password from the URL",
        "password authentication failed",
        "PGPASSWORD or ~/.pgpass",
    ]);
    // No password anywhere.
    let bare = with(url, None, "postgres");
    env.refused(&["--data", &bare, "status"], 7)
        .says(&["the server asks hq for a password, and hq was given no password (none in the URL, PGPASSWORD or ~/.pgpass)"]);
}

#[test]
fn the_password_comes_from_pgpassword_or_the_password_file() {
    let env = TestEnv::empty();
    let url = server();
    let pw = password(url);
    let bare = with(url, None, "postgres");
    // PGPASSWORD: the login succeeds, and hq says what it cannot do yet.
    let out = env
        .command(&["--data", &bare, "status"])
        .env("PGPASSWORD", &pw)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(err.contains("hq reached the server"), "{err}");
    assert!(!err.contains(&pw), "{err}");
    // ~/.pgpass, mode 0600.
    let pgpass = env.dir().join(".pgpass");
    let host = bare.split('@').nth(1).unwrap().split('/').next().unwrap();
    let (h, p) = host.split_once(':').unwrap();
    std::fs::write(&pgpass, format!("{h}:{p}:*:hq:{pw}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = env
        .command(&["--data", &bare, "status"])
        .env("HOME", env.dir())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hq reached the server"), "{err}");
    // A password file others may read is not used (as libpq does not use it).
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env
        .command(&["--data", &bare, "status"])
        .env("HOME", env.dir())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("was given no password"), "{err}");
}

#[test]
fn a_database_the_server_does_not_have_is_named_with_the_way_to_make_it() {
    let env = TestEnv::empty();
    let url = server();
    let missing = with(url, Some(&password(url)), "no_such_db");
    env.refused(&["--data", &missing, "init"], 7).says(&[
        "the server has no database no_such_db",
        "createdb no_such_db",
    ]);
}

#[test]
fn a_reachable_server_is_refused_until_the_engine_is_whole_and_nothing_is_made() {
    let env = TestEnv::empty();
    let url = server();
    for args in [vec!["init"], vec!["status"], vec!["apply", "x.toml"]] {
        let mut all = vec!["--data", url];
        all.extend(args);
        env.refused(&all, 7).says(&[
            "hq reached the server, but this build keeps environments in SQLite data files only; nothing was changed",
        ]);
    }
    // No file named after the URL was made in the working folder.
    let made: Vec<_> = std::fs::read_dir(env.dir()).unwrap().flatten().collect();
    assert!(made.is_empty(), "{made:?}");
}

/// A new, empty database on the server, for one test: its URL.
fn fresh_database(name: &str) -> String {
    let url = server();
    let name = format!("{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    // Two statements: a multi-statement string runs as one transaction, which these refuse.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    with(url, Some(&password(url)), &name)
}

/// One table as a schema says it: its columns in order (name, and whether it compares without
/// case), its primary key's columns.
#[derive(Debug, PartialEq)]
struct Table {
    columns: Vec<String>,
    primary_key: Vec<String>,
}

#[test]
fn the_postgres_schema_is_the_sqlite_schema() {
    use std::collections::{BTreeMap, BTreeSet};
    // SQLite: a data file made by `hq init`.
    let env = TestEnv::new();
    let version = env.json(&["status"])["schema_version"].as_u64().unwrap();
    assert_eq!(
        version, 14,
        "a new SQLite migration needs its PostgreSQL side (src/db/migrations/pg/), and this test its version"
    );
    let lite = rusqlite::Connection::open(env.data()).unwrap();
    let names = |sql: &str| -> BTreeSet<String> {
        let mut st = lite.prepare(sql).unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut sqlite_tables = BTreeMap::new();
    let mut sqlite_nocase = BTreeSet::new();
    for t in
        names("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    {
        let create: String = lite
            .query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [&t], |r| {
                r.get(0)
            })
            .unwrap();
        let mut st = lite
            .prepare(&format!("PRAGMA table_info(\"{t}\")"))
            .unwrap();
        let cols: Vec<(String, i64)> = st
            .query_map([], |r| Ok((r.get(1)?, r.get(5)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (c, _) in &cols {
            let def = create
                .split([',', '('])
                .map(str::trim)
                .find(|d| d.split_whitespace().next() == Some(c.as_str()));
            if def.is_some_and(|d| d.contains("COLLATE NOCASE")) {
                sqlite_nocase.insert(format!("{t}.{c}"));
            }
        }
        let mut pk: Vec<(i64, String)> = cols
            .iter()
            .filter(|(_, k)| *k > 0)
            .map(|(c, k)| (*k, c.clone()))
            .collect();
        pk.sort();
        sqlite_tables.insert(
            t,
            Table {
                columns: cols.into_iter().map(|(c, _)| c).collect(),
                primary_key: pk.into_iter().map(|(_, c)| c).collect(),
            },
        );
    }
    let sqlite_indexes =
        names("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
    let sqlite_triggers = names("SELECT name FROM sqlite_schema WHERE type = 'trigger'");

    // PostgreSQL: the schema file applied to a new database.
    let url = fresh_database("hq_schema");
    let mut pg = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    pg.batch_execute(include_str!("../../src/db/migrations/pg/0014_schema.sql"))
        .unwrap();
    let mut pg_tables: BTreeMap<String, Table> = BTreeMap::new();
    let mut pg_citext = BTreeSet::new();
    for row in pg
        .query(
            "SELECT table_name::text, column_name::text, udt_name::text FROM information_schema.columns
              WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        let (t, c, ty): (String, String, String) = (row.get(0), row.get(1), row.get(2));
        if ty == "citext" {
            pg_citext.insert(format!("{t}.{c}"));
        }
        pg_tables
            .entry(t)
            .or_insert(Table {
                columns: Vec::new(),
                primary_key: Vec::new(),
            })
            .columns
            .push(c);
    }
    for row in pg
        .query(
            "SELECT k.table_name::text, k.column_name::text FROM information_schema.table_constraints c
               JOIN information_schema.key_column_usage k
                 ON k.constraint_name = c.constraint_name AND k.table_name = c.table_name
              WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = 'public'
              ORDER BY k.table_name, k.ordinal_position",
            &[],
        )
        .unwrap()
    {
        let (t, c): (String, String) = (row.get(0), row.get(1));
        pg_tables.get_mut(&t).unwrap().primary_key.push(c);
    }
    let pg_names = |pg: &mut postgres::Client, sql: &str| -> BTreeSet<String> {
        pg.query(sql, &[])
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0))
            .collect()
    };
    let pg_indexes = pg_names(
        &mut pg,
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'
            AND indexname NOT IN (SELECT conname FROM pg_constraint)",
    );
    let pg_triggers = pg_names(
        &mut pg,
        "SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal",
    );

    assert_eq!(
        sqlite_tables.keys().collect::<Vec<_>>(),
        pg_tables.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (t, lite) in &sqlite_tables {
        assert_eq!(
            Some(lite),
            pg_tables.get(t),
            "table {t}: columns and primary key"
        );
    }
    let missing: Vec<_> = sqlite_nocase.difference(&pg_citext).collect();
    assert!(
        missing.is_empty(),
        "columns that compare without case in SQLite but not in PostgreSQL: {missing:?}"
    );
    assert!(sqlite_nocase.len() > 50, "{sqlite_nocase:?}");
    assert_eq!(sqlite_indexes, pg_indexes, "the same indexes");
    assert_eq!(sqlite_triggers, pg_triggers, "the same triggers");
    // The rows the migrations put in.
    let n: i64 = pg
        .query_one(
            "SELECT n FROM row_counts WHERE table_name = 'customers'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
}

/// The certificate of the throwaway server (self-signed for localhost and 127.0.0.1):
/// `HQ_TEST_PG_CA` with `HQ_TEST_PG`, else in the folder of the server this binary started.
fn server_ca() -> String {
    let _ = server();
    std::env::var("HQ_TEST_PG_CA")
        .ok()
        .or_else(|| {
            OWN.get()
                .map(|d| d.join("data/server.crt").display().to_string())
        })
        .filter(|p| Path::new(p).exists())
        .expect("the throwaway server takes TLS (scripts/pg-cluster.sh makes its certificate with openssl)")
}

#[test]
fn tls_is_used_as_sslmode_asks_and_verify_full_checks_the_certificate() {
    let env = TestEnv::empty();
    let url = server();
    let ca = server_ca();
    // hq_tls may only connect over TLS (pg_hba.conf: hostnossl ... reject).
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin
        .batch_execute(
            "DO $$ BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hq_tls') THEN
                 CREATE ROLE hq_tls LOGIN PASSWORD 'tls-pw';
               END IF;
             END $$",
        )
        .unwrap();
    let host = url.split('@').nth(1).unwrap().split('/').next().unwrap();
    let tls_url = |query: &str| format!("postgres://hq_tls:tls-pw@{host}/postgres?{query}");
    let reached = "hq reached the server";
    env.refused(&["--data", &tls_url("sslmode=disable"), "status"], 7)
        .says(&[
            "the server turned the connection away",
            "no encryption",
            "connect with sslmode=require",
        ]);
    for mode in ["sslmode=prefer", "sslmode=require"] {
        env.refused(&["--data", &tls_url(mode), "status"], 7)
            .says(&[reached]);
    }
    // Checking who the server is needs the authority that signed its certificate.
    for mode in ["verify-ca", "verify-full"] {
        env.refused(
            &["--data", &tls_url(&format!("sslmode={mode}")), "status"],
            7,
        )
        .says(&[
            &format!("the TLS connection failed (sslmode={mode}"),
            "certificate verify failed",
            "sslrootcert= or PGSSLROOTCERT",
        ]);
        env.refused(
            &[
                "--data",
                &tls_url(&format!("sslmode={mode}&sslrootcert={ca}")),
                "status",
            ],
            7,
        )
        .says(&[reached]);
    }
    // PGSSLMODE and PGSSLROOTCERT, by the name the certificate gives.
    let out = env
        .command(&[
            "--data",
            &format!(
                "postgres://hq_tls:tls-pw@localhost:{}/postgres",
                host.split(':').nth(1).unwrap()
            ),
            "status",
        ])
        .env("PGSSLMODE", "verify-full")
        .env("PGSSLROOTCERT", &ca)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(reached), "{err}");
    // A root certificate that cannot be read is named.
    env.refused(
        &[
            "--data",
            &tls_url("sslmode=verify-full&sslrootcert=/nonexistent/ca.pem"),
            "status",
        ],
        74,
    )
    .says(&["cannot read the root certificate /nonexistent/ca.pem (sslrootcert)"]);
}
