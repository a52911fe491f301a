//! Many writers at once (DESIGN.md 9, issues 15 and 20): 8 processes, each making 50 mixed
//! writes to one environment, on a data file and on a PostgreSQL database. Writes wait for
//! each other (`--wait`); none is lost, no number is handed out twice, a write that conflicts
//! with another says what conflicted with exit 5, and a writer that gives up says so with
//! exit 6, never anything else.
//!
//! `HQ_CONCURRENCY_WRITES` changes the writes per process (`scripts/soak.sh` uses more).

use std::collections::HashSet;
use std::process::Stdio;

use crate::common::{TestEnv, on_both_engines};
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
    stderr: String,
}

/// The two environment files the processes apply, each declaring its own activity type.
fn env_files(env: &TestEnv) -> [String; 2] {
    ["A", "B"].map(|f| {
        let path = env.dir().join(format!("apply-{f}.toml"));
        std::fs::write(
            &path,
            format!(
                "version = \"10.0.40\"\n\n[[activity_types]]\nid = \"APPLY-{f}\"\ndescription = \"From file {f}\"\n"
            ),
        )
        .unwrap();
        path.display().to_string()
    })
}

/// The `j`-th write of process `p`: a customer made at a store (an account from the
/// sequence), an activity type (a unique id), a feature toggle, numbers reserved from a
/// sequence, a change to a customer, a customer put in a worker's client book (the book's id
/// from the other sequence the first time; a customer in another worker's book is a
/// conflict), a sequence renamed, an environment file applied, or the jobs run.
fn write(env: &TestEnv, files: &[String; 2], p: usize, j: usize) -> Done {
    let id = format!("P{p}J{j}");
    let (kind, args): (&'static str, Vec<String>) = match j % 9 {
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
        4 => (
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
        5 => (
            "client_book",
            vec![
                "pos".into(),
                "--store".into(),
                "HOUSTON".into(),
                "--worker".into(),
                if p.is_multiple_of(2) {
                    "000160"
                } else {
                    "000161"
                }
                .into(),
                "clientbook".into(),
                "add".into(),
                if (j / 9).is_multiple_of(2) {
                    "100003"
                } else {
                    "100004"
                }
                .into(),
            ],
        ),
        6 => (
            "numseq_set",
            vec![
                "numseq".into(),
                "set".into(),
                "CLIENTBOOK".into(),
                "--name".into(),
                id.clone(),
            ],
        ),
        7 => (
            "apply",
            vec!["--yes".into(), "apply".into(), files[p % 2].clone()],
        ),
        _ => ("job", vec!["job".into(), "run".into(), "9999".into()]),
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
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn eight_writers_at_once_lose_nothing_and_hand_out_no_number_twice() {
    on_both_engines(eight_writers);
}

fn eight_writers() {
    let env = TestEnv::contoso();
    let files = env_files(&env);
    let n = writes();
    let results: Vec<Vec<Done>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..PROCESSES)
            .map(|p| {
                let (env, files) = (&env, &files);
                s.spawn(move || (0..n).map(|j| write(env, files, p, j)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let all: Vec<&Done> = results.iter().flatten().collect();
    for d in &all {
        // Only a client book entry can conflict (the customer is in the other worker's
        // book), and the refusal says so.
        let conflict = d.code == 5
            && d.kind == "client_book"
            && d.stderr.contains("is already in client book");
        assert!(
            d.code == 0 || d.code == 6 || conflict,
            "{} {}: exit {}\n{}",
            d.kind,
            d.key,
            d.code,
            d.stderr
        );
        if d.code == 6 {
            assert!(d.stderr.contains("busy"), "{}", d.stderr);
        }
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
    // A customer put in a book is in the book of the worker who put it there last.
    let books = env.query(
        "SELECT m.account, b.worker FROM client_book_customers m
         JOIN client_books b ON b.id = m.book_id ORDER BY m.account",
    );
    for d in all
        .iter()
        .filter(|d| d.kind == "client_book" && d.code == 0)
    {
        assert!(!books.is_empty(), "{}: no client book entry", d.key);
    }
    // The sequence carries the name of one rename that succeeded.
    let names: HashSet<&str> = all
        .iter()
        .filter(|d| d.kind == "numseq_set" && d.code == 0)
        .map(|d| d.key.as_str())
        .collect();
    if !names.is_empty() {
        let name = env.json(&["numseq", "show", "CLIENTBOOK"])["name"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(names.contains(name.as_str()), "CLIENTBOOK is named {name}");
    }
    // Each file that was applied left its activity type.
    for (f, file) in ["A", "B"].iter().zip(&files) {
        if all.iter().any(|d| {
            d.kind == "apply" && d.code == 0 && d.key.starts_with('P') && {
                let p: usize = d.key[1..d.key.find('J').unwrap()].parse().unwrap();
                files[p % 2] == *file
            }
        }) {
            assert!(types_now(&env).contains(&format!("APPLY-{f}")), "file {f}");
        }
    }
    // No job session failed, and nothing is left pending after one more run.
    let failed = env.number("SELECT count(*) FROM download_sessions WHERE status <> 'applied'");
    assert_eq!(failed, 0, "failed sessions");
    env.ok(&["job", "run", "9999"]);
    for job in env.json(&["job", "pending"]).as_array().unwrap() {
        assert_eq!(
            (job["upserts"].as_u64(), job["deletes"].as_u64()),
            (Some(0), Some(0)),
            "{job}"
        );
    }
    if env.data().exists() {
        let ok: String = {
            let c = rusqlite::Connection::open(env.data()).unwrap();
            c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(ok, "ok");
    }
}

fn types_now(env: &TestEnv) -> HashSet<String> {
    env.json(&["activity-type", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}
