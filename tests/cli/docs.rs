//! Generated documentation stays in sync with the command definitions.

#[test]
fn the_command_reference_in_docs_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
    let generated = commerce_hq::docs::reference_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/reference.md is out of date: run `UPDATE_DOCS=1 cargo test reference` and commit it"
    );
}

#[test]
fn every_command_has_help_with_examples() {
    fn walk(cmd: &clap::Command, path: String, missing: &mut Vec<String>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() {
            let after = cmd
                .get_after_help()
                .map(|s| s.to_string())
                .unwrap_or_default();
            if !after.contains("Examples:") || cmd.get_about().is_none() {
                missing.push(path.clone());
            }
        }
        for s in subs {
            walk(s, format!("{path} {}", s.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&commerce_hq::cli::command(), "hq".into(), &mut missing);
    assert!(
        missing.is_empty(),
        "commands without about or examples: {missing:?}"
    );
}
