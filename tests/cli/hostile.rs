//! Hostile input, generated (issue 15): environment files, CSV files and flag values mutated
//! at random. Whatever hq is given, it ends with a documented exit code (never a panic or an
//! internal error), and when it refuses, the data file is byte for byte as it was.
//!
//! The cases come from a fixed seed, so CI runs the same ones every time
//! (`HQ_HOSTILE_SEED` and `HQ_HOSTILE_CASES` change them; `scripts/soak.sh` runs thousands);
//! a case that fails is printed with its input and kept in tests/cli/hostile.proptest-regressions,
//! which runs first ever after (commit it with the fix).

use std::process::Stdio;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

use crate::common::TestEnv;

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

/// Values that have broken parsers somewhere: empty, huge, control and bidi characters,
/// secrets, numbers past their types, other TOML types, paths, shell and SQL syntax.
const NASTY: &[&str] = &[
    "",
    " ",
    "\"\"",
    "x\u{202e}y",
    "a\u{200b}b",
    "\u{feff}",
    "line\nbreak",
    "esc\u{1b}[2J",
    "nul\u{0}byte",
    "-1",
    "0",
    "18446744073709551616",
    "1e309",
    "NaN",
    "10.0.99999999999",
    "[1, 2]",
    "{}",
    "true",
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
    "https://admin:pw@host.example.com/",
    "https://x.example.com/?sig=abc",
    "'; DROP TABLE customers; --",
    "../../etc/passwd",
    "file:t.db",
    ":memory:",
    "%s%n%x",
    "😀",
    "Ω≈ç√",
    "USD",
    "us",
    "HOUSTON",
    "100002",
    "CB-#####",
    "#",
];

fn cases() -> u32 {
    std::env::var("HQ_HOSTILE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40)
}

fn runner() -> TestRunner {
    let seed = std::env::var("HQ_HOSTILE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_130);
    TestRunner::new(Config {
        cases: cases(),
        max_shrink_iters: 32,
        // A failure is kept here and run first ever after.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/cli/hostile.proptest-regressions"
            )),
        )),
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    })
}

/// Runs hq on `env` and checks the contract: a documented exit code, no panic, no internal
/// error, and on refusal the data file as it was.
fn check(env: &TestEnv, args: &[&str]) -> Result<i32, TestCaseError> {
    let before = env.snapshot_files();
    let out = env.command(args).stdin(Stdio::null()).output().unwrap();
    let code = out.status.code();
    let err = String::from_utf8_lossy(&out.stderr);
    prop_assert!(
        matches!(code, Some(0..=7) | Some(74)),
        "hq {:?}: exit {:?}\n{}",
        args,
        code,
        err
    );
    prop_assert!(
        !err.contains("internal error") && !err.contains("panicked"),
        "hq {:?}: {}",
        args,
        err
    );
    let out_text = String::from_utf8_lossy(&out.stdout);
    prop_assert!(
        !err.contains("{field") && !out_text.contains("{field") && !err.contains("{data}"),
        "hq {:?} left a placeholder: {}",
        args,
        err
    );
    if code != Some(0) && code != Some(1) {
        prop_assert!(
            before == env.snapshot_files(),
            "hq {:?} refused (exit {:?}) and changed the data file:\n{}",
            args,
            code,
            err
        );
    }
    Ok(code.unwrap_or(-1))
}

/// A base data file (the example environment), copied for each case.
fn base() -> TestEnv {
    TestEnv::contoso()
}

