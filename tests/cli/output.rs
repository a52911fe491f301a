//! Output contracts: JSON, errors, exit codes, quiet, colour, broken pipes, prompts refused
//! without a terminal, completions and man pages.

use std::process::Stdio;

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

#[test]
fn with_json_an_error_is_one_json_object_on_stderr() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let out = env.output(&["store", "show", "NOPE", "--json"]);
        assert_eq!(out.status.code(), Some(4));
        assert!(out.stdout.is_empty());
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["kind"], "not_found");
        assert_eq!(
            err["error"]["message"],
            "store \"NOPE\" does not exist (given by NUMBER)"
        );
        assert!(err["error"]["hints"].is_array());
    });
}

#[test]
fn a_usage_error_with_json_is_json_too() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let out = env.output(&["store", "list", "--bogus", "--json"]);
        assert_eq!(out.status.code(), Some(2));
        let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["error"]["kind"], "usage");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("--bogus")
        );
    });
}

#[test]
fn a_mutating_command_with_json_prints_what_it_made() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let v = env.json(&[
            "address-book",
            "add",
            "B1",
            "--name",
            "Book",
            "--kind",
            "employee",
        ]);
        assert_eq!(
            v,
            serde_json::json!({"id": "B1", "name": "Book", "kind": "employee"})
        );
    });
}

#[test]
fn quiet_mutes_status_but_not_errors() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let out = env.output(&[
            "-q",
            "address-book",
            "add",
            "B1",
            "--name",
            "Book",
            "--kind",
            "employee",
        ]);
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = env.output(&["-q", "address-book", "show", "NOPE"]);
        assert_eq!(out.status.code(), Some(4));
        assert!(String::from_utf8_lossy(&out.stderr).contains("error:"));
    });
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let plain = env.ok(&["store", "list"]);
        assert!(!plain.contains('\x1b'));
        let coloured = env.ok(&["store", "list", "--color", "always"]);
        assert!(coloured.contains('\x1b'));
        let never = env.ok(&["store", "list", "--color", "never"]);
        assert!(!never.contains('\x1b'));
    });
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        for _ in 0..3 {
            env.ok(&["store", "set", "HOUSTON", "--name", "A"]);
            env.ok(&["store", "set", "HOUSTON", "--name", "B"]);
        }
        let mut child = env
            .command(&["completions", "bash"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

#[test]
fn without_a_terminal_a_missing_value_is_an_error_naming_its_flag() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.refused(&["store", "add", "DALLAS", "--legal-entity", "USRT"], 2), @"
        $ hq store add DALLAS --legal-entity USRT
        [exit 2]
        --- stdout
        --- stderr
        error: missing --name: store name
        hint: give it as --name NAME; at a terminal hq asks for it
        ");
        let t = env.refused(&["legal-entity", "add"], 2);
        assert!(t.contains("missing ID"), "{t}");
        let t = env.refused(&["address-book", "add", "X", "--name", "X"], 2);
        assert!(t.contains("missing --kind"), "{t}");
    });
}

#[test]
fn completions_and_man_pages_are_generated() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let bash = env.ok(&["completions", "bash", "--static"]);
        assert!(bash.contains("legal-entity"));
        let man = env.ok(&["man"]);
        assert!(man.contains(".TH hq 1"), "{}", &man[..200.min(man.len())]);
        env.ok(&["man", "--out", "man"]);
        assert!(env.dir().join("man/hq-store-add.1").exists());
    });
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let out = env.output(&["stores"]);
        assert_eq!(out.status.code(), Some(2));
    });
}

#[test]
fn a_bad_hq_now_is_a_usage_error() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let out = env
            .command(&["status"])
            .env("HQ_NOW", "yesterday")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("HQ_NOW"));
    });
}

