//! Distribution jobs (DOMAIN.md 9): pending, incremental and full runs, sessions, channel
//! contents, failures.

use insta::assert_snapshot;
use serde_json::Value;

use crate::common::{
    TestEnv, channel_everything as everything, channel_rows as contents, on_both_engines,
};

/// Upserts and deletes pending per job for one channel database.
fn pending(env: &TestEnv, cdb: &str) -> Vec<(u64, u64, u64)> {
    env.json(&["job", "pending", "--channel-db", cdb])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["job"].as_u64().unwrap(),
                p["upserts"].as_u64().unwrap(),
                p["deletes"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Jobs with anything pending for a channel database.
fn jobs_pending(env: &TestEnv, cdb: &str) -> Vec<u64> {
    pending(env, cdb)
        .into_iter()
        .filter(|(_, u, d)| u + d > 0)
        .map(|(j, _, _)| j)
        .collect()
}

/// Runs hq with the test hook that fails every session after `table`.
fn failing_after(env: &TestEnv, table: &str, args: &[&str]) -> std::process::Output {
    env.command(args)
        .env("HQ_TEST_FAIL_AFTER_TABLE", table)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn run(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["job", "run"];
    all.extend(args);
    env.json(&all)
}

#[test]
fn a_change_is_pending_for_the_job_that_carries_it_only_and_delivered_by_it() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        run(&env, &["9999"]);
        assert_eq!(jobs_pending(&env, "Default"), Vec::<u64>::new());
        env.ok(&["feature", "enable", "clienteling"]);
        assert_eq!(jobs_pending(&env, "Default"), [1110]);
        assert_eq!(pending(&env, "Default")[5], (1110, 1, 0));
        let status = env.json(&["status"]);
        assert_eq!(status["pending_rows"], 1);
        assert_eq!(status["pending_rows_exact"], true);
        // Another job carries nothing of it.
        let r = run(&env, &["1040"]);
        assert_eq!(r["sessions"][0]["rows"][0]["upserted"], 0);
        assert!(
            contents(&env, "Default", "features")
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["key"] != "clienteling")
        );
        let r = run(&env, &["1110"]);
        assert_eq!(r["sessions"][0]["mode"], "incremental");
        assert_eq!(
            r["sessions"][0]["rows"][0],
            serde_json::json!({"table": "features", "upserted": 1, "deleted": 0})
        );
        let features = contents(&env, "Default", "features");
        assert_eq!(features[0]["key"], "clienteling");
        assert_eq!(features[0]["enabled"], 1);
        assert_eq!(jobs_pending(&env, "Default"), Vec::<u64>::new());
        assert_eq!(env.json(&["status"])["pending_rows"], 0);
    });
}

#[test]
fn a_deletion_reaches_the_channel_database_with_the_next_incremental_run() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&[
            "address-book",
            "add",
            "GONE",
            "--name",
            "Soon gone",
            "--kind",
            "customer",
        ]);
        run(&env, &["1060"]);
        let books = |env: &TestEnv| -> Vec<String> {
            contents(env, "Default", "address_books")
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(books(&env).contains(&"GONE".to_string()));
        env.ok(&["address-book", "remove", "GONE"]);
        assert_eq!(pending(&env, "Default")[2], (1060, 0, 1));
        let r = run(&env, &["1060"]);
        let ab = r["sessions"][0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["table"] == "address_books")
            .unwrap()
            .clone();
        assert_eq!(ab["deleted"], 1);
        assert!(!books(&env).contains(&"GONE".to_string()));
    });
}

