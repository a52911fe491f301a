//! The entity definitions (`domain::model`) and the faces agree: for every field of every
//! entity described there, the command line has its flag on `add` and `set`, the environment
//! file has its key (an export of a non-default value carries it), and `show --json` has it.

use commerce_hq::domain::model::{ENTITIES, Entity, Field, Kind};

use crate::common::{TestEnv, on_both_engines};

fn longs(path: &[&str]) -> Vec<String> {
    let mut c = commerce_hq::cli::command();
    c.build();
    let mut cmd = &c;
    for w in path {
        cmd = cmd
            .find_subcommand(w)
            .unwrap_or_else(|| panic!("no command hq {}", path.join(" ")));
    }
    cmd.get_arguments()
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect()
}

fn has_positional(path: &[&str]) -> bool {
    let mut c = commerce_hq::cli::command();
    c.build();
    let mut cmd = &c;
    for w in path {
        cmd = cmd.find_subcommand(w).unwrap();
    }
    cmd.get_arguments().any(|a| a.is_positional())
}

fn settable(f: &Field) -> bool {
    f.kind != Kind::Key && !f.fixed && f.set_by.is_none()
}

#[test]
fn every_field_has_its_flag_on_add_and_set() {
    on_both_engines(|| {
        let mut missing = Vec::new();
        for e in ENTITIES {
            // A singleton has no add (and no key); a key is positional, or a flag on add.
            let add = if e.singleton {
                Vec::new()
            } else {
                longs(&[e.noun, "add"])
            };
            let set = longs(&[e.noun, "set"]);
            if let Some(key) = e.key() {
                let by_flag = format!("--{}", key.name.replace('_', "-"));
                assert!(
                    if e.key_by_flag {
                        add.contains(&by_flag)
                    } else {
                        has_positional(&[e.noun, "add"])
                    },
                    "hq {} add takes the key",
                    e.noun
                );
                assert!(
                    has_positional(&[e.noun, "set"]),
                    "hq {} set takes the key",
                    e.noun
                );
            }
            for f in e.fields {
                let Some(name) = f.flag_name() else { continue };
                let flag = format!("--{}", name.replace('_', "-"));
                // A list set by a command of its own is given on add by flags of its own too (an
                // address by --street and the rest: see the address's test below).
                if !e.singleton && f.on_add && f.set_by.is_none() && !add.contains(&flag) {
                    missing.push(format!("hq {} add {flag}", e.noun));
                }
                // A list edited item by item has --add-X and --remove-X on set.
                let on_set = if f.edited {
                    vec![
                        format!("--add-{}", name.replace('_', "-")),
                        format!("--remove-{}", name.replace('_', "-")),
                    ]
                } else {
                    vec![flag.clone()]
                };
                for flag in on_set {
                    if settable(f) && !set.contains(&flag) {
                        missing.push(format!("hq {} set {flag}", e.noun));
                    }
                }
                if let Some(other) = f.set_by {
                    // The command that changes it exists (longs panics naming it if not).
                    let path: Vec<&str> = other.split(' ').collect();
                    longs(&path);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "flags the definitions name and the command line lacks:\n{}",
            missing.join("\n")
        );
    });
}

fn json_at<'a>(v: &'a serde_json::Value, path: &[&str]) -> Option<&'a serde_json::Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

fn show_json(env: &TestEnv, e: &Entity, id: &str) -> serde_json::Value {
    let shown = env.json(&[e.noun, "show", id]);
    let key = e.key().map_or("", |k| k.name);
    // Some shows wrap the record with what uses it.
    match shown.get(key) {
        Some(_) => shown,
        None => shown
            .as_object()
            .and_then(|o| o.values().find(|v| v.get(key).is_some()))
            .cloned()
            .unwrap_or(shown),
    }
}

#[test]
fn every_field_is_in_the_file_and_the_json_with_a_non_default_value() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        // Non-default values where the example has defaults.
        for args in [
            &[
                "store",
                "set",
                "HOUSTON",
                "--async-customer-creation",
                "--offline-customer-creation",
            ][..],
            &["worker", "set", "000160", "--layout", "STORE-LAYOUT"],
            &[
                "customer",
                "set",
                "100001",
                "--middle-name",
                "Q",
                "--receipt-email",
                "walkin@example.com",
            ],
            &[
                "attribute-group",
                "add",
                "CustomerFacts",
                "--description",
                "Facts",
            ],
            &[
                "param",
                "set",
                "--customer-attribute-group",
                "CustomerFacts",
            ],
            &[
                "insights",
                "set",
                "--environment-id",
                "env-1",
                "--alternate-customer-id",
                "loyalty_id",
            ],
            &["register", "set", "HOUSTON-1", "--layout", "STORE-LAYOUT"],
            &["keyvault", "set", "--secret-expires", "2027-01-01"],
            &[
                "numseq",
                "set",
                "CLIENTBOOK",
                "--manual",
                "--continuous",
                "--stopped",
            ],
            &[
                "attribute-type",
                "add",
                "Visits",
                "--kind",
                "integer",
                "--min",
                "0",
                "--max",
                "99",
                "--unit",
                "visits",
            ],
            &[
                "attribute",
                "set",
                "AnnualSpend",
                "--description",
                "Spend a year",
                "--default",
                "10",
            ],
        ] {
            env.ok(args);
        }
        // A channel database in a file of its own (a data file's only, for now).
        if !env.on_server() {
            let west = env.dir().join("west.db");
            env.ok(&["channel-db", "init", west.to_str().unwrap(), "--id", "WEST"]);
            env.ok(&["channel-db", "set", "WEST", "--location", "west.db"]);
        }
        let file = env.json(&["export"]);
        let mut missing = Vec::new();
        for e in ENTITIES {
            // A singleton is one table, shown with no id.
            let (entries, shown) = match e.key() {
                None => (vec![file[e.section].clone()], env.json(&[e.noun, "show"])),
                Some(key) => {
                    let entries = file[e.section].as_array().cloned().unwrap_or_default();
                    assert!(!entries.is_empty(), "the example declares {}", e.section);
                    let first = entries[0][key.name].as_str().unwrap().to_string();
                    let shown = show_json(&env, e, &first);
                    (entries, shown)
                }
            };
            for f in e.fields {
                // Kept by hq (a customer's status): shown, never a key of the file.
                if f.kept {
                    assert!(
                        entries.iter().all(|x| x.get(f.name).is_none()),
                        "{}.{} is kept by hq, and the export writes it",
                        e.section,
                        f.name
                    );
                } else if !entries.iter().any(|x| x.get(f.name).is_some())
                    // Channel database files are a data file's only, for now.
                    && (!env.on_server() || (e.section, f.name) != ("channel_dbs", "location"))
                {
                    missing.push(format!("file {}.{}", e.section, f.name));
                }
                if json_at(&shown, &f.json_path()).is_none() {
                    missing.push(format!(
                        "hq {} show --json: {}",
                        e.noun,
                        f.json_path().join(".")
                    ));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "fields the definitions name and a face lacks:\n{}",
            missing.join("\n")
        );
    });
}

