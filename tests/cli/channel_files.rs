//! Channel databases in files of their own (issue 21): `hq channel-db init`, `--location`,
//! sessions delivered to the file exactly once. A headquarters data file only, for now (a
//! headquarters on PostgreSQL refuses a location: tested here too).

use insta::assert_snapshot;
use serde_json::Value;

use crate::common::{TestEnv, channel_everything as everything, channel_rows as rows};

thread_local! {
    /// Whether the channel databases a test makes are on the server (else files), and the
    /// URL (password included) of each made there, by id.
    static ON_SERVERS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static SERVER_URLS: std::cell::RefCell<Vec<(String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `body` with headquarters on either engine and the channel databases it makes in files
/// of their own, then again with them in databases of their own on the server.
fn on_every_place(body: impl Fn()) {
    crate::common::on_both_engines(&body);
    ON_SERVERS.with(|s| s.set(true));
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::common::on_both_engines(&body)
    }));
    ON_SERVERS.with(|s| s.set(false));
    if let Err(panic) = run {
        eprintln!("(channel databases on the server)");
        std::panic::resume_unwind(panic);
    }
}

fn on_servers() -> bool {
    ON_SERVERS.with(std::cell::Cell::get)
}

/// Makes channel database `id` a place of its own, empty (`channel-db init`): the file
/// `ID.db` in the test's folder, or a new database on the server; returns its location, as
/// `--location` takes it.
fn own_channel_db(env: &TestEnv, id: &str) -> String {
    let name = format!("{}.db", id.to_lowercase());
    if on_servers() {
        let (url, with_password) = env.other_database(&format!("ch_{}", id.to_lowercase()));
        env.ok(&["channel-db", "init", &url, "--id", id]);
        SERVER_URLS.with(|m| {
            let mut m = m.borrow_mut();
            m.retain(|(k, _)| k != id);
            m.push((id.to_string(), with_password));
        });
        return url;
    }
    let path = env.dir().join(&name);
    env.ok(&["channel-db", "init", path.to_str().unwrap(), "--id", id]);
    location(env, &name)
}

/// The example environment with channel database WEST in a place of its own: `west.db`
/// beside the data file, or a database on the server ([`on_every_place`]).
fn west_in_a_file() -> TestEnv {
    let env = TestEnv::contoso();
    let at = own_channel_db(&env, "WEST");
    env.ok(&["channel-db", "set", "WEST", "--location", &at]);
    env
}

/// How a test names the channel database file `name` in its folder: relative to the data
/// file's folder, or by its absolute path for a headquarters on a server (which has no
/// folder).
fn location(env: &TestEnv, name: &str) -> String {
    if env.on_server() {
        env.dir().join(name).to_str().unwrap().to_string()
    } else {
        name.to_string()
    }
}

/// Every session of a run's report was applied.
fn all_applied(r: &Value) {
    assert!(
        r["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["status"] == "applied"),
        "{r}"
    );
}

/// The rows a query gives on channel database `id`'s own place (its file, or its database on
/// the server), each value as text.
fn in_channel(env: &TestEnv, id: &str, sql: &str) -> Vec<Vec<String>> {
    if on_servers() {
        return crate::common::server_rows(&server_url(id), sql);
    }
    crate::common::file_rows(&env.dir().join(format!("{}.db", id.to_lowercase())), sql)
}

/// The URL (password included) of channel database `id`'s database on the server.
fn server_url(id: &str) -> String {
    SERVER_URLS.with(|m| {
        m.borrow()
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, u)| u.replace("?sslmode=disable", ""))
            .unwrap()
    })
}

/// A query's one number, on WEST's own place.
fn in_file(env: &TestEnv, sql: &str) -> i64 {
    in_channel(env, "WEST", sql)[0][0].parse().unwrap()
}

