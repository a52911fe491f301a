//! `hq init`, the data file's safety checks, migrations, and `hq status`.

use insta::assert_snapshot;
use rusqlite::Connection;

use crate::common::{TestEnv, on_both_engines};
use commerce_hq::db::{APPLICATION_ID, migrate};

#[test]
fn init_creates_a_private_file_with_the_default_channel_database() {
    let env = TestEnv::empty();
    assert_snapshot!(env.run(&["init", "--version", "10.0.40"]), @r"
    $ hq init --version 10.0.40
    [exit 0]
    --- stdout
    --- stderr
    Created data file $DATA for environment version 10.0.40.
    ");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.data()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let dbs = env.json(&["channel-db", "list"]);
    assert_eq!(
        dbs,
        serde_json::json!([{"id": "Default", "group": "Default", "description": "Default channel database", "location": ""}])
    );
    let status = env.json(&["status"]);
    assert_eq!(status["environment_version"], "10.0.40");
    assert_eq!(status["schema_version"], migrate::latest());
}

#[test]
fn init_on_an_hq_file_changes_nothing_and_says_so() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        for args in [&["init"][..], &["init", "--version", "10.0.40"]] {
            let t = env.run(args);
            assert!(t.contains("[exit 0]"), "{t}");
            // A file "is already an hq data file"; a database "already holds an hq environment".
            assert!(
                t.contains("is already an hq data file; nothing changed.")
                    || t.contains("already holds an hq environment; nothing changed."),
                "{t}"
            );
        }
        assert!(before == env.snapshot_files());
        assert_eq!(env.json(&["status"])["environment_version"], "10.0.40");
    });
}

#[test]
fn init_with_another_version_on_an_hq_file_is_a_conflict_naming_both_and_the_upgrade() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        env.ok(&["init", "--version", "10.0.31"]);
        assert_snapshot!(env.refused(&["init", "--version", "10.0.36"], 5), @"
        $ hq init --version 10.0.36
        [exit 5]
        --- stdout
        --- stderr
        error: $DATA is an hq data file at environment version 10.0.31, not 10.0.36; init changes nothing in an existing file
        hint: move it forward with `hq upgrade --version 10.0.36`
        ");
        let t = env.refused(&["init", "--version", "10.0.29"], 5);
        assert!(
            t.contains("at environment version 10.0.31, not 10.0.29"),
            "{t}"
        );
        assert!(t.contains("never moves back"), "{t}");
    });
}

#[test]
fn upgrade_moves_forward_turning_on_what_the_version_brings_and_never_back() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        env.ok(&["init", "--version", "10.0.27"]);
        // Turned off on purpose before it becomes mandatory at 10.0.28.
        env.ok(&["feature", "disable", "customer-orders-performance", "--yes"]);
        env.ok(&["job", "run", "1110"]);
        let before = env.snapshot_files();
        let t = env.run(&["upgrade", "--version", "10.0.36", "--dry-run"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(t.contains("Dry run: nothing was written."), "{t}");
        assert!(before == env.snapshot_files(), "a dry run wrote:\n{t}");
        assert_snapshot!(env.run(&["upgrade", "--version", "10.0.36"]), @r#"
        $ hq upgrade --version 10.0.36
        [exit 0]
        --- stdout
        --- stderr
        Updated environment version: version "10.0.27" -> "10.0.36"
        Updated feature multiple-contacts: state "not-available" -> "on-by-default", enabled false -> true, enable_date (none) -> "2026-01-15T09:00:00Z"
        Updated feature customer-orders-performance: state "released" -> "mandatory", enabled false -> true, enable_date (none) -> "2026-01-15T09:00:00Z"
        note: feature multiple-contacts: on by default from 10.0.36
        note: feature customer-orders-performance: mandatory from 10.0.28
        "#);
        assert_eq!(env.json(&["status"])["environment_version"], "10.0.36");
        for key in ["customer-orders-performance", "multiple-contacts"] {
            assert_eq!(
                env.json(&["feature", "show", key])["enabled"],
                true,
                "{key}"
            );
        }
        // What changed waits for job 1110.
        let pending = env.json(&["job", "pending", "1110"]);
        assert_eq!(pending[0]["upserts"], 2, "{pending}");
        assert!(
            env.ok(&["log", "--limit", "1"])
                .contains("hq upgrade --version 10.0.36")
        );
        // Again: nothing to do. Back: refused.
        let t = env.run(&["upgrade", "--version", "10.0.36"]);
        assert!(
            t.contains("Nothing to change: the environment is at version 10.0.36 already."),
            "{t}"
        );
        let t = env.refused(&["upgrade", "--version", "10.0.31"], 3);
        assert!(
            t.contains("the data file is at environment version 10.0.36; an environment never moves back to 10.0.31"),
            "{t}"
        );
        env.refused(&["upgrade", "--version", "ten"], 3).says(&["invalid value \"ten\" for --version: an environment version is three numbers such as 10.0.40"]);
    });
}

