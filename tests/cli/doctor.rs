//! `hq doctor clienteling` (DOMAIN.md 7): every step, its fix, and the exit code.

use serde_json::Value;

use crate::common::{TestEnv, on_both_engines};

/// Runs `doctor clienteling --json`: the exit code and the report.
fn doctor(env: &TestEnv, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["doctor", "clienteling", "--json"];
    all.extend(args);
    let out = env.output(&all);
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

fn missing_steps(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "missing")
        .map(|c| c["step"].as_str().unwrap().to_string())
        .collect()
}

/// Splits a fix command the way a shell would (single quotes only, which is all hq prints).
fn words(cmd: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for ch in cmd.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[test]
fn a_bare_store_misses_every_step_and_running_the_printed_fixes_makes_it_ready() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&[
            "attribute-type",
            "add",
            "Interests",
            "--kind",
            "text",
            "--value",
            "Shoes",
        ]);
        env.ok(&[
            "attribute",
            "add",
            "PreferredCategory",
            "--type",
            "Interests",
        ]);
        let (code, report) = doctor(&env, &[]);
        assert_eq!(code, 1);
        assert_eq!(report["ready"], false);
        assert_eq!(
            missing_steps(&report),
            [
                "feature",
                "client_book_sequence",
                "client_book_attribute_group",
                "activity_types",
                "permissions",
                "layout_buttons",
                "store_worker",
                "distribution"
            ]
        );
        // Run every fix, as printed, then ask again: one round does it, as the job run row names
        // the jobs the fixes before it make pending.
        run_fixes(&env, &report);
        let report = doctor(&env, &[]).1;
        assert_eq!(missing_steps(&report), Vec::<String>::new());
        let (code, report) = doctor(&env, &["--store", "HOUSTON"]);
        assert_eq!((code, &report["ready"]), (0, &Value::Bool(true)));
    });
}

#[test]
fn the_distribution_step_names_the_jobs_behind_and_those_the_fixes_will_make_pending() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let dist = |env: &TestEnv| -> Value {
            doctor(env, &[]).1["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["step"] == "distribution" && c["subject"] == "channel database Default")
                .unwrap()
                .clone()
        };
        assert_eq!(dist(&env)["status"], "done");
        env.ok(&["activity-type", "add", "CALL", "--description", "Call"]);
        assert_eq!(
            dist(&env)["status"],
            "done",
            "activity types are read live, not distributed"
        );
        env.ok(&["feature", "disable", "clienteling", "--yes"]);
        let d = dist(&env);
        assert_eq!(d["status"], "missing");
        assert_eq!(d["detail"], "1110 has 1 row pending");
        assert_eq!(
            d["fix"],
            serde_json::json!(["hq job run 1110 --channel-db Default"])
        );
        // Delivered, but the feature step's fix (enable it) will make 1110 pending again: the row
        // says so, and is still the last thing to run.
        env.ok(&["job", "run", "1110"]);
        let d = dist(&env);
        assert_eq!(d["status"], "missing");
        assert_eq!(d["detail"], "1110 after the fixes above");
        assert_eq!(
            d["fix"],
            serde_json::json!(["hq job run 1110 --channel-db Default"])
        );
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&["job", "run", "1110"]);
        assert_eq!(doctor(&env, &[]).0, 0);
    });
}

#[test]
fn layouts_in_effect_need_both_buttons() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["layout", "add", "L1", "--name", "One"]);
        env.ok(&["layout", "button", "add", "L1", "--operation", "712"]);
        env.ok(&["layout", "assign", "L1", "--store", "HOUSTON"]);
        let check = |env: &TestEnv| -> Value {
            doctor(env, &[]).1["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["step"] == "layout_buttons")
                .unwrap()
                .clone()
        };
        let c = check(&env);
        assert_eq!(c["status"], "missing");
        assert_eq!(
            c["fix"],
            serde_json::json!(["hq layout button add L1 --operation 713"])
        );
        env.ok(&["layout", "button", "add", "L1", "--operation", "713"]);
        assert_eq!(check(&env)["status"], "done");
        // A register with its own layout: that one is in effect there and must have them too.
        env.ok(&["layout", "add", "L2", "--name", "Two"]);
        env.ok(&[
            "register", "add", "R1", "--store", "HOUSTON", "--layout", "L2",
        ]);
        let c = check(&env);
        assert_eq!(c["status"], "missing");
        assert!(
            c["detail"]
                .as_str()
                .unwrap()
                .contains("layout L2 (register R1) has no button for 712"),
            "{c}"
        );
    });
}

