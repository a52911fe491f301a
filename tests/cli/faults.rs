//! Faults and hostile input (issue 15): each ends in its documented exit code with a message,
//! never a panic or an internal error, and leaves the data file as it was.

use std::process::Stdio;

use crate::common::TestEnv;

const CONTOSO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");

#[test]
fn wait_is_bounded_by_clap_never_a_panic_or_internal_error() {
    let env = TestEnv::new();
    for w in ["1e20", "2147484", "86400.5", "nan", "inf", "soon"] {
        let t = env.refused(&["--wait", w, "status"], 2);
        assert!(
            t.contains(&format!("invalid value '{w}' for '--wait <SECONDS>'")),
            "{t}"
        );
    }
    env.ok(&["--wait", "86400", "status"]);
    env.ok(&["--wait", "0", "status"]);
}

/// Runs hq as an unprivileged user when the tests run as root (root writes anything), so a
/// read-only file or folder is read-only to hq.
fn as_user(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let mut cmd = env.command(args);
    if nix_uid() == 0 {
        let mut wrapped = std::process::Command::new("setpriv");
        wrapped
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .env_clear()
            .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
            .current_dir(env.dir());
        cmd = wrapped;
    }
    cmd.stdin(Stdio::null()).output().unwrap()
}

fn nix_uid() -> u32 {
    let out = std::process::Command::new("id").arg("-u").output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_read_only_data_file_or_folder_is_exit_74_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let chmod = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    chmod(env.dir(), 0o755);
    chmod(&env.data(), 0o444);
    let before = std::fs::read(env.data()).unwrap();
    // As a file copied here would be: no -wal or -shm beside it.
    let clear = || {
        for s in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", env.data().display()));
        }
    };
    clear();
    let out = as_user(
        &env,
        &[
            "legal-entity",
            "add",
            "USRT",
            "--name",
            "X",
            "--country",
            "US",
            "--language",
            "en-US",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(74), "{err}");
    assert!(
        err.contains(&format!(
            "the data file {} is read-only",
            env.data().display()
        )),
        "{err}"
    );
    assert!(err.contains("chmod u+w"), "{err}");
    // The folder read-only, the file writable: no room for the WAL.
    chmod(&env.data(), 0o666);
    clear();
    chmod(env.dir(), 0o555);
    let out = as_user(&env, &["status"]);
    chmod(env.dir(), 0o755);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(74), "{err}");
    assert!(err.contains("the folder of the data file"), "{err}");
    assert!(!err.contains("not an hq data file"), "{err}");
    assert_eq!(before, std::fs::read(env.data()).unwrap());
}

#[test]
fn a_damaged_page_is_exit_7_with_the_way_back() {
    let env = TestEnv::contoso();
    // Page 21 holds rows these commands read.
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(env.data())
            .unwrap();
        f.seek(SeekFrom::Start(20 * 4096)).unwrap();
        f.write_all(&[0u8; 4096]).unwrap();
    }
    for args in [
        &["status"][..],
        &["store", "set", "HOUSTON", "--name", "X"],
        &["apply", CONTOSO],
    ] {
        let t = env.refused(args, 7);
        assert!(
            t.contains("is damaged (SQLite reports it malformed)"),
            "{t}"
        );
        assert!(t.contains(".recover"), "{t}");
        assert!(!t.contains("internal error"), "{t}");
    }
}

#[test]
fn a_group_removed_while_an_import_checks_its_rows_waits_for_the_import() {
    let env = TestEnv::contoso();
    env.ok(&[
        "customer-group",
        "add",
        "EPHEMERAL",
        "--description",
        "Gone soon",
    ]);
    let csv = env.dir().join("people.csv");
    std::fs::write(
        &csv,
        "type,first_name,last_name,group,currency,legal_entity\nperson,Ada,King,EPHEMERAL,USD,USRT\n",
    )
    .unwrap();
    // The import pauses for 1.5 s after its checks start; the removal comes in the middle.
    let import = env
        .command(&["customer", "import", csv.to_str().unwrap()])
        .env("HQ_TEST_IMPORT_PAUSE_MS", "1500")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let removed = env.run(&["--wait", "30", "customer-group", "remove", "EPHEMERAL"]);
    let out = import.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // The import holds the write lock while it checks: it wins, and the group is in use.
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(removed.contains("[exit 5]"), "{removed}");
    assert!(
        removed.contains("customer group EPHEMERAL/USRT is still used by customers 100006"),
        "{removed}"
    );
}