#[test]
fn incremental_runs_and_a_full_run_leave_identical_channel_tables() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["channel-db", "add", "SECOND", "--group", "Default"]);
        run(&env, &["9999"]);
        // Changes of every kind, each followed by an incremental run on Default only.
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "attribute-type",
            "add",
            "Interests",
            "--kind",
            "text",
            "--value",
            "Shoes",
        ]);
        run(&env, &["9999", "--channel-db", "Default"]);
        env.ok(&["attribute", "add", "Pref", "--type", "Interests"]);
        env.ok(&[
            "address-book",
            "add",
            "X",
            "--name",
            "X",
            "--kind",
            "customer",
        ]);
        run(&env, &["9999", "--channel-db", "Default"]);
        env.ok(&["address-book", "remove", "X"]);
        env.ok(&["attribute", "remove", "Pref"]);
        env.ok(&["store", "set", "HOUSTON", "--name", "Houston Galleria"]);
        run(&env, &["9999", "--channel-db", "Default"]);
        // SECOND gets one full run over the same HQ state.
        let r = run(&env, &["9999", "--full", "--channel-db", "SECOND"]);
        assert!(
            r["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["mode"] == "full")
        );
        let inc = everything(&env, "Default");
        assert_eq!(inc, everything(&env, "SECOND"));
        assert_eq!(
            contents(&env, "Default", "stores")[0]["name"],
            "Houston Galleria"
        );
        // A full run where the incremental ones ran changes nothing there.
        run(&env, &["9999", "--full", "--channel-db", "Default"]);
        assert_eq!(inc, everything(&env, "Default"));
    });
}

/// `job pending` and `hq status` ask every job and channel database at once (one statement):
/// each pair is still counted from its own delivered version, and a removal only where the
/// channel database holds the row.
#[test]
fn pending_is_counted_per_channel_database_from_its_own_delivered_version() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["channel-db", "add", "SECOND", "--group", "Default"]);
        env.ok(&[
            "address-book",
            "add",
            "X",
            "--name",
            "X",
            "--kind",
            "customer",
        ]);
        run(&env, &["9999"]);
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&["address-book", "remove", "X"]);
        run(&env, &["9999", "--channel-db", "Default"]);
        env.ok(&["store", "set", "HOUSTON", "--name", "Houston Galleria"]);
        let by_job = |cdb: &str| -> Vec<(u64, u64, u64)> {
            pending(&env, cdb)
                .into_iter()
                .filter(|(_, u, d)| u + d > 0)
                .collect()
        };
        assert_eq!(by_job("Default"), [(1070, 1, 0)]);
        assert_eq!(by_job("SECOND"), [(1060, 0, 1), (1070, 1, 0), (1110, 1, 0)]);
        let status = env.json(&["status"]);
        assert_eq!(status["pending_rows"], 4, "{status}");
        assert_eq!(status["pending_rows_exact"], true);
        run(&env, &["9999"]);
        assert_eq!(by_job("Default"), []);
        assert_eq!(by_job("SECOND"), []);
        assert_eq!(env.json(&["status"])["pending_rows"], 0);
    });
}

#[test]
fn a_channel_database_added_later_gets_everything_at_its_first_run() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["feature", "enable", "clienteling"]);
        run(&env, &["9999"]);
        env.ok(&["channel-db", "add", "LATE", "--group", "Default"]);
        assert_eq!(jobs_pending(&env, "LATE"), [1060, 1070, 1110]);
        let r = run(&env, &["9999", "--channel-db", "LATE"]);
        assert!(
            r["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["mode"] == "full")
        );
        assert_eq!(everything(&env, "LATE"), everything(&env, "Default"));
        // Removing it forgets what it held.
        env.ok(&["channel-db", "remove", "LATE"]);
        env.refused(&["channel-db", "contents", "LATE"], 4)
            .says(&["channel database \"LATE\" does not exist (given by ID)"]);
        env.ok(&["channel-db", "add", "LATE", "--group", "Default"]);
        let counts = env.json(&["channel-db", "contents", "LATE"]);
        assert!(counts.as_array().unwrap().iter().all(|c| c["rows"] == 0));
    });
}

#[test]
fn running_a_job_twice_the_second_session_carries_nothing() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let first = run(&env, &["1070"]);
        assert!(
            first["sessions"][0]["rows"][0]["upserted"]
                .as_u64()
                .unwrap()
                > 0
        );
        let second = run(&env, &["1070"]);
        let rows = second["sessions"][0]["rows"].as_array().unwrap();
        assert!(
            rows.iter().all(|t| t["upserted"] == 0 && t["deleted"] == 0),
            "{rows:?}"
        );
        assert_eq!(second["sessions"][0]["status"], "applied");
    });
}

