//! `hq apply`: the example environment from one file, idempotence, the round trip through
//! export, dry runs, prune with its confirmation, changes, and refusals that change nothing.

use crate::common::{TestEnv, on_both_engines};

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    let p = env.dir().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn the_example_environment_applies_to_a_new_data_file_and_a_second_apply_changes_nothing() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        let t = env.run(&["apply", CONTOSO]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(t.contains("+ stores HOUSTON (create)"), "{t}");
        assert!(t.contains("+ customers 100005 (create)"), "{t}");
        assert!(t.contains("in one transaction."), "{t}");
        // The file's [distribution] run: every job, to both channel databases.
        assert!(t.contains("Distribution (jobs 1040, 1150"), "{t}");
        assert_eq!(
            env.json(&["job", "pending", "9999"])
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["upserts"].as_u64().unwrap() + p["deletes"].as_u64().unwrap())
                .sum::<u64>(),
            0
        );
        // Ready for clienteling, exactly as declared.
        env.ok(&["doctor", "clienteling"]);
        env.ok(&["diff", CONTOSO]);
        let store = env.json(&["store", "show", "SEATTLE"]);
        assert_eq!(store["default_customer"], "100002", "{store}");
        assert_eq!(store["screen_layout"], "STORE-LAYOUT", "{store}");
        let ada = env.json(&["customer", "show", "100003"]);
        assert_eq!(ada["contacts"][1]["value"], "+17135550100", "{ada}");

        // Again: nothing to do, nothing written, nothing distributed.
        let before = env.snapshot_files();
        let t = env.run(&["apply", CONTOSO]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(
            t.contains("Nothing to do: the data file matches the file."),
            "{t}"
        );
        assert!(t.contains("Distribution: nothing pending"), "{t}");
        assert!(before == env.snapshot_files(), "a second apply wrote:\n{t}");
        env.ok(&["plan", CONTOSO, "--exit-code"]);
    });
}

#[test]
fn export_then_apply_the_export_to_a_new_file_then_export_again_is_identical() {
    on_both_engines(|| {
        let a = TestEnv::contoso();
        // Made by hand on top: a customer whose financial dimensions are not its group's, a
        // second address, a cleared receipt email, a scheduled feature.
        a.ok(&[
            "customer",
            "set",
            "100003",
            "--dimension",
            "BusinessUnit=009",
        ]);
        a.ok(&[
            "customer",
            "address",
            "add",
            "100003",
            "--purpose",
            "delivery",
            "--street",
            "9 Oak St",
            "--city",
            "Houston",
        ]);
        a.ok(&[
            "feature",
            "schedule",
            "enhanced-async-customers",
            "--on",
            "2026-06-01",
        ]);
        let first = a.ok(&["export"]);
        let b = TestEnv::empty();
        let path = write(&b, "exported.toml", &first);
        b.ok(&["apply", &path]);
        assert_eq!(b.ok(&["export"]), first);
    });
}

#[test]
fn a_dry_run_reports_the_plan_and_writes_nothing() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        let t = env.run(&["apply", CONTOSO, "--dry-run"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(t.contains("+ stores SEATTLE (create)"), "{t}");
        assert!(t.contains("Dry run:"), "{t}");
        assert!(before == env.snapshot_files(), "a dry run wrote:\n{t}");

        // On a data file that does not exist yet: none is left behind.
        let fresh = TestEnv::empty();
        let t = fresh.run(&["apply", CONTOSO, "--dry-run", "--json"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(!fresh.data().exists(), "{t}");
    });
}

#[test]
fn apply_json_reports_steps_changes_and_distribution() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        let r = env.json(&["apply", CONTOSO]);
        assert_eq!(r["dry_run"], false);
        assert!(r["steps"].as_array().unwrap().len() > 40, "{r}");
        assert!(r["changes"].as_u64().unwrap() > 40, "{r}");
        assert_eq!(r["jobs"][0], 1040);
        assert!(
            !r["distribution"]["sessions"].as_array().unwrap().is_empty(),
            "{r}"
        );
        let again = env.json(&["apply", CONTOSO]);
        assert_eq!(again["steps"], serde_json::json!([]));
        assert_eq!(again["changes"], 0);
        assert_eq!(again["distribution"], serde_json::Value::Null);
    });
}