#[test]
fn warnings_for_a_default_customer_with_a_receipt_email_and_for_insights() {
    on_both_engines(|| {
        let env = TestEnv::with_customer_accounts();
        env.ok(&["customer-group", "add", "30", "--description", "Retail"]);
        env.ok(&[
            "customer",
            "add",
            "--type",
            "person",
            "--last-name",
            "Walk-in",
            "--group",
            "30",
            "--currency",
            "USD",
            "--receipt-email",
            "receipts@example.com",
            "--address-book",
            "HOUSTON-CUST",
        ]);
        env.ok(&["store", "set", "HOUSTON", "--default-customer", "100001"]);
        let (_, r) = doctor(&env, &[]);
        let w = r["warnings"].as_array().unwrap();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].as_str()
                .unwrap()
                .contains("default customer 100001 has receipt email receipts@example.com")
        );
        // Customer Insights enabled, then Clienteling (which it needs) turned off.
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "keyvault",
            "set",
            "--url",
            "https://contoso-kv.vault.azure.net/",
            "--client-id",
            "6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01",
        ]);
        env.ok(&[
            "keyvault",
            "secret",
            "add",
            "CISecret",
            "--reference",
            "vault://contoso-kv/ci",
        ]);
        env.ok(&[
            "insights",
            "set",
            "--app-id",
            "3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10",
            "--secret-name",
            "CISecret",
            "--measure",
            "Lifetime value",
        ]);
        env.ok(&["insights", "enable"]);
        assert_eq!(doctor(&env, &[]).1["warnings"].as_array().unwrap().len(), 1);
        env.ok(&["feature", "disable", "clienteling", "--yes"]);
        let (_, r) = doctor(&env, &[]);
        let w = r["warnings"].as_array().unwrap();
        assert!(
            w.iter().any(|w| w
                .as_str()
                .unwrap()
                .starts_with("Customer Insights is enabled but")),
            "{w:?}"
        );
        // Warnings alone do not make it unready (it is unready here for other reasons).
        assert!(
            env.refused(&["doctor", "clienteling", "--store", "NOPE"], 4)
                .contains("NOPE")
        );
    });
}

#[test]
fn the_report_reads_as_steps_then_fixes() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        insta::assert_snapshot!(env.run(&["doctor", "clienteling"]), @"
        $ hq doctor clienteling
        [exit 1]
        --- stdout
        STATUS   STEP                                                         FOR                       DETAIL
        MISSING  Enable the Clienteling feature                               -                         clienteling is not enabled
        MISSING  Assign a number sequence to Client book identifier           legal entity USRT         no number sequence is assigned to client_book_id
        MISSING  Select the client book attribute group                       -                         no client book attribute group is selected in Commerce parameters; no attribute exists yet: choose one for <ATTRIBUTE>
        MISSING  Define activity types                                        -                         no activity type is defined
        MISSING  Allow operations 714, 715 and 716 to permission groups       -                         no permission group allows 714, 715, 716
        MISSING  Put buttons for operations 712 and 713 on the screen layout  store HOUSTON             the store has no screen layout
        MISSING  Have a worker of the store who may use the client book       store HOUSTON             the store has no worker (no worker shares an employee address book with it)
        MISSING  Run the jobs that carry the setup to the stores              channel database Default  1040 never ran; 1060 never ran; 1070 never ran; 1090 never ran; 1110 never ran; 1150 never ran

        To fix:
          hq feature enable clienteling
          hq numseq add CLIENTBOOK --format 'CB-#####' --legal-entity USRT
          hq numseq assign client_book_id CLIENTBOOK --legal-entity USRT
          hq attribute-type add <ATTRIBUTE_TYPE> --kind text
          hq attribute add <ATTRIBUTE> --type <ATTRIBUTE_TYPE>
          hq attribute-group add Clienteling --description 'Client book attributes'
          hq attribute-group attribute add Clienteling <ATTRIBUTE> --order 1 --refinable
          hq param set --client-book-attribute-group Clienteling
          hq activity-type add VISIT --description 'Store visit'
          hq permission-group add CLIENTELING --description 'Clienteling associates'
          hq permission-group allow CLIENTELING 712 713 714 715 716
          hq layout add CLIENTELING --name Clienteling
          hq layout button add CLIENTELING --operation 712
          hq layout button add CLIENTELING --operation 713
          hq layout assign CLIENTELING --store HOUSTON
          hq worker add <PERSONNEL_NUMBER> --name <WORKER_NAME> --permission-group CLIENTELING --employee-address-book HOUSTON-EMP
          hq job run 1040 1060 1070 1090 1110 1150 --channel-db Default
        --- stderr
        Not ready: 8 of 8 steps missing.
        ");
    });
}

#[test]
fn without_a_store_the_setup_is_not_ready() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let (code, report) = doctor(&env, &[]);
        assert_eq!(code, 1);
        assert_eq!(missing_steps(&report)[0], "stores");
    });
}