/// Runs hq under a file size limit (bash's `ulimit -f`, in KiB, with SIGXFSZ ignored so that a
/// write past it fails instead of killing the process): a disk that fills, without root.
fn with_file_limit(env: &TestEnv, kib: u64, args: &[&str]) -> std::process::Output {
    let cmd = env.command(args);
    let mut line = format!(
        "trap '' XFSZ; ulimit -f {kib}; exec '{}'",
        cmd.get_program().to_str().unwrap()
    );
    for a in cmd.get_args() {
        line.push_str(&format!(" '{}'", a.to_str().unwrap()));
    }
    let mut sh = std::process::Command::new("bash");
    sh.arg("-c")
        .arg(line)
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .current_dir(env.dir())
        .stdin(Stdio::null());
    sh.output().unwrap()
}

#[test]
fn a_disk_that_fills_during_import_seed_or_apply_is_exit_74_and_the_file_is_as_before() {
    let env = TestEnv::contoso();
    let mut text = String::from("type,first_name,last_name,group,currency,legal_entity\n");
    for i in 0..20_000 {
        text.push_str(&format!("person,F{i},L{i},30,USD,USRT\n"));
    }
    std::fs::write(env.dir().join("people.csv"), text).unwrap();
    let other = env.dir().join("other.toml");
    std::fs::write(
        &other,
        std::fs::read_to_string(CONTOSO)
            .unwrap()
            .replace("\"Houston\"", "\"Houston Galleria\""),
    )
    .unwrap();
    let size = std::fs::metadata(env.data()).unwrap().len() / 1024;
    for args in [
        &["customer", "import", "people.csv"][..],
        &["seed", "--customers", "20000", "--store", "HOUSTON"],
    ] {
        let before = env.snapshot_files();
        let out = with_file_limit(&env, size + 64, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(74), "{args:?}: {err}");
        assert!(
            err.contains("the disk is full or a file size limit was reached"),
            "{err}"
        );
        assert!(
            before == env.snapshot_files(),
            "{args:?} changed the data file"
        );
        env.ok(&["status"]);
    }
    // An apply into a new file that cannot be written: nothing is left at the path.
    let fresh = env.dir().join("fresh.db");
    let out = with_file_limit(
        &env,
        200,
        &["--data", fresh.to_str().unwrap(), "apply", CONTOSO],
    );
    assert_eq!(
        out.status.code(),
        Some(74),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!fresh.exists());
}