#[test]
fn changes_in_the_file_are_applied_field_by_field() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let text = std::fs::read_to_string(CONTOSO)
            .unwrap()
            .replace("\nname = \"Houston\"", "\nname = \"Houston Galleria\"")
            .replace("ada@example.com", "ada.lovelace@example.com")
            .replace(
                "description = \"Store visit\"",
                "description = \"Visit to the store\"",
            );
        let path = write(&env, "changed.toml", &text);
        let plan = env.json(&["plan", &path]);
        let kinds: Vec<String> = plan["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{} {} {}", s["action"], s["kind"], s["key"]))
            .collect();
        assert_eq!(
            kinds,
            [
                "\"change\" \"activity_types\" \"VISIT\"",
                "\"change\" \"stores\" \"HOUSTON\"",
                "\"change\" \"customers\" \"100003\"",
            ]
        );
        env.ok(&["apply", &path]);
        assert_eq!(
            env.json(&["store", "show", "HOUSTON"])["name"],
            "Houston Galleria"
        );
        let ada = env.json(&["customer", "show", "100003"]);
        assert_eq!(
            ada["contacts"][0]["value"], "ada.lovelace@example.com",
            "{ada}"
        );
        assert_eq!(ada["contacts"][0]["primary"], true, "{ada}");
        env.ok(&["plan", &path, "--exit-code"]);
        // The audit log names the apply for each change.
        let log = env.ok(&["log", "--limit", "3"]);
        assert!(log.contains("hq apply"), "{log}");
    });
}

#[test]
fn prune_removes_what_the_file_does_not_declare_after_confirmation() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["activity-type", "add", "XTRA", "--description", "Extra"]);
        // Without --prune: left alone, with a note.
        let t = env.run(&["apply", CONTOSO]);
        assert!(
            t.contains("note: not declared in the file, and kept: activity_types XTRA (--prune would remove it)"),
            "{t}"
        );
        // With --prune and no terminal: needs --yes; nothing changed.
        let t = env.refused(&["apply", CONTOSO, "--prune"], 2);
        assert!(t.contains("pass --yes"), "{t}");
        let t = env.run(&["apply", CONTOSO, "--prune", "--yes"]);
        assert!(t.contains("- activity_types XTRA (remove)"), "{t}");
        let ids: Vec<String> = env
            .json(&["activity-type", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!ids.contains(&"XTRA".to_string()), "{ids:?}");
        assert!(
            t.contains("Applied 1 step (1 change) in one transaction."),
            "{t}"
        );
    });
}

#[test]
fn prune_removes_a_store_and_its_default_customer_together() {
    on_both_engines(|| {
        // The customer cannot go while a store names it as its default customer; the store is
        // being pruned too, so its default customer is let go first.
        let env = TestEnv::contoso();
        env.ok(&[
            "customer",
            "add",
            "--account",
            "X1",
            "--type",
            "person",
            "--last-name",
            "Extra",
            "--group",
            "30",
            "--currency",
            "USD",
            "--language",
            "en-US",
            "--legal-entity",
            "USRT",
        ]);
        env.ok(&[
            "store",
            "add",
            "EXTRA",
            "--name",
            "Extra",
            "--legal-entity",
            "USRT",
            "--currency",
            "USD",
            "--time-zone",
            "America/Chicago",
            "--street",
            "1 A St",
            "--city",
            "Houston",
            "--customer-address-book",
            "HOUSTON-CUST",
            "--employee-address-book",
            "HOUSTON-EMP",
        ]);
        env.ok(&["store", "set", "EXTRA", "--default-customer", "X1"]);
        let t = env.run(&["apply", CONTOSO, "--prune", "--yes"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(t.contains("- stores EXTRA (remove)"), "{t}");
        assert!(t.contains("- customers X1 (remove)"), "{t}");
        env.refused(&["store", "show", "EXTRA"], 4)
            .says(&["store \"EXTRA\" does not exist (given by NUMBER)"]);
        env.refused(&["customer", "show", "X1"], 4)
            .says(&["customer \"X1\" does not exist (given by ACCOUNT)"]);
        assert_eq!(
            env.run(&["plan", CONTOSO, "--prune", "--exit-code"])
                .lines()
                .nth(1),
            Some("[exit 0]")
        );
    });
}

#[test]
fn a_file_for_an_older_version_is_refused_and_a_newer_one_upgrades() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        env.ok(&["init", "--version", "10.0.31"]);
        let old = write(&env, "v29.toml", "version = \"10.0.29\"\n");
        let t = env.refused(&["apply", &old], 3);
        assert!(t.contains("v29.toml:1:11: [version]: the file is for environment version 10.0.29, older than the data file's 10.0.31: an environment never moves back"), "{t}");
        let t = env.refused(&["plan", &old], 3);
        assert!(t.contains("older than the data file's 10.0.31"), "{t}");
        let new = write(&env, "v36.toml", "version = \"10.0.36\"\n");
        let t = env.run(&["plan", &new, "--exit-code"]);
        assert!(t.contains("[exit 1]"), "{t}");
        assert!(t.contains("version: \"10.0.31\" -> \"10.0.36\""), "{t}");
        let t = env.run(&["apply", &new]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(
            t.contains("warning: the upgrade to 10.0.36 turned on feature multiple-contacts: on by default from 10.0.36"),
            "{t}"
        );
        assert_eq!(env.json(&["status"])["environment_version"], "10.0.36");
        assert_eq!(
            env.json(&["feature", "show", "multiple-contacts"])["enabled"],
            true
        );
        env.ok(&["plan", &new, "--exit-code"]);
    });
}

