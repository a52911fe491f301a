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

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

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
    // PGPASSWORD: the login succeeds, and hq finds the database empty.
    let out = env
        .command(&["--data", &bare, "status"])
        .env("PGPASSWORD", &pw)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{err}");
    assert!(err.contains(REACHED), "{err}");
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
    assert!(err.contains(REACHED), "{err}");
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

/// What `hq status` says of the server's own database `postgres`, which is empty: proof that
/// hq connected and looked.
const REACHED: &str = "holds no hq environment yet (the database is empty)";

#[test]
fn a_url_names_a_database_and_never_a_file() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_url");
    env.ok(&["--data", &url, "init"]);
    for args in [
        vec!["store", "list"],
        vec!["customer", "list"],
        vec!["clientbook", "list"],
    ] {
        let mut all = vec!["--data", url.as_str()];
        all.extend(args);
        env.ok(&all);
    }
    // No file named after the URL was made in the working folder.
    let made: Vec<_> = std::fs::read_dir(env.dir()).unwrap().flatten().collect();
    assert!(made.is_empty(), "{made:?}");
}

/// A new, empty database on the server: its URL. `name` and a number of this binary's make
/// its name.
pub fn fresh_database(name: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let url = server();
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("{name}_{}_{n}", std::process::id());
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

/// The URL of the template database `kind` names, made by `make` (which gives its URL) the
/// first time it is asked for in this test binary.
pub fn template(kind: &'static str, make: impl FnOnce() -> String) -> String {
    static MADE: std::sync::Mutex<Vec<(&str, String)>> = std::sync::Mutex::new(Vec::new());
    let mut made = MADE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, url)) = made.iter().find(|(k, _)| *k == kind) {
        return url.clone();
    }
    let url = make();
    made.push((kind, url.clone()));
    url
}

/// A new database that is a copy of the database at `template` (no one connected to it): its
/// URL.
pub fn copy_of(template: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let url = server();
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("hq_copy_{}_{n}", std::process::id());
    let from = template.rsplit('/').next().unwrap();
    let from = from.split('?').next().unwrap();
    let mut admin = postgres::Client::connect(url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {from}"))
        .unwrap();
    with(url, Some(&password(url)), &name)
}

/// Every row of every table of a database, each table's rows as text in order: what
/// "unchanged" is checked against on a server ([`TestEnv::refused`]).
pub fn every_row(url: &str) -> Vec<(String, Vec<u8>)> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let tables: Vec<String> = c
        .query(
            "SELECT table_name::text FROM information_schema.tables
              WHERE table_schema = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let rows: Option<String> = c
                .query_one(
                    &format!(
                        "SELECT string_agg(x, E'\\n' ORDER BY x) FROM (SELECT r::text AS x FROM {t} r) s"
                    ),
                    &[],
                )
                .unwrap()
                .get(0);
            (t, rows.unwrap_or_default().into_bytes())
        })
        .collect()
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
        version, 15,
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

    // PostgreSQL: the baseline schema file, then each migration after it, applied to a new
    // database (as `hq init` makes one).
    let url = fresh_database("hq_schema");
    let mut pg = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    for sql in [
        include_str!("../../src/db/migrations/pg/0014_schema.sql"),
        include_str!("../../src/db/migrations/pg/0015_channel_db_location.sql"),
    ] {
        pg.batch_execute(sql).unwrap();
    }
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
        // The version's table (SQLite keeps it in `PRAGMA user_version`).
        if t == "hq_schema" {
            continue;
        }
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
    // The same triggers, but the customer count's: a server counts when asked (a trigger that
    // updates one row a customer makes a bulk load quadratic there).
    let sqlite_triggers: BTreeSet<String> = sqlite_triggers
        .into_iter()
        .filter(|t| !t.starts_with("customers_count_"))
        .collect();
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
    // A deletion leaves its tombstone as SQLite's triggers write it: the table, the key as a
    // JSON array, the version of the deleting transaction.
    pg.batch_execute(
        "INSERT INTO hq_meta VALUES (1, '10.0.40', 'now', 7);
         INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
         INSERT INTO screen_layouts VALUES ('L1', 'Layout', 1);
         INSERT INTO layout_buttons VALUES ('L1', 'main', 2, 3, 1000, 'x', 1);
         DELETE FROM legal_entities WHERE id = 'usrt';
         DELETE FROM layout_buttons;",
    )
    .unwrap();
    let tombs: Vec<(String, String, i64)> = pg
        .query(
            "SELECT table_name, row_key, change_version FROM tombstones ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        tombs,
        [
            ("legal_entities".to_string(), r#"["USRT"]"#.to_string(), 7),
            (
                "layout_buttons".to_string(),
                r#"["L1","main",2,3]"#.to_string(),
                7
            ),
        ]
    );
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
    let reached = REACHED;
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

/// `hq status --json` without what differs between two environments made at different
/// moments in different places.
fn status_of(env: &TestEnv, data: &str) -> serde_json::Value {
    let mut s = env.json(&["--data", data, "status"]);
    let o = s.as_object_mut().unwrap();
    o.remove("data_file");
    o.remove("created_at");
    s
}

#[test]
fn init_and_status_on_a_server_say_what_they_say_on_a_file() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_init");
    let shown = url.replacen(&format!(":{}@", password(&url)), "@", 1);
    let out = env.output(&["--data", &url, "init", "--version", "10.0.40"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("Created the hq environment in {shown} for environment version 10.0.40.\n")
    );
    let file = env.dir().join("same.db").display().to_string();
    env.ok(&["--data", &file, "init", "--version", "10.0.40"]);
    assert_eq!(status_of(&env, &url), status_of(&env, &file));
    let s = env.json(&["--data", &url, "status"]);
    assert_eq!(s["data_file"], shown.as_str());
    assert_eq!(s["schema_version"], 15);
    assert_eq!(s["counts"]["channel_dbs"], 1);
    assert_eq!(s["counts"]["audit_entries"], 1);
    // Again: nothing changes; another version is refused, as on a file.
    let out = env.output(&["--data", &url, "init"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("{shown} already holds an hq environment; nothing changed.\n")
    );
    let again = env.json(&["--data", &url, "init"]);
    assert_eq!(again["created"], false);
    assert_eq!(again["environment_version"], "10.0.40");
    env.refused(&["--data", &url, "init", "--version", "10.0.41"], 5)
        .says(&["10.0.40", "10.0.41"]);
    assert_eq!(status_of(&env, &url), status_of(&env, &file));
}

#[test]
fn the_password_is_in_no_output_and_not_in_the_audit_log() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_secret");
    let pw = password(&url);
    for args in [
        vec!["--data", url.as_str(), "init"],
        vec!["--data", url.as_str(), "init", "--json"],
        vec!["--data", url.as_str(), "status"],
        vec!["--data", url.as_str(), "status", "--json"],
        vec!["--data", url.as_str(), "store", "list"],
    ] {
        let out = env.output(&args);
        for text in [&out.stdout, &out.stderr] {
            assert!(!String::from_utf8_lossy(text).contains(&pw), "{args:?}");
        }
    }
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let commands: Vec<String> = c
        .query("SELECT command FROM audit_log", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(commands.len(), 1, "{commands:?}");
    assert!(
        commands[0].starts_with("hq --data postgres://hq@"),
        "{commands:?}"
    );
    assert!(!commands.iter().any(|c| c.contains(&pw)), "{commands:?}");
}

#[test]
fn init_refuses_a_database_of_another_application_and_leaves_it_as_it_was() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_other");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute("CREATE TABLE invoices (id int PRIMARY KEY); INSERT INTO invoices VALUES (7)")
        .unwrap();
    env.refused(&["--data", &url, "init"], 7).says(&[
        "holds 1 tables and is not an hq database; nothing was changed",
        "hq init makes an environment in an empty one",
    ]);
    env.refused(&["--data", &url, "status"], 7)
        .says(&["is not an hq database"]);
    let tables: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1);
    // An empty database: status says to init it, with the command (the database named
    // without its password, which transcripts write `$DATA`).
    let empty = fresh_database("hq_empty");
    env.refused(&["--data", &empty, "status"], 7)
        .says(&[REACHED, "create one with `hq --data $DATA init`"]);
}

