//! The guide's walk-through is executable: this runs its `sh walkthrough` block line by line.

use crate::common::{TestEnv, on_both_engines};

/// The commands of the first ```sh walkthrough block of docs/guide.md, with `\` continuations
/// joined and comments dropped, each split as a shell would.
fn walkthrough() -> Vec<Vec<String>> {
    let guide =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/guide.md")).unwrap();
    let start = guide
        .find("```sh walkthrough\n")
        .expect("the guide has a walk-through");
    let body = &guide[start + "```sh walkthrough\n".len()..];
    let body = &body[..body.find("```").unwrap()];
    let joined = body.replace("\\\n", " ");
    joined
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| shlex::split(l).expect("a shell line"))
        .collect()
}

#[test]
fn the_walk_through_in_the_guide_runs() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        let lines = walkthrough();
        assert!(
            lines.len() > 30,
            "the walk-through is there: {}",
            lines.len()
        );
        let mut last = String::new();
        for words in &lines {
            assert_eq!(words[0], "hq", "every line is an hq command: {words:?}");
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            last = env.ok(&args);
        }
        // It ends at the card, with the attribute set at the store.
        assert!(last.contains("Ada Lovelace"), "{last}");
        assert!(last.contains("Handbags"), "{last}");
        assert!(
            last.contains("Preferred category"),
            "the friendly name labels it: {last}"
        );
        assert_eq!(
            env.output(&["doctor", "clienteling"]).status.code(),
            Some(0)
        );
        let view = env.json(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "view",
        ]);
        assert_eq!(view["customers"][0]["account"], "100002");
    });
}