#[test]
fn init_refuses_a_file_that_is_not_hq_and_leaves_it_untouched() {
    let env = TestEnv::empty();
    std::fs::write(env.data(), b"precious notes\n").unwrap();
    assert_snapshot!(env.run(&["init"]), @r"
    $ hq init
    [exit 7]
    --- stdout
    --- stderr
    error: $DATA is not an hq data file: file is not a database
    hint: it was not changed; point --data at an hq data file, or create one with `hq init`
    ");
    assert_eq!(std::fs::read(env.data()).unwrap(), b"precious notes\n");
}

/// A SQLite database of another application, made by the test.
fn foreign_sqlite(env: &TestEnv) -> Vec<u8> {
    let conn = Connection::open(env.data()).unwrap();
    conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(conn);
    std::fs::read(env.data()).unwrap()
}

#[test]
fn a_sqlite_file_that_is_not_hq_is_refused_by_every_command() {
    let env = TestEnv::empty();
    let bytes = foreign_sqlite(&env);
    for args in [&["init"][..], &["store", "list"], &["status"]] {
        let out = env.output(args);
        assert_eq!(out.status.code(), Some(7), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("is a SQLite database, but not an hq data file"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(env.data()).unwrap(), bytes);
    }
}

#[test]
fn a_missing_data_file_is_refused_with_the_hint_to_init() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        assert_snapshot!(env.run(&["--data", "missing.db", "store", "list"]), @r"
        $ hq --data missing.db store list
        [exit 7]
        --- stdout
        --- stderr
        error: no data file at missing.db
        hint: create one with `hq --data missing.db init`, or point at another with --data or HQ_DATA
        ");
        assert!(!env.dir().join("missing.db").exists());
    });
}

#[test]
fn a_file_from_a_newer_hq_is_refused_untouched() {
    let env = TestEnv::new();
    let conn = Connection::open(env.data()).unwrap();
    conn.pragma_update(None, "user_version", migrate::latest() + 1)
        .unwrap();
    drop(conn);
    let t = env.refused(&["store", "list"], 7);
    assert!(t.contains("was written by a newer hq"), "{t}");
    assert!(t.contains("upgrade hq"), "{t}");
}