#[test]
fn a_failed_session_leaves_its_channel_database_as_it_was_and_is_recorded() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        run(&env, &["9999"]);
        let before = everything(&env, "Default");
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "keyvault",
            "secret",
            "add",
            "Pay",
            "--reference",
            "vault://contoso-kv/pay",
        ]);
        let out = failing_after(&env, "params", &["job", "run", "1110"]);
        let t = crate::common::transcript(&["job", "run", "1110"], &out, env.dir());
        assert_eq!(out.status.code(), Some(70), "{t}");
        assert!(t.contains("1 of 1 session failed"), "{t}");
        // features were applied before params in that session, and rolled back with it.
        assert_eq!(everything(&env, "Default"), before);
        let s = &env.json(&["job", "sessions", "--limit", "1"])[0];
        assert_eq!(s["status"], "failed");
        assert!(
            s["error"]
                .as_str()
                .unwrap()
                .contains("injected failure after table params")
        );
        // Still pending; the next run delivers it.
        assert_eq!(jobs_pending(&env, "Default"), [1110]);
        run(&env, &["1110"]);
        assert_eq!(jobs_pending(&env, "Default"), Vec::<u64>::new());
    });
}

#[test]
fn other_sessions_run_when_one_fails() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["channel-db", "add", "SECOND", "--group", "Default"]);
        let out = failing_after(&env, "stores", &["job", "run", "1070", "1110", "--json"]);
        assert_eq!(out.status.code(), Some(70));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let statuses: Vec<(&str, &str)> = report["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["job"]
                        .as_u64()
                        .map(|j| if j == 1070 { "1070" } else { "1110" })
                        .unwrap(),
                    s["status"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            statuses,
            [
                ("1070", "failed"),
                ("1110", "applied"),
                ("1070", "failed"),
                ("1110", "applied")
            ]
        );
    });
}

#[test]
fn a_dry_run_delivers_nothing_and_records_no_session() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        let r = run(&env, &["9999", "--dry-run"]);
        assert_eq!(r["dry_run"], true);
        assert!(r["sessions"][0]["rows"][0]["upserted"].as_u64().is_some());
        assert!(before == env.snapshot_files(), "a dry run changed the file");
        assert_eq!(env.json(&["job", "sessions"]), serde_json::json!([]));
    });
}

#[test]
fn bad_job_numbers_channel_databases_and_tables_are_refused() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let t = env.refused(&["job", "run", "1234"], 3);
        assert!(t.contains("there is no distribution job 1234"), "{t}");
        let t = env.refused(&["job", "run", "1040", "--channel-db", "NOPE"], 4);
        assert!(t.contains("--channel-db"), "{t}");
        env.refused(&["job", "run", "1040", "--group", "NOPE"], 4)
            .says(&["channel database group \"NOPE\" does not exist (given by --group)"]);
        env.refused(&["job", "pending", "1234"], 3)
            .says(&["invalid value 1234 for JOB: there is no distribution job 1234"]);
        let t = env.refused(
            &["channel-db", "contents", "Default", "--table", "featurs"],
            4,
        );
        assert!(t.contains("did you mean features?"), "{t}");
        env.refused(&["job", "sessions", "--job", "1"], 3)
            .says(&["invalid value 1 for JOB: there is no distribution job 1"]);
    });
}

