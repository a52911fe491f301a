//! `hq export`: the environment file (docs/environment-file.md).

use commerce_hq::domain::envfile::EnvFile;

use crate::common::{TestEnv, on_both_engines};

/// The example of the earlier issues, with a secret, Customer Insights, a scheduled feature,
/// a layout and a customer with contacts and attributes.
fn environment() -> TestEnv {
    TestEnv::made("export", |env| {
        crate::common::customer_accounts(env);
        made(env);
    })
}

fn made(env: &TestEnv) {
    for line in [
        "customer-group add 30 --description Retail --dimension Department=022 --dimension BusinessUnit=002",
        "customer add --type person --first-name Default --last-name Customer --group 30 --currency USD --receipt-option email --affiliation Retail --address-book HOUSTON-CUST",
        "store set HOUSTON --default-customer 100001",
        "customer add --store HOUSTON --first-name Ada --last-name Lovelace --email ada@example.com --street 12~Elm~St --city Houston",
        "feature enable clienteling",
        "feature schedule enhanced-async-customers --on 2027-01-01",
        "keyvault set --url https://contoso-kv.vault.azure.net/ --client-id 6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01",
        "keyvault secret add CISecret --reference vault://contoso-kv/ci-access",
        "insights set --app-id 3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10 --secret-name CISecret --measure Lifetime~value",
        "attribute-type add Interests --kind text --value Handbags --value Shoes",
        "attribute add PreferredCategory --type Interests --friendly-name Preferred~category",
        "attribute-group add Clienteling --description Client~book~attributes",
        "attribute-group attribute add Clienteling PreferredCategory --order 1 --refinable",
        "param set --client-book-attribute-group Clienteling",
        "activity-type add VISIT --description Store~visit",
        "permission-group add MANAGER --description Manager",
        "permission-group allow MANAGER 714 712 713",
        "worker add 000160 --name Ann~Beebe --employee-address-book HOUSTON-EMP --permission-group MANAGER",
        "layout add STORE --name Store~layout",
        "layout button add STORE --operation 712",
        "layout assign STORE --store HOUSTON",
        "register add HOUSTON-1 --store HOUSTON",
    ] {
        let words: Vec<String> = line.split(' ').map(|w| w.replace('~', " ")).collect();
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        env.ok(&args);
    }
}

#[test]
fn export_is_stable_complete_and_reads_back_as_the_same_file() {
    on_both_engines(|| {
        let env = environment();
        let text = env.ok(&["export"]);
        assert_eq!(
            text,
            env.ok(&["export"]),
            "the same data file exports the same text"
        );
        let file: EnvFile = toml::from_str(&text).expect("the export is a valid environment file");
        assert_eq!(
            toml::to_string(&file).unwrap(),
            text,
            "parse and write again: identical"
        );
        assert_eq!(file.version, "10.0.40");
        assert_eq!(file.stores[0].default_customer.as_deref(), Some("100001"));
        assert_eq!(file.stores[0].screen_layout.as_deref(), Some("STORE"));
        assert_eq!(file.customers.len(), 2);
        let ada = &file.customers[1];
        assert_eq!(ada.contacts[0].value, "ada@example.com");
        assert_eq!(ada.addresses[0].purpose_name(), "home");
        assert!(
            ada.financial_dimensions
                .iter()
                .any(|d| d.name == "Department" && d.value == "022")
        );
        assert_eq!(
            file.permission_groups[0].operations,
            [712, 713, 714],
            "sorted"
        );
        assert!(matches!(
            file.features["enhanced-async-customers"],
            commerce_hq::domain::envfile::FeatureState::Scheduled(_)
        ));
        assert_eq!(
            file.features["clienteling"],
            commerce_hq::domain::envfile::FeatureState::Enabled(true)
        );
        // Secrets appear only as references.
        let kv = file.key_vault.as_ref().unwrap();
        assert_eq!(kv.secrets[0].reference, "vault://contoso-kv/ci-access");
        assert_eq!(file.insights.as_ref().unwrap().measures, ["Lifetime value"]);
        // --json carries the same document.
        let json = env.json(&["export"]);
        assert_eq!(serde_json::from_value::<EnvFile>(json).unwrap(), file);
    });
}