#[test]
fn a_list_that_stops_at_its_limit_says_how_many_more_and_the_flag_that_shows_them() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "seed",
            "--customers",
            "60",
            "--store",
            "HOUSTON",
            "--client-books",
        ]);
        let stderr = |args: &[&str]| {
            let out = env.output(args);
            assert!(out.status.success(), "{out:?}");
            String::from_utf8(out.stderr).unwrap()
        };
        // 5 customers of the file and 60 seeded: 15 after the first 50.
        assert_eq!(
            stderr(&["customer", "list"]),
            "note: 15 more customers; see the next page with --offset 50 (or more at once with --limit N)\n"
        );
        assert_eq!(stderr(&["customer", "list", "--offset", "50"]), "");
        assert!(
            stderr(&["customer", "list", "--json", "--limit", "60"]).contains("5 more customers")
        );
        assert!(
            stderr(&["customer", "list", "--search", "1000", "--limit", "3"])
                .contains("note: 62 more customers; see the next page with --offset 3")
        );
        assert!(stderr(&["customer", "list", "--limit", "3", "-q"]).is_empty());
        let log = stderr(&["log", "--limit", "2"]);
        assert!(
            log.starts_with("note: ") && log.contains(" more entries; see more with --limit N"),
            "{log}"
        );
        let s = stderr(&["job", "sessions", "--limit", "3"]);
        assert!(s.contains(" more sessions; see more with --limit N"), "{s}");
        let s = stderr(&[
            "channel-db",
            "contents",
            "Default",
            "--table",
            "stores",
            "--limit",
            "1",
        ]);
        assert_eq!(
            s,
            "note: 2 more rows; see the next page with --offset 1 (or more at once with --limit N)\n"
        );
        let book = env.json(&["clientbook", "list"])[0].clone();
        let n = book["customer_count"].as_u64().unwrap();
        let s = stderr(&[
            "clientbook",
            "show",
            book["id"].as_str().unwrap(),
            "--limit",
            "1",
        ]);
        assert!(s.contains(&format!("{} more customers", n - 1)), "{s}");
        let worker = book["worker"].as_str().unwrap();
        let s = stderr(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            worker,
            "clientbook",
            "view",
            "--limit",
            "1",
        ]);
        assert!(
            s.contains("note: more customers; see the next page with --offset 1"),
            "{s}"
        );
    });
}

#[test]
fn a_dry_run_with_json_is_one_object_with_the_changes_field_by_field() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        let r = env.json(&["store", "set", "HOUSTON", "--name", "Galleria", "--dry-run"]);
        assert_eq!(r["dry_run"], true);
        assert_eq!(r["nothing_to_do"], false);
        assert_eq!(
            r["changes"],
            serde_json::json!([{"action": "update", "entity": "store", "key": "HOUSTON",
                "fields": [{"field": "name", "old": "Houston", "new": "Galleria"}]}])
        );
        assert_eq!(r["result"]["name"], "Galleria");
        // Nothing to do says so, in the JSON too.
        let r = env.json(&["store", "set", "HOUSTON", "--name", "Houston", "--dry-run"]);
        assert_eq!(r["nothing_to_do"], true);
        assert_eq!(r["changes"], serde_json::json!([]));
        assert_eq!(
            r["message"],
            "nothing to change: store HOUSTON already has those values"
        );
        let r = env.json(&[
            "legal-entity",
            "add",
            "USMF",
            "--name",
            "Contoso",
            "--country",
            "US",
            "--language",
            "en-US",
            "--dry-run",
        ]);
        assert_eq!(r["changes"][0]["action"], "create");
        assert!(before == env.snapshot_files());
        // Without --dry-run, the JSON is the record, as before.
        let r = env.json(&["store", "set", "HOUSTON", "--name", "Galleria"]);
        assert_eq!(r["name"], "Galleria");
    });
}

/// `hq log` narrows to a record, an actor, a time and a command, and shows field changes
/// (issue 18, item 8).
#[test]
fn the_audit_log_filters_by_record_actor_time_and_command_and_shows_changes() {
    on_both_engines(|| {
        let env = crate::common::TestEnv::contoso();
        env.ok(&["customer", "set", "100003", "--last-name", "Byron"]);
        let log = env.json(&["log", "--entity", "customer:100003"]);
        let log = log.as_array().unwrap();
        assert!(log.len() >= 2, "the apply and the set: {log:?}");
        assert!(
            log[0]["command"]
                .as_str()
                .unwrap()
                .contains("customer set 100003")
        );
        // Another record's entries are left out.
        assert!(
            log.iter()
                .all(|e| e["changes"].to_string().contains("100003"))
        );
        let t = env.ok(&[
            "log",
            "--entity",
            "customer:100003",
            "--limit",
            "1",
            "--changes",
        ]);
        assert!(
            t.contains("update customer 100003: last_name \"Lovelace\" -> \"Byron\""),
            "{t}"
        );
        assert_eq!(
            env.json(&["log", "--command", "CUSTOMER SET"])
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            env.json(&["log", "--by", "nobody"])
                .as_array()
                .unwrap()
                .len(),
            0
        );
        // The tests' clock is 2026-01-15T09:00:00Z: all of it is since yesterday, none since tomorrow.
        assert!(
            !env.json(&["log", "--since", "1d"])
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            env.json(&["log", "--since", "2026-01-16"])
                .as_array()
                .unwrap()
                .len(),
            0
        );
        env.refused(&["log", "--since", "tomorrow"], 3).says(&[
            "invalid value \"tomorrow\" for --since: it is not a date, an instant or a time ago",
        ]);
        env.refused(&["log", "--entity", "store"], 3)
            .says(&["invalid value \"store\" for --entity: expected KIND:KEY"]);
    });
}