/// A value of a text field that no default would give, by how the field is checked.
fn sample(f: &commerce_hq::domain::model::TextField) -> String {
    use commerce_hq::domain::model::TextCheck;
    match f.check {
        TextCheck::Line | TextCheck::Name => format!("Given {}", f.name),
        TextCheck::Country => "CA".to_string(),
        TextCheck::Phone => "+17135550199".to_string(),
    }
}

/// The address is described once (`domain::customer::customer_address!`); every face has each
/// of its fields: the flags of `customer address add` (its name) and of `customer add` (its
/// name beside the customer's), the CSV column, `customer show --json`, the environment file
/// (export), and the channel's copy after job 1010, each carrying a non-default value.
#[test]
fn every_address_field_is_on_every_face() {
    on_both_engines(|| {
        use commerce_hq::domain::customer::AddressDraft;
        use commerce_hq::domain::model::Described;
        let text = AddressDraft::TEXT;
        let (add, beside) = (
            longs(&["customer", "address", "add"]),
            longs(&["customer", "add"]),
        );
        let mut missing = Vec::new();
        for f in text {
            let own = format!("--{}", f.name.replace('_', "-"));
            let near = format!("--{}", f.beside.replace('_', "-"));
            if !add.contains(&own) {
                missing.push(format!("hq customer address add {own}"));
            }
            if !beside.contains(&near) {
                missing.push(format!("hq customer add {near}"));
            }
            if !commerce_hq::import::COLUMNS.contains(&f.beside) {
                missing.push(format!("CSV column {}", f.beside));
            }
        }
        assert!(
            missing.is_empty(),
            "faces lacking an address field:\n{}",
            missing.join("\n")
        );

        let env = TestEnv::contoso();
        // The command line: every field with a value of its own.
        let mut args: Vec<String> = ["customer", "address", "add", "100001"]
            .map(str::to_string)
            .to_vec();
        for f in text {
            args.push(format!("--{}", f.name.replace('_', "-")));
            args.push(sample(f));
        }
        env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
        // A CSV row: every field by its column.
        let header: Vec<&str> = ["type", "last_name"]
            .into_iter()
            .chain(text.iter().map(|f| f.beside))
            .collect();
        let row: Vec<String> = ["person".to_string(), "Csv".to_string()]
            .into_iter()
            .chain(text.iter().map(sample))
            .collect();
        std::fs::write(
            env.dir().join("one.csv"),
            format!("{}\n{}\n", header.join(","), row.join(",")),
        )
        .unwrap();
        let imported = env.json(&["customer", "import", "one.csv", "--store", "HOUSTON"]);
        let csv_account = imported["first_account"].as_str().unwrap().to_string();

        let export = env.json(&["export"]);
        let channel = crate::addresses::channel_addresses(&env);
        for account in ["100001", csv_account.as_str()] {
            let shown = env.json(&["customer", "show", account]);
            let json = shown["addresses"]
                .as_array()
                .unwrap()
                .last()
                .unwrap()
                .clone();
            let filed = export["customers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["account"] == account)
                .and_then(|c| c["addresses"].as_array()?.last().cloned())
                .unwrap_or_default();
            for f in text {
                let want = sample(f);
                if json[f.name].as_str() != Some(want.as_str()) {
                    missing.push(format!(
                        "{account}: customer show --json addresses[].{}: {}",
                        f.name, json[f.name]
                    ));
                }
                if filed[f.name].as_str() != Some(want.as_str()) {
                    missing.push(format!(
                        "{account}: export customers[].addresses[].{}: {}",
                        f.name, filed[f.name]
                    ));
                }
                if !channel.contains(&want) {
                    missing.push(format!(
                        "{account}: the channel's copy lacks {want:?} ({})",
                        f.name
                    ));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "an address field lost on a face:\n{}",
            missing.join("\n")
        );
    });
}