#[test]
fn a_refusal_halfway_rolls_back_every_step_before_it() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        // Every step before the customers is fine; the last customer's group does not exist.
        let text = std::fs::read_to_string(CONTOSO).unwrap();
        let text = text.replace("description = \"Store visit\"", "description = \"Changed\"");
        let last = text.rfind("group = \"30\"").unwrap();
        let text = format!("{}group = \"31\"{}", &text[..last], &text[last + 12..]);
        let path = write(&env, "bad.toml", &text);
        let t = env.refused(&["apply", &path], 3);
        assert!(
            t.contains("legal entity USRT has no customer group \"31\" (given by `group`)"),
            "{t}"
        );
        assert_eq!(
            env.json(&["activity-type", "show", "VISIT"])["description"],
            "Store visit"
        );
    });
}

#[test]
fn the_readme_main_command_is_apply_of_the_example_then_doctor() {
    on_both_engines(|| {
        // What the first test above runs is what the README tells a new user to run.
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let first = readme
            .split("```sh\n")
            .nth(1)
            .and_then(|b| b.lines().next())
            .unwrap();
        assert_eq!(
            first,
            "cargo build -q && ./target/debug/hq --data contoso.db apply fixtures/contoso.toml && ./target/debug/hq --data contoso.db doctor clienteling"
        );
    });
}

#[test]
fn a_sequence_next_in_the_file_is_a_floor_apply_never_rewinds_a_counter() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        // A customer made at a store and a client book made at POS move both counters on.
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
        ]);
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "add",
            "100002",
        ]);
        // Not a difference: the data file is past the file's floors. The customer made at the
        // store is a note, not a step.
        let t = env.run(&["plan", CONTOSO, "--exit-code"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(!t.contains("next:"), "{t}");
        assert!(
            t.contains(
                "note: not declared in the file, and kept: customers 100006 (--prune would remove it)"
            ),
            "{t}"
        );
        let plan = env.json(&["plan", CONTOSO]);
        assert_eq!(plan["steps"].as_array().unwrap().len(), 0, "{plan}");
        assert_eq!(plan["kept"][0], "customers 100006", "{plan}");
        let d = env.run(&["diff", CONTOSO]);
        assert!(!d.contains("number_sequences"), "{d}");
        // Apply leaves the counters where they are, so the next allocations work.
        env.ok(&["apply", CONTOSO]);
        let seq = env.json(&["numseq", "show", "CUSTACCT"]);
        assert_eq!(seq["next"], 100007, "{seq}");
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Alan",
            "--last-name",
            "Turing",
        ]);
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000161",
            "clientbook",
            "add",
            "100003",
        ]);
        // Export writes the current value.
        assert!(env.ok(&["export"]).contains("next = 100008"));

        // A file whose floor is above the data file raises next; that is a step.
        let text = std::fs::read_to_string(CONTOSO)
            .unwrap()
            .replace("next = 100006", "next = 200000");
        assert_ne!(
            text,
            std::fs::read_to_string(CONTOSO).unwrap(),
            "fixture changed"
        );
        let raised = write(&env, "raised.toml", &text);
        let t = env.run(&["plan", &raised]);
        assert!(t.contains("next: 100008 -> 200000"), "{t}");
        env.ok(&["apply", &raised]);
        assert_eq!(env.json(&["numseq", "show", "CUSTACCT"])["next"], 200000);
    });
}

#[test]
fn a_field_fixed_once_created_is_refused_by_apply_naming_it() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let text = env.ok(&["export"]);
        let changed = text.replacen("kind = \"currency\"", "kind = \"decimal\"", 1);
        assert_ne!(text, changed, "the example has a currency attribute type");
        let p = write(&env, "kind.toml", &changed);
        env.refused(&["apply", &p], 3).says(&[
            "attribute_types Spend",
            "invalid value \"decimal\" for `kind`",
            "the kind of an attribute type is fixed once created (it is currency)",
        ]);
    });
}