fn copy(from: &TestEnv) -> TestEnv {
    let to = TestEnv::empty();
    std::fs::copy(from.data(), to.data()).unwrap();
    to
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize),
    Duplicate(usize),
    /// Replace the value of the line's `key = value` with a nasty one (quoted or bare).
    Value(usize, usize, bool),
    Insert(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let n = NASTY.len();
    let edit = prop_oneof![
        (0..600usize).prop_map(Edit::Delete),
        (0..600usize).prop_map(Edit::Duplicate),
        (0..600usize, 0..n, any::<bool>()).prop_map(|(l, v, q)| Edit::Value(l, v, q)),
        (0..600usize, 0..n).prop_map(|(l, v)| Edit::Insert(l, v)),
    ];
    proptest::collection::vec(edit, 1..4)
}

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        let len = lines.len().max(1);
        match *e {
            Edit::Delete(l) => {
                lines.remove(l % len);
            }
            Edit::Duplicate(l) => {
                let line = lines[l % len].clone();
                lines.insert(l % len, line);
            }
            Edit::Value(l, v, quoted) => {
                let line = &mut lines[l % len];
                if let Some((key, _)) = line.split_once(" = ") {
                    let value = if quoted {
                        format!("{:?}", NASTY[v])
                    } else {
                        NASTY[v].to_string()
                    };
                    *line = format!("{key} = {value}");
                }
            }
            Edit::Insert(l, v) => lines.insert(l % len, NASTY[v].to_string()),
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_environment_files_never_break_hq_or_a_data_file() {
    let base = base();
    let text = std::fs::read_to_string(CONTOSO).unwrap();
    runner()
        .run(&edits(), |e| {
            let env = copy(&base);
            let file = env.dir().join("mutated.toml");
            std::fs::write(&file, mutate(&text, &e)).unwrap();
            let f = file.to_str().unwrap();
            check(&env, &["apply", f])?;
            check(&env, &["plan", f])?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_csv_files_never_break_hq_or_a_data_file() {
    let base = base();
    const HEADER: &str =
        "type,first_name,last_name,group,currency,email,phone,street,city,affiliations";
    let row = "person,Ada,King,30,USD,ada@example.com,+1 713 555 0100,1 Elm St,Houston,Loyal";
    let strategy = (
        proptest::collection::vec((0..3usize, 0..10usize, 0..NASTY.len()), 1..5),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(0..10usize),
    );
    runner()
        .run(&strategy, |(cells, ragged, bad_utf8, dropped)| {
            let env = copy(&base);
            let mut rows: Vec<Vec<String>> = (0..3)
                .map(|_| row.split(',').map(str::to_string).collect())
                .collect();
            for (r, c, v) in cells {
                let value = NASTY[v];
                // Quoted as a CSV writer would, so that what varies is the value.
                rows[r][c] = if value.contains([',', '"', '\n']) {
                    format!("\"{}\"", value.replace('"', "\"\""))
                } else {
                    value.to_string()
                };
            }
            if ragged {
                rows[1].push("extra".into());
            }
            // A column left out altogether: the rule for a missing value speaks.
            let mut header: Vec<&str> = HEADER.split(',').collect();
            if let Some(d) = dropped {
                header.remove(d);
                for r in &mut rows {
                    r.remove(d);
                }
            }
            let mut bytes = format!(
                "{}\n{}\n",
                header.join(","),
                rows.iter()
                    .map(|r| r.join(","))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
            .into_bytes();
            if bad_utf8 {
                bytes.extend_from_slice(b"person,Caf\xe9,X,30,USD,,,,,\n");
            }
            let file = env.dir().join("mutated.csv");
            std::fs::write(&file, bytes).unwrap();
            let f = file.to_str().unwrap();
            check(&env, &["customer", "import", f, "--store", "HOUSTON"])?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn hostile_flag_values_never_break_hq_or_a_data_file() {
    let base = base();
    let commands: Vec<Vec<&str>> = vec![
        vec!["store", "set", "HOUSTON", "--name", "{}"],
        vec!["store", "set", "{}", "--time-zone", "{}"],
        vec![
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "{}",
            "--email",
            "{}",
        ],
        vec![
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "X",
            "--phone",
            "{}",
        ],
        vec![
            "legal-entity",
            "add",
            "{}",
            "--name",
            "{}",
            "--country",
            "{}",
            "--language",
            "{}",
        ],
        vec!["numseq", "add", "{}", "--format", "{}"],
        vec!["numseq", "set", "CUSTACCT", "--next", "{}"],
        vec!["feature", "enable", "{}", "--yes"],
        vec!["--wait", "{}", "status"],
        vec!["keyvault", "set", "--url", "{}"],
        vec!["activity-type", "add", "{}", "--description", "{}"],
        vec!["customer", "list", "--search", "{}"],
        vec!["customer", "list", "--attribute", "{}"],
        vec![
            "pos",
            "--store",
            "{}",
            "--worker",
            "{}",
            "clientbook",
            "view",
        ],
        vec![
            "pos", "--store", "HOUSTON", "--worker", "000160", "note", "add", "100002", "--text",
            "{}",
        ],
        vec!["--actor", "{}", "store", "set", "HOUSTON", "--name", "Y"],
        vec!["job", "run", "{}"],
        vec!["diff", "{}"],
        vec!["customer", "show", "{}"],
        vec!["upgrade", "--version", "{}"],
    ];
    let n = commands.len();
    let env = copy(&base);
    runner()
        .run(&(0..n, 0..NASTY.len(), 0..NASTY.len()), |(c, a, b)| {
            let mut first = true;
            let args: Vec<&str> = commands[c]
                .iter()
                .map(|w| {
                    if *w == "{}" {
                        let v = if first { NASTY[a] } else { NASTY[b] };
                        first = false;
                        v
                    } else {
                        w
                    }
                })
                .collect();
            // A NUL byte cannot be an argument of a process at all.
            if args.iter().any(|a| a.contains('\0')) {
                return Ok(());
            }
            check(&env, &args)?;
            Ok(())
        })
        .unwrap();
}