/// What an administrator chooses for the values a fix leaves in angle brackets.
const CHOSEN: &[(&str, &str)] = &[
    ("<LEGAL_ENTITY>", "USRT"),
    ("<LEGAL_ENTITY_NAME>", "Contoso"),
    ("<COUNTRY>", "US"),
    ("<LANGUAGE>", "en-US"),
    ("<CUSTOMER_ADDRESS_BOOK>", "HOUSTON-CUST"),
    ("<CUSTOMER_ADDRESS_BOOK_NAME>", "Customers"),
    ("<EMPLOYEE_ADDRESS_BOOK>", "HOUSTON-EMP"),
    ("<EMPLOYEE_ADDRESS_BOOK_NAME>", "Staff"),
    ("<STORE>", "HOUSTON"),
    ("<STORE_NAME>", "Houston"),
    ("<CURRENCY>", "USD"),
    ("<TIME_ZONE>", "America/Chicago"),
    ("<STREET>", "Main"),
    ("<CITY>", "Houston"),
    ("<ATTRIBUTE_TYPE>", "Interests"),
    ("<ATTRIBUTE>", "PreferredCategory"),
    ("<PERSONNEL_NUMBER>", "000160"),
    ("<WORKER_NAME>", "Ann"),
];

/// Runs every fix of a report, in the order printed, with the angle-bracket values chosen.
fn run_fixes(env: &TestEnv, report: &Value) {
    for check in report["checks"].as_array().unwrap() {
        for cmd in check["fix"].as_array().unwrap() {
            let mut cmd = cmd.as_str().unwrap().to_string();
            for (k, v) in CHOSEN {
                cmd = cmd.replace(k, v);
            }
            assert!(!cmd.contains('<'), "a value nobody chose: {cmd}");
            let w = words(&cmd);
            assert_eq!(w[0], "hq");
            let args: Vec<&str> = w[1..].iter().map(String::as_str).collect();
            env.ok(&args);
        }
    }
}

#[test]
fn from_init_the_printed_fixes_reach_ready_in_three_rounds_and_the_named_worker_can_use_pos() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let mut rounds = 0;
        let report = loop {
            let (code, report) = doctor(&env, &[]);
            if report["ready"] == true {
                assert_eq!(code, 0);
                break report;
            }
            assert_eq!(code, 1);
            rounds += 1;
            assert!(rounds <= 3, "not ready after three rounds: {report:#}");
            run_fixes(&env, &report);
        };
        assert!(rounds <= 3);
        // The worker the report names signs in at the store and sees the client book.
        let worker = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["step"] == "store_worker")
            .unwrap()["detail"]
            .as_str()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .to_string();
        assert_eq!(worker, "000160");
        for view in ["view", "store-view"] {
            env.ok(&[
                "pos",
                "--store",
                "HOUSTON",
                "--worker",
                &worker,
                "clientbook",
                view,
            ]);
        }
    });
}

#[test]
fn not_ready_without_a_worker_who_may_view_client_books_or_before_staff_and_stores_are_delivered() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        assert_eq!(doctor(&env, &[]).0, 0);
        let step = |r: &Value, step: &str, subject: &str| -> Value {
            r["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["step"] == step && c["subject"] == subject)
                .unwrap_or_else(|| panic!("no {step} for {subject}: {r:#}"))
                .clone()
        };
        // SANFRAN's only worker, 000171, is in SALES; MANAGER's 000170 serves SANFRAN too.
        // Take 712 from both groups: nobody may view client books.
        env.ok(&["permission-group", "deny", "SALES", "712"]);
        env.ok(&["permission-group", "deny", "MANAGER", "712"]);
        let (code, r) = doctor(&env, &["--store", "HOUSTON"]);
        assert_eq!(code, 1);
        let w = step(&r, "store_worker", "store HOUSTON");
        assert_eq!(w["status"], "missing", "{w}");
        assert!(
            w["detail"]
                .as_str()
                .unwrap()
                .contains("permission group MANAGER does not allow 712 and 713"),
            "{w}"
        );
        assert_eq!(
            w["fix"],
            serde_json::json!(["hq permission-group allow MANAGER 712"])
        );
        // The distribution row names 1060 for the fix to come, though nothing is pending now.
        let d = step(&r, "distribution", "channel database Default");
        assert!(d["fix"][0].as_str().unwrap().contains("1060"), "{d}");
        env.ok(&["permission-group", "allow", "MANAGER", "712"]);
        env.ok(&["permission-group", "allow", "SALES", "712"]);
        // Allowed in HQ, but not yet delivered: not ready until 1060 runs.
        let (code, r) = doctor(&env, &["--store", "HOUSTON"]);
        assert_eq!(code, 1);
        let d = step(&r, "distribution", "channel database Default");
        assert!(d["detail"].as_str().unwrap().contains("1060 has"), "{d}");
        env.ok(&["job", "run", "1060"]);
        assert_eq!(doctor(&env, &["--store", "HOUSTON"]).0, 0);
        // A store with no worker at all.
        env.ok(&["worker", "remove", "000171"]);
        env.ok(&[
            "worker",
            "set",
            "000170",
            "--employee-address-book",
            "SEATTLE-EMP",
        ]);
        let (code, r) = doctor(&env, &["--store", "SANFRAN"]);
        assert_eq!(code, 1);
        let w = step(&r, "store_worker", "store SANFRAN");
        assert!(
            w["detail"]
                .as_str()
                .unwrap()
                .contains("the store has no worker"),
            "{w}"
        );
        assert_eq!(
            w["fix"],
            serde_json::json!([
                "hq worker add <PERSONNEL_NUMBER> --name <WORKER_NAME> --permission-group MANAGER --employee-address-book SANFRAN-EMP"
            ])
        );
    });
}