#[test]
fn values_written_in_another_case_plan_nothing() {
    on_both_engines(|| {
        // What the fields' rules keep (`America/Chicago`, `USD`, `en-US`) is what a file is
        // compared in, so a file written by hand in another case plans no change.
        let env = TestEnv::contoso();
        let text = env.ok(&["export"]);
        let changed = text
            .replacen(
                "time_zone = \"America/Chicago\"",
                "time_zone = \"america/chicago\"",
                1,
            )
            .replacen("currency = \"USD\"", "currency = \"usd\"", 1)
            .replacen("language = \"en-US\"", "language = \"EN-us\"", 1);
        assert_ne!(text, changed);
        let p = write(&env, "case.toml", &changed);
        let t = env.ok(&["plan", &p, "--exit-code"]);
        assert!(t.is_empty() || !t.contains("->"), "{t}");
    });
}

#[test]
fn prune_removes_generated_customers_with_their_client_books_places_and_converges() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let base = env.dir().join("base.toml");
        let base = base.to_str().unwrap();
        env.ok(&["export", "-o", base]);
        let seeded = env.json(&[
            "seed",
            "--customers",
            "60",
            "--store",
            "HOUSTON",
            "--client-books",
            "--activities",
        ]);
        assert_eq!(seeded["customers"], 60);
        // The 60 are not in the file: prune removes them all (in one removal, with their places
        // in client books and their activities, which the data file's foreign keys would refuse
        // to leave behind).
        env.refused(&["apply", base, "--prune"], 2)
            .says(&["--prune would remove 60 things, so it needs confirmation"]);
        let t = env.run(&["apply", base, "--prune", "--yes"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(t.contains("- customers 100006 (remove)"), "{t}");
        assert_eq!(env.json(&["customer", "list"]).as_array().unwrap().len(), 5);
        let log = env.json(&["log", "--limit", "1"]);
        assert!(
            log[0]["summary"]
                .as_str()
                .is_some_and(|s| s.starts_with("removed 60 customers: 100006, 100007")),
            "{log}"
        );
        assert_eq!(
            env.run(&["plan", base, "--prune", "--exit-code"])
                .lines()
                .nth(1),
            Some("[exit 0]")
        );
    });
}

/// A customer the file declares is made whole in one use case: one audit entry holding its
/// addresses, contacts and attribute values (one for each of them took 0.5 ms a customer), and
/// the plan after it is empty.
#[test]
fn a_new_customer_is_made_whole_in_one_audit_entry() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let log = env.json(&["log", "--entity", "customer:100003"]);
        let entries = log.as_array().unwrap();
        assert_eq!(entries.len(), 1, "{log:#}");
        assert_eq!(entries[0]["summary"], "created customer 100003");
        let text = entries[0]["changes"].to_string();
        for part in [
            "\"addresses\"",
            "\"contacts\"",
            "\"attributes\"",
            "ada@example.com",
        ] {
            assert!(text.contains(part), "{part} not in {text}");
        }
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        env.ok(&["plan", file, "--exit-code"]);
    });
}

/// Many new customers at once are made with the customer indexes dropped and rebuilt after
/// them (HQ_APPLY_BULK_CUSTOMERS lowers the threshold from 10,000): the data file is the same
/// as made one index entry at a time, its searches find them, and its count is right.
#[test]
fn many_new_customers_are_made_with_the_indexes_rebuilt_after_them() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["seed", "--customers", "60", "--store", "HOUSTON"]);
        let file = env.dir().join("many.toml");
        let file = file.to_str().unwrap();
        env.ok(&["export", "-o", file]);
        let made = |name: &str, bulk: Option<&str>| -> String {
            let data = env.dir().join(name);
            let data = data.to_str().unwrap().to_string();
            let mut cmd = env.command(&["--data", &data, "apply", file]);
            if let Some(n) = bulk {
                cmd.env("HQ_APPLY_BULK_CUSTOMERS", n);
            }
            let out = cmd.stdin(std::process::Stdio::null()).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            data
        };
        let (bulk, one_by_one) = (made("bulk.db", Some("20")), made("one.db", None));
        let status = env.json(&["--data", &bulk, "status"]);
        assert_eq!(status["counts"]["customers"], 65, "{status}");
        assert_eq!(
            env.ok(&["--data", &bulk, "export"]),
            env.ok(&["--data", &one_by_one, "export"])
        );
        env.ok(&["--data", &bulk, "plan", file, "--exit-code"]);
        // The name index was rebuilt: a search by a seeded customer's last name finds the same.
        let last = env.json(&["--data", &one_by_one, "customer", "show", "100030"])["last_name"]
            .as_str()
            .unwrap()
            .to_lowercase();
        let search =
            |data: &str| env.json(&["--data", data, "customer", "list", "--search", &last]);
        assert_eq!(search(&bulk), search(&one_by_one));
        assert!(!search(&bulk).as_array().unwrap().is_empty());
        let c = rusqlite::Connection::open(&bulk).unwrap();
        let broken: i64 = c
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
        let indexes: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'customers_by_name'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 1);
    });
}

