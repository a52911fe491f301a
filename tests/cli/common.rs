use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub const NOW: &str = "2026-01-15T09:00:00Z";

/// A hermetic environment: a temp dir, `HQ_DATA` pointing at `hq.db` inside it (or, under
/// [`on_both_engines`], at a new database of the throwaway PostgreSQL server), a fixed clock,
/// a fixed actor, no colour, no terminal, and nothing inherited from the caller's environment.
pub struct TestEnv {
    dir: TempDir,
    /// The PostgreSQL database the environment is in, when it is on a server.
    server: Option<String>,
    /// Variables every command of this environment gets besides the usual (`PGPASSWORD` for
    /// a channel database on a server).
    extra_env: std::sync::Mutex<Vec<(String, String)>>,
}

/// Which engine the test environments a test makes are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

thread_local! {
    static ENGINE: std::cell::Cell<Engine> = const { std::cell::Cell::new(Engine::Sqlite) };
}

/// Runs `body` once on each engine (issue 20's test matrix): the test environments it makes
/// keep their environment in a data file, then in a new PostgreSQL database each. The same
/// assertions and snapshots hold on both: the product is the same.
pub fn on_both_engines(body: impl Fn()) {
    for engine in [Engine::Sqlite, Engine::Postgres] {
        ENGINE.with(|e| e.set(engine));
        let started = std::time::Instant::now();
        // The same inline snapshots on both engines: the second run must match the first.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::allow_duplicates! { body() }
        }));
        // HQ_TEST_TIMES=FILE: a line per test and engine with its seconds, to find the slow.
        if let Some(file) = std::env::var_os("HQ_TEST_TIMES") {
            use std::io::Write;
            if let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(file)
            {
                let name = std::thread::current().name().unwrap_or("?").to_string();
                let _ = writeln!(
                    f,
                    "{:.2} {engine:?} {name}",
                    started.elapsed().as_secs_f64()
                );
            }
        }
        ENGINE.with(|e| e.set(Engine::Sqlite));
        if let Err(panic) = run {
            eprintln!("(on {engine:?})");
            std::panic::resume_unwind(panic);
        }
    }
}

impl TestEnv {
    /// An empty dir, no data file (or an empty database on the server: [`on_both_engines`]).
    pub fn empty() -> TestEnv {
        let server = (ENGINE.with(std::cell::Cell::get) == Engine::Postgres)
            .then(|| format!("{}?sslmode=disable", crate::pg::fresh_database("hq_env")));
        TestEnv {
            dir: tempfile::tempdir().unwrap(),
            server,
            extra_env: Default::default(),
        }
    }

    /// Where `HQ_DATA` points: the data file, or the database's URL.
    pub fn data_arg(&self) -> String {
        self.server
            .clone()
            .unwrap_or_else(|| self.data().display().to_string())
    }

    /// An environment `make` builds from nothing. On a data file, `make` runs. On a server it
    /// runs once per test binary, into a database kept as a template, and each environment
    /// is a copy of it (`CREATE DATABASE ... TEMPLATE`): the same rows, made by the same
    /// commands, without running them again for every test.
    pub fn made(kind: &'static str, make: fn(&TestEnv)) -> TestEnv {
        if ENGINE.with(std::cell::Cell::get) == Engine::Sqlite {
            let env = TestEnv::empty();
            make(&env);
            return env;
        }
        let template = crate::pg::template(kind, || {
            let env = TestEnv::empty();
            make(&env);
            env.server.clone().expect("on a server")
        });
        TestEnv {
            dir: tempfile::tempdir().unwrap(),
            // Without TLS: the matrix is about the SQL (the `pg::` tests cover TLS), and
            // setting up OpenSSL for every command would slow the suite.
            server: Some(format!("{}?sslmode=disable", crate::pg::copy_of(&template))),
            extra_env: Default::default(),
        }
    }

    /// A data file made by `hq init`.
    pub fn new() -> TestEnv {
        TestEnv::made("init", |env| {
            env.ok(&["init"]);
        })
    }

    /// The example environment, `fixtures/contoso.toml`, applied to a new data file.
    pub fn contoso() -> TestEnv {
        TestEnv::made("contoso", |env| {
            env.ok(&[
                "apply",
                concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml"),
            ]);
        })
    }

    /// The example organisation of the README: USRT, HOUSTON's address books, store HOUSTON.
    pub fn with_houston() -> TestEnv {
        TestEnv::made("houston", houston)
    }

    /// `with_houston`, plus the customer_account sequence CUSTACCT of USRT (from 100001).
    pub fn with_customer_accounts() -> TestEnv {
        TestEnv::made("accounts", customer_accounts)
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("hq.db")
    }

