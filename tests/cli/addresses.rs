//! An address's name and phone (issue 16, item 7: the first fields added through the address's
//! one definition): "the customer's name and phone number are inherited from the contact
//! information that is associated with each address". Given, each is the address's own; left
//! out, the customer's name and primary phone. Every face carries them (the faces themselves are
//! walked by `model::every_address_field_is_on_every_face`).

use crate::common::{TestEnv, on_both_engines};

/// Job 1010 run, then what the channel's copy holds of addresses after job 1010: its customers' rows (each with
/// its primary address) and its other addresses.
pub(crate) fn channel_addresses(env: &TestEnv) -> String {
    env.ok(&["job", "run", "1010"]);
    ["customers", "customer_addresses"]
        .map(|table| {
            env.json(&[
                "channel-db",
                "contents",
                "Default",
                "--table",
                table,
                "--limit",
                "1000",
            ])
            .to_string()
        })
        .join("\n")
}

fn last_address(env: &TestEnv, account: &str) -> serde_json::Value {
    env.json(&["customer", "show", account])["addresses"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

#[test]
fn left_out_they_are_the_customers_name_and_primary_phone_given_they_are_the_addresss() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        // 100003 is Ada Lovelace, primary phone +17135550100.
        env.ok(&[
            "customer",
            "address",
            "add",
            "100003",
            "--purpose",
            "delivery",
            "--street",
            "1 Dock Rd",
            "--city",
            "Houston",
        ]);
        let a = last_address(&env, "100003");
        assert_eq!(a["name"], "Ada Lovelace");
        assert_eq!(a["phone"], "+17135550100");
        env.ok(&[
            "customer",
            "address",
            "add",
            "100003",
            "--purpose",
            "invoice",
            "--street",
            "2 Dock Rd",
            "--city",
            "Houston",
            "--name",
            "Lovelace Analytics",
            "--phone",
            "(713) 555-0142",
        ]);
        let a = last_address(&env, "100003");
        assert_eq!(a["name"], "Lovelace Analytics");
        // Read for the address's country, stored as E.164.
        assert_eq!(a["phone"], "+17135550142");
        // The table shows them; so does the channel's copy after job 1010.
        let table = env.ok(&["customer", "address", "list", "100003"]);
        assert!(
            table.contains("NAME") && table.contains("Lovelace Analytics"),
            "{table}"
        );
        let channel = channel_addresses(&env);
        assert!(channel.contains("Lovelace Analytics") && channel.contains("+17135550142"));
        // The file says them, and a plan of that file has nothing to do.
        env.ok(&["export", "--output", "env.toml"]);
        let file = std::fs::read_to_string(env.dir().join("env.toml")).unwrap();
        assert!(file.contains("name = \"Lovelace Analytics\""), "{file}");
        env.ok(&["plan", "env.toml", "--exit-code"]);
    });
}

#[test]
fn a_file_leaving_them_out_means_the_defaults_and_plans_nothing_after_apply() {
    on_both_engines(|| {
        let env = TestEnv::empty();
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/contoso.toml");
        env.ok(&["apply", file]);
        // The example's addresses name neither: they took the defaults, and the file still matches.
        let a = last_address(&env, "100003");
        assert_eq!(
            (a["name"].as_str(), a["phone"].as_str()),
            (Some("Ada Lovelace"), Some("+17135550100"))
        );
        env.ok(&["plan", file, "--exit-code"]);
    });
}

#[test]
fn a_bad_phone_is_refused_naming_the_field_the_faces_way() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.refused(
            &[
                "customer",
                "address",
                "add",
                "100003",
                "--street",
                "1 Dock Rd",
                "--city",
                "Houston",
                "--phone",
                "call me",
            ],
            3,
        )
        .says(&["for --phone"]);
        env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "Lamarr",
                "--street",
                "3 Film St",
                "--city",
                "Houston",
                "--address-phone",
                "call me",
            ],
            3,
        )
        .says(&["for --address-phone"]);
        std::fs::write(
            env.dir().join("bad.csv"),
            "type,last_name,street,city,address_phone\nperson,Lamarr,3 Film St,Houston,call me\n",
        )
        .unwrap();
        env.refused(&["customer", "import", "bad.csv", "--store", "HOUSTON"], 3)
            .says(&[
                "bad.csv:2: column address_phone:",
                "for column address_phone",
            ]);
        // Any address field needs the street (a row with a city alone used to lose its address),
        // said once, at its column.
        std::fs::write(
            env.dir().join("city.csv"),
            "type,last_name,city\nperson,Lamarr,Houston\n",
        )
        .unwrap();
        env.refused(&["customer", "import", "city.csv", "--store", "HOUSTON"], 3)
            .says(&["error: city.csv:2: column street: it must not be empty"]);
    });
}

#[test]
fn csv_and_customer_add_give_them_by_their_names_beside_the_customers() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let made = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Hedy",
            "--last-name",
            "Lamarr",
            "--street",
            "3 Film St",
            "--city",
            "Houston",
            "--address-name",
            "Studio",
            "--phone",
            "+17135550177",
        ]);
        let a = &made["addresses"][0];
        assert_eq!(a["name"], "Studio");
        // Not given: the customer's primary phone (from --phone, the contact).
        assert_eq!(a["phone"], "+17135550177");
        std::fs::write(
            env.dir().join("one.csv"),
            "type,last_name,street,city,address_name\nperson,Curie,4 Lab Way,Houston,Lab\n",
        )
        .unwrap();
        let imported = env.json(&["customer", "import", "one.csv", "--store", "HOUSTON"]);
        let a = last_address(&env, imported["first_account"].as_str().unwrap());
        assert_eq!(a["name"], "Lab");
    });
}