#[test]
fn export_to_a_file_writes_it_whole() {
    on_both_engines(|| {
        let env = environment();
        let out = env.output(&["export", "-o", "env.toml"]);
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Wrote the environment to env.toml.")
        );
        let written = std::fs::read_to_string(env.dir().join("env.toml")).unwrap();
        assert_eq!(written, env.ok(&["export"]));
        assert!(!env.dir().join("env.toml.tmp").exists());
        env.refused(&["export", "-o", "no/such/dir/env.toml"], 74)
            .says(&["cannot write no/such/dir/env.toml: No such file or directory (os error 2)"]);
    });
}

#[test]
fn the_format_refuses_unknown_keys() {
    on_both_engines(|| {
        let bad = "version = \"10.0.40\"\n\n[[legal_entities]]\nid = \"USRT\"\nname = \"x\"\ncountry = \"US\"\nlanguage = \"en-US\"\ncurency = \"USD\"\n";
        let err = toml::from_str::<EnvFile>(bad).unwrap_err().to_string();
        assert!(err.contains("unknown field `curency`"), "{err}");
        assert!(
            err.contains("line 8"),
            "the error points at the line: {err}"
        );
    });
}

#[test]
fn the_example_environment_file_is_valid_and_complete() {
    on_both_engines(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let file = commerce_hq::envfile::parse("fixtures/contoso.toml", &text).unwrap();
        assert!(file.stores.len() >= 3);
        assert!(file.stores.iter().all(|s| s.default_customer.is_some()));
        assert!(
            file.customer_groups
                .iter()
                .any(|g| !g.dimensions.is_empty())
        );
        let refs: Vec<&str> = file
            .number_sequence_references
            .iter()
            .map(|r| r.reference.as_str())
            .collect();
        assert!(refs.contains(&"customer_account") && refs.contains(&"client_book_id"));
        let group = &file.attribute_groups[0];
        assert!(group.attributes.iter().any(|m| m.refinable));
        assert!(group.attributes.iter().any(|m| !m.refinable));
        let layout = &file.layouts[0];
        for op in [712, 713] {
            assert!(layout.buttons.iter().any(|b| b.operation == op));
        }
        assert!(
            file.workers.len() >= 4
                && !file.registers.is_empty()
                && !file.activity_types.is_empty()
        );
        assert_eq!(
            file.distribution.unwrap().run,
            [1040, 1150, 1110, 1090, 1060, 1070, 1010]
        );
    });
}

#[test]
fn export_update_keeps_comments_and_layout_of_what_did_not_change() {
    on_both_engines(|| {
        let env = environment();
        env.ok(&["export", "-o", "env.toml"]);
        let path = env.dir().join("env.toml");
        let written = std::fs::read_to_string(&path).unwrap();
        let edited = format!("# Our environment, reviewed by ops.\n\n{written}").replace(
            "[[activity_types]]\nid = \"VISIT\"",
            "# Visits feed the clienteling report.\n[[activity_types]]\nid = \"VISIT\"",
        ) + "\n[distribution]\nrun = [1040, 1150, 1110, 1090]\n";
        std::fs::write(&path, &edited).unwrap();
        env.ok(&["export", "--update", "env.toml"]);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            edited,
            "nothing changed, nothing rewritten"
        );
        env.ok(&["store", "set", "HOUSTON", "--name", "Houston Galleria"]);
        env.ok(&["export", "--update", "env.toml"]);
        let updated = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            updated,
            edited.replace("name = \"Houston\"\n", "name = \"Houston Galleria\"\n"),
            "only the changed store is rewritten"
        );
        env.ok(&["diff", "env.toml"]);
        // A file that is not a valid environment file is not touched.
        std::fs::write(&path, "version = \"10.0.40\"\nbogus = 1\n").unwrap();
        let t = env.refused(&["export", "--update", "env.toml"], 3);
        assert!(t.contains("unknown field `bogus`"), "{t}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "version = \"10.0.40\"\nbogus = 1\n"
        );
    });
}

