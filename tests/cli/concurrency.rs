//! Many writers at once (DESIGN.md 9, issue 15): 8 processes, each making 50 mixed writes to
//! one data file. Writes wait for each other (`--wait`); none is lost, no number is handed out
//! twice, and a writer that gives up says so with exit 6, never anything else.
//!
//! `HQ_CONCURRENCY_WRITES` changes the writes per process (`scripts/soak.sh` uses more).

use std::collections::HashSet;
use std::process::Stdio;

use crate::common::TestEnv;
const PROCESSES: usize = 8;

fn writes() -> usize {
    std::env::var("HQ_CONCURRENCY_WRITES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
}

/// What one write was, and what it answered.
struct Done {
    kind: &'static str,
    key: String,
    code: i32,
    stdout: String,
}

/// The `j`-th write of process `p`: a customer made at a store (an account from the
/// sequence), a client book entry (an id from the other sequence the first time), an
/// activity type (a unique id), a feature toggle, or numbers reserved from a sequence.
fn write(env: &TestEnv, p: usize, j: usize) -> Done {
    let id = format!("P{p}J{j}");
    let (kind, args): (&'static str, Vec<String>) = match j % 5 {
        0 => (
            "customer",
            vec![
                "customer".into(),
                "add".into(),
                "--store".into(),
                "HOUSTON".into(),
                "--last-name".into(),
                id.clone(),
                "--json".into(),
            ],
        ),
        1 => (
            "activity_type",
            vec![
                "activity-type".into(),
                "add".into(),
                id.clone(),
                "--description".into(),
                "concurrent".into(),
            ],
        ),
        2 => (
            "feature",
            vec![
                "feature".into(),
                if (p + j).is_multiple_of(2) {
                    "enable".into()
                } else {
                    "disable".into()
                },
                "init-scheduler-after-update".into(),
                "--yes".into(),
            ],
        ),
        3 => (
            "allocate",
            vec![
                "numseq".into(),
                "allocate".into(),
                "CLIENTBOOK".into(),
                "--count".into(),
                "2".into(),
                "--json".into(),
            ],
        ),
        _ => (
            "customer_set",
            vec![
                "--quiet".into(),
                "customer".into(),
                "set".into(),
                "100003".into(),
                "--first-name".into(),
                id.clone(),
            ],
        ),
    };
    let mut all = vec!["--wait".to_string(), "60".to_string()];
    all.extend(args);
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = env.command(&refs).stdin(Stdio::null()).output().unwrap();
    Done {
        kind,
        key: id,
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

#[test]
fn eight_writers_at_once_lose_nothing_and_hand_out_no_number_twice() {
    let env = TestEnv::contoso();
    let n = writes();
    let results: Vec<Vec<Done>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..PROCESSES)
            .map(|p| {
                let env = &env;
                s.spawn(move || (0..n).map(|j| write(env, p, j)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<&Done> = results.iter().flatten().collect();
    for d in &all {
        assert!(
            d.code == 0 || d.code == 6,
            "{} {}: exit {}",
            d.kind,
            d.key,
            d.code
        );
    }
    // Every customer that was made is there, each with its own account.
    let made: Vec<&&Done> = all
        .iter()
        .filter(|d| d.kind == "customer" && d.code == 0)
        .collect();
    let mut accounts = HashSet::new();
    for d in &made {
        let c: serde_json::Value = serde_json::from_str(&d.stdout).unwrap();
        let account = c["account"].as_str().unwrap().to_string();
        assert!(
            accounts.insert(account.clone()),
            "account {account} handed out twice"
        );
        assert_eq!(
            env.json(&["customer", "show", &account])["last_name"],
            d.key.as_str()
        );
    }
    // Every activity type that was added is there.
    let types: HashSet<String> = env
        .json(&["activity-type", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    for d in all
        .iter()
        .filter(|d| d.kind == "activity_type" && d.code == 0)
    {
        assert!(types.contains(&d.key), "activity type {} was lost", d.key);
    }
    // Reserved numbers are each reserved once.
    let mut numbers = HashSet::new();
    for d in all.iter().filter(|d| d.kind == "allocate" && d.code == 0) {
        let values: Vec<String> = serde_json::from_str(&d.stdout).unwrap();
        for v in values {
            assert!(numbers.insert(v.clone()), "number {v} handed out twice");
        }
    }
    // Each change has exactly one audit entry, with its command line.
    let log = env.json(&["log", "--limit", "100000"]);
    let commands: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["command"].as_str().unwrap())
        .collect();
    for d in all
        .iter()
        .filter(|d| d.code == 0 && matches!(d.kind, "customer" | "activity_type" | "customer_set"))
    {
        let n = commands
            .iter()
            .filter(|c| c.split(' ').any(|w| w == d.key))
            .count();
        assert_eq!(n, 1, "{} {}: {n} audit entries", d.kind, d.key);
    }
    let ok: String = {
        let c = rusqlite::Connection::open(env.data()).unwrap();
        c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(ok, "ok");
}