#[test]
fn the_issue_examples_work() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["feature", "enable", "clienteling"]);
        let p = env.json(&["job", "pending"]);
        assert_eq!(p.as_array().unwrap().len(), 7);
        assert_snapshot!(env.run(&["job", "run", "1040", "1150", "1110", "1090"]), @"
        $ hq job run 1040 1150 1110 1090
        [exit 0]
        --- stdout
        SESSION  JOB   CHANNEL DB  MODE  STATUS   ROWS         FINISHED              ERROR
        1        1040  Default     full  applied  0            2026-01-15T09:00:00Z  -
        2        1090  Default     full  applied  0            2026-01-15T09:00:00Z  -
        3        1110  Default     full  applied  features +3  2026-01-15T09:00:00Z  -
        4        1150  Default     full  applied  0            2026-01-15T09:00:00Z  -
        --- stderr
        4 sessions applied, 3 rows delivered.
        ");
        let sessions = env.json(&["job", "sessions"]);
        assert_eq!(sessions.as_array().unwrap().len(), 4);
        assert_snapshot!(env.run(&["channel-db", "contents", "Default", "--table", "features", "--json"]), @r#"
        $ hq channel-db contents Default --table features --json
        [exit 0]
        --- stdout
        [
          {
            "key": "clienteling",
            "enabled": 1,
            "enable_date": "2026-01-15T09:00:00Z",
            "scheduled_date": null
          },
          {
            "key": "customer-orders-performance",
            "enabled": 1,
            "enable_date": "2026-01-15T09:00:00Z",
            "scheduled_date": null
          },
          {
            "key": "multiple-contacts",
            "enabled": 1,
            "enable_date": "2026-01-15T09:00:00Z",
            "scheduled_date": null
          }
        ]
        --- stderr
        "#);
        assert_snapshot!(env.run(&["job", "run", "9999", "--full", "--channel-db", "Default"]), @"
        $ hq job run 9999 --full --channel-db Default
        [exit 0]
        --- stdout
        SESSION  JOB   CHANNEL DB  MODE  STATUS   ROWS                               FINISHED              ERROR
        5        1010  Default     full  applied  0                                  2026-01-15T09:00:00Z  -
        6        1040  Default     full  applied  0                                  2026-01-15T09:00:00Z  -
        7        1060  Default     full  applied  address_books +2                   2026-01-15T09:00:00Z  -
        8        1070  Default     full  applied  stores +1, store_address_books +2  2026-01-15T09:00:00Z  -
        9        1090  Default     full  applied  0                                  2026-01-15T09:00:00Z  -
        10       1110  Default     full  applied  features +3                        2026-01-15T09:00:00Z  -
        11       1150  Default     full  applied  0                                  2026-01-15T09:00:00Z  -
        --- stderr
        7 sessions applied, 8 rows delivered.
        ");
        assert_snapshot!(env.run(&["job", "list"]), @"
        $ hq job list
        [exit 0]
        --- stdout
        JOB   NAME                   TABLES
        1010  Customers              customer_groups, customers, customer_addresses, customer_contacts, customer_attribute_values, customer_affiliations, customer_address_books
        1040  Products               attribute_types, attributes
        1060  Staff                  workers, worker_address_books, permission_groups, permission_group_operations, address_books
        1070  Channel configuration  stores, store_address_books
        1090  Registers              registers, screen_layouts, layout_buttons
        1110  Global configuration   features, params, number_sequence_refs, keyvault_secrets
        1150  Catalog                attribute_groups, attribute_group_members
        9999  All jobs               every job above
        --- stderr
        ");
    });
}

#[test]
fn every_distributed_table_has_a_channel_twin_with_its_columns() {
    let env = TestEnv::new();
    let c = rusqlite::Connection::open(env.data()).unwrap();
    let columns = |t: &str| -> Vec<String> {
        let mut st = c.prepare(&format!("PRAGMA table_info({t})")).unwrap();
        st.query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    // What must never leave HQ.
    let withheld = [("keyvault_secrets", "reference")];
    for j in commerce_hq::domain::distribution::JOBS {
        for s in j.subjobs {
            let hq: Vec<String> = columns(s.table)
                .into_iter()
                .filter(|c| c != "change_version" && !withheld.contains(&(s.table, c.as_str())))
                .collect();
            // As sets: a column added by a later migration comes last in the table.
            let sorted = |mut v: Vec<String>| {
                v.sort();
                v
            };
            let catalogue = sorted(s.columns.iter().map(|c| c.to_string()).collect());
            assert_eq!(
                sorted(hq.clone()),
                catalogue,
                "catalogue columns of {}",
                s.table
            );
            let mut twin = vec!["ch_db".to_string()];
            twin.extend(hq);
            assert_eq!(
                sorted(columns(&format!("ch_{}", s.table))),
                sorted(twin),
                "ch_{}",
                s.table
            );
        }
    }
}

#[test]
fn status_counts_pending_rows_up_to_a_cap_and_says_so() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["customer-group", "add", "30", "--description", "Retail"]);
        let mut csv = String::from("account,type,last_name,group,currency\n");
        for i in 0..10_001 {
            csv.push_str(&format!("C{i:05},person,Last{i},30,USD\n"));
        }
        std::fs::write(env.dir().join("many.csv"), csv).unwrap();
        env.ok(&["customer", "import", "many.csv"]);
        let status = env.json(&["status"]);
        assert_eq!(status["pending_rows_exact"], false);
        assert!(status["pending_rows"].as_u64().unwrap() >= 10_000);
        let exact = env.json(&["job", "pending", "1010", "--channel-db", "Default"]);
        assert_eq!(
            exact[0]["upserts"], 10_002,
            "10,001 customers and their group"
        );
        assert!(
            env.ok(&["status"])
                .contains("Pending rows         at least")
        );
    });
}

