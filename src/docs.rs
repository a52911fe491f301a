//! The command reference in docs/, generated from the same clap definitions as the parser so
//! that it cannot drift (a test compares it with the committed file).

use clap::Command;

/// The whole command reference as Markdown: every command's long help, depth first.
pub fn reference_markdown() -> String {
    let mut cmd = crate::cli::command().term_width(100);
    cmd.build();
    let mut out = String::from(
        "# Command reference\n\nGenerated from `hq`'s own definitions by `tests/cli/docs.rs`; \
         do not edit by hand (run `UPDATE_DOCS=1 cargo test reference` after changing a command).\n",
    );
    walk(&mut cmd, "hq", &mut out);
    out
}

fn walk(cmd: &mut Command, path: &str, out: &mut String) {
    let help = cmd.render_long_help().to_string();
    let help: Vec<&str> = help.trim_end().lines().map(str::trim_end).collect();
    out.push_str(&format!(
        "\n## `{path}`\n\n```text\n{}\n```\n",
        help.join("\n")
    ));
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(sub) = cmd.find_subcommand_mut(&name) {
            walk(sub, &format!("{path} {name}"), out);
        }
    }
}
