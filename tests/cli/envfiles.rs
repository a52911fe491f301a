//! The environment-file fixtures, data-driven: every file in tests/fixtures/apply/valid/
//! reads and plans; every file in .../invalid/ is refused with exit 3 and the error its first
//! line names (`# error: ...`), the data file unchanged. (`hq apply` will run the same files.)

use std::path::PathBuf;

use crate::common::TestEnv;

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
fn valid_environment_files_read_and_plan() {
    let env = TestEnv::with_houston();
    for path in files("valid") {
        let p = path.to_str().unwrap();
        let plan = env.json(&["plan", p]);
        assert!(plan["steps"].is_array(), "{p}: {plan}");
    }
}

#[test]
fn invalid_environment_files_are_refused_with_their_error() {
    let env = TestEnv::with_houston();
    for path in files("invalid") {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# error: "))
            .unwrap_or_else(|| panic!("{} must start with `# error: ...`", path.display()));
        let p = path.to_str().unwrap();
        let t = env.refused(&["plan", p], 3);
        assert!(t.contains(expected), "{p}: expected {expected:?} in\n{t}");
    }
}
