//! `hq diff FILE`: the environment file against the data file.

use insta::assert_snapshot;
use serde_json::json;

use crate::common::TestEnv;

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
    let env = TestEnv::with_houston();
    exported(&env);
    assert_snapshot!(env.run(&["diff", "env.toml"]), @"
    $ hq diff env.toml
    [exit 0]
    --- stdout
    --- stderr
    No differences.
    ");
}

#[test]
fn differences_are_listed_and_exit_1() {
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
}

#[test]
fn an_invalid_file_is_refused_with_its_line_and_column_and_a_suggestion() {
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
    env.refused(&["diff", "missing.toml"], 74);
}
