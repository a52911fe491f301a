//! `hq copy` (issue 20, item 4): a whole environment from a data file to a PostgreSQL
//! database and back, `hq export` the same on all three; a target that holds an environment
//! is refused unless --replace, and a refused or dry-run copy leaves the target as it was.

use crate::common::TestEnv;
use crate::pg::{every_row, fresh_database};

/// The example environment with customers in client books, activities and notes, and a
/// change since the jobs ran: every kind of row a copy carries.
fn rich() -> TestEnv {
    let env = TestEnv::contoso();
    env.ok(&[
        "seed",
        "--customers",
        "120",
        "--store",
        "HOUSTON",
        "--client-books",
        "--activities",
    ]);
    env.ok(&[
        "pos",
        "--store",
        "HOUSTON",
        "--worker",
        "000160",
        "note",
        "add",
        "100003",
        "--text",
        "Prefers email",
    ]);
    env.ok(&["activity-type", "remove", "EMAIL"]);
    env
}

#[test]
fn a_copy_to_a_server_and_back_exports_the_same_environment() {
    let env = rich();
    let url = fresh_database("hq_copy");
    let file = env.data().display().to_string();
    let back = env.dir().join("back.db").display().to_string();
    env.ok(&["copy", "--from", &file, "--to", &url]);
    env.ok(&["copy", "--from", &url, "--to", &back]);
    let export = |data: &str| env.ok(&["--data", data, "export"]);
    let original = export(&file);
    assert!(original.contains("[[customers]]"), "{original}");
    assert_eq!(original, export(&url), "the server's export");
    assert_eq!(original, export(&back), "the copy back's export");
    // What hq counts, and what it has yet to distribute, came along too.
    // Each copy is one audit entry more.
    let status = |data: &str| {
        let mut s = env.json(&["--data", data, "status"]);
        s.as_object_mut().unwrap().remove("data_file");
        let entries = s["counts"]
            .as_object_mut()
            .unwrap()
            .remove("audit_entries")
            .unwrap();
        (s, entries.as_u64().unwrap())
    };
    let ((a, n), (b, m), (c, o)) = (status(&file), status(&url), status(&back));
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!((m, o), (n + 1, n + 2));
    let pending = |data: &str| env.json(&["--data", data, "job", "pending"]);
    assert_eq!(pending(&file), pending(&url));
    // Ids made after the copy follow the copied ones on the server (its identity columns
    // moved past them), and the copy is one audit entry more, naming where it came from.
    env.ok(&[
        "--data",
        &url,
        "pos",
        "--store",
        "HOUSTON",
        "--worker",
        "000160",
        "note",
        "add",
        "100003",
        "--text",
        "After the copy",
    ]);
    let log = env.json(&["--data", &url, "log", "--limit", "3"]);
    assert!(
        log[1]["summary"]
            .as_str()
            .unwrap()
            .contains(&format!("created environment copy {file}")),
        "{log}"
    );
    let notes = env.json(&[
        "--data", &url, "pos", "--store", "HOUSTON", "--worker", "000160", "notes", "100003",
    ]);
    assert_eq!(notes.as_array().unwrap().len(), 2, "{notes}");
}

#[test]
fn a_target_that_holds_an_environment_is_refused_unless_replaced() {
    let env = rich();
    let url = fresh_database("hq_copy_target");
    env.ok(&["--data", &url, "init"]);
    let before = every_row(&url);
    let file = env.data().display().to_string();
    let t = env
        .refused(&["copy", "--from", &file, "--to", &url], 5)
        .says(&[
            "holds an hq environment already; a copy goes into an empty one",
            "replace everything in it with `hq copy --from",
            "--replace`",
        ]);
    assert!(t.contains("[exit 5]"), "{t}");
    assert!(before == every_row(&url), "the refused target changed");
    // --replace needs confirmation; without a terminal, --yes.
    env.refused(&["copy", "--to", &url, "--replace"], 2)
        .says(&["--replace removes everything the target holds, so it needs confirmation"]);
    // A dry run copies nothing.
    let dry = env.json(&["copy", "--to", &url, "--replace", "--yes", "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["replaced"], true);
    assert!(dry["rows"].as_u64().unwrap() > 500, "{dry}");
    assert!(before == every_row(&url), "the dry run changed the target");
    env.ok(&["copy", "--to", &url, "--replace", "--yes"]);
    assert_eq!(
        env.ok(&["export"]),
        env.ok(&["--data", &url, "export"]),
        "the replaced target"
    );
    // A location copied onto itself, however it is written, is refused.
    env.refused(&["copy", "--to", "./hq.db"], 2)
        .says(&["--from and --to both name ./hq.db: nothing to copy"]);
    // A location that cannot hold an environment names the flag that gave it.
    env.refused(&["copy", "--to", ":memory:"], 2)
        .says(&["invalid value ':memory:' for --to"]);
    env.refused(&["copy", "--from", "missing.db", "--to", "new.db"], 7)
        .says(&["no data file at missing.db"]);
    assert!(!env.dir().join("new.db").exists());
    // A dry run into a new file makes no file.
    env.ok(&["copy", "--to", "new.db", "--dry-run"]);
    assert!(!env.dir().join("new.db").exists());
}

#[test]
fn a_password_given_to_copy_is_never_printed_or_logged() {
    let env = TestEnv::contoso();
    let url = fresh_database("hq_copy_secret");
    let secret = url.split_once("://").unwrap().1.split_once('@').unwrap().0;
    let secret = secret.split_once(':').unwrap().1.to_string();
    let out = env.output(&["copy", "--to", &url, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!printed.contains(&secret), "{printed}");
    assert!(printed.contains("postgres://hq@127.0.0.1:"), "{printed}");
    for data in [url.as_str(), "hq.db"] {
        let log = env.ok(&["--data", data, "log", "--json", "--limit", "1000"]);
        assert!(
            !log.contains(&secret),
            "the audit log of {data} holds the password"
        );
    }
    for (table, rows) in every_row(&url) {
        assert!(
            !String::from_utf8_lossy(&rows).contains(&secret),
            "table {table} holds the password"
        );
    }
}
