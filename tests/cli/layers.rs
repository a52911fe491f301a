//! The layering rules of docs/architecture.md, checked on the source (DESIGN.md 2): a rule
//! broken here fails CI, whatever the code still compiles to.

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(p: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(p).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap()
        .display()
        .to_string()
}

/// Lines of code, without comments (a rule named in a doc comment is not a use of it).
fn code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// The floors under the faces: the use cases, distribution, the rules, and storage.
const CORE: [&str; 4] = ["src/ops", "src/distribution", "src/domain", "src/db"];
/// The faces: the command line, the environment file, CSV import, the store's POS; and the
/// terminal, which only faces use.
const FACES: [&str; 5] = ["cli", "envfile", "import", "pos", "ui"];

/// Arrows go one way: faces use the core, the core never a face (docs/architecture.md). A use
/// case two faces need lives in `ops` (signing a worker in at a store: `ops::store_access`).
#[test]
fn the_core_imports_no_face() {
    let mut found = Vec::new();
    for dir in CORE {
        for (path, text) in sources(dir) {
            for (n, line) in code(&text) {
                if FACES.iter().any(|f| {
                    line.contains(&format!("crate::{f}::"))
                        || line.contains(&format!("crate::{f};"))
                }) || line.contains("crate::context")
                {
                    found.push(format!("{}:{n}: {}", rel(&path), line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core imports a face:\n{}",
        found.join("\n")
    );
}

/// The command tree (`cli/command.rs`) imports every noun; no noun imports it back (the tree is
/// handed to the few that need it: completions, man).
#[test]
fn no_noun_of_the_command_line_imports_the_command_tree() {
    let mut found = Vec::new();
    for (path, text) in sources("src/cli") {
        let r = rel(&path);
        if r == "src/cli/mod.rs" || r == "src/cli/command.rs" {
            continue;
        }
        for (n, line) in code(&text) {
            if [
                "cli::command",
                "super::command",
                "cli::Cli",
                "cli::Command",
                "cli::GlobalArgs",
            ]
            .iter()
            .any(|w| line.contains(w))
            {
                found.push(format!("{r}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a noun imports the command tree:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_is_pure_it_imports_only_itself_and_touches_no_file_clock_or_database() {
    let mut found = Vec::new();
    for (path, text) in sources("src/domain") {
        // Unit tests may read the example file; the rules may not.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code(text) {
            let bad = (line.contains("crate::") && !line.contains("crate::domain"))
                || line.contains("rusqlite")
                || line.contains("postgres::")
                || line.contains("std::fs")
                || line.contains("std::env")
                || line.contains("Utc::now")
                || line.contains("std::io");
            if bad {
                found.push(format!("{}:{n}: {}", rel(&path), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain must stay pure:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_ui_writes_to_the_terminal() {
    let mut found = Vec::new();
    for (path, text) in sources("src") {
        if rel(&path).starts_with("src/ui/") {
            continue;
        }
        for (n, line) in code(&text) {
            if [
                "io::stdout",
                "io::stderr",
                "println!",
                "eprintln!",
                "print!(",
                "eprint!(",
            ]
            .iter()
            .any(|w| line.contains(w))
            {
                found.push(format!("{}:{n}: {}", rel(&path), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/ui writes to the terminal:\n{}",
        found.join("\n")
    );
}

/// Only `src/db` names the database crates (rusqlite, postgres): ops and faces read through
/// `db::Reader` and write through `db::WriteTx`, whose connection only `db` can reach
/// (`Reader::sql` is `pub(in crate::db)`, so that much the compiler checks).
#[test]
fn only_the_db_layer_names_the_database_crate() {
    let mut naming = Vec::new();
    for (path, text) in sources("src") {
        let r = rel(&path);
        if r.starts_with("src/db/") {
            continue;
        }
        for (n, l) in code(&text) {
            if l.contains("rusqlite") || l.contains("postgres::") {
                naming.push(format!("{r}:{n}: {}", l.trim()));
            }
        }
    }
    assert!(
        naming.is_empty(),
        "only src/db may name rusqlite or postgres:\n{}",
        naming.join("\n")
    );
}

#[test]
fn the_core_reads_no_environment_variable_the_context_does() {
    let mut found = Vec::new();
    for dir in CORE {
        for (path, text) in sources(dir) {
            for (n, line) in code(&text) {
                if line.contains("std::env::var") || line.contains("env::var_os") {
                    found.push(format!("{}:{n}: {}", rel(&path), line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "read the environment in the context or a command:\n{}",
        found.join("\n")
    );
}

/// Whether a line of code has a string literal with a flag in it (`"--currency"`,
/// `"give --next"`, `"--{}"`).
fn names_a_flag(line: &str) -> bool {
    // The parts inside quotes: every other piece between `"`.
    line.split('"').skip(1).step_by(2).any(|lit| {
        lit.match_indices("--").any(|(i, _)| {
            lit[i + 2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '{')
        })
    })
}

/// The core speaks fields and commands, never the command line's words (issue 16, item 3): no
/// flag in a string of `src/domain` or `src/ops` (a message names a field with `{field}` or
/// `fix::field`, and each face says it its way), and no `hq ...` text (a hint holds a
/// `fix::Cmd`, which the face writes). Unit tests may use flags.
#[test]
fn the_core_speaks_fields_and_commands_not_the_command_lines_words() {
    let mut found = Vec::new();
    for dir in CORE {
        for (path, text) in sources(dir) {
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code(text) {
                if names_a_flag(line) || line.contains("`hq ") || line.contains("\"hq ") {
                    found.push(format!("{}:{n}: {}", rel(&path), line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core names flags or writes hq commands; name the field (FIELD, fix::field) or build a fix::Cmd:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_flag_finder_finds_flags_in_strings_only() {
    assert!(names_a_flag(r#"x("give --next {} or more")"#));
    assert!(names_a_flag(r#"format!("--{}", n)"#));
    assert!(!names_a_flag(r#"v.contains("--")"#));
    assert!(!names_a_flag("let x = a -- b; // --next"));
}

/// The use cases form no circle (issue 16, item 4): a use case that needs another's record
/// loads it through `ops::load`, and a rule two use cases share lives in the domain. Each ops
/// module's uses of another are read from its source; a circle fails naming it.
#[test]
fn the_use_cases_form_no_circle() {
    let files = sources("src/ops");
    let names: Vec<String> = files
        .iter()
        .map(|(p, _)| p.file_stem().unwrap().to_string_lossy().to_string())
        .filter(|n| n != "mod")
        .collect();
    let mut deps: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (path, text) in &files {
        let me = path.file_stem().unwrap().to_string_lossy().to_string();
        if me == "mod" {
            continue;
        }
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        // Every `super::NAME`, `crate::ops::NAME`, and each name in `use super::{...}`.
        let mut used = Vec::new();
        for prefix in ["super::", "crate::ops::"] {
            for (i, _) in text.match_indices(prefix) {
                let rest = &text[i + prefix.len()..];
                let group = if let Some(inner) = rest.strip_prefix('{') {
                    inner.split('}').next().unwrap_or("")
                } else {
                    rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("")
                };
                for w in group.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if w != me && names.iter().any(|n| n == w) {
                        used.push(w.to_string());
                    }
                }
            }
        }
        used.sort();
        used.dedup();
        deps.insert(me, used);
    }
    fn visit(
        n: &str,
        deps: &std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut circle = path[i..].to_vec();
            circle.push(n.to_string());
            return Some(circle);
        }
        if done.iter().any(|d| d == n) {
            return None;
        }
        path.push(n.to_string());
        for d in deps.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, deps, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.push(n.to_string());
        None
    }
    let mut done = Vec::new();
    for n in deps.keys() {
        if let Some(circle) = visit(n, &deps, &mut Vec::new(), &mut done) {
            panic!("ops modules in a circle: {}", circle.join(" -> "));
        }
    }
    // The check sees uses at all: customer uses load.
    assert!(deps["customer"].contains(&"load".to_string()), "{deps:?}");
}

/// Where refusals are built (issue 16, item 4): a refusal made in `src/domain` is a plain
/// function over loaded facts with a unit test beside it; one made elsewhere is only testable
/// through the binary. At least 80 % are the domain's, and the rest may only shrink.
const REFUSALS_OUTSIDE_THE_DOMAIN_AT_MOST: usize = 12;

#[test]
fn at_least_80_percent_of_refusals_are_built_in_the_domain() {
    let constructions = |dir: &str, words: &[&str]| -> Vec<String> {
        let mut found = Vec::new();
        for (path, text) in sources(dir) {
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code(text) {
                for w in words {
                    found.extend(
                        line.matches(w)
                            .map(|_| format!("{}:{n}: {}", rel(&path), line.trim())),
                    );
                }
            }
        }
        found
    };
    let domain = constructions(
        "src/domain",
        &["Invalid::new(", "Invalid::rule(", "Invalid::refusal("],
    )
    .len();
    let words = [
        "HqError::invalid(",
        "HqError::conflict(",
        "HqError::not_found(",
        "HqError::usage(",
        "Invalid::new(",
        "Invalid::rule(",
        "Invalid::refusal(",
    ];
    let mut outside = Vec::new();
    for dir in [
        "src/ops",
        "src/distribution",
        "src/db",
        "src/cli",
        "src/envfile",
        "src/import",
        "src/pos",
    ] {
        outside.extend(constructions(dir, &words));
    }
    let share = domain as f64 / (domain + outside.len()) as f64;
    assert!(
        share >= 0.8,
        "{domain} refusals are built in src/domain and {} elsewhere ({:.0} %, at least 80 %):\n{}",
        outside.len(),
        share * 100.0,
        outside.join("\n")
    );
    assert!(
        outside.len() <= REFUSALS_OUTSIDE_THE_DOMAIN_AT_MOST,
        "{} refusals are built outside src/domain (at most {REFUSALS_OUTSIDE_THE_DOMAIN_AT_MOST}): build them in the domain\n{}",
        outside.len(),
        outside.join("\n")
    );
}

/// The public surface is what the tests need (the command tree, the entity definitions, the
/// environment file's types, migrations, the generated reference); everything else is
/// `pub(crate)`. A `pub` item in another file fails here.
const MAY_BE_PUBLIC: &[&str] = &[
    "src/cli/command.rs",
    "src/cli/mod.rs",
    "src/db/migrate.rs",
    "src/db/mod.rs",
    "src/docs.rs",
    "src/domain/attribute.rs",
    "src/domain/customer.rs",
    "src/domain/distribution.rs",
    "src/domain/envfile.rs",
    "src/domain/fix.rs",
    "src/domain/mod.rs",
    "src/domain/model.rs",
    "src/domain/numseq.rs",
    // Records made from their field lists are the environment file's entries (`EnvFile`).
    "src/domain/layout.rs",
    "src/domain/org.rs",
    "src/domain/params.rs",
    "src/domain/staff.rs",
    "src/domain/validate.rs",
    "src/envfile/mod.rs",
    "src/error.rs",
    "src/import/mod.rs",
    "src/lib.rs",
    "src/main.rs",
];

#[test]
fn the_public_surface_is_what_the_tests_need() {
    let mut found = Vec::new();
    for (path, text) in sources("src") {
        let r = rel(&path);
        if MAY_BE_PUBLIC.contains(&r.as_str()) {
            continue;
        }
        for (n, line) in code(&text) {
            let t = line.trim_start();
            if [
                "fn ", "struct ", "enum ", "const ", "type ", "trait ", "static ", "mod ", "use ",
            ]
            .iter()
            .any(|w| t.starts_with(&format!("pub {w}")))
            {
                found.push(format!("{r}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "pub items outside the public surface (make them pub(crate)):\n{}",
        found.join("\n")
    );
}

/// Every count a message says is right for one and for many (issue 18, item 9): each noun the
/// sources give `fix::count` renders as "1 session" and "2 sessions", and no message writes a
/// number straight before one of those nouns itself ("{n} rows"), which would say "1 rows".
#[test]
fn every_count_in_a_message_is_said_right_for_one_and_many() {
    use commerce_hq::domain::fix::count;
    let mut nouns: Vec<String> = Vec::new();
    let all = sources("src");
    for (_, text) in &all {
        // `count(EXPR, "noun")`, over lines too.
        let mut rest = text.as_str();
        while let Some(at) = rest.find("count(") {
            rest = &rest[at + "count(".len()..];
            let call: String = rest.chars().take(300).collect();
            // To the parenthesis that closes the call.
            let mut depth = 1;
            let Some(end) = call.char_indices().find_map(|(i, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            }) else {
                continue;
            };
            let args = &call[..end];
            if let Some((_, noun)) = args.rsplit_once(", \"").or_else(|| args.rsplit_once(",\n"))
                && let Some(noun) = noun.trim().trim_start_matches('"').strip_suffix('"')
                && !noun.is_empty()
                && noun.chars().all(|c| c.is_ascii_lowercase() || c == ' ')
                && !nouns.contains(&noun.to_string())
            {
                nouns.push(noun.to_string());
            }
        }
    }
    assert!(nouns.len() >= 10, "found {nouns:?}");
    for noun in &nouns {
        let one = count(1, noun);
        let two = count(2, noun);
        assert_eq!(two, format!("2 {noun}"), "{noun}");
        assert_ne!(one, format!("1 {noun}"), "{noun}: said as plural for one");
        assert!(!one.ends_with('s') || noun.ends_with("ss"), "{one}");
    }
    // No message puts a number before those nouns by hand.
    let mut found = Vec::new();
    for (path, text) in &all {
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code(text) {
            for noun in &nouns {
                for lead in ["} ", "{} "] {
                    let needle = format!("{lead}{noun}");
                    if line.contains(&needle) && line.contains('"') {
                        found.push(format!("{}:{n}: {}", rel(path), line.trim()));
                    }
                }
            }
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "a count said by hand (use fix::count):\n{}",
        found.join("\n")
    );
}