/// A row made and removed between two runs never reached a channel database: its deletion is
/// nothing to carry, so nothing is pending and an apply runs no job for it (issue 19, item 6).
#[test]
fn a_deletion_the_channel_never_saw_is_not_pending() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["job", "run", "9999"]);
        let made = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Brief",
        ]);
        let account = made["account"].as_str().unwrap().to_string();
        let pending = |env: &TestEnv| -> u64 {
            env.json(&["job", "pending", "1010"])
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["upserts"].as_u64().unwrap() + p["deletes"].as_u64().unwrap())
                .sum()
        };
        assert!(pending(&env) > 0, "the new customer is pending");
        env.ok(&["customer", "remove", &account]);
        assert_eq!(
            pending(&env),
            0,
            "made and removed before any run: nothing to carry"
        );
        // A deletion of what a channel database holds is still carried.
        env.ok(&["customer", "remove", "100004"]);
        let p = env.json(&["job", "pending", "1010"]);
        let deletes: u64 = p
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["deletes"].as_u64().unwrap())
            .sum();
        assert!(deletes > 0, "{p}");
        env.ok(&["job", "run", "1010"]);
        assert_eq!(pending(&env), 0);
        let rows = env
            .json(&["channel-db", "contents", "Default", "--table", "customers"])
            .to_string();
        assert!(!rows.contains("\"100004\""), "{rows}");
    });
}

/// The configuration jobs without stores, incremental and full, with a deletion between: the
/// same on both engines.
#[test]
fn configuration_jobs_on_both_engines() {
    crate::common::on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "attribute-type",
            "add",
            "Interests",
            "--kind",
            "text",
            "--value",
            "Shoes",
        ]);
        env.ok(&["attribute", "add", "Pref", "--type", "Interests"]);
        env.ok(&["attribute", "add", "Other", "--type", "Interests"]);
        env.ok(&["layout", "add", "L1", "--name", "Layout"]);
        env.ok(&["layout", "button", "add", "L1", "--operation", "712"]);
        assert_eq!(jobs_pending(&env, "Default"), [1040, 1090, 1110]);
        for job in ["1040", "1090", "1110"] {
            run(&env, &[job]);
        }
        assert!(jobs_pending(&env, "Default").is_empty());
        let before = everything(&env, "Default");
        assert_eq!(
            contents(&env, "Default", "attributes")
                .as_array()
                .unwrap()
                .len(),
            2
        );
        // A deletion and a change reach the channel database with the next incremental run.
        env.ok(&["attribute", "remove", "Pref", "--yes"]);
        env.ok(&["layout", "button", "remove", "L1", "--operation", "712"]);
        env.ok(&["attribute", "set", "Other", "--friendly-name", "Another"]);
        assert!(
            pending(&env, "Default").contains(&(1040, 1, 1)),
            "{:?}",
            pending(&env, "Default")
        );
        run(&env, &["1040"]);
        run(&env, &["1090"]);
        let names: Vec<String> = contents(&env, "Default", "attributes")
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["Other"]);
        assert_eq!(
            contents(&env, "Default", "layout_buttons"),
            serde_json::json!([])
        );
        // A full run leaves the same tables as the incremental ones.
        let incremental = everything(&env, "Default");
        assert_ne!(before, incremental);
        for job in ["1040", "1090"] {
            run(&env, &[job, "--full"]);
        }
        assert_eq!(everything(&env, "Default"), incremental);
        let sessions = env.json(&["job", "sessions", "--limit", "100"]);
        assert_eq!(sessions.as_array().unwrap().len(), 7);
    });
}