#[test]
fn the_key_vault_secret_warns_before_it_expires_and_fails_after() {
    on_both_engines(|| {
        // The tests' clock says 2026-01-15.
        let env = TestEnv::contoso();
        env.refused(&["keyvault", "set", "--secret-expires", "2026-02-30"], 3)
            .says(&["--secret-expires", "\"2026-02-30\"", "it is not a date"]);
        let (code, report) = doctor(&env, &[]);
        assert_eq!(code, 0, "{report}");
        assert!(
            !report.to_string().contains("key_vault_secret"),
            "no date, nothing said: {report}"
        );

        env.ok(&["keyvault", "set", "--secret-expires", "2026-02-01"]);
        // The parameters travel with job 1110; carried, the setup is ready again.
        env.ok(&["job", "run", "1110"]);
        let (code, report) = doctor(&env, &[]);
        assert_eq!(code, 0, "a warning does not make it unready: {report}");
        assert!(
            report["warnings"]
                .to_string()
                .contains("secret expires on 2026-02-01, in 17 days"),
            "{report}"
        );

        env.ok(&["keyvault", "set", "--secret-expires", "2026-01-14"]);
        env.ok(&["job", "run", "1110"]);
        let (code, report) = doctor(&env, &[]);
        assert_ne!(code, 0, "{report}");
        assert_eq!(missing_steps(&report), vec!["key_vault_secret".to_string()]);
        // The date is in the environment file and reads back.
        let text = env.ok(&["export"]);
        assert!(text.contains("secret_expires = \"2026-01-14\""), "{text}");
    });
}

/// `doctor clienteling --fix` runs every fix that needs no choice (each its own command), then
/// reports what is left with its commands; it needs --yes without a terminal, and --dry-run
/// runs nothing (issue 18, item 3).
#[test]
fn doctor_fix_does_what_needs_no_choice_and_lists_the_rest() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        env.refused(&["doctor", "clienteling", "--fix"], 2)
            .says(&["doctor --fix changes the data file", "pass --yes"]);
        let dry = env.run(&["doctor", "clienteling", "--fix", "--dry-run"]);
        assert!(
            dry.contains("Would run: hq feature enable clienteling"),
            "{dry}"
        );
        assert!(dry.contains("Dry run: nothing was written."), "{dry}");
        assert_eq!(env.snapshot_files(), before, "a dry run writes nothing");
        let t = env.run(&["doctor", "clienteling", "--fix", "--yes"]);
        assert!(t.contains("Running: hq feature enable clienteling"), "{t}");
        assert!(t.contains("Running: hq job run"), "{t}");
        // The jobs ran once, not again in a later round.
        assert_eq!(t.matches("Running: hq job run").count(), 1, "{t}");
        // What needs a choice is left, with its commands; the rest is done.
        assert!(t.contains("[exit 1]"), "{t}");
        assert!(t.contains("hq attribute add <ATTRIBUTE>"), "{t}");
        let out = env.output(&["doctor", "clienteling", "--json"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let missing: Vec<&str> = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "missing")
            .map(|c| c["step"].as_str().unwrap())
            .collect();
        assert!(
            !missing.contains(&"feature") && !missing.contains(&"activity_types"),
            "{missing:?}"
        );
        assert!(
            missing.contains(&"client_book_attribute_group"),
            "{missing:?}"
        );
        // Each fix was its own command in the audit log.
        let log = env.ok(&["log", "--command", "feature enable"]);
        assert!(log.contains("hq feature enable clienteling"), "{log}");
        // With --json, stdout is the report alone (the commands run say nothing there).
        let fresh = TestEnv::with_houston();
        let out = fresh.output(&["doctor", "clienteling", "--fix", "--yes", "--json"]);
        assert_eq!(out.status.code(), Some(1));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        assert_eq!(doc["ready"], false);
        assert!(String::from_utf8_lossy(&out.stderr).contains("Running: hq job run"));
    });
}