/// Completions know the data (issue 18, item 5): run through clap's completion engine as a
/// shell runs it (`COMPLETE=fish hq -- hq store show ...`), they offer what the data file holds.
#[test]
fn completions_offer_what_the_data_file_holds() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let complete = |words: &[&str]| -> Vec<String> {
            let mut args = vec!["--", "hq"];
            args.extend_from_slice(words);
            let out = env.command(&args).env("COMPLETE", "fish").output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{words:?}");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| l.split('\t').next().unwrap_or_default().to_string())
                .filter(|v| !v.starts_with('-'))
                .collect()
        };
        assert_eq!(
            complete(&["store", "show", ""]),
            ["HOUSTON", "SANFRAN", "SEATTLE"]
        );
        assert_eq!(complete(&["store", "set", "se"]), ["SEATTLE"]);
        assert_eq!(complete(&["customer", "list", "--store", "h"]), ["HOUSTON"]);
        assert!(complete(&["worker", "show", ""]).contains(&"000160".to_string()));
        assert_eq!(
            complete(&["customer", "show", "10000"]).len(),
            5,
            "accounts by prefix"
        );
        assert_eq!(
            complete(&["feature", "enable", "clientel"]),
            ["clienteling"]
        );
        assert!(complete(&["job", "run", ""]).contains(&"1010".to_string()));
        assert_eq!(complete(&["legal-entity", "show", ""]), ["USRT"]);
        assert_eq!(complete(&["attribute-group", "show", ""]), ["Clienteling"]);
        // A new one's key is not offered; the static parts are as before.
        assert!(complete(&["store", "add", ""]).is_empty());
        assert!(complete(&["sto"]).contains(&"store".to_string()));
        // `--data` on the line is the file read.
        env.ok(&["--data", "other.db", "init"]);
        env.ok(&[
            "--data",
            "other.db",
            "legal-entity",
            "add",
            "DEMF",
            "--name",
            "Contoso DE",
            "--country",
            "DE",
            "--language",
            "de-DE",
        ]);
        assert_eq!(
            complete(&["--data", "other.db", "legal-entity", "show", ""]),
            ["DEMF"]
        );
        // No data file: nothing offered, and no error.
        assert!(complete(&["--data", "missing.db", "store", "show", ""]).is_empty());
        assert!(!env.dir().join("missing.db").exists());
        // The script `hq completions` prints asks hq for them.
        let bash = env.ok(&["completions", "bash"]);
        assert!(
            bash.contains("COMPLETE=\"bash\"") || bash.contains("COMPLETE=bash"),
            "{bash}"
        );
    });
}

/// `hq man store add` is that command's page; the global options appear once, after the
/// command's own, in the page and in `--help` (issue 18, item 6).
#[test]
fn a_commands_man_page_and_help_say_the_global_options_once_after_its_own() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let page = env.ok(&["man", "store", "add"]);
        assert!(
            page.contains(".TH hq-store-add 1"),
            "{}",
            &page[..300.min(page.len())]
        );
        let own = page.find(".SH OPTIONS").unwrap();
        let global = page.find(".SH \"GLOBAL OPTIONS\"").unwrap();
        assert!(own < global, "the command's own options first");
        assert_eq!(
            page.matches("\\fB\\-\\-data\\fR \\fI").count(),
            1,
            "--data described once"
        );
        assert!(page[own..global].contains("\\-\\-legal\\-entity"));
        assert!(
            !page[own..global].contains("\\-\\-data"),
            "no global option among its own"
        );
        let help = env.ok(&["store", "add", "--help"]);
        let own = help.find("\nOptions:").unwrap();
        let global = help.find("\nGlobal options:").unwrap();
        assert!(own < global, "{help}");
        assert_eq!(help.matches("--data <PATH>").count(), 1, "{help}");
        env.refused(&["man", "store", "nope"], 4).says(&[
            "command \"nope\" does not exist (given by COMMAND)",
            "hq store --help",
        ]);
    });
}

/// An audit entry's summary leads with what the command was about, not the number sequence
/// it moved (issue 18, item 8): a first client book, a customer made at a store.
#[test]
fn audit_summaries_lead_with_what_the_command_was_about() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "add",
            "100003",
            "100004",
        ]);
        let last = env.json(&["log", "--limit", "1"]);
        let summary = last[0]["summary"].as_str().unwrap();
        assert!(summary.starts_with("created client book "), "{summary}");
        assert!(!summary.starts_with("updated number sequence"), "{summary}");
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Park",
        ]);
        let last = env.json(&["log", "--limit", "1"]);
        let summary = last[0]["summary"].as_str().unwrap();
        assert!(summary.starts_with("created customer "), "{summary}");
        assert!(summary.ends_with("(and 1 more change)"), "{summary}");
    });
}