/// A plan of thousands of steps is printed a screenful at a time (and its JSON written as it
/// is made): every step once, in order, no line lost, doubled or blank at the seams.
#[test]
fn a_long_plan_prints_every_step_once_in_order() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["seed", "--customers", "2500", "--store", "HOUSTON"]);
        let file = env.dir().join("many.toml");
        let file = file.to_str().unwrap();
        env.ok(&["export", "-o", file]);
        let empty = env.dir().join("empty.db");
        let empty = empty.to_str().unwrap();
        env.ok(&["--data", empty, "init"]);
        let text = env.ok(&["--data", empty, "plan", file]);
        let json = env.json(&["--data", empty, "plan", file]);
        let steps = json["steps"].as_array().unwrap();
        assert!(steps.len() > 2500, "{}", steps.len());
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("    ")).collect();
        assert!(
            text.len() > 1 << 16,
            "more than one screenful: {}",
            text.len()
        );
        assert_eq!(lines.len(), steps.len());
        for (line, step) in lines.iter().zip(steps) {
            let key = step["key"].as_str().unwrap();
            assert!(
                line.starts_with(['+', '~', '-']) && line.contains(key),
                "{line} / {step}"
            );
        }
    });
}

/// A long list of differences is kept in a temporary file past its first few thousand
/// (`HQ_STEPS_IN_MEMORY` lowers that to 3 here): `plan`, `diff` and `apply --prune` say and do
/// exactly what they do with every difference in memory, in text and in JSON.
#[test]
fn differences_kept_in_a_temporary_file_read_back_the_same() {
    on_both_engines(|| {
        let made = || {
            let env = TestEnv::contoso();
            env.ok(&["export", "-o", "base.toml"]);
            env.ok(&["seed", "--customers", "40", "--store", "HOUSTON"]);
            env.ok(&["export", "-o", "full.toml"]);
            env.ok(&["--data", "empty.db", "init"]);
            env
        };
        let (held, spilled) = (made(), made());
        let both = |args: &[&str]| {
            let a = held.output(args);
            let b = spilled
                .command(args)
                .env("HQ_STEPS_IN_MEMORY", "3")
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            let text = |o: &std::process::Output| {
                format!(
                    "{:?}\n{}\n{}",
                    o.status.code(),
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                )
            };
            assert_eq!(text(&a), text(&b), "hq {args:?}");
            text(&a)
        };
        // 40 customers only in the data file (kept, then removed), 45 only in the file.
        let kept = both(&["plan", "base.toml"]);
        assert!(
            kept.contains("and 35 more (--prune would remove them)"),
            "{kept}"
        );
        both(&["plan", "base.toml", "--json"]);
        let removals = both(&["plan", "base.toml", "--prune", "--json"]);
        assert_eq!(removals.matches("\"remove\"").count(), 40, "{removals}");
        both(&["diff", "base.toml"]);
        both(&["diff", "base.toml", "--json"]);
        let creates = both(&["--data", "empty.db", "plan", "full.toml", "--json"]);
        assert!(creates.matches("\"create\"").count() >= 45, "{creates}");
        let applied = both(&["apply", "base.toml", "--prune", "--yes", "--json"]);
        assert_eq!(applied.matches("\"remove\"").count(), 40, "{applied}");
        assert_eq!(held.ok(&["export"]), spilled.ok(&["export"]));
        assert_eq!(
            held.json(&["log", "--limit", "1"]),
            spilled.json(&["log", "--limit", "1"])
        );
        let log = spilled.json(&["log", "--limit", "1"]);
        assert_eq!(log[0]["changes"].as_array().unwrap().len(), 40, "{log}");
        assert_eq!(
            spilled
                .run(&["plan", "base.toml", "--prune", "--exit-code"])
                .lines()
                .nth(1),
            Some("[exit 0]")
        );
    });
}