    /// The rows a query gives, each value as text (`NULL` for null), on whichever engine the
    /// environment is: for looking at what hq wrote from outside hq.
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        match &self.server {
            Some(url) => server_rows(url, sql),
            None => file_rows(&self.data(), sql),
        }
    }

    /// The one number a query gives (`SELECT count(*) ...`), on either engine.
    /// Whether the environment is in a database on the server.
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    /// Whether anything of an environment was made: the data file exists, or the database
    /// holds a table.
    pub fn made_anything(&self) -> bool {
        match &self.server {
            Some(_) => {
                self.number(
                    "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()",
                ) > 0
            }
            None => self.data().exists(),
        }
    }

    pub fn number(&self, sql: &str) -> i64 {
        self.query(sql)[0][0].parse().unwrap()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        record(args);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hq"));
        cmd.env_clear()
            .current_dir(self.dir.path())
            .env("HQ_DATA", self.data_arg())
            .env("HQ_NOW", NOW)
            .env("HQ_ACTOR", "tester")
            .env("NO_COLOR", "1")
            .envs(self.extra_env.lock().unwrap().iter().cloned())
            .args(args);
        cmd
    }

    /// A new, empty database on the test server, for something other than headquarters (a
    /// channel database of its own): its URL without the password, which every command of
    /// this environment gets in `PGPASSWORD`; and the URL with it, for looking from outside.
    pub fn other_database(&self, name: &str) -> (String, String) {
        let with = crate::pg::fresh_database(name);
        let (head, rest) = with.split_once("://").unwrap();
        let (userinfo, host) = rest.split_once('@').unwrap();
        let (user, password) = userinfo.split_once(':').unwrap();
        let mut extra = self.extra_env.lock().unwrap();
        extra.retain(|(k, _)| k != "PGPASSWORD");
        extra.push(("PGPASSWORD".to_string(), password.to_string()));
        (
            format!("{head}://{user}@{host}?sslmode=disable"),
            format!("{with}?sslmode=disable"),
        )
    }

    /// Runs hq. Every `hq ...` command the output tells the user to run (a hint, a doctor
    /// fix, a printed equivalent) is checked against the real command tree.
    #[track_caller]
    pub fn output(&self, args: &[&str]) -> Output {
        let out = self.command(args).stdin(Stdio::null()).output().unwrap();
        for text in [&out.stdout, &out.stderr] {
            // The core's placeholders are always said in the face's words.
            let t = String::from_utf8_lossy(text);
            assert!(
                !t.contains("{field") && !t.contains("{data}"),
                "hq {args:?} printed a placeholder: {t}"
            );
        }
        // Man pages and completion scripts are generated text, not advice.
        let generated = matches!(args.first(), Some(&"man") | Some(&"completions"));
        for text in [&out.stdout, &out.stderr]
            .into_iter()
            .filter(|_| !generated)
        {
            for cmd in printed_commands(&String::from_utf8_lossy(text)) {
                if let Err(why) = check_command(&cmd) {
                    panic!("hq {args:?} printed `{cmd}`, which hq does not take: {why}");
                }
            }
        }
        out
    }

    /// Runs hq and returns the transcript: the command, exit code, stdout and stderr.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        transcript(args, &out, self.dir.path())
    }

    /// Runs hq, asserts success, and returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "hq {args:?} failed:\n{}",
            transcript(args, &out, self.dir.path())
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs hq with `--json`, asserts success, and parses stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// The data file's bytes (and its WAL's, if it holds anything): what "unchanged" is
    /// checked against. An empty WAL holds nothing: hq leaves one beside the file.
    pub fn snapshot_files(&self) -> Vec<(String, Vec<u8>)> {
        if let Some(url) = &self.server {
            return crate::pg::every_row(url);
        }
        let mut out = Vec::new();
        for suffix in ["", "-wal"] {
            let p = PathBuf::from(format!("{}{suffix}", self.data().display()));
            if let Ok(bytes) = std::fs::read(&p)
                && !(suffix == "-wal" && bytes.is_empty())
            {
                out.push((suffix.to_string(), bytes));
            }
        }
        out
    }

    /// Runs a command that must be refused with `code`, asserts the data file is byte-for-byte
    /// unchanged, and returns the transcript, which the caller must check says why
    /// ([`Refused::says`], or its own assertions on the text).
    #[track_caller]
    pub fn refused(&self, args: &[&str], code: i32) -> Refused {
        let before = self.snapshot_files();
        let out = self.output(args);
        let t = transcript(args, &out, self.dir.path());
        assert_eq!(out.status.code(), Some(code), "wrong exit code:\n{t}");
        assert!(
            before == self.snapshot_files(),
            "the data file changed after a refused command:\n{t}"
        );
        if let Ok(path) = std::env::var("HQ_TEST_RECORD_REFUSALS") {
            use std::io::Write;
            let at = std::panic::Location::caller();
            let first = String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap();
            writeln!(f, "{}:{}\t{}", at.file(), at.line(), first).unwrap();
        }
        Refused(t)
    }
}

