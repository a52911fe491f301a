//! Crash safety (DESIGN.md 9, issue 15): `kill -9` at pseudo-random moments in the middle of
//! the long writes. Afterwards the data file is as it was before the command or as it is
//! after it (compared through `hq export`, which is the whole environment), SQLite's
//! `integrity_check` says ok, and commands work on it.
//!
//! The moments are drawn from a fixed seed (`HQ_CRASH_SEED` changes it), so a failure can be
//! run again exactly; `scripts/soak.sh` runs the same with more kills.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::TestEnv;

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

/// A small deterministic generator (64-bit LCG): the same seed, the same moments.
pub struct Moments(u64);

impl Moments {
    pub fn from_env() -> Moments {
        let seed = std::env::var("HQ_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_u64);
        Moments(seed)
    }
    /// A moment within `span`.
    pub fn within(&mut self, span: Duration) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let frac = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        span.mul_f64(frac)
    }
}

/// How many kills each scenario gets (`HQ_CRASH_KILLS`, default 5: 30 in all).
fn kills() -> usize {
    std::env::var("HQ_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
}

/// One long write to interrupt.
struct Scenario {
    name: &'static str,
    /// Runs once on the base environment before the command (files it needs, state).
    prepare: fn(&TestEnv),
    args: Vec<String>,
}

fn copy_env(from: &TestEnv) -> TestEnv {
    let to = TestEnv::empty();
    for entry in std::fs::read_dir(from.dir()).unwrap().flatten() {
        let p = entry.path();
        if p.is_file() {
            std::fs::copy(&p, to.dir().join(entry.file_name())).unwrap();
        }
    }
    to
}

fn export(env: &TestEnv) -> String {
    env.ok(&["export"])
}

fn integrity(path: &Path) -> String {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn args_of(s: &Scenario) -> Vec<&str> {
    s.args.iter().map(String::as_str).collect()
}

/// Runs the scenario uninterrupted on a copy: the state after, and how long it took.
fn after(base: &TestEnv, s: &Scenario) -> (String, Duration) {
    let env = copy_env(base);
    let t = Instant::now();
    env.ok(&args_of(s));
    (export(&env), t.elapsed())
}

/// A copy of `base` on which the scenario's command was killed after `wait`, checked whole by
/// SQLite; and what to call it in a failure.
fn killed(base: &TestEnv, s: &Scenario, wait: Duration, k: usize) -> (TestEnv, String) {
    let env = copy_env(base);
    let mut child = env
        .command(&args_of(s))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(wait);
    let _ = child.kill();
    let _ = child.wait();
    let what = format!("{} killed after {wait:?} (kill {k})", s.name);
    assert_eq!(integrity(&env.data()), "ok", "{what}");
    (env, what)
}

fn run_scenario(base: &TestEnv, s: &Scenario, moments: &mut Moments) -> (usize, usize) {
    let before = export(base);
    let (after, took) = after(base, s);
    assert_ne!(before, after, "{}: the command changes nothing", s.name);
    let (mut as_before, mut as_after) = (0, 0);
    for k in 0..kills() {
        let (env, what) = killed(base, s, moments.within(took.mul_f64(1.2)), k);
        let now = export(&env);
        if now == before {
            as_before += 1;
        } else if now == after {
            as_after += 1;
        } else {
            panic!("{what}: the data file is neither as before nor as after the command");
        }
        // It works: a read, a write, and the command itself again.
        env.ok(&["status"]);
        env.ok(&[
            "activity-type",
            "add",
            "AFTERKILL",
            "--description",
            "after a kill",
        ]);
        if now == before {
            env.ok(&args_of(s));
        }
    }
    (as_before, as_after)
}

fn base() -> TestEnv {
    TestEnv::contoso()
}

fn scenarios() -> Vec<Scenario> {
    let csv = |env: &TestEnv| {
        let mut text = String::from("first_name,last_name,email\n");
        for i in 0..3000 {
            text.push_str(&format!("F{i},L{i},p{i}@example.com\n"));
        }
        std::fs::write(env.dir().join("people.csv"), text).unwrap();
    };
    let smaller = |env: &TestEnv| {
        // The example without its registers and activity types: a prune removes them.
        let mut doc: toml_edit::DocumentMut =
            std::fs::read_to_string(CONTOSO).unwrap().parse().unwrap();
        doc.remove("registers");
        doc.remove("activity_types");
        std::fs::write(env.dir().join("smaller.toml"), doc.to_string()).unwrap();
    };
    let changed = |env: &TestEnv| {
        let text = std::fs::read_to_string(CONTOSO)
            .unwrap()
            .replace("name = \"Houston\"", "name = \"Houston Galleria\"");
        let mut more = text;
        for i in 0..300 {
            more.push_str(&format!(
                "\n[[customers]]\naccount = \"C{i:05}\"\ntype = \"person\"\nlegal_entity = \"USRT\"\ngroup = \"30\"\ncurrency = \"USD\"\nlanguage = \"en-US\"\nlast_name = \"Crash{i}\"\n"
            ));
        }
        std::fs::write(env.dir().join("changed.toml"), more).unwrap();
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        Scenario {
            name: "customer import",
            prepare: csv,
            args: s(&["customer", "import", "people.csv", "--store", "HOUSTON"]),
        },
        Scenario {
            name: "seed",
            prepare: |_| {},
            args: s(&[
                "seed",
                "--customers",
                "3000",
                "--client-books",
                "--activities",
            ]),
        },
        Scenario {
            name: "apply into an existing file",
            prepare: changed,
            args: s(&["apply", "changed.toml"]),
        },
        Scenario {
            name: "apply --prune",
            prepare: smaller,
            args: s(&["apply", "smaller.toml", "--prune", "--yes"]),
        },
        Scenario {
            name: "job run 9999 --full",
            prepare: |env| {
                env.ok(&["seed", "--customers", "3000"]);
            },
            args: s(&["job", "run", "9999", "--full"]),
        },
    ]
}

#[test]
fn killed_at_random_moments_the_data_file_is_as_before_or_as_after() {
    let mut moments = Moments::from_env();
    let mut report = Vec::new();
    for s in scenarios() {
        let base = base();
        (s.prepare)(&base);
        if s.name == "job run 9999 --full" {
            // What a full run rebuilds is the channel databases: compared through their
            // contents rather than the export.
            job_run(&base, &s, &mut moments);
            continue;
        }
        let (b, a) = run_scenario(&base, &s, &mut moments);
        report.push(format!("{}: {b} as before, {a} as after", s.name));
    }
    // An apply into a new file is tests/cli/init.rs's (30 kills of its own).
    eprintln!("{}", report.join("\n"));
}

/// `job run 9999 --full`: each download session is all or nothing, so after a kill every
/// channel table holds what a session delivered in full, integrity is ok, and running the jobs
/// again converges on what an uninterrupted run leaves.
fn job_run(base: &TestEnv, s: &Scenario, moments: &mut Moments) {
    let contents = |env: &TestEnv| -> String {
        let mut all = String::new();
        for cdb in ["Default", "WEST"] {
            all.push_str(&env.ok(&["channel-db", "contents", cdb, "--json"]));
        }
        all
    };
    let done = copy_env(base);
    let t = Instant::now();
    done.ok(&args_of(s));
    let took = t.elapsed();
    let expected = contents(&done);
    for k in 0..kills() {
        let (env, what) = killed(base, s, moments.within(took.mul_f64(1.2)), k);
        for session in env
            .json(&["job", "sessions", "--limit", "100"])
            .as_array()
            .unwrap()
        {
            assert!(
                session["status"] == "applied" || session["status"] == "failed",
                "{what}: {session}"
            );
        }
        env.ok(&args_of(s));
        assert_eq!(contents(&env), expected, "{what}: the jobs do not converge");
    }
}