#[test]
fn seeded_customers_addresses_carry_their_own_name_not_the_templates() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["seed", "--customers", "3", "--store", "HOUSTON"]);
        let list = env.json(&["customer", "list", "--limit", "100"]);
        let mut seen = 0;
        for c in list.as_array().unwrap() {
            let account = c["account"].as_str().unwrap();
            let shown = env.json(&["customer", "show", account]);
            for a in shown["addresses"].as_array().unwrap() {
                let name = [
                    &shown["first_name"],
                    &shown["middle_name"],
                    &shown["last_name"],
                    &shown["organization_name"],
                ]
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(" ");
                if a["street"] != "12 Elm St" {
                    assert_eq!(a["name"].as_str(), Some(name.as_str()), "{shown}");
                    seen += 1;
                }
            }
        }
        assert!(seen >= 3, "seeded addresses checked: {seen}");
    });
}

#[test]
fn a_file_of_the_previous_schema_takes_the_defaults_for_its_addresses() {
    // A file hq wrote at schema 12 (before one row a customer), made what schema 8 wrote: no
    // name or phone on addresses.
    let env = crate::migration::schema_12();
    {
        let c = rusqlite::Connection::open(env.data()).unwrap();
        c.execute_batch(
            "ALTER TABLE customer_addresses DROP COLUMN name;
             ALTER TABLE customer_addresses DROP COLUMN phone;
             ALTER TABLE ch_customer_addresses DROP COLUMN name;
             ALTER TABLE ch_customer_addresses DROP COLUMN phone;
             DROP INDEX customer_attribute_values_by_day;
             PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let status = env.json(&["status"]);
    assert_eq!(status["schema_version"], commerce_hq::db::migrate::latest());
    let a = last_address(&env, "100006");
    assert_eq!(
        (a["name"].as_str(), a["phone"].as_str()),
        (Some("Grace Lovelace"), Some("+17132000001"))
    );
    // Job 1010 has them to carry to the channel: the primary address on its customer's row
    // (schema 13), whose change version is now the address's.
    let pending = env.json(&["job", "pending", "1010"]).to_string();
    assert!(pending.contains("\"customers\""), "{pending}");
    let channel = channel_addresses(&env);
    assert!(channel.contains("Grace Lovelace"), "{channel}");
}

#[test]
fn a_customer_past_a_hundred_addresses_is_warned_about() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let mut text = env.ok(&["export"]);
        // The export ends with its last customer: these addresses are that customer's.
        let last = text
            .rsplit("[[customers]]\naccount = \"")
            .next()
            .and_then(|t| t.split('"').next())
            .unwrap()
            .to_string();
        let had = env.json(&["customer", "show", &last])["addresses"]
            .as_array()
            .unwrap()
            .len();
        for i in had..101 {
            text.push_str(&format!(
                "\n[[customers.addresses]]\npurpose = \"delivery\"\nstreet = \"{i} Dock St\"\ncity = \"Houston\"\ncountry = \"US\"\n"
            ));
        }
        let p = env.dir().join("many.toml");
        std::fs::write(&p, &text).unwrap();
        let t = env.run(&["apply", p.to_str().unwrap()]);
        assert!(t.contains("[exit 0]"), "{t}");
        let warning = format!("customer {last} has 101 addresses, more than 100");
        assert_eq!(t.matches(&warning).count(), 1, "warned once, past 100: {t}");
        assert_eq!(
            env.json(&["customer", "show", &last])["addresses"]
                .as_array()
                .unwrap()
                .len(),
            101
        );
    });
}

#[test]
fn an_address_is_changed_by_its_number_and_purposes_read_as_the_documents_write_them() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        // The documents' spelling of a purpose, in any case.
        env.ok(&[
            "customer",
            "address",
            "add",
            "100003",
            "--purpose",
            "Post box",
            "--street",
            "PO Box 1",
            "--city",
            "Houston",
        ]);
        let list = |env: &TestEnv| env.json(&["customer", "address", "list", "100003"]);
        assert_eq!(list(&env)[1]["purpose"], "post-box");
        env.ok(&[
            "customer",
            "address",
            "set",
            "100003",
            "2",
            "--purpose",
            "OFFICE",
            "--state",
            "TX",
            "--primary",
        ]);
        let l = list(&env);
        assert_eq!(
            (
                &l[1]["purpose"],
                &l[1]["state"],
                &l[1]["primary"],
                &l[0]["primary"]
            ),
            (
                &serde_json::json!("office"),
                &serde_json::json!("TX"),
                &serde_json::json!(true),
                &serde_json::json!(false)
            ),
            "{l}"
        );
        // '' clears an optional part; a required one cannot be cleared.
        env.ok(&["customer", "address", "set", "100003", "2", "--state", ""]);
        assert!(list(&env)[1]["state"].is_null());
        env.refused(
            &["customer", "address", "set", "100003", "2", "--city", ""],
            3,
        )
        .says(&["--city", "it must not be empty"]);
        env.refused(
            &["customer", "address", "set", "100003", "5", "--primary"],
            4,
        )
        .says(&["customer 100003 has no address 5 (it has 2)"]);
        env.refused(&["customer", "address", "set", "100003", "2"], 2)
            .says(&["nothing to change"]);
        env.refused(
            &[
                "customer",
                "address",
                "set",
                "100003",
                "2",
                "--purpose",
                "mailbox",
            ],
            2,
        )
        .says(&["an address purpose is one of home, business, office, post-box"]);
    });
}