/// A list's entries by their id, as plain TOML values.
fn by_id(list: Option<&toml::Value>) -> std::collections::BTreeMap<String, toml::Value> {
    let mut out = std::collections::BTreeMap::new();
    for item in list.and_then(|l| l.as_array()).into_iter().flatten() {
        let id = [
            "number",
            "code",
            "personnel_number",
            "account",
            "name",
            "id",
        ]
        .iter()
        .find_map(|k| item.get(k))
        .map_or_else(|| item.to_string(), |v| v.to_string().to_lowercase());
        out.insert(id, item.clone());
    }
    out
}

#[test]
fn the_export_of_the_applied_example_is_the_example_read_as_plain_toml() {
    on_both_engines(|| {
        // Not through hq's own file types: both files are read as plain TOML values, so a field
        // that export and apply both got wrong the same way would still show.
        let contoso = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        let env = TestEnv::empty();
        env.ok(&["apply", contoso]);
        let file: toml::Table = std::fs::read_to_string(contoso).unwrap().parse().unwrap();
        let mut exported: toml::Table = env.ok(&["export"]).parse().unwrap();
        // The example leaves each address's name and phone to their defaults, the customer's name
        // and primary phone; the export writes what they became.
        let mut defaulted = 0;
        for c in exported["customers"].as_array_mut().unwrap() {
            let name = [
                "first_name",
                "middle_name",
                "last_name",
                "organization_name",
            ]
            .iter()
            .filter_map(|k| c.get(*k).and_then(|v| v.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
            let phone = c.get("contacts").and_then(|cs| {
                cs.as_array()?
                    .iter()
                    .find(|x| x["kind"].as_str() == Some("phone") && x.get("primary").is_some())
                    .and_then(|x| x["value"].as_str().map(str::to_string))
            });
            for a in c
                .get_mut("addresses")
                .and_then(|a| a.as_array_mut())
                .into_iter()
                .flatten()
            {
                let a = a.as_table_mut().unwrap();
                assert_eq!(
                    a.remove("name")
                        .and_then(|v| v.as_str().map(str::to_string)),
                    Some(name.clone())
                );
                assert_eq!(
                    a.remove("phone")
                        .and_then(|v| v.as_str().map(str::to_string)),
                    phone
                );
                defaulted += 1;
            }
        }
        assert!(defaulted > 0, "the example has addresses");
        let mut keys: Vec<&String> = file.keys().chain(exported.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            if k == "distribution" {
                assert!(
                    !exported.contains_key(k),
                    "export never writes [distribution]"
                );
                continue;
            }
            match (file.get(k), exported.get(k)) {
                (Some(toml::Value::Array(_)), _) | (_, Some(toml::Value::Array(_))) => {
                    assert_eq!(by_id(file.get(k)), by_id(exported.get(k)), "[[{k}]]");
                }
                (a, b) => assert_eq!(a, b, "{k}"),
            }
        }
    });
}

#[test]
fn apply_is_checked_through_show_and_sql_not_only_through_its_own_diff() {
    on_both_engines(|| {
        let contoso = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        let env = TestEnv::empty();
        env.ok(&["apply", contoso]);
        let file: toml::Table = std::fs::read_to_string(contoso).unwrap().parse().unwrap();
        let list = |k: &str| file[k].as_array().unwrap().clone();
        for s in list("stores") {
            let shown = env.json(&["store", "show", s["number"].as_str().unwrap()]);
            for (field, json) in [
                ("name", "name"),
                ("legal_entity", "legal_entity"),
                ("currency", "currency"),
                ("time_zone", "time_zone"),
                ("default_customer", "default_customer"),
                ("screen_layout", "screen_layout"),
            ] {
                if let Some(v) = s.get(field) {
                    assert_eq!(shown[json], v.as_str().unwrap(), "store {field}: {shown}");
                }
            }
            assert_eq!(shown["address"]["street"], s["street"].as_str().unwrap());
        }
        for c in list("customers") {
            let shown = env.json(&["customer", "show", c["account"].as_str().unwrap()]);
            for field in [
                "group",
                "currency",
                "language",
                "last_name",
                "organization_name",
            ] {
                if let Some(v) = c.get(field) {
                    assert_eq!(
                        shown[field],
                        v.as_str().unwrap(),
                        "customer {field}: {shown}"
                    );
                }
            }
        }
        // Row counts in the data file itself.
        let count = |sql: &str| -> usize { env.number(sql) as usize };
        assert_eq!(
            count("SELECT count(*) FROM customers"),
            list("customers").len()
        );
        assert_eq!(count("SELECT count(*) FROM stores"), list("stores").len());
        assert_eq!(count("SELECT count(*) FROM workers"), list("workers").len());
        let buttons: usize = list("layouts")
            .iter()
            .map(|l| {
                l.get("buttons")
                    .and_then(|b| b.as_array())
                    .map_or(0, Vec::len)
            })
            .sum();
        assert_eq!(count("SELECT count(*) FROM layout_buttons"), buttons);
        let enabled: usize = file["features"]
            .as_table()
            .unwrap()
            .values()
            .filter(|v| v.as_bool() == Some(true))
            .count();
        assert!(count("SELECT count(*) FROM features WHERE enabled = 1") >= enabled);
    });
}

/// Export reads each customer's lists beside the customers, in account order (one pass over
/// each table): accounts in mixed case, some with lists and some without, each get their own.
#[test]
fn each_customer_gets_its_own_lists_whatever_the_case_of_its_account() {
    on_both_engines(|| {
        let env = TestEnv::with_customer_accounts();
        env.ok(&["customer-group", "add", "30", "--description", "Retail"]);
        let add = |account: &str, extra: &[&str]| {
            let mut args = vec![
                "customer",
                "add",
                "--account",
                account,
                "--type",
                "person",
                "--last-name",
                account,
                "--group",
                "30",
                "--currency",
                "USD",
                "--legal-entity",
                "USRT",
            ];
            args.extend(extra);
            env.ok(&args);
        };
        add(
            "b2",
            &["--email", "b2@example.com", "--affiliation", "Gold"],
        );
        add("A1", &[]);
        add(
            "C3",
            &[
                "--email",
                "c3@example.com",
                "--street",
                "3 Elm St",
                "--city",
                "Houston",
            ],
        );
        add(
            "a0",
            &["--affiliation", "Retail", "--address-book", "HOUSTON-CUST"],
        );
        let path = env.dir().join("env.toml");
        env.ok(&["export", "-o", path.to_str().unwrap()]);
        let file: EnvFile = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        type Lists = (String, Vec<String>, Vec<String>, usize, Vec<String>);
        let got: Vec<Lists> = file
            .customers
            .iter()
            .map(|c| {
                (
                    c.account.clone(),
                    c.contacts.iter().map(|x| x.value.clone()).collect(),
                    c.affiliations.clone(),
                    c.addresses.len(),
                    c.address_books.clone(),
                )
            })
            .collect();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            [
                ("a0".into(), s(&[]), s(&["Retail"]), 0, s(&["HOUSTON-CUST"])),
                ("A1".into(), s(&[]), s(&[]), 0, s(&[])),
                ("b2".into(), s(&["b2@example.com"]), s(&["Gold"]), 0, s(&[])),
                ("C3".into(), s(&["c3@example.com"]), s(&[]), 1, s(&[])),
            ]
        );
        // And the same text as a customer read alone shows.
        let c3 = env.json(&["customer", "show", "C3"]);
        assert_eq!(c3["addresses"][0]["street"], "3 Elm St");
    });
}