/// The transcript of a refused command. A refusal is only checked when its message is: this
/// must be used, through [`Refused::says`] or assertions on its text.
#[must_use = "check what the refusal says (field and reason), not only its exit code"]
pub struct Refused(pub String);

impl Refused {
    /// Asserts the refusal's stderr says each of `parts` (the field, the value, the reason).
    #[track_caller]
    pub fn says(self, parts: &[&str]) -> String {
        let stderr = self.0.split("--- stderr\n").nth(1).unwrap_or("");
        for p in parts {
            assert!(
                stderr.contains(p),
                "the refusal does not say {p:?}:\n{}",
                self.0
            );
        }
        self.0
    }
}

impl std::ops::Deref for Refused {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Refused> for String {
    fn from(r: Refused) -> String {
        r.0
    }
}

pub fn houston_args() -> Vec<&'static str> {
    vec![
        "store",
        "add",
        "HOUSTON",
        "--name",
        "Houston",
        "--legal-entity",
        "USRT",
        "--currency",
        "USD",
        "--time-zone",
        "America/Chicago",
        "--street",
        "1 Main St",
        "--city",
        "Houston",
        "--state",
        "TX",
        "--postal-code",
        "77002",
        "--country",
        "US",
        "--customer-address-book",
        "HOUSTON-CUST",
        "--employee-address-book",
        "HOUSTON-EMP",
    ]
}

/// `houston_args` with one flag's value replaced (or the number, for "NUMBER").
pub fn houston_with(flag: &str, value: &'static str) -> Vec<&'static str> {
    let mut args = houston_args();
    if flag == "NUMBER" {
        args[2] = value;
        return args;
    }
    let i = args
        .iter()
        .position(|a| *a == flag)
        .expect("flag in houston_args");
    args[i + 1] = value;
    args
}

pub fn transcript(args: &[&str], out: &Output, dir: &Path) -> String {
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') || a.is_empty() {
                format!("'{a}'")
            } else {
                a.to_string()
            }
        })
        .collect();
    let clean = |b: &[u8]| {
        let text = String::from_utf8_lossy(b)
            .replace(&dir.join("hq.db").display().to_string(), "$DATA")
            .replace(&dir.display().to_string(), "$TMP");
        without_database_names(&text)
    };
    format!(
        "$ hq {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}",
        shown.join(" "),
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        clean(&out.stdout),
        clean(&out.stderr)
    )
}

/// `text` with each test database's name (`postgres://hq@127.0.0.1:PORT/NAME`) written
/// `$DATA`, as a data file's path is: the same transcript on both engines.
fn without_database_names(text: &str) -> String {
    const AT: &str = "postgres://hq@127.0.0.1:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(AT) {
        out.push_str(&rest[..i]);
        let after = &rest[i + AT.len()..];
        let port = after.chars().take_while(char::is_ascii_digit).count();
        let name = after[port..].strip_prefix('/').map_or(0, |n| {
            1 + n
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .count()
        });
        out.push_str("$DATA");
        rest = &after[port + name..];
    }
    out.push_str(rest);
    out
}

/// The `hq ...` commands in some output: in backticks, alone on a line (doctor's fixes, the
/// equivalent command), or as a JSON string.
pub fn printed_commands(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 && part.starts_with("hq ") {
            out.push(part.to_string());
        }
    }
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("hq ") && !t.contains('`') {
            out.push(t.to_string());
        }
        let mut rest = t;
        while let Some(at) = rest.find("\"hq ") {
            let s = &rest[at + 1..];
            match s.find('"') {
                Some(end) => {
                    out.push(s[..end].replace("\\'", "'"));
                    rest = &s[end..];
                }
                None => break,
            }
        }
    }
    out
}