#[test]
fn init_makes_a_file_that_knows_its_id_and_refuses_to_be_another() {
    let env = TestEnv::contoso();
    let path = env.dir().join("west.db");
    let p = path.to_str().unwrap();
    // A dry run makes nothing.
    let dry = env.json(&["channel-db", "init", p, "--id", "WEST", "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert!(!path.exists());
    assert_snapshot!(env.run(&["channel-db", "init", "west.db", "--id", "WEST"]).replace(p, "west.db"), @"
    $ hq channel-db init west.db --id WEST
    [exit 0]
    --- stdout
    --- stderr
    Created channel database file west.db for channel database WEST.
    ");
    assert!(path.exists(), "made where hq was run (the test's folder)");
    assert_eq!(
        in_file(
            &env,
            "SELECT count(*) FROM channel_meta WHERE channel_db = 'WEST'"
        ),
        1
    );
    // Again: refused, the file as it was.
    let before = std::fs::read(&path).unwrap();
    env.refused(&["channel-db", "init", p, "--id", "WEST"], 5)
        .says(&["exists already; a channel database file is made where nothing is"]);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    env.refused(&["channel-db", "init", "x.db", "--id", "no spaces"], 3)
        .says(&["--id"]);
    assert!(!env.dir().join("x.db").exists());
    // A server's URL that does not parse is said as the value it was given as.
    env.refused(
        &["channel-db", "init", "postgres://hq@[bad", "--id", "X"],
        2,
    )
    .says(&["invalid value for PATH: not a PostgreSQL URL"]);
    env.refused(
        &[
            "channel-db",
            "set",
            "WEST",
            "--location",
            "postgres://hq@[bad",
        ],
        2,
    )
    .says(&["invalid value for --location: not a PostgreSQL URL"]);
    env.refused(
        &[
            "pos",
            "--channel-db",
            "postgres://hq@[bad",
            "--store",
            "S",
            "--worker",
            "W",
            "customer",
            "search",
            "a",
        ],
        2,
    )
    .says(&["invalid value for --channel-db: not a PostgreSQL URL"]);
    // Without a terminal, what is missing is said, never asked.
    env.refused(&["channel-db", "init", "x.db"], 2)
        .says(&["--id"]);
    // Used as another channel database's: refused, naming both.
    env.refused(
        &["channel-db", "set", "Default", "--location", "west.db"],
        3,
    )
    .says(&[
        "--location: ",
        "west.db is channel database WEST's, not Default's",
    ]);
    // A file that is not there, with the command that makes it.
    env.refused(&["channel-db", "add", "EAST", "--location", "east.db"], 4)
        .says(&[
            "--location: there is no channel database file at",
            "east.db",
            "hq channel-db init",
            "--id EAST",
        ]);
    // The headquarters data file itself, or any other file: not a channel database file.
    env.refused(&["channel-db", "set", "WEST", "--location", "hq.db"], 3)
        .says(&["is not a channel database file: it is a headquarters data file"]);
    std::fs::write(env.dir().join("notes.txt"), "hello").unwrap();
    env.refused(&["channel-db", "set", "WEST", "--location", "notes.txt"], 3)
        .says(&["notes.txt is not a channel database file"]);
    // Its own: accepted, shown, exported.
    env.ok(&["channel-db", "set", "WEST", "--location", "west.db"]);
    assert_eq!(
        env.json(&["channel-db", "show", "WEST"])["location"],
        "west.db"
    );
    let export = env.json(&["export"]);
    let west = export["channel_dbs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "WEST")
        .unwrap()
        .clone();
    assert_eq!(west["location"], "west.db");
}

#[test]
fn jobs_deliver_to_a_channel_database_file_what_they_deliver_inside_the_data_file() {
    on_every_place(|| {
        let env = west_in_a_file();
        let r = env.json(&["job", "run", "9999"]);
        let sessions = r["sessions"].as_array().unwrap();
        assert!(sessions.iter().all(|s| s["status"] == "applied"), "{r}");
        // The file has what the channel database inside the data file has.
        assert_eq!(everything(&env, "WEST"), everything(&env, "Default"));
        assert!(
            in_file(&env, "SELECT count(*) FROM ch_customers") > 0,
            "customers are in the file"
        );
        // Nothing of WEST is kept in the data file.
        if !env.on_server() {
            let hq = rusqlite::Connection::open(env.data()).unwrap();
            let n: i64 = hq
                .query_row(
                    "SELECT count(*) FROM ch_customers WHERE ch_db = 'WEST'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 0);
        }
        // The file records each session: 7 jobs, the version each is at; `show` says so.
        assert_eq!(in_file(&env, "SELECT count(*) FROM channel_sessions"), 7);
        let shown = env.json(&["channel-db", "show", "WEST"]);
        assert_eq!(
            shown["file"]["jobs"].as_array().unwrap().len(),
            7,
            "{shown}"
        );
        assert_eq!(shown["file"]["waiting_customers"], 0);
        assert_eq!(in_file(&env, "SELECT count(*) FROM channel_state"), 7);
        // An incremental run carries a change, and a removal, there.
        env.ok(&["feature", "enable", "init-scheduler-after-update"]);
        env.ok(&["customer", "remove", "100004"]);
        let r = env.json(&["job", "run", "9999", "--channel-db", "WEST"]);
        assert!(
            r["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["status"] == "applied" && s["mode"] == "incremental"),
            "{r}"
        );
        let west = rows(&env, "WEST", "customers").to_string();
        assert!(!west.contains("\"100004\""), "{west}");
        env.ok(&["job", "run", "9999", "--channel-db", "Default"]);
        assert_eq!(everything(&env, "WEST"), everything(&env, "Default"));
        let pending = env.json(&["job", "pending", "--channel-db", "WEST"]);
        assert!(
            pending
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["upserts"] == 0 && p["deletes"] == 0),
            "{pending}"
        );
        // A full run over it changes nothing.
        env.ok(&["job", "run", "9999", "--full", "--channel-db", "WEST"]);
        assert_eq!(everything(&env, "WEST"), everything(&env, "Default"));
    });
}

#[test]
fn a_session_the_file_committed_and_headquarters_did_not_is_applied_once() {
    on_every_place(|| {
        let env = west_in_a_file();
        env.ok(&["job", "run", "9999"]);
        env.ok(&["feature", "enable", "init-scheduler-after-update"]);
        // Cut off after the file's commit, before headquarters'.
        let out = env
            .command(&["job", "run", "1110", "--channel-db", "WEST"])
            .env("HQ_TEST_FAIL_AFTER_DELIVERY", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let t = crate::common::transcript(&["job", "run", "1110"], &out, env.dir());
        assert_eq!(out.status.code(), Some(70), "{t}");
        assert!(t.contains("1 of 1 session failed"), "{t}");
        let delivered = in_file(
            &env,
            "SELECT count(*) FROM ch_features WHERE key = 'init-scheduler-after-update' AND enabled = 1",
        );
        assert_eq!(delivered, 1, "the file has it");
        let sessions_in_file = in_file(
            &env,
            "SELECT count(*) FROM channel_sessions WHERE job = 1110",
        );
        assert_eq!(sessions_in_file, 2);
        // The next run finds out from the file what it has, records it, and carries nothing again.
        let r = env.json(&["job", "run", "1110", "--channel-db", "WEST"]);
        assert_eq!(r["sessions"][0]["status"], "applied");
        assert_eq!(r["sessions"][0]["mode"], "incremental");
        let carried: u64 = r["sessions"][0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["upserted"].as_u64().unwrap() + t["deleted"].as_u64().unwrap())
            .sum();
        assert_eq!(carried, 0, "applied once: {r}");
        let history = env.json(&["job", "sessions", "--job", "1110", "--channel-db", "WEST"]);
        let statuses: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["status"].as_str().unwrap())
            .collect();
        // Newest first: this run's, the one confirmed from the file, the failure, the first run
        // into the file, and the example's own run (inside the data file, before it moved).
        assert_eq!(
            statuses,
            ["applied", "applied", "failed", "applied", "applied"],
            "{history}"
        );
        let confirmed = &history[1];
        assert_eq!(confirmed["rows"][0]["upserted"], 1, "{confirmed}");
        assert_eq!(
            in_file(
                &env,
                "SELECT count(*) FROM channel_sessions WHERE job = 1110"
            ),
            3
        );
        let pending = env.json(&["job", "pending", "1110", "--channel-db", "WEST"]);
        assert_eq!(pending[0]["upserts"], 0, "{pending}");
    });
}

#[test]
fn a_channel_database_file_that_is_gone_fails_its_sessions_and_the_next_run_catches_up() {
    crate::common::on_both_engines(|| {
        let env = west_in_a_file();
        env.ok(&["job", "run", "9999", "--channel-db", "Default"]);
        let west = env.dir().join("west.db");
        std::fs::rename(&west, env.dir().join("elsewhere.db")).unwrap();
        let out = env.output(&["job", "run", "1110", "--channel-db", "WEST"]);
        let t = crate::common::transcript(&["job", "run"], &out, env.dir());
        assert_eq!(out.status.code(), Some(4), "{t}");
        assert!(t.contains("there is no channel database file at"), "{t}");
        let shown = env.json(&["channel-db", "show", "WEST"]);
        assert!(
            shown["file_error"]
                .as_str()
                .unwrap()
                .contains("channel database WEST's file: there is no channel database file at"),
            "{shown}"
        );
        let s = &env.json(&["job", "sessions", "--limit", "1"])[0];
        assert_eq!(s["status"], "failed");
        assert!(
            s["error"]
                .as_str()
                .unwrap()
                .contains("there is no channel database file at"),
            "{s}"
        );
        // Back where it was: the next run carries everything it lacks.
        std::fs::rename(env.dir().join("elsewhere.db"), &west).unwrap();
        let r = env.json(&["job", "run", "9999", "--channel-db", "WEST"]);
        all_applied(&r);
        assert_eq!(everything(&env, "WEST"), everything(&env, "Default"));
    });
}

/// The store face reads the store's channel database in its own file: what was delivered
/// there, not what headquarters has (a change not yet delivered is not seen at the store).
/// What the store writes live (a client book) goes to headquarters, as ever.
#[test]
fn the_store_face_reads_its_channel_database_file() {
    on_every_place(|| {
        let env = west_in_a_file();
        assert_eq!(
            env.json(&["store", "show", "SEATTLE"])["channel_database"],
            "WEST"
        );
        let view = [
            "pos",
            "--store",
            "SEATTLE",
            "--worker",
            "000170",
            "clientbook",
            "view",
        ];
        // Moved to the file: nothing delivered there yet (the data file's copy was forgotten).
        env.refused(&view, 3)
            .says(&["store SEATTLE is not in its channel database WEST yet"]);
        env.ok(&["job", "run", "9999"]);
        env.ok(&[
            "pos",
            "--store",
            "SEATTLE",
            "--worker",
            "000170",
            "clientbook",
            "add",
            "100003",
        ]);
        let book = env.json(&view);
        assert_eq!(book["customers"][0]["account"], "100003", "{book}");
        // Turned off at headquarters, still on at the store until 1110 carries it to the file.
        env.ok(&["feature", "disable", "clienteling", "--yes"]);
        env.ok(&view);
        env.ok(&["job", "run", "1110", "--channel-db", "Default"]);
        env.ok(&view);
        env.ok(&["job", "run", "1110", "--channel-db", "WEST"]);
        env.refused(&view, 3)
            .says(&["needs the Clienteling feature, which is not enabled"]);
    });
}

/// A headquarters on a server has no folder: it takes a channel database file by its absolute
/// path only (the other tests here run on both engines with absolute paths there).
#[test]
fn a_headquarters_on_a_server_takes_a_channel_file_by_its_absolute_path() {
    crate::common::on_both_engines(|| {
        let env = TestEnv::contoso();
        if !env.on_server() {
            return;
        }
        let west = env.dir().join("west.db");
        env.ok(&["channel-db", "init", west.to_str().unwrap(), "--id", "WEST"]);
        env.refused(
            &["channel-db", "set", "WEST", "--location", "west.db"],
            2,
        )
        .says(&[
            "--location: west.db is a relative path; a headquarters on a server has no folder to read it from",
            "give the file's whole path",
        ]);
        env.ok(&[
            "channel-db",
            "set",
            "WEST",
            "--location",
            west.to_str().unwrap(),
        ]);
        assert_eq!(
            env.json(&["channel-db", "show", "WEST"])["file"]["path"],
            west.to_str().unwrap()
        );
    });
}

/// Item 4 of issue 21: headquarters and three channel databases in files of their own. Job
/// runs are killed at 30 moments, with a change before each, and one file is held locked by
/// another process for ten of them. Afterwards, and after one more run, every file holds what
/// headquarters sent (the same rows as the channel database inside the data file), passes
/// SQLite's integrity check, applied each session once (each incremental session starts where
/// the one before it ended), and headquarters has recorded every session each file applied.
#[test]
fn job_runs_killed_at_30_moments_leave_every_channel_file_whole_and_as_sent() {
    on_every_place(|| {
        let env = TestEnv::contoso();
        env.ok(&["seed", "--customers", "1500"]);
        let files = ["WEST", "EAST", "NORTH"];
        for id in files {
            let at = own_channel_db(&env, id);
            if id == "WEST" {
                env.ok(&["channel-db", "set", id, "--location", &at]);
            } else {
                env.ok(&["channel-db", "add", id, "--location", &at]);
            }
        }
        // How long a run takes here, so that the kills fall within one.
        let t = std::time::Instant::now();
        env.ok(&["job", "run", "9999", "--dry-run"]);
        let span = (t.elapsed().as_millis() as u64).max(50) * 3 / 2;
        let mut lock: Option<Lock> = None;
        for i in 0..30u64 {
            // Another process holds EAST for kills 10 to 19.
            if i == 10 {
                lock = Some(Lock::take(&env, "EAST"));
            }
            if i == 20 {
                lock.take();
            }
            env.ok(&[
                "customer",
                "set",
                "100001",
                "--middle-name",
                &format!("M{i}"),
            ]);
            if i == 15 {
                // A whole run meanwhile: EAST's sessions fail as busy, the others are applied.
                let out = env.output(&["--wait", "0.1", "job", "run", "9999", "--json"]);
                assert_eq!(out.status.code(), Some(6), "{out:?}");
                let r: Value = serde_json::from_slice(&out.stdout).unwrap();
                for s in r["sessions"].as_array().unwrap() {
                    if s["channel_db"] == "EAST" {
                        assert_eq!(s["status"], "failed", "{s}");
                        assert!(s["error"].as_str().unwrap().contains("busy"), "{s}");
                    } else {
                        assert_eq!(s["status"], "applied", "{s}");
                    }
                }
            }
            if i % 3 == 0 {
                let what = if i % 2 == 0 { "enable" } else { "disable" };
                env.ok(&["feature", what, "init-scheduler-after-update", "--yes"]);
            }
            let mut child = env
                .command(&["--wait", "0.1", "job", "run", "9999"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let wait = (i * 7919 % 30) * span / 30 + i;
            std::thread::sleep(std::time::Duration::from_millis(wait));
            let _ = child.kill();
            let _ = child.wait();
        }
        drop(lock);
        let r = env.json(&["job", "run", "9999"]);
        all_applied(&r);
        let expected = everything(&env, "Default");
        for id in files {
            assert_eq!(everything(&env, id), expected, "{id} holds what was sent");
            if !on_servers() {
                let check = in_channel(&env, id, "PRAGMA integrity_check");
                assert_eq!(check[0][0], "ok", "{id}");
            }
            // Each session once: each starts where the one before it ended.
            let sessions: Vec<(i64, String, i64, i64)> = in_channel(
                &env,
                id,
                "SELECT job, mode, from_version, to_version FROM channel_sessions
                  ORDER BY job, to_version",
            )
            .into_iter()
            .map(|r| {
                (
                    r[0].parse().unwrap(),
                    r[1].clone(),
                    r[2].parse().unwrap(),
                    r[3].parse().unwrap(),
                )
            })
            .collect();
            for w in sessions.windows(2) {
                let ((j0, _, _, to0), (j1, mode1, from1, _)) = (&w[0], &w[1]);
                if j0 == j1 && mode1 == "incremental" {
                    assert_eq!(from1, to0, "{id}: {sessions:?}");
                }
            }
            // Headquarters knows every session the file applied.
            let known: std::collections::BTreeSet<(i64, i64)> = env
                .json(&["job", "sessions", "--channel-db", id, "--limit", "1000"])
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["status"] == "applied")
                .map(|s| {
                    (
                        s["job"].as_i64().unwrap(),
                        s["to_version"].as_i64().unwrap(),
                    )
                })
                .collect();
            for (job, _, _, to) in &sessions {
                assert!(
                    known.contains(&(*job, *to)),
                    "{id}: job {job} to version {to} is in the file, not in headquarters' sessions"
                );
            }
        }
    });
}

/// Another process holding a channel database's write lock: a file's `BEGIN IMMEDIATE`, or a
/// server transaction on the channel database's row. Let go when dropped.
enum Lock {
    File(rusqlite::Connection),
    Server(postgres::Client),
}

impl Lock {
    fn take(env: &TestEnv, id: &str) -> Lock {
        if on_servers() {
            let mut c = postgres::Client::connect(&server_url(id), postgres::NoTls).unwrap();
            c.batch_execute("BEGIN; SELECT 1 FROM channel_meta WHERE id = 1 FOR UPDATE")
                .unwrap();
            return Lock::Server(c);
        }
        let c = rusqlite::Connection::open(env.dir().join(format!("{}.db", id.to_lowercase())))
            .unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        Lock::File(c)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        match self {
            Lock::File(c) => {
                let _ = c.execute_batch("ROLLBACK");
            }
            Lock::Server(c) => {
                let _ = c.batch_execute("ROLLBACK");
            }
        }
    }
}

/// `hq job retry SESSION` runs a failed session's job again for its channel database; only a
/// failed session is retried.
#[test]
fn a_failed_session_is_retried_by_its_id() {
    crate::common::on_both_engines(|| {
        let env = west_in_a_file();
        env.ok(&["job", "run", "9999"]);
        env.ok(&["feature", "enable", "init-scheduler-after-update"]);
        let west = env.dir().join("west.db");
        std::fs::rename(&west, env.dir().join("away.db")).unwrap();
        let out = env.output(&["job", "run", "1110", "--channel-db", "WEST"]);
        assert_eq!(out.status.code(), Some(4));
        let failed = env.json(&["job", "sessions", "--limit", "1"])[0].clone();
        assert_eq!(failed["status"], "failed");
        let id = failed["id"].as_i64().unwrap().to_string();
        // Still gone: the retry fails the same way, and is recorded.
        let out = env.output(&["job", "retry", &id]);
        assert_eq!(out.status.code(), Some(4));
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("channel database WEST's file: there is no channel database file at"),
            "{out:?}"
        );
        std::fs::rename(env.dir().join("away.db"), &west).unwrap();
        let dry = env.json(&["job", "retry", &id, "--dry-run"]);
        assert_eq!(dry["dry_run"], true);
        assert_eq!(dry["sessions"][0]["rows"][0]["upserted"], 1, "{dry}");
        let r = env.json(&["job", "retry", &id]);
        let s = &r["sessions"][0];
        assert_eq!(
            (
                s["job"].as_u64(),
                s["channel_db"].as_str(),
                s["status"].as_str()
            ),
            (Some(1110), Some("WEST"), Some("applied")),
            "{r}"
        );
        assert_eq!(s["rows"][0]["upserted"], 1, "{r}");
        // Only a failed session; one that does not exist is not found.
        let applied = s["id"].as_i64().unwrap().to_string();
        env.refused(&["job", "retry", &applied], 5).says(&[
        &format!("session {applied} was applied (job 1110 to channel database WEST); only a failed session is retried"),
        "hq job run 1110 --channel-db WEST",
    ]);
        env.refused(&["job", "retry", "9999"], 4)
            .says(&["there is no download session 9999", "hq job sessions"]);
        env.refused(&["job", "retry", "x"], 2).says(&["SESSION"]);
    });
}

/// An async customer made at a store whose channel database is a file of its own waits in
/// that file, as the product keeps it in the channel database; `customer sync` uploads it
/// exactly once (headquarters records the upload before the file is told, and a sync cut off
/// in between only tells the file the next time).
#[test]
fn async_customers_wait_in_the_file_and_are_uploaded_once() {
    on_every_place(|| {
        let env = west_in_a_file();
        env.ok(&["store", "set", "SEATTLE", "--async-customer-creation"]);
        env.ok(&["job", "run", "9999"]);
        let made = env.json(&[
            "pos",
            "--store",
            "SEATTLE",
            "--worker",
            "000170",
            "customer",
            "add",
            "--first-name",
            "Zed",
            "--last-name",
            "Async",
        ]);
        let id = made["account"].as_str().unwrap().to_string();
        assert_eq!(
            in_file(
                &env,
                &format!(
                    "SELECT count(*) FROM channel_pending_customers WHERE id = '{id}' AND status = 'pending-sync'"
                )
            ),
            1,
            "it waits in the file"
        );
        let hq_rows =
            |env: &TestEnv| -> i64 { env.number("SELECT count(*) FROM channel_pending_customers") };
        assert_eq!(hq_rows(&env), 0, "not in the data file");
        let pending = env.json(&["customer", "list", "--pending"]);
        assert_eq!(pending[0]["id"], id.as_str(), "{pending}");
        assert_eq!(env.json(&["customer", "show", &id])["last_name"], "Async");
        // Edited at the store while it waits (async editing on): the file's copy changes.
        for f in [
            "async-customer-addresses",
            "enhanced-async-customers",
            "async-customer-editing",
        ] {
            env.ok(&["feature", "enable", f, "--yes"]);
        }
        env.ok(&["job", "run", "1110"]);
        env.ok(&[
            "pos",
            "--store",
            "SEATTLE",
            "--worker",
            "000170",
            "customer",
            "set",
            &id,
            "--last-name",
            "Edited",
        ]);
        assert_eq!(
            in_file(
                &env,
                &format!(
                    "SELECT count(*) FROM channel_pending_customers WHERE id = '{id}' AND data LIKE '%Edited%'"
                )
            ),
            1,
            "edited in the file"
        );
        assert_eq!(hq_rows(&env), 0, "still not in the data file");
        let accounts_before = env.json(&["customer", "list", "--limit", "1000"]);
        let synced = env.json(&["customer", "sync"]);
        let account = synced[0]["account"].as_str().unwrap().to_string();
        assert_eq!(synced[0]["id"], id.as_str(), "{synced}");
        assert_eq!(
            env.json(&["customer", "show", &account])["last_name"],
            "Edited"
        );
        assert_eq!(
            in_file(
                &env,
                &format!(
                    "SELECT count(*) FROM channel_pending_customers WHERE id = '{id}' AND status = 'synced' AND account = '{account}'"
                )
            ),
            1,
            "the file is told"
        );
        assert_eq!(
            env.json(&["customer", "list", "--pending"]),
            serde_json::json!([])
        );
        // As if the file had not been told (a sync cut off between the two commits): the next
        // sync makes no second customer, and tells the file.
        {
            in_channel(
                &env,
                "WEST",
                "UPDATE channel_pending_customers SET status = 'pending-sync', account = NULL",
            );
        }
        let again = env.json(&["customer", "sync"]);
        assert_eq!(again, serde_json::json!([]), "nothing uploaded twice");
        let after = env.json(&["customer", "list", "--limit", "1000"]);
        assert_eq!(
            after.as_array().unwrap().len(),
            accounts_before.as_array().unwrap().len() + 1
        );
        assert_eq!(
            in_file(
                &env,
                &format!(
                    "SELECT count(*) FROM channel_pending_customers WHERE account = '{account}' AND status = 'synced'"
                )
            ),
            1
        );
        // The temporary id still leads to the customer.
        assert_eq!(
            env.json(&["customer", "show", &id])["account"],
            account.as_str()
        );
    });
}

/// An environment file carries a channel database's location: `export` writes it, and `apply`
/// into a new data file elsewhere uses the file beside it (a relative location is read from
/// the data file's folder), or says where the file is missing, with the line.
#[test]
fn an_environment_file_carries_the_location() {
    let env = west_in_a_file();
    let text = env.ok(&["export"]);
    assert!(text.contains("location = \"west.db\""), "{text}");
    let elsewhere = TestEnv::empty();
    let file = elsewhere.dir().join("env.toml");
    std::fs::write(&file, format!("{text}\n[distribution]\nrun = [9999]\n")).unwrap();
    let t = elsewhere.refused(&["apply", file.to_str().unwrap()], 3);
    assert!(!elsewhere.data().exists(), "nothing made");
    t.says(&[
        "env.toml:",
        "channel_dbs WEST: `location`: there is no channel database file at",
        "hq channel-db init",
    ]);
    let west = elsewhere.dir().join("west.db");
    elsewhere.ok(&["channel-db", "init", west.to_str().unwrap(), "--id", "WEST"]);
    elsewhere.ok(&["apply", file.to_str().unwrap()]);
    let c = rusqlite::Connection::open(&west).unwrap();
    let sessions: i64 = c
        .query_row("SELECT count(*) FROM channel_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 7, "the file's run delivered there");
    assert_eq!(
        everything(&elsewhere, "WEST"),
        everything(&elsewhere, "Default")
    );
}

/// `hq pos --channel-db PLACE --store S --worker W customer search a`.
fn search_at<'a>(place: &'a str, store: &'a str, worker: &'a str) -> [&'a str; 10] {
    [
        "pos",
        "--channel-db",
        place,
        "--store",
        store,
        "--worker",
        worker,
        "customer",
        "search",
        "a",
    ]
}

/// `hq pos --channel-db PATH`: the store works on its channel database file with the
/// headquarters data file gone: it signs in, finds customers and shows their cards, and makes
/// async customers, which wait in the file, all as delivered there (features judged by the
/// environment version delivered with them). What headquarters answers live is refused, naming
/// it. Back at headquarters, the customers made meanwhile sync once.
#[test]
fn a_store_works_on_its_channel_database_file_with_headquarters_gone() {
    let env = west_in_a_file();
    env.ok(&["store", "set", "SEATTLE", "--async-customer-creation"]);
    env.ok(&["job", "run", "9999"]);
    assert_eq!(
        in_file(
            &env,
            "SELECT count(*) FROM channel_meta WHERE env_version <> ''"
        ),
        1,
        "the environment version is delivered with the sessions"
    );
    let away = env.dir().join("away");
    std::fs::create_dir(&away).unwrap();
    let hq_files = |from: &std::path::Path, to: &std::path::Path| {
        for suffix in ["", "-wal", "-shm"] {
            let f = from.join(format!("hq.db{suffix}"));
            if f.exists() {
                std::fs::rename(&f, to.join(format!("hq.db{suffix}"))).unwrap();
            }
        }
    };
    hq_files(env.dir(), &away);
    assert!(!env.data().exists());
    let at = |rest: &[&'static str]| -> Vec<&'static str> {
        let mut a = vec![
            "pos",
            "--channel-db",
            "west.db",
            "--store",
            "SEATTLE",
            "--worker",
            "000170",
        ];
        a.extend_from_slice(rest);
        a
    };
    // Customers as job 1010 delivered them.
    let found = env.json(&at(&["customer", "search", "ada"]));
    assert_eq!(found[0]["account"], "100003", "{found}");
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let card = env.json(&at(&["customer", "card", "100003"]));
    assert_eq!(card["name"], "Ada Lovelace");
    assert_eq!(card["client_book"], Value::Null);
    assert_eq!(
        card["without_headquarters"],
        serde_json::json!(["client_book", "customer_insights"])
    );
    assert!(
        env.ok(&at(&["customer", "card", "100003"]))
            .contains("(not known without headquarters)")
    );
    env.refused(&at(&["customer", "card", "999999"]), 4).says(&[
        "there is no customer 999999 in channel database WEST",
        "job run 1010",
    ]);
    // A new customer waits in the file; a dry run writes nothing.
    let new = [
        "customer",
        "add",
        "--first-name",
        "Zed",
        "--last-name",
        "Alone",
        "--email",
        "zed@example.com",
    ];
    let dry = env.json(&at(&[&new[..], &["--dry-run"]].concat()));
    assert_eq!(dry["dry_run"], true, "{dry}");
    assert_eq!(
        in_file(&env, "SELECT count(*) FROM channel_pending_customers"),
        0
    );
    let made = env.json(&at(&new));
    let id = made["account"].as_str().unwrap().to_string();
    assert_eq!(made["status"], "pending-sync");
    assert_eq!(made["legal_entity"], "USRT");
    // Enhanced async creation is not delivered: the default customer's affiliations stay
    // behind, as at headquarters.
    assert_eq!(made["affiliations"], serde_json::json!([]), "{made}");
    assert_eq!(
        in_file(
            &env,
            &format!(
                "SELECT count(*) FROM channel_pending_customers WHERE id = '{id}' AND store = 'SEATTLE' AND status = 'pending-sync'"
            )
        ),
        1
    );
    env.refused(
        &at(&["customer", "add", "--last-name", "X", "--group", "NOPE"]),
        4,
    )
    .says(&["NOPE", "--group"]);
    // What headquarters answers live is refused, by name.
    for (args, what) in [
        (at(&["clientbook", "view"]), "the client book"),
        (
            at(&[
                "activity", "add", "100003", "--type", "VISIT", "--text", "hi",
            ]),
            "recording an activity",
        ),
        (
            at(&["customer", "set", "100003", "--last-name", "B"]),
            "changing a customer",
        ),
        (at(&["notes", "100003"]), "notes"),
        (
            at(&[
                "customer",
                "add",
                "--last-name",
                "Z",
                "--attribute",
                "Birthday=1990-01-01",
            ]),
            "setting attribute values",
        ),
    ] {
        env.refused(&args, 3).says(&[
            what,
            "needs headquarters (the real-time service): the store is working on its channel database file alone",
            "without --channel-db",
        ]);
    }
    // Sign-in by what the file holds.
    env.refused(&search_at("west.db", "HOUSTON", "000160"), 3)
        .says(&[
            "store HOUSTON reads channel database Default, not WEST",
            "channel-db show Default",
        ]);
    env.refused(&search_at("west.db", "SEATTLE", "999"), 4)
        .says(&["worker \"999\" does not exist (given by --worker)"]);
    env.refused(&search_at("hq.db", "SEATTLE", "000170"), 4)
        .says(&[
            "--channel-db: there is no channel database file at hq.db",
            "channel-db show",
        ]);
    assert!(
        !env.data().exists(),
        "nothing made a headquarters data file"
    );
    // Headquarters back, with enhanced async creation delivered: the store judges it by the
    // version delivered with it.
    hq_files(&away, env.dir());
    env.refused(&search_at("hq.db", "SEATTLE", "000170"), 3)
        .says(&[
            "--channel-db: hq.db is not a channel database file: it is a headquarters data file",
        ]);
    for f in ["async-customer-addresses", "enhanced-async-customers"] {
        env.ok(&["feature", "enable", f, "--yes"]);
    }
    env.ok(&["job", "run", "1110"]);
    hq_files(env.dir(), &away);
    let second = env.json(&at(&[
        "customer",
        "add",
        "--first-name",
        "Amy",
        "--last-name",
        "Alone",
    ]));
    assert_eq!(
        second["affiliations"],
        serde_json::json!(["Retail"]),
        "{second}"
    );
    hq_files(&away, env.dir());
    let synced = env.json(&["customer", "sync"]);
    let ids: Vec<&str> = synced
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{synced}");
    assert!(ids.contains(&id.as_str()));
    assert_eq!(env.json(&["customer", "sync"]), serde_json::json!([]));
    assert_eq!(
        in_file(
            &env,
            "SELECT count(*) FROM channel_pending_customers WHERE status = 'synced'"
        ),
        2
    );
}

/// `channel-db init postgres://...` makes a channel database in an empty database on the
/// server, which knows its id as a file does; what is not one is refused, each by its reason;
/// the store face works on it alone.
#[test]
fn a_channel_database_on_a_server_is_made_by_init_and_refuses_to_be_another() {
    let env = TestEnv::contoso();
    let (west, west_pw) = env.other_database("ch_west");
    let made = env.json(&["channel-db", "init", &west, "--id", "WEST"]);
    assert_eq!(made["created"], true, "{made}");
    let password = west_pw
        .split_once("://")
        .and_then(|(_, r)| r.split_once('@'))
        .and_then(|(u, _)| u.split_once(':'))
        .map(|(_, p)| p.to_string())
        .unwrap();
    assert!(!made.to_string().contains(&password), "{made}");
    // Made where anything is: refused, as it was.
    env.refused(&["channel-db", "init", &west, "--id", "WEST"], 5)
        .says(&["is not empty; a channel database is made in an empty database"]);
    // Its password in the URL: never kept.
    env.refused(&["channel-db", "set", "WEST", "--location", &west_pw], 3)
        .says(&["--location", "holds a secret"]);
    // Another channel database's, an empty database, a headquarters' database.
    env.refused(&["channel-db", "set", "Default", "--location", &west], 3)
        .says(&["is channel database WEST's, not Default's"]);
    let (empty, _) = env.other_database("ch_empty");
    env.refused(&["channel-db", "add", "EAST", "--location", &empty], 4)
        .says(&[
            "holds no channel database (the database is empty)",
            "channel-db init",
            "--id EAST",
        ]);
    let (hq_db, _) = env.other_database("ch_hq");
    env.ok(&["--data", &hq_db, "init"]);
    env.refused(&["channel-db", "add", "EAST", "--location", &hq_db], 3)
        .says(&["is not a channel database file: it is a headquarters database"]);
    // Its own: delivered to, shown, read alone by the store face.
    env.ok(&["channel-db", "set", "WEST", "--location", &west]);
    all_applied(&env.json(&["job", "run", "9999", "--channel-db", "WEST"]));
    assert_eq!(everything(&env, "WEST"), everything(&env, "Default"));
    let shown = env.ok(&["channel-db", "show", "WEST"]);
    assert!(shown.contains("Database "), "{shown}");
    assert!(!shown.contains(&password), "{shown}");
    let found = env.json(&[
        "pos",
        "--channel-db",
        &west,
        "--store",
        "SEATTLE",
        "--worker",
        "000170",
        "customer",
        "search",
        "ada",
    ]);
    assert_eq!(found[0]["account"], "100003", "{found}");
}

/// A channel database file that cannot be read holds back only its own async customers:
/// `customer list --pending` warns and lists the rest, `customer sync` uploads the rest and
/// ends with the reason (exit 4 for a file that is gone); once it is back, its customers go up.
#[test]
fn an_unreadable_channel_database_holds_back_only_its_own_waiting_customers() {
    let env = west_in_a_file();
    for store in ["SEATTLE", "HOUSTON"] {
        env.ok(&["store", "set", store, "--async-customer-creation"]);
    }
    env.ok(&["job", "run", "9999"]);
    let add = |store: &str, worker: &str, name: &str| -> String {
        env.json(&[
            "pos",
            "--store",
            store,
            "--worker",
            worker,
            "customer",
            "add",
            "--first-name",
            name,
            "--last-name",
            "Waiting",
        ])["account"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let west_id = add("SEATTLE", "000170", "West");
    let houston_id = add("HOUSTON", "000160", "Houston");
    std::fs::rename(env.dir().join("west.db"), env.dir().join("away.db")).unwrap();
    let listed = env.output(&["customer", "list", "--pending", "--json"]);
    let t = crate::common::transcript(&["customer", "list", "--pending"], &listed, env.dir());
    assert_eq!(listed.status.code(), Some(0), "{t}");
    assert!(
        t.contains(
            "channel database WEST could not be read, so its waiting customers are not listed"
        ),
        "{t}"
    );
    let shown: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(shown.as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown[0]["id"], houston_id.as_str());
    // As `job run` goes on past a channel database that fails: the others are done, and
    // the exit code is the failure's.
    let out = env.output(&["customer", "sync"]);
    let t = crate::common::transcript(&["customer", "sync"], &out, env.dir());
    assert_eq!(out.status.code(), Some(4), "{t}");
    for says in [
        "channel database WEST could not be read, so its waiting customers were not uploaded (those of the others were)",
        "there is no channel database file at",
        "once it can be read, upload them with `hq customer sync`",
    ] {
        assert!(t.contains(says), "{says:?} in {t}");
    }
    // HOUSTON's went up; WEST's waits.
    let houston = env.json(&["customer", "show", &houston_id]);
    assert_ne!(houston["account"], houston_id.as_str(), "{houston}");
    std::fs::rename(env.dir().join("away.db"), env.dir().join("west.db")).unwrap();
    let synced = env.json(&["customer", "sync"]);
    assert_eq!(synced.as_array().unwrap().len(), 1, "{synced}");
    assert_eq!(synced[0]["id"], west_id.as_str());
}

/// A run killed after a channel database committed a session and before headquarters did:
/// headquarters' transaction never commits, so the change version it took goes to the next
/// change. The channel database must not believe it has that change: the next run carries it
/// (a session's version is the last one headquarters committed, not its own transaction's).
#[test]
fn a_change_after_a_run_killed_between_the_two_commits_reaches_the_channel_database() {
    on_every_place(|| {
        let env = west_in_a_file();
        env.ok(&["job", "run", "9999"]);
        env.ok(&["customer", "set", "100003", "--last-name", "Before"]);
        let out = env
            .command(&["job", "run", "1010", "--channel-db", "WEST"])
            .env("HQ_TEST_FAIL_AFTER_DELIVERY", "kill")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{out:?}");
        let west = rows(&env, "WEST", "customers").to_string();
        assert!(
            west.contains("\"Before\""),
            "the channel database has it: {west}"
        );
        env.ok(&["customer", "set", "100003", "--last-name", "After"]);
        all_applied(&env.json(&["job", "run", "1010", "--channel-db", "WEST"]));
        let west = rows(&env, "WEST", "customers").to_string();
        assert!(
            west.contains("\"After\""),
            "the change after the kill: {west}"
        );
        // Applied once: the session the channel database committed is recorded from it.
        let applied = env.json(&["job", "sessions", "--job", "1010", "--channel-db", "WEST"]);
        assert_eq!(
            applied
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["status"] == "applied")
                .count(),
            4,
            "{applied}"
        );
    });
}
