use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub const NOW: &str = "2026-01-15T09:00:00Z";

/// A hermetic environment: a temp dir, `HQ_DATA` pointing at `hq.db` inside it, a fixed clock,
/// a fixed actor, no colour, no terminal, and nothing inherited from the caller's environment.
pub struct TestEnv {
    dir: TempDir,
}

impl TestEnv {
    /// An empty dir, no data file.
    pub fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A data file made by `hq init`.
    pub fn new() -> TestEnv {
        let env = TestEnv::empty();
        env.ok(&["init"]);
        env
    }

    /// The example organisation of the README: USRT, HOUSTON's address books, store HOUSTON.
    pub fn with_houston() -> TestEnv {
        let env = TestEnv::new();
        env.ok(&[
            "legal-entity",
            "add",
            "USRT",
            "--name",
            "Contoso Retail USA",
            "--country",
            "US",
            "--language",
            "en-US",
        ]);
        env.ok(&[
            "address-book",
            "add",
            "HOUSTON-CUST",
            "--name",
            "Houston customers",
            "--kind",
            "customer",
        ]);
        env.ok(&[
            "address-book",
            "add",
            "HOUSTON-EMP",
            "--name",
            "Houston staff",
            "--kind",
            "employee",
        ]);
        env.ok(&houston_args());
        env
    }

    /// `with_houston`, plus the customer_account sequence CUSTACCT of USRT (from 100001).
    pub fn with_customer_accounts() -> TestEnv {
        let env = TestEnv::with_houston();
        env.ok(&[
            "numseq",
            "add",
            "CUSTACCT",
            "--format",
            "######",
            "--next",
            "100001",
            "--legal-entity",
            "USRT",
        ]);
        env.ok(&[
            "numseq",
            "assign",
            "customer_account",
            "CUSTACCT",
            "--legal-entity",
            "USRT",
        ]);
        env
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("hq.db")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hq"));
        cmd.env_clear()
            .current_dir(self.dir.path())
            .env("HQ_DATA", self.data())
            .env("HQ_NOW", NOW)
            .env("HQ_ACTOR", "tester")
            .env("NO_COLOR", "1")
            .args(args);
        cmd
    }

    pub fn output(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    /// Runs hq and returns the transcript: the command, exit code, stdout and stderr.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        transcript(args, &out, self.dir.path())
    }

    /// Runs hq, asserts success, and returns stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "hq {args:?} failed:\n{}",
            transcript(args, &out, self.dir.path())
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs hq with `--json`, asserts success, and parses stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// The data file's bytes (and its WAL's, if it holds anything): what "unchanged" is
    /// checked against. An empty WAL holds nothing: hq leaves one beside the file.
    pub fn snapshot_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for suffix in ["", "-wal"] {
            let p = PathBuf::from(format!("{}{suffix}", self.data().display()));
            if let Ok(bytes) = std::fs::read(&p)
                && !(suffix == "-wal" && bytes.is_empty())
            {
                out.push((suffix.to_string(), bytes));
            }
        }
        out
    }

    /// Runs a command that must be refused with `code`, asserts the data file is byte-for-byte
    /// unchanged, and returns the transcript.
    #[track_caller]
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let before = self.snapshot_files();
        let out = self.output(args);
        let t = transcript(args, &out, self.dir.path());
        assert_eq!(out.status.code(), Some(code), "wrong exit code:\n{t}");
        assert!(
            before == self.snapshot_files(),
            "the data file changed after a refused command:\n{t}"
        );
        t
    }
}

pub fn houston_args() -> Vec<&'static str> {
    vec![
        "store",
        "add",
        "HOUSTON",
        "--name",
        "Houston",
        "--legal-entity",
        "USRT",
        "--currency",
        "USD",
        "--time-zone",
        "America/Chicago",
        "--street",
        "1 Main St",
        "--city",
        "Houston",
        "--state",
        "TX",
        "--postal-code",
        "77002",
        "--country",
        "US",
        "--customer-address-book",
        "HOUSTON-CUST",
        "--employee-address-book",
        "HOUSTON-EMP",
    ]
}

/// `houston_args` with one flag's value replaced (or the number, for "NUMBER").
pub fn houston_with(flag: &str, value: &'static str) -> Vec<&'static str> {
    let mut args = houston_args();
    if flag == "NUMBER" {
        args[2] = value;
        return args;
    }
    let i = args
        .iter()
        .position(|a| *a == flag)
        .expect("flag in houston_args");
    args[i + 1] = value;
    args
}

pub fn transcript(args: &[&str], out: &Output, dir: &Path) -> String {
    let shown: Vec<String> = args
        .iter()
        .map(|a| {
            if a.contains(' ') || a.is_empty() {
                format!("'{a}'")
            } else {
                a.to_string()
            }
        })
        .collect();
    let clean = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "$TMP");
    format!(
        "$ hq {}\n[exit {}]\n--- stdout\n{}--- stderr\n{}",
        shown.join(" "),
        out.status
            .code()
            .map_or("signal".to_string(), |c| c.to_string()),
        clean(&out.stdout),
        clean(&out.stderr)
    )
}