/// Whether hq takes a command as printed: each word names a subcommand down to a command
/// that runs, and each `--flag` is one that command (or a global) has. Values may be
/// placeholders (`N`, `<ATTRIBUTE>`), and `...` stands for the rest.
pub fn check_command(cmd: &str) -> Result<(), String> {
    let words =
        shlex::split(cmd).unwrap_or_else(|| cmd.split_whitespace().map(String::from).collect());
    let mut c = commerce_hq::cli::command();
    c.build();
    let mut path = vec!["hq".to_string()];
    let mut i = 1;
    let takes_value = |c: &clap::Command, long: &str| {
        c.get_arguments()
            .find(|a| a.get_long() == Some(long))
            .map(|a| a.get_action().takes_values())
    };
    while i < words.len() {
        let w = &words[i];
        if w == "..." || w.starts_with('<') || w.starts_with('|') || w.starts_with('#') {
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or(long);
            match takes_value(&c, name) {
                Some(true) if !long.contains('=') => i += 2,
                Some(_) => i += 1,
                None => return Err(format!("`{}` has no flag --{name}", path.join(" "))),
            }
            continue;
        }
        if w.starts_with('-') && w.len() == 2 {
            i += 1;
            continue;
        }
        match c.find_subcommand(w).cloned() {
            Some(sub) => {
                path.push(w.clone());
                c = sub;
                i += 1;
            }
            None if c.has_subcommands() => {
                return Err(format!("`{}` has no subcommand {w}", path.join(" ")));
            }
            None => i += 1,
        }
    }
    let help = words.iter().any(|w| w == "--help" || w == "-h");
    if c.has_subcommands() && !help && !words.iter().any(|w| w == "...") {
        return Err(format!(
            "`{}` is not a command that runs: it needs a subcommand",
            path.join(" ")
        ));
    }
    Ok(())
}

/// With `HQ_TEST_RECORD_COMMANDS=DIR`, every command a test runs is written to DIR (one file
/// per test process), for the check that every command is run by some test
/// (`coverage::every_leaf_command_is_run_by_a_test`, run by .ci/run after the suite).
fn record(args: &[&str]) {
    use std::io::Write;
    let Ok(dir) = std::env::var("HQ_TEST_RECORD_COMMANDS") else {
        return;
    };
    let path = std::path::Path::new(&dir).join(format!("{}.log", std::process::id()));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        // One write of the whole line: tests run on many threads, and a line written in pieces
        // could be cut by another's (O_APPEND makes each single write land whole).
        let line = format!("{}\n", args.join("\u{1f}"));
        let _ = f.write_all(line.as_bytes());
    }
}

/// [`TestEnv::with_houston`]'s commands, on an empty environment.
pub fn houston(env: &TestEnv) {
    env.ok(&["init"]);
    env.ok(&[
        "legal-entity",
        "add",
        "USRT",
        "--name",
        "Contoso Retail USA",
        "--country",
        "US",
        "--language",
        "en-US",
    ]);
    env.ok(&[
        "address-book",
        "add",
        "HOUSTON-CUST",
        "--name",
        "Houston customers",
        "--kind",
        "customer",
    ]);
    env.ok(&[
        "address-book",
        "add",
        "HOUSTON-EMP",
        "--name",
        "Houston staff",
        "--kind",
        "employee",
    ]);
    env.ok(&houston_args());
}

/// [`TestEnv::with_customer_accounts`]'s commands, on an empty environment.
pub fn customer_accounts(env: &TestEnv) {
    houston(env);
    env.ok(&[
        "numseq",
        "add",
        "CUSTACCT",
        "--format",
        "######",
        "--next",
        "100001",
        "--legal-entity",
        "USRT",
    ]);
    env.ok(&[
        "numseq",
        "assign",
        "customer_account",
        "CUSTACCT",
        "--legal-entity",
        "USRT",
    ]);
}

/// Rows of one channel table of a channel database, as `channel-db contents` shows them.
pub fn channel_rows(env: &TestEnv, cdb: &str, table: &str) -> serde_json::Value {
    env.json(&[
        "channel-db",
        "contents",
        cdb,
        "--table",
        table,
        "--limit",
        "1000",
    ])
}

/// Every channel table of a channel database, in full.
pub fn channel_everything(env: &TestEnv, cdb: &str) -> Vec<(String, serde_json::Value)> {
    commerce_hq::domain::distribution::JOBS
        .iter()
        .flat_map(|j| j.subjobs.iter())
        .map(|s| (s.table.to_string(), channel_rows(env, cdb, s.table)))
        .collect()
}

/// The rows a query gives on a database on the server (`url` with its password), each value
/// as text (`NULL` for null).
pub fn server_rows(url: &str, sql: &str) -> Vec<Vec<String>> {
    let url = url.replace("?sslmode=disable", "");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.simple_query(sql)
        .unwrap()
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(
                (0..r.len())
                    .map(|i| r.get(i).unwrap_or("NULL").to_string())
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

/// The rows a query gives on a SQLite file, each value as text (`NULL` for null).
pub fn file_rows(path: &Path, sql: &str) -> Vec<Vec<String>> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut st = c.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                })
            })
            .collect()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}