#[test]
fn two_inits_of_one_database_at_once_make_one_environment() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_race");
    let runs: Vec<_> = (0..2)
        .map(|_| {
            env.command(&["--data", &url, "init", "--json"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut created = Vec::new();
    for r in runs {
        let out = r.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        created.push(v["created"].as_bool().unwrap());
    }
    created.sort();
    assert_eq!(created, [false, true]);
    assert_eq!(
        env.json(&["--data", &url, "status"])["counts"]["audit_entries"],
        1
    );
}

#[test]
fn a_database_the_server_made_read_only_or_that_lost_a_table_is_said_not_a_bug() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_faults");
    env.ok(&["--data", &url, "init"]);
    let name = url.rsplit('/').next().unwrap().to_string();
    let mut admin = postgres::Client::connect(server(), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {name} SET default_transaction_read_only = on"
        ))
        .unwrap();
    let add = [
        "--data",
        &url,
        "legal-entity",
        "add",
        "USRT",
        "--name",
        "X",
        "--country",
        "US",
        "--language",
        "en-US",
    ];
    env.refused(&add, 74).says(&[
        "the PostgreSQL server failed the command",
        "read-only transaction",
        "the change was not written",
    ]);
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {name} SET default_transaction_read_only = off"
        ))
        .unwrap();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute("DROP TABLE features CASCADE").unwrap();
    env.refused(&["--data", &url, "feature", "list"], 7).says(&[
        "is not a whole hq environment",
        "relation \"features\" does not exist",
    ]);
}

/// A database at schema version 14 (before channel database locations) is brought forward
/// when a command opens it: migration 15's PostgreSQL body runs, in one transaction, once,
/// and the environment is as it was with the new column at its default.
#[test]
fn a_version_14_database_is_brought_forward_when_opened() {
    let env = TestEnv::empty();
    let url = fresh_database("hq_v14");
    env.ok(&["--data", &url, "apply", CONTOSO]);
    let before = env.json(&["--data", &url, "export"]);
    // As hq 14 made it: no location, version 14.
    let mut pg = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    pg.batch_execute(
        "ALTER TABLE channel_dbs DROP COLUMN location; UPDATE hq_schema SET version = 14",
    )
    .unwrap();
    let out = env.output(&["--data", &url, "channel-db", "list"]);
    assert!(out.status.success(), "{out:?}");
    let shown = url.replacen(&format!(":{}@", password(&url)), "@", 1);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("Upgrading {shown} from schema 14 to 15 (once; a large file takes a while)\n")
    );
    let dbs = env.json(&["--data", &url, "channel-db", "list"]);
    assert!(
        dbs.as_array().unwrap().iter().all(|d| d["location"] == ""),
        "{dbs}"
    );
    assert_eq!(env.json(&["--data", &url, "status"])["schema_version"], 15);
    assert_eq!(env.json(&["--data", &url, "export"]), before);
    // Once: the next command says nothing of it.
    let out = env.output(&["--data", &url, "status"]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    let version: i64 = pg
        .query_one("SELECT version::bigint FROM hq_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, 15);
}
