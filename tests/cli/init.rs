//! `hq init`, the data file's safety checks, migrations, and `hq status`.

use insta::assert_snapshot;
use rusqlite::Connection;

use crate::common::TestEnv;
use commerce_hq::db::{APPLICATION_ID, migrate};

#[test]
fn init_creates_a_private_file_with_the_default_channel_database() {
    let env = TestEnv::empty();
    assert_snapshot!(env.run(&["init", "--version", "10.0.40"]), @r"
    $ hq init --version 10.0.40
    [exit 0]
    --- stdout
    --- stderr
    Created data file $TMP/hq.db for environment version 10.0.40.
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
        serde_json::json!([{"id": "Default", "group": "Default", "description": "Default channel database"}])
    );
    let status = env.json(&["status"]);
    assert_eq!(status["environment_version"], "10.0.40");
    assert_eq!(status["schema_version"], migrate::latest());
}

#[test]
fn init_on_an_hq_file_changes_nothing_and_says_so() {
    let env = TestEnv::with_houston();
    let before = env.snapshot_files();
    assert_snapshot!(env.run(&["init", "--version", "10.0.36"]), @r"
    $ hq init --version 10.0.36
    [exit 0]
    --- stdout
    --- stderr
    $TMP/hq.db is already an hq data file; nothing changed.
    ");
    assert!(before == env.snapshot_files());
    assert_eq!(env.json(&["status"])["environment_version"], "10.0.40");
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
    error: $TMP/hq.db is not an hq data file: file is not a database
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
fn an_environment_version_must_be_three_numbers() {
    let env = TestEnv::empty();
    assert_snapshot!(env.run(&["init", "--version", "ten"]), @r#"
    $ hq init --version ten
    [exit 3]
    --- stdout
    --- stderr
    error: invalid value "ten" for --version: an environment version is three numbers such as 10.0.40
    "#);
    assert!(!env.data().exists());
}

#[test]
fn status_reports_versions_and_counts() {
    let env = TestEnv::with_houston();
    assert_snapshot!(env.run(&["status"]), @"
    $ hq status
    [exit 0]
    --- stdout
    Data file            $TMP/hq.db
    Schema version       7
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
