//! `hq diff FILE`: the environment file against the data file.

use insta::assert_snapshot;
use serde_json::json;

use crate::common::{TestEnv, on_both_engines};

fn exported(env: &TestEnv) -> String {
    env.ok(&[
        "activity-type",
        "add",
        "VISIT",
        "--description",
        "Store visit",
    ]);
    env.ok(&[
        "activity-type",
        "add",
        "PHONE",
        "--description",
        "Phone call",
    ]);
    env.ok(&["export", "-o", "env.toml"]);
    std::fs::read_to_string(env.dir().join("env.toml")).unwrap()
}

#[test]
fn an_exported_file_has_no_differences() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        exported(&env);
        assert_snapshot!(env.run(&["diff", "env.toml"]), @"
        $ hq diff env.toml
        [exit 0]
        --- stdout
        --- stderr
        No differences.
        ");
    });
}

#[test]
fn differences_are_listed_and_exit_1() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let text = exported(&env)
            .replace("name = \"Houston\"", "name = \"Houston Galleria\"")
            .replace(
                "[[activity_types]]\nid = \"PHONE\"\ndescription = \"Phone call\"\n",
                "",
            )
            + "\n[[activity_types]]\nid = \"APPT\"\ndescription = \"Appointment\"\n";
        std::fs::write(env.dir().join("env.toml"), text).unwrap();
        assert_snapshot!(env.run(&["diff", "env.toml"]), @r#"
        $ hq diff env.toml
        [exit 1]
        --- stdout
        + activity_types APPT (only in the file)
        - activity_types PHONE (only in the data file)
        ~ stores HOUSTON (differs)
            name: "Houston" -> "Houston Galleria"
        --- stderr
        "#);
        let out = env.output(&["diff", "env.toml", "--json"]);
        assert_eq!(out.status.code(), Some(1));
        let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(all[0]["kind"], "activity_types");
        assert_eq!(
            all.as_array()
                .unwrap()
                .iter()
                .map(|d| (d["action"].clone(), d["key"].clone()))
                .collect::<Vec<_>>(),
            [
                (json!("create"), json!("APPT")),
                (json!("remove"), json!("PHONE")),
                (json!("change"), json!("HOUSTON"))
            ]
        );
    });
}

#[test]
fn an_invalid_file_is_refused_with_its_line_and_column_and_a_suggestion() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let text = exported(&env) + "\n[[workers]]\npersonel_number = \"000160\"\n";
        std::fs::write(env.dir().join("env.toml"), &text).unwrap();
        let line = text.lines().count();
        let t = env.refused(&["diff", "env.toml"], 3);
        assert!(
            t.contains(&format!(
                "env.toml:{line}:1: unknown field `personel_number`"
            )),
            "{t}"
        );
        assert!(t.contains("did you mean `personnel_number`?"), "{t}");
        env.refused(&["diff", "missing.toml"], 74)
            .says(&["cannot read missing.toml: No such file or directory (os error 2)"]);
    });
}

#[test]
fn plan_orders_dependencies_first_prunes_only_when_asked_and_has_an_exit_code() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let text = exported(&env)
            + "\n[[customer_groups]]\nid = \"30\"\nlegal_entity = \"USMF\"\ndescription = \"Retail\"\n"
            + "\n[[legal_entities]]\nid = \"USMF\"\nname = \"Contoso USA\"\ncountry = \"US\"\nlanguage = \"en-US\"\n";
        let text = text.replace(
            "[[activity_types]]\nid = \"PHONE\"\ndescription = \"Phone call\"\n",
            "",
        );
        std::fs::write(env.dir().join("env.toml"), text).unwrap();
        let before = env.snapshot_files();
        assert_snapshot!(env.run(&["plan", "env.toml"]), @"
        $ hq plan env.toml
        [exit 0]
        --- stdout
        + legal_entities USMF (create)
        + customer_groups 30/USMF (create)
        --- stderr
        2 steps.
        note: not declared in the file, and kept: activity_types PHONE (--prune would remove it)
        ");
        let p = env.json(&["plan", "env.toml", "--prune"]);
        let steps: Vec<(String, String)> = p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["action"].as_str().unwrap().into(),
                    s["kind"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(
            steps,
            [
                ("create".to_string(), "legal_entities".to_string()),
                ("create".into(), "customer_groups".into()),
                ("remove".into(), "activity_types".into())
            ],
            "the file put customer groups first; the plan puts legal entities first"
        );
        assert_eq!(
            env.output(&["plan", "env.toml", "--exit-code"])
                .status
                .code(),
            Some(1)
        );
        assert!(before == env.snapshot_files(), "plan reads only");
        env.ok(&["export", "-o", "same.toml"]);
        assert_eq!(
            env.output(&["plan", "same.toml", "--exit-code", "--prune"])
                .status
                .code(),
            Some(0)
        );
    });
}

#[test]
fn diff_compares_two_data_files_through_their_exports() {
    on_both_engines(|| {
        let contoso = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        let env = TestEnv::empty();
        env.ok(&["apply", contoso]);
        let other = env.dir().join("other.db");
        let other = other.to_str().unwrap();
        env.ok(&["--data", other, "apply", contoso]);
        let t = env.run(&["diff", other]);
        assert!(
            t.contains("[exit 0]") && t.contains("No differences."),
            "{t}"
        );
        env.ok(&[
            "--data",
            other,
            "activity-type",
            "add",
            "CALL",
            "--description",
            "Call",
        ]);
        env.ok(&["store", "set", "HOUSTON", "--name", "Houston Galleria"]);
        let after = std::fs::read(other).unwrap();
        let t = env.run(&["diff", other]);
        assert!(t.contains("[exit 1]"), "{t}");
        assert!(
            t.contains("+ activity_types CALL (only in the file)"),
            "{t}"
        );
        assert!(t.contains("~ stores HOUSTON (differs)"), "{t}");
        assert!(
            t.contains("name: \"Houston Galleria\" -> \"Houston\""),
            "{t}"
        );
        // Only read: the other file is as it was before the diff.
        assert_eq!(after, std::fs::read(other).unwrap());
        // A SQLite file that is not hq's is refused.
        let foreign = env.dir().join("foreign.db");
        {
            let c = rusqlite::Connection::open(&foreign).unwrap();
            c.execute_batch("CREATE TABLE t (x)").unwrap();
        }
        let t = env.refused(&["diff", foreign.to_str().unwrap()], 7);
        assert!(t.contains("not an hq data file"), "{t}");
    });
}