#[test]
fn a_version_1_file_is_migrated_forward_keeping_its_data() {
    let env = TestEnv::empty();
    {
        // Build a file exactly as the first schema made it, with data in it.
        let mut conn = Connection::open(env.data()).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        migrate::migrate_to(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 1);
             INSERT INTO channel_db_groups VALUES ('Default', '', 1);
             INSERT INTO channel_dbs VALUES ('Default', 'Default', '', 1);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);",
        )
        .unwrap();
        assert_eq!(migrate::user_version(&conn).unwrap(), 1);
    }
    let status = env.json(&["status"]);
    assert_eq!(status["schema_version"], migrate::latest());
    let le = env.json(&["legal-entity", "show", "USRT"]);
    assert_eq!(le["name"], "Contoso");
    // Migration 2 added feature states: with no record, an on-by-default feature of the file's
    // version is on, and features can be changed.
    assert_eq!(
        env.json(&["feature", "show", "multiple-contacts"])["enabled"],
        true
    );
    env.ok(&["feature", "enable", "clienteling"]);
    env.ok(&["numseq", "add", "S", "--format", "S###"]);
    let conn = Connection::open(env.data()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_version_10_file_gets_its_groups_per_legal_entity() {
    let env = TestEnv::empty();
    {
        let mut conn = Connection::open(env.data()).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        migrate::migrate_to(&mut conn, 10).unwrap();
        conn.execute_batch(
            "INSERT INTO hq_meta (id, env_version, created_at, change_version)
                 VALUES (1, '10.0.40', '2026-01-01T00:00:00Z', 5);
             INSERT INTO legal_entities VALUES ('USRT', 'Contoso', 'US', 'en-US', 1);
             INSERT INTO legal_entities VALUES ('DEMF', 'Contoso DE', 'DE', 'de-DE', 1);
             INSERT INTO customer_groups VALUES ('30', 'Retail', 'Net30', '[]', 2);
             INSERT INTO customers (account, legal_entity, type, last_name, search_name,
                 search_last, group_id, currency, language, change_version)
             VALUES ('1', 'USRT', 'person', 'Ada', 'ada', 'ada', '30', 'USD', 'en-US', 3);",
        )
        .unwrap();
    }
    // The group its customers use stays in their legal entity only.
    let groups = env.json(&["customer-group", "list"]);
    assert_eq!(groups.as_array().unwrap().len(), 1, "{groups}");
    assert_eq!(groups[0]["legal_entity"], "USRT");
    assert_eq!(env.json(&["customer", "show", "1"])["group"], "30");
    assert_eq!(env.json(&["status"])["schema_version"], migrate::latest());
    let conn = Connection::open(env.data()).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn an_environment_version_must_be_three_numbers() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        assert_snapshot!(env.run(&["init", "--version", "ten"]), @r#"
        $ hq init --version ten
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "ten" for --version: an environment version is three numbers such as 10.0.40
        "#);
        assert!(!env.data().exists());
    });
}

#[test]
fn status_reports_versions_and_counts() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.run(&["status"]), @"
        $ hq status
        [exit 0]
        --- stdout
        Data file            $DATA
        Schema version       15
        Environment version  10.0.40
        Created              2026-01-15T09:00:00Z
        Change version       5
        Pending rows         7
        Legal entities       1
        Address books        2
        Stores               1
        Channel db groups    1
        Channel dbs          1
        Number sequences     0
        Keyvault secrets     0
        Attribute types      0
        Attributes           0
        Attribute groups     0
        Activity types       0
        Permission groups    0
        Workers              0
        Screen layouts       0
        Registers            0
        Customer groups      0
        Customers            0
        Download sessions    0
        Audit entries        5
        --- stderr
        ");
        let s = env.json(&["status"]);
        assert_eq!(s["counts"]["stores"], 1);
        assert_eq!(s["counts"]["legal_entities"], 1);
        assert_eq!(s["counts"]["address_books"], 2);
    });
}