#[test]
fn data_is_a_path_never_a_sqlite_uri_or_memory() {
    let env = TestEnv::empty();
    let run = |args: &[&str]| {
        let mut cmd = env.command(args);
        cmd.env_remove("HQ_DATA");
        cmd.stdin(Stdio::null()).output().unwrap()
    };
    // t.db is a data file; `file:t.db` names another file, which does not exist yet.
    assert!(run(&["--data", "t.db", "init"]).status.success());
    let before = std::fs::read(env.dir().join("t.db")).unwrap();
    let out = run(&["--data", "file:t.db", "status"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no data file at file:t.db"));
    assert!(run(&["--data", "file:t.db", "init"]).status.success());
    assert!(env.dir().join("file:t.db").exists());
    assert!(
        run(&[
            "--data",
            "file:t.db",
            "legal-entity",
            "add",
            "USRT",
            "--name",
            "X",
            "--country",
            "US",
            "--language",
            "en-US"
        ])
        .status
        .success()
    );
    assert_eq!(
        before,
        std::fs::read(env.dir().join("t.db")).unwrap(),
        "t.db was written"
    );
    for bad in [":memory:", ""] {
        let out = run(&["--data", bad, "init"]);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {out:?}");
    }
    let out = run(&["--data", ":memory:", "init"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("an in-memory database keeps nothing"));
}

#[test]
fn two_creators_of_one_new_file_one_makes_it_and_the_other_finds_it() {
    for trial in 0..8 {
        let env = TestEnv::empty();
        let args: &[&str] = if trial % 2 == 0 {
            &["init"]
        } else {
            &["apply", CONTOSO]
        };
        let spawn = || {
            env.command(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let said = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).to_string();
        assert!(
            a.status.success() && b.status.success(),
            "{args:?}:\n{}\n{}",
            said(&a),
            said(&b)
        );
        if args[0] == "init" {
            let both = said(&a) + &said(&b);
            assert_eq!(both.matches("Created data file").count(), 1, "{both}");
            assert_eq!(
                both.matches("is already an hq data file").count(),
                1,
                "{both}"
            );
        } else {
            env.ok(&["diff", CONTOSO]);
        }
        let left: Vec<String> = std::fs::read_dir(env.dir())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("hq-new"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn a_url_with_credentials_or_a_signed_url_is_refused_and_never_repeated() {
    let env = TestEnv::new();
    for url in [
        "https://admin:Secr3t@contoso-kv.vault.azure.net/",
        "https://contoso-kv.vault.azure.net/?sig=Secr3t",
    ] {
        let t = env.refused(
            &[
                "keyvault",
                "set",
                "--url",
                url,
                "--client-id",
                "6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01",
            ],
            3,
        );
        assert!(
            t.contains("error: --url: it looks like it holds a secret"),
            "{t}"
        );
        let stderr = t.split("--- stderr").nth(1).unwrap();
        assert!(!stderr.contains("Secr3t"), "{t}");
    }
    // Free text too.
    let t = env.refused(
        &[
            "activity-type",
            "add",
            "CALL",
            "--description",
            "call https://ops:pw@intranet.example.com/",
        ],
        3,
    );
    assert!(
        t.contains("--description: it looks like it holds a secret"),
        "{t}"
    );
    assert!(!env.ok(&["log", "--json"]).contains("Secr3t"));
}

#[cfg(unix)]
#[test]
fn an_exported_file_is_private_when_new_and_keeps_its_mode_when_updated() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::with_houston();
    let out = env.dir().join("env.toml");
    env.ok(&["export", "-o", out.to_str().unwrap()]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o600);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    env.ok(&["store", "set", "HOUSTON", "--name", "Galleria"]);
    env.ok(&["export", "--update", out.to_str().unwrap()]);
    assert_eq!(mode(&out), 0o640);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Galleria"));
}

#[test]
fn nothing_reaches_a_terminal_or_the_audit_log_raw() {
    let env = TestEnv::with_houston();
    // A forged log line as the actor: refused, from the flag and from HQ_ACTOR.
    let t = env.refused(
        &[
            "--actor",
            "x\n99 forged\u{1b}[8m",
            "store",
            "set",
            "HOUSTON",
            "--name",
            "Y",
        ],
        3,
    );
    assert!(
        t.contains(r#"invalid value "x\n99 forged\u{1b}[8m" for --actor"#),
        "{t}"
    );
    let out = env
        .command(&["store", "set", "HOUSTON", "--name", "Y"])
        .env("HQ_ACTOR", "ann\u{202e}")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    // Characters that reorder or hide text, in names and text.
    for (args, c) in [
        (
            vec!["store", "set", "HOUSTON", "--name", "Hou\u{202e}ston"],
            "\\u{202e}",
        ),
        (
            vec!["activity-type", "add", "X", "--description", "a\u{200b}b"],
            "\\u{200b}",
        ),
        (
            vec![
                "address-book",
                "add",
                "B",
                "--name",
                "\u{feff}Books",
                "--kind",
                "customer",
            ],
            "\\u{feff}",
        ),
    ] {
        let t = env.refused(&args, 3);
        assert!(
            t.contains(&format!("it contains {c}, which reorders or hides text")),
            "{t}"
        );
    }
    // What an older hq (or a hand) stored raw is shown escaped, in tables, fields and the log.
    {
        let c = rusqlite::Connection::open(env.data()).unwrap();
        c.execute(
            "UPDATE stores SET name = 'Evil' || char(27) || '[2J' || char(10) || 'forged' WHERE number = 'HOUSTON'",
            [],
        )
        .unwrap();
    }
    for args in [&["store", "list"][..], &["store", "show", "HOUSTON"]] {
        let shown = env.ok(args);
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(shown.contains(r"Evil\u{001b}[2J\u{000a}forged"), "{shown}");
    }
    // JSON keeps the value, escaped as JSON does.
    assert_eq!(
        env.json(&["store", "show", "HOUSTON"])["name"],
        "Evil\u{1b}[2J\nforged"
    );
}

#[test]
fn readers_never_wait_on_writers() {
    let env = TestEnv::contoso();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let id = format!("W{n}");
                env.ok(&[
                    "--wait",
                    "30",
                    "-q",
                    "activity-type",
                    "add",
                    &id,
                    "--description",
                    "w",
                ]);
            }
            n
        });
        for _ in 0..80 {
            let out = env.output(&["--wait", "0", "customer", "list"]);
            assert!(
                out.status.success(),
                "a reader waited on a writer: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(writer.join().unwrap() > 5, "the writer hardly wrote");
    });
}

#[test]
fn bulk_input_is_honest_about_what_it_cannot_do_before_doing_any_of_it() {
    let env = TestEnv::contoso();
    // 100006..=999999 left: 899994 accounts.
    let t = env.refused(&["seed", "--customers", "900000", "--store", "HOUSTON"], 3);
    assert!(
        t.contains("invalid value 900000 for --customers: legal entity USRT would need 900000 accounts, and its number sequence CUSTACCT has 899994 left (100006 to 999999)"),
        "{t}"
    );
    assert!(t.contains("more # digits than ######"), "{t}");
    // A CSV without its header row, or with a column twice.
    let write = |name: &str, text: &str| {
        let p = env.dir().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let headless = write(
        "headless.csv",
        "person,Ada,King,30,USD\nperson,Alan,Turing,30,USD\n",
    );
    let t = env.refused(&["customer", "import", &headless], 3);
    assert!(
        t.contains("headless.csv:1: the first row is not a header row"),
        "{t}"
    );
    let twice = write(
        "twice.csv",
        "first_name,last_name,Last_Name,group,currency\nAda,King,K,30,USD\n",
    );
    let t = env.refused(&["customer", "import", &twice, "--store", "HOUSTON"], 3);
    assert!(
        t.contains(
            "twice.csv:1: column Last_Name: column last_name is named twice (columns 2 and 3)"
        ),
        "{t}"
    );
}

#[test]
fn a_value_hq_cannot_read_is_exit_7_naming_table_row_and_column_never_a_guess() {
    let env = TestEnv::contoso();
    let set = |sql: &str| {
        let c = rusqlite::Connection::open(env.data()).unwrap();
        // As another tool might have written it: past the file's own CHECKs.
        c.execute_batch("PRAGMA ignore_check_constraints = ON")
            .unwrap();
        c.execute_batch(sql).unwrap();
    };
    // Before, an unknown kind read as a default (a customer address book, a person).
    set("UPDATE address_books SET kind = 'vendor' WHERE id = 'HOUSTON-EMP'");
    env.refused(&["address-book", "list"], 7).says(&[
        "table address_books, row HOUSTON-EMP, column kind: \"vendor\" (it is not customer or employee)",
        "hint: it was not changed",
    ]);
    set("UPDATE address_books SET kind = 'employee' WHERE id = 'HOUSTON-EMP'");
    set("UPDATE customer_groups SET dimensions = '{not json' WHERE id = '30'");
    env.refused(&["customer-group", "show", "30"], 7)
        .says(&["table customer_groups, row 30, column dimensions: \"{not json\""]);
    env.refused(&["export"], 7)
        .says(&["table customer_groups, row 30, column dimensions"]);
}

/// An environment file's customers are kept as checked in a temporary file: without a usable
/// temporary folder, `plan` and `apply` end in exit 74 naming it, and the data file is as it was.
#[test]
fn no_temporary_folder_for_a_files_customers_is_an_io_error() {
    let env = TestEnv::new();
    let before = std::fs::read(env.data()).unwrap();
    for cmd in ["plan", "apply"] {
        let out = env
            .command(&[cmd, CONTOSO])
            .env("TMPDIR", env.dir().join("gone"))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(74), "{cmd}: {err}");
        assert!(
            err.contains("contoso.toml's customers in a temporary file") && err.contains("TMPDIR"),
            "{cmd}: {err}"
        );
    }
    assert_eq!(std::fs::read(env.data()).unwrap(), before);
}

/// `hq ARGS` in `env`'s folder (opened to every user) allowed one thread: `prlimit
/// --nproc=1`, set by root, then (when the tests run as root, whom the limit does not bind)
/// the user changed to `uid` by setpriv, which runs hq with root's right to reach it, wherever
/// the tests' build is. A user id of the test's own: the limit counts every process of the
/// user, and other tests run as 65534.
#[cfg(unix)]
fn one_thread(env: &TestEnv, args: &[&str], uid: u32) -> std::process::Command {
    use std::os::unix::fs::PermissionsExt;
    let open = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    open(env.dir(), 0o777);
    for entry in std::fs::read_dir(env.dir()).unwrap() {
        open(&entry.unwrap().path(), 0o666);
    }
    let cmd = env.command(args);
    let mut limited = std::process::Command::new("prlimit");
    limited.arg("--nproc=1");
    if nix_uid() == 0 {
        limited.args([
            "setpriv",
            &format!("--reuid={uid}"),
            "--regid=65534",
            "--clear-groups",
        ]);
    }
    limited
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .current_dir(env.dir());
    limited
}

/// A system that refuses hq a thread (a process limit, `prlimit --nproc=1`; as an unprivileged
/// user when the tests run as root, whom the limit does not bind) is exit 74 naming it, never
/// a panic; nothing is written. Checking an environment file's customers and an import's rows
/// each start threads.
#[cfg(unix)]
#[test]
fn a_thread_the_system_refuses_is_exit_74_and_changes_nothing() {
    let env = TestEnv::contoso();
    std::fs::write(
        env.dir().join("people.csv"),
        "type,last_name,group,currency,legal_entity\nperson,L,30,USD,USRT\n",
    )
    .unwrap();
    std::fs::copy(CONTOSO, env.dir().join("env.toml")).unwrap();
    let before = env.snapshot_files();
    for (args, what) in [
        (&["plan", "env.toml"][..], "env.toml's customers"),
        (&["customer", "import", "people.csv"], "people.csv's rows"),
    ] {
        let out = one_thread(&env, args, 65533)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(74), "{args:?}: {err}");
        assert!(
            err.contains(&format!("cannot start a thread to check {what}"))
                && err.contains("ulimit -u"),
            "{args:?}: {err}"
        );
        assert!(
            before == env.snapshot_files(),
            "{args:?} changed the data file"
        );
    }
}

/// At a terminal, a long run's spinner (building indexes, committing) turns on a thread of its
/// own. One the system refuses leaves it standing still; the run goes on (indicatif's own
/// steady tick panicked: exit 70 after seeding).
#[cfg(unix)]
#[test]
fn a_spinner_the_system_refuses_a_thread_for_stands_still_and_the_run_goes_on() {
    use expectrl::{Eof, Expect};
    let env = TestEnv::contoso();
    let args = ["seed", "--customers", "50", "--store", "HOUSTON"];
    let mut limited = one_thread(&env, &args, 65532);
    limited.env("TERM", "xterm");
    let mut p = expectrl::Session::spawn(limited).expect("spawn hq in a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    let out = p.expect(Eof).unwrap();
    let rest: Vec<u8> = out.matches().flat_map(|m| m.to_vec()).collect();
    let screen = String::from_utf8_lossy(&[out.before(), &rest].concat()).to_string();
    let status = p.get_process().wait().unwrap();
    assert!(
        matches!(status, expectrl::process::unix::WaitStatus::Exited(_, 0)),
        "{status:?}: {screen}"
    );
    assert!(screen.contains("Added 50 customers"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
    assert_eq!(
        env.json(&["customer", "list", "--limit", "100"])
            .as_array()
            .unwrap()
            .len(),
        55
    );
}
