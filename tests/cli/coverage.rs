//! Every command that hq has is run by at least one test. The suite records the commands it
//! runs (`HQ_TEST_RECORD_COMMANDS=DIR cargo test`); this check, run after it by .ci/run, walks
//! the command tree and fails naming every command no test ran, so a new command cannot land
//! untested.

/// Every command that runs (a leaf of the tree), as its words: `["customer-group", "set"]`.
fn leaves(c: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let subs: Vec<&clap::Command> = c
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .collect();
    if subs.is_empty() {
        out.push(path.clone());
        return;
    }
    for s in subs {
        path.push(s.get_name().to_string());
        leaves(s, path, out);
        path.pop();
    }
}

/// The leaf a recorded command ran: the subcommand words, skipping flags and their values.
fn leaf_of(root: &clap::Command, args: &[&str]) -> Vec<String> {
    let mut c = root;
    let mut path = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let w = args[i];
        if let Some(long) = w.strip_prefix("--") {
            let takes = c
                .get_arguments()
                .find(|a| a.get_long() == Some(long))
                .is_some_and(|a| a.get_action().takes_values());
            i += if takes && !long.contains('=') { 2 } else { 1 };
            continue;
        }
        match c.find_subcommand(w) {
            Some(s) => {
                path.push(w.to_string());
                c = s;
            }
            None if !c.has_subcommands() => {}
            None => break,
        }
        i += 1;
    }
    path
}

#[test]
#[ignore = "reads what the whole suite ran: .ci/run runs it after `cargo test`"]
fn every_leaf_command_is_run_by_a_test() {
    let dir = std::env::var("HQ_TEST_RECORD_COMMANDS").expect(
        "run the suite with HQ_TEST_RECORD_COMMANDS=DIR first, then this with the same DIR",
    );
    let mut root = commerce_hq::cli::command();
    root.build();
    let mut ran = std::collections::HashSet::new();
    let mut lines = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        for line in std::fs::read_to_string(entry.path()).unwrap().lines() {
            lines += 1;
            let args: Vec<&str> = line.split('\u{1f}').collect();
            ran.insert(leaf_of(&root, &args));
        }
    }
    assert!(
        lines > 1000,
        "only {lines} commands recorded in {dir}: was the suite run?"
    );
    let mut all = Vec::new();
    leaves(&root, &mut Vec::new(), &mut all);
    let missing: Vec<String> = all
        .iter()
        .filter(|l| !ran.contains(*l))
        .map(|l| format!("hq {}", l.join(" ")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} commands are run by no test:\n{}",
        missing.len(),
        all.len(),
        missing.join("\n")
    );
}