#[test]
fn a_second_writer_waits_then_gives_up_with_exit_6() {
    let env = TestEnv::with_houston();
    let conn = Connection::open(env.data()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t = env.refused(
        &[
            "--wait",
            "0.2",
            "legal-entity",
            "set",
            "USRT",
            "--name",
            "X",
        ],
        6,
    );
    assert!(t.contains("the data file is busy"), "{t}");
    conn.execute_batch("ROLLBACK").unwrap();
    env.ok(&["legal-entity", "set", "USRT", "--name", "X"]);
}

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

/// Runs `args` against a new data file (or a new database on a server) and kills it after
/// each of `moments`, each time in a fresh folder; then the data file must not exist or be
/// whole (`check` passes). On a server, the database holds nothing or a whole environment.
fn kill_at(moments: &[std::time::Duration], args: &[&str], check: impl Fn(&TestEnv)) {
    let mut survived = 0;
    for (i, wait) in moments.iter().enumerate() {
        let env = TestEnv::empty();
        let mut child = env
            .command(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(*wait);
        let _ = child.kill();
        let _ = child.wait();
        if env.made_anything() {
            survived += 1;
            check(&env);
        }
        // The folder holds the data file or nothing of it: no WAL without its file.
        let left: Vec<String> = std::fs::read_dir(env.dir())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("hq.db"))
            .collect();
        assert!(
            left.is_empty() || left.contains(&"hq.db".to_string()),
            "kill {i} after {wait:?} left {left:?}"
        );
    }
    // The first moment comes before the command could have made anything.
    assert!(survived < moments.len(), "{survived} of {}", moments.len());
}

/// 30 moments spread over `span`, in a scrambled but fixed order (a kill test that can be
/// run again exactly).
fn moments(span_ms: u64) -> Vec<std::time::Duration> {
    (0..30u64)
        .map(|i| std::time::Duration::from_micros((i * 7919 % 30) * span_ms * 1000 / 30 + i * 37))
        .collect()
}

#[test]
fn apply_into_a_new_file_killed_at_30_moments_leaves_no_file_or_a_whole_one() {
    on_both_engines(|| {
        // How long an apply takes here, so that the kills fall within it.
        let probe = TestEnv::empty();
        let t = std::time::Instant::now();
        probe.ok(&["apply", CONTOSO]);
        let span = (t.elapsed().as_millis() as u64).max(20) * 3 / 2;
        kill_at(&moments(span), &["apply", CONTOSO], |env| {
            let t = env.run(&["diff", CONTOSO]);
            assert!(
                t.contains("[exit 0]"),
                "a killed apply left an environment that differs:\n{t}"
            );
        });
    });
}

#[test]
fn init_killed_at_30_moments_leaves_no_file_or_a_whole_one() {
    on_both_engines(|| {
        let probe = TestEnv::empty();
        let t = std::time::Instant::now();
        probe.ok(&["init"]);
        let span = (t.elapsed().as_millis() as u64).max(10) * 3 / 2;
        kill_at(&moments(span), &["init"], |env| {
            let t = env.run(&["status"]);
            assert!(
                t.contains("[exit 0]"),
                "a killed init left a broken file:\n{t}"
            );
            assert_eq!(env.json(&["channel-db", "list"])[0]["id"], "Default");
        });
    });
}

#[test]
fn a_file_that_is_not_whole_is_refused_with_exit_7_not_an_internal_error() {
    // Marked as hq's, but its schema never made (killed between the two, by an older hq).
    let env = TestEnv::empty();
    {
        let c = Connection::open(env.data()).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
    }
    for args in [&["status"][..], &["store", "list"], &["init"]] {
        let t = env.refused(args, 7);
        assert!(
            t.contains("is not a whole hq data file: its schema was never created"),
            "{t}"
        );
    }
    // Its schema made, its settings row missing.
    let env = TestEnv::new();
    {
        let c = Connection::open(env.data()).unwrap();
        c.execute("DELETE FROM hq_meta", []).unwrap();
    }
    for args in [
        &["status"][..],
        &["store", "set", "X", "--name", "Y"],
        &["init"],
    ] {
        let t = env.refused(args, 7);
        assert!(
            t.contains("is not a whole hq data file: its settings row is missing"),
            "{t}"
        );
        assert!(t.contains("hint: it was not changed"), "{t}");
    }
}

#[test]
fn a_temporary_file_left_by_a_killed_hq_is_cleared_by_the_next_init() {
    let env = TestEnv::empty();
    // pid 1 is always running and never hq: its file stays; a pid that does not run goes.
    let stale = env.dir().join(".hq.db.hq-new-999999999");
    let live = env.dir().join(".hq.db.hq-new-1");
    std::fs::write(&stale, b"half").unwrap();
    std::fs::write(&live, b"other").unwrap();
    env.ok(&["init"]);
    assert!(!stale.exists());
    assert!(live.exists());
}
