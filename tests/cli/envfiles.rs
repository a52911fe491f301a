//! The environment-file fixtures, data-driven: every file in tests/fixtures/apply/valid/
//! applies to a new data file, after which its plan is empty; every file in .../invalid/ is
//! refused by `hq apply` with exit 3 and the error its first line names (`# error: ...`), on a
//! new data file (none is left behind) and on an existing one (unchanged byte for byte).

use std::path::PathBuf;

use crate::common::{TestEnv, on_both_engines};

fn files(dir: &str) -> Vec<PathBuf> {
    let root =
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/apply")).join(dir);
    let mut all: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    all.sort();
    assert!(!all.is_empty(), "no fixtures in {}", root.display());
    all
}

#[test]
fn valid_environment_files_apply_and_then_plan_nothing() {
    on_both_engines(|| {
        for path in files("valid") {
            let env = TestEnv::empty();
            let p = path.to_str().unwrap();
            env.ok(&["apply", p]);
            let plan = env.json(&["plan", p]);
            assert_eq!(plan["steps"], serde_json::json!([]), "{p}: {plan}");
            env.ok(&["plan", p, "--exit-code"]);
        }
    });
}

#[test]
fn invalid_environment_files_are_refused_with_their_error() {
    on_both_engines(|| {
        for path in files("invalid") {
            let text = std::fs::read_to_string(&path).unwrap();
            let expected = text
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# error: "))
                .unwrap_or_else(|| panic!("{} must start with `# error: ...`", path.display()));
            let p = path.to_str().unwrap();
            // On a new data file: refused, and no data file is left behind.
            let fresh = TestEnv::empty();
            let t = fresh.refused(&["apply", p], 3);
            assert!(t.contains(expected), "{p}: expected {expected:?} in\n{t}");
            assert!(!fresh.data().exists(), "{p}: a data file was left behind");
            // On an existing one: refused, the data file byte for byte as it was.
            let env = TestEnv::with_houston();
            let t = env.refused(&["apply", p], 3);
            assert!(t.contains(expected), "{p}: expected {expected:?} in\n{t}");
        }
    });
}

#[test]
fn an_environment_file_that_is_not_utf8_is_exit_3_naming_its_line() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let path = env.dir().join("latin1.toml");
        std::fs::write(&path, b"version = \"10.0.40\"\n\n[[activity_types]]\nid = \"VISIT\"\ndescription = \"Caf\xe9 visit\"\n").unwrap();
        for cmd in ["apply", "plan", "diff"] {
            let t = env.refused(&[cmd, path.to_str().unwrap()], 3);
            assert!(
                t.contains(
                    "latin1.toml:5:19: not UTF-8 text (byte 0xe9); an environment file is UTF-8"
                ),
                "{t}"
            );
        }
    });
}
