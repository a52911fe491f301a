//! The organisation: legal entities, address books, stores, channel database groups and
//! databases (DOMAIN.md 1), with every refusal leaving the file unchanged.

use insta::assert_snapshot;

use crate::common::{TestEnv, houston_args, houston_with, on_both_engines};

#[test]
fn the_issue_example_builds_houston() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.run(&["store", "show", "HOUSTON", "--json"]), @r#"
        $ hq store show HOUSTON --json
        [exit 0]
        --- stdout
        {
          "number": "HOUSTON",
          "name": "Houston",
          "legal_entity": "USRT",
          "currency": "USD",
          "time_zone": "America/Chicago",
          "address": {
            "street": "1 Main St",
            "city": "Houston",
            "state": "TX",
            "postal_code": "77002",
            "country": "US"
          },
          "customer_address_books": [
            "HOUSTON-CUST"
          ],
          "employee_address_books": [
            "HOUSTON-EMP"
          ],
          "channel_database": "Default",
          "default_customer": null,
          "async_customer_creation": false,
          "offline_customer_creation": false,
          "screen_layout": null
        }
        --- stderr
        "#);
        assert_snapshot!(env.run(&["store", "list"]), @"
        $ hq store list
        [exit 0]
        --- stdout
        NUMBER   NAME     LEGAL ENTITY  CURRENCY  CITY     CHANNEL DB  DEFAULT CUSTOMER
        HOUSTON  Houston  USRT          USD       Houston  Default     -
        --- stderr
        ");
        let list = env.json(&["store", "list"]);
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0], env.json(&["store", "show", "HOUSTON"]));
    });
}

#[test]
fn store_show_has_every_documented_field() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let s = env.json(&["store", "show", "HOUSTON"]);
        for key in [
            "number",
            "name",
            "legal_entity",
            "currency",
            "time_zone",
            "address",
            "customer_address_books",
            "employee_address_books",
            "channel_database",
            "default_customer",
            "async_customer_creation",
            "offline_customer_creation",
        ] {
            assert!(s.get(key).is_some(), "missing {key} in {s}");
        }
        for key in ["street", "city", "state", "postal_code", "country"] {
            assert!(s["address"].get(key).is_some(), "missing address.{key}");
        }
        assert!(s["default_customer"].is_null());
    });
}

#[test]
fn ids_are_found_in_any_case_and_keep_their_own() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_eq!(env.json(&["store", "show", "houston"])["number"], "HOUSTON");
        assert_eq!(
            env.json(&["address-book", "show", "houston-cust"])["id"],
            "HOUSTON-CUST"
        );
    });
}

#[test]
fn bad_store_values_are_refused_naming_the_flag_and_value() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let cases = [
            (
                "NUMBER",
                "HOU STON!",
                "invalid value \"HOU STON!\" for NUMBER",
            ),
            (
                "NUMBER",
                "ABCDEFGHIJK",
                "invalid value \"ABCDEFGHIJK\" for NUMBER",
            ),
            (
                "--currency",
                "USDX",
                "invalid value \"USDX\" for --currency: it is not an ISO 4217 currency code",
            ),
            (
                "--country",
                "ZZ",
                "invalid value \"ZZ\" for --country: it is not an ISO 3166 country code",
            ),
            (
                "--time-zone",
                "Mars/Olympus",
                "invalid value \"Mars/Olympus\" for --time-zone: it is not an IANA time zone",
            ),
        ];
        for (flag, value, message) in cases {
            let mut args = houston_with(flag, value);
            if flag != "NUMBER" {
                args[2] = "S2";
            }
            let t = env.refused(&args, 3);
            assert!(t.contains(message), "{t}");
            assert!(t.contains("hint:"), "no hint: {t}");
        }
    });
}

#[test]
fn a_bad_currency_transcript() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_with("--currency", "USDX");
        args[2] = "S2";
        assert_snapshot!(env.refused(&args, 3), @r#"
        $ hq store add S2 --name Houston --legal-entity USRT --currency USDX --time-zone America/Chicago --street '1 Main St' --city Houston --state TX --postal-code 77002 --country US --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "USDX" for --currency: it is not an ISO 4217 currency code
        hint: use a three-letter code such as USD, EUR or GBP
        "#);
    });
}

#[test]
fn unknown_legal_entity_or_address_book_is_exit_4_naming_it() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_with("--legal-entity", "USRX");
        args[2] = "S2";
        assert_snapshot!(env.refused(&args, 4), @r#"
        $ hq store add S2 --name Houston --legal-entity USRX --currency USD --time-zone America/Chicago --street '1 Main St' --city Houston --state TX --postal-code 77002 --country US --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
        [exit 4]
        --- stdout
        --- stderr
        error: legal entity "USRX" does not exist (given by --legal-entity)
        hint: did you mean USRT?
        hint: see what exists with `hq legal-entity list`
        "#);
        let mut args = houston_with("--customer-address-book", "NOPE");
        args[2] = "S2";
        let t = env.refused(&args, 4);
        assert!(
            t.contains("address book \"NOPE\" does not exist (given by --customer-address-book)"),
            "{t}"
        );
        let mut args = houston_with("--employee-address-book", "NOPE");
        args[2] = "S2";
        let t = env.refused(&args, 4);
        assert!(t.contains("(given by --employee-address-book)"), "{t}");
    });
}

#[test]
fn an_address_book_of_the_wrong_kind_is_refused() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_with("--employee-address-book", "HOUSTON-CUST");
        args[2] = "S2";
        let t = env.refused(&args, 3);
        assert!(
            t.contains("address book HOUSTON-CUST is a customer address book, not a employee one")
                || t.contains("is a customer address book"),
            "{t}"
        );
    });
}

#[test]
fn a_store_number_that_exists_is_a_conflict() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.refused(&houston_with("NUMBER", "houston"), 5), @"
        $ hq store add houston --name Houston --legal-entity USRT --currency USD --time-zone America/Chicago --street '1 Main St' --city Houston --state TX --postal-code 77002 --country US --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
        [exit 5]
        --- stdout
        --- stderr
        error: store HOUSTON already exists
        hint: change it with `hq store set HOUSTON ...`
        ");
    });
}

#[test]
fn removing_what_a_store_uses_is_refused_naming_the_store() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.refused(&["address-book", "remove", "HOUSTON-CUST"], 5), @"
        $ hq address-book remove HOUSTON-CUST
        [exit 5]
        --- stdout
        --- stderr
        error: address book HOUSTON-CUST is still used by stores HOUSTON
        hint: change or remove those first; nothing was removed
        ");
        let t = env.refused(&["legal-entity", "remove", "USRT"], 5);
        assert!(
            t.contains("legal entity USRT is still used by stores HOUSTON"),
            "{t}"
        );
        let t = env.refused(&["channel-db", "remove", "Default"], 5);
        assert!(
            t.contains("channel database Default is still used by stores HOUSTON"),
            "{t}"
        );
        let t = env.refused(&["channel-db-group", "remove", "Default"], 5);
        assert!(t.contains("still used by channel databases Default"), "{t}");
        let t = env.refused(
            &["address-book", "set", "HOUSTON-EMP", "--kind", "customer"],
            5,
        );
        assert!(
            t.contains("is used by store HOUSTON; its kind cannot change"),
            "{t}"
        );
    });
}

#[test]
fn removal_works_once_nothing_refers() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["store", "remove", "HOUSTON"]);
        env.ok(&["address-book", "remove", "HOUSTON-CUST"]);
        env.ok(&["legal-entity", "remove", "USRT"]);
        assert_eq!(env.json(&["store", "list"]), serde_json::json!([]));
        let t = env.refused(&["store", "show", "HOUSTON"], 4);
        assert!(t.contains("store \"HOUSTON\" does not exist"), "{t}");
    });
}

#[test]
fn the_store_country_defaults_to_the_legal_entity_country() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_args();
        args[2] = "DALLAS";
        let i = args.iter().position(|a| *a == "--country").unwrap();
        args.drain(i..i + 2);
        env.ok(&args);
        let s = env.json(&["store", "show", "DALLAS"]);
        assert_eq!(s["address"]["country"], "US");
        assert_eq!(s["channel_database"], "Default");
    });
}

#[test]
fn alpha_3_countries_are_stored_as_alpha_2() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_with("--country", "usa");
        args[2] = "S3";
        env.ok(&args);
        assert_eq!(
            env.json(&["store", "show", "S3"])["address"]["country"],
            "US"
        );
    });
}

#[test]
fn store_set_changes_only_what_is_given() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&[
            "address-book",
            "add",
            "TEXAS-CUST",
            "--name",
            "Texas customers",
            "--kind",
            "customer",
        ]);
        assert_snapshot!(env.run(&["store", "set", "HOUSTON", "--name", "Houston Galleria", "--add-customer-address-book", "TEXAS-CUST", "--state", "", "--async-customer-creation"]), @r#"
        $ hq store set HOUSTON --name 'Houston Galleria' --add-customer-address-book TEXAS-CUST --state '' --async-customer-creation
        [exit 0]
        --- stdout
        --- stderr
        Updated store HOUSTON: name "Houston" -> "Houston Galleria", address.state "TX" -> (none), customer_address_books ["HOUSTON-CUST"] -> ["HOUSTON-CUST","TEXAS-CUST"], async_customer_creation false -> true
        "#);
        let s = env.json(&["store", "show", "HOUSTON"]);
        assert_eq!(
            s["customer_address_books"],
            serde_json::json!(["HOUSTON-CUST", "TEXAS-CUST"])
        );
        assert!(s["address"]["state"].is_null());
        assert_eq!(s["async_customer_creation"], true);
        env.ok(&[
            "store",
            "set",
            "HOUSTON",
            "--async-customer-creation=false",
            "--remove-customer-address-book",
            "HOUSTON-CUST",
        ]);
        let s = env.json(&["store", "show", "HOUSTON"]);
        assert_eq!(
            s["customer_address_books"],
            serde_json::json!(["TEXAS-CUST"])
        );
        assert_eq!(s["async_customer_creation"], false);
    });
}

#[test]
fn store_set_clears_only_what_may_be_left_out() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        // An optional part of the address clears; a required one, or one add would default, does
        // not: each refusal names the flag and says why.
        env.ok(&["store", "set", "HOUSTON", "--postal-code", ""]);
        assert!(env.json(&["store", "show", "HOUSTON"])["address"]["postal_code"].is_null());
        env.refused(&["store", "set", "HOUSTON", "--city", " "], 3)
            .says(&["--city", "it must not be empty"]);
        env.refused(&["store", "set", "HOUSTON", "--country", ""], 3)
            .says(&["--country", "not an ISO 3166 country code"]);
        env.refused(&["store", "set", "HOUSTON", "--channel-db", ""], 3)
            .says(&["--channel-db", "an id is 1 to 30"]);
    });
}

#[test]
fn store_show_labels_every_field_as_its_definition_does() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let shown = env.ok(&["store", "show", "HOUSTON"]);
        for label in [
            "Store number",
            "Store name",
            "Legal entity",
            "Time zone",
            "Postal code",
            "Customer address books",
            "Channel database",
            "Create customers asynchronously",
            "Screen layout",
        ] {
            assert!(shown.contains(label), "{label} not in\n{shown}");
        }
        assert!(
            shown.contains("Default customer                 -"),
            "{shown}"
        );
    });
}

#[test]
fn a_store_keeps_at_least_one_address_book_of_each_kind() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let t = env.refused(
            &[
                "store",
                "set",
                "HOUSTON",
                "--remove-employee-address-book",
                "HOUSTON-EMP",
            ],
            3,
        );
        assert!(
            t.contains("a store needs at least one employee address book"),
            "{t}"
        );
    });
}

#[test]
fn a_set_with_the_same_values_changes_nothing_and_logs_nothing() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let before = env.snapshot_files();
        assert_snapshot!(env.run(&["store", "set", "HOUSTON", "--name", "Houston"]), @"
        $ hq store set HOUSTON --name Houston
        [exit 0]
        --- stdout
        --- stderr
        Nothing to change: store HOUSTON already has those values.
        ");
        assert!(before == env.snapshot_files());
    });
}

#[test]
fn set_without_anything_to_change_is_a_usage_error() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let t = env.refused(&["store", "set", "HOUSTON"], 2);
        assert!(t.contains("nothing to change"), "{t}");
    });
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        let mut args = houston_args();
        args[2] = "DALLAS";
        args.push("--dry-run");
        let before = env.snapshot_files();
        assert_snapshot!(env.run(&args), @"
        $ hq store add DALLAS --name Houston --legal-entity USRT --currency USD --time-zone America/Chicago --street '1 Main St' --city Houston --state TX --postal-code 77002 --country US --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP --dry-run
        [exit 0]
        --- stdout
        --- stderr
        Would create store DALLAS
        Dry run: nothing was written.
        ");
        assert!(before == env.snapshot_files());
        let before = env.snapshot_files();
        assert_snapshot!(env.run(&["store", "remove", "HOUSTON", "--dry-run"]), @"
        $ hq store remove HOUSTON --dry-run
        [exit 0]
        --- stdout
        --- stderr
        Would remove store HOUSTON
        Dry run: nothing was written.
        ");
        assert!(before == env.snapshot_files());
        env.ok(&["store", "show", "HOUSTON"]);
    });
}

#[test]
fn legal_entities_validate_country_and_language() {
    on_both_engines(legal_entities_validate_country_and_language_on_one);
}

fn legal_entities_validate_country_and_language_on_one() {
    let env = TestEnv::new();
    let t = env.refused(
        &[
            "legal-entity",
            "add",
            "USRTX",
            "--name",
            "X",
            "--country",
            "US",
            "--language",
            "en-US",
        ],
        3,
    );
    assert!(
        t.contains("a legal entity id is 1 to 4 letters or digits"),
        "{t}"
    );
    let t = env.refused(
        &[
            "legal-entity",
            "add",
            "USRT",
            "--name",
            "X",
            "--country",
            "US",
            "--language",
            "english!!",
        ],
        3,
    );
    assert!(
        t.contains("invalid value \"english!!\" for --language"),
        "{t}"
    );
    env.ok(&[
        "legal-entity",
        "add",
        "usrt",
        "--name",
        "Contoso",
        "--country",
        "usa",
        "--language",
        "en-us",
    ]);
    assert_eq!(
        env.json(&["legal-entity", "show", "USRT"]),
        serde_json::json!({"id": "usrt", "name": "Contoso", "country": "US", "language": "en-US"})
    );
    env.refused(
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
        5,
    )
    .says(&["legal entity usrt already exists"]);
    env.ok(&["legal-entity", "set", "USRT", "--name", "Contoso Retail"]);
    assert_snapshot!(env.run(&["legal-entity", "list"]), @"
    $ hq legal-entity list
    [exit 0]
    --- stdout
    ID    NAME            COUNTRY  LANGUAGE
    usrt  Contoso Retail  US       en-US
    --- stderr
    ");
}

/// Address books and channel databases without stores: the same on both engines.
#[test]
fn address_books_and_channel_databases_on_both_engines() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&[
            "address-book",
            "add",
            "HOU-CUST",
            "--name",
            "Houston customers",
            "--kind",
            "customer",
        ]);
        env.ok(&[
            "address-book",
            "add",
            "hou-emp",
            "--name",
            "Houston staff",
            "--kind",
            "employee",
        ]);
        env.refused(
            &[
                "address-book",
                "add",
                "HOU-EMP",
                "--name",
                "Again",
                "--kind",
                "employee",
            ],
            5,
        )
        .says(&["address book hou-emp already exists"]);
        env.refused(&["address-book", "show", "HOU-CUS"], 4).says(&[
            "address book \"HOU-CUS\" does not exist",
            "did you mean HOU-CUST?",
        ]);
        env.ok(&[
            "address-book",
            "set",
            "HOU-CUST",
            "--name",
            "Houston shoppers",
        ]);
        assert_snapshot!(env.run(&["address-book", "list"]), @"
        $ hq address-book list
        [exit 0]
        --- stdout
        ID        NAME              KIND
        HOU-CUST  Houston shoppers  customer
        hou-emp   Houston staff     employee
        --- stderr
        ");
        assert_eq!(
            env.json(&["address-book", "show", "hou-cust"]),
            serde_json::json!({"id": "HOU-CUST", "name": "Houston shoppers", "kind": "customer", "stores": []})
        );
        env.ok(&["address-book", "remove", "HOU-EMP", "--yes"]);
        env.ok(&[
            "channel-db-group",
            "add",
            "WEST",
            "--description",
            "West coast",
        ]);
        env.ok(&["channel-db", "add", "WEST-DB", "--group", "west"]);
        env.refused(&["channel-db", "add", "X", "--group", "EAST"], 4)
            .says(&["channel database group \"EAST\" does not exist (given by --group)"]);
        env.refused(&["channel-db-group", "remove", "WEST", "--yes"], 5)
            .says(&["channel database group WEST is still used by channel databases WEST-DB"]);
        assert_snapshot!(env.run(&["channel-db", "list"]), @"
        $ hq channel-db list
        [exit 0]
        --- stdout
        ID       GROUP    DESCRIPTION
        Default  Default  Default channel database
        WEST-DB  WEST
        --- stderr
        ");
        env.ok(&["channel-db", "set", "WEST-DB", "--group", "Default"]);
        env.ok(&["channel-db-group", "remove", "WEST", "--yes"]);
        env.ok(&["channel-db", "remove", "WEST-DB", "--yes"]);
        let status = env.json(&["status"]);
        assert_eq!(status["counts"]["address_books"], 1);
        assert_eq!(status["counts"]["channel_dbs"], 1);
        assert_eq!(status["counts"]["channel_db_groups"], 1);
        assert_eq!(status["counts"]["audit_entries"], 10);
    });
}

#[test]
fn not_found_suggests_close_matches() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        assert_snapshot!(env.refused(&["store", "show", "HOUSTN"], 4), @r#"
        $ hq store show HOUSTN
        [exit 4]
        --- stdout
        --- stderr
        error: store "HOUSTN" does not exist (given by NUMBER)
        hint: did you mean HOUSTON?
        hint: see what exists with `hq store list`
        "#);
    });
}

#[test]
fn channel_databases_belong_to_groups() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&[
            "channel-db-group",
            "add",
            "WEST",
            "--description",
            "West coast",
        ]);
        env.ok(&["channel-db", "add", "WEST-DB", "--group", "WEST"]);
        env.ok(&["channel-db", "add", "EXTRA"]);
        assert_eq!(
            env.json(&["channel-db", "show", "EXTRA"])["group"],
            "Default"
        );
        let t = env.refused(&["channel-db", "add", "X", "--group", "EAST"], 4);
        assert!(
            t.contains("channel database group \"EAST\" does not exist (given by --group)"),
            "{t}"
        );
        env.ok(&["store", "set", "HOUSTON", "--channel-db", "WEST-DB"]);
        assert_snapshot!(env.run(&["channel-db", "show", "WEST-DB"]), @"
        $ hq channel-db show WEST-DB
        [exit 0]
        --- stdout
        ID           WEST-DB
        Group        WEST
        Description
        Stores       HOUSTON
        Location     inside the data file
        --- stderr
        ");
        assert_snapshot!(env.run(&["channel-db", "list"]), @"
        $ hq channel-db list
        [exit 0]
        --- stdout
        ID       GROUP    DESCRIPTION
        Default  Default  Default channel database
        EXTRA    Default
        WEST-DB  WEST
        --- stderr
        ");
        env.refused(&["channel-db-group", "remove", "WEST"], 5)
            .says(&["channel database group WEST is still used by channel databases WEST-DB"]);
        env.ok(&["channel-db", "set", "EXTRA", "--group", "WEST"]);
        assert_eq!(
            env.json(&["channel-db-group", "show", "WEST"])["channel_databases"],
            serde_json::json!(["EXTRA", "WEST-DB"])
        );
    });
}

#[test]
fn without_a_name_given_the_audit_actor_is_the_os_account_of_the_user_id() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let out = env
            .command(&[
                "legal-entity",
                "add",
                "USMF",
                "--name",
                "Contoso",
                "--country",
                "US",
                "--language",
                "en-US",
            ])
            .env_remove("HQ_ACTOR")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let me = std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap();
        let me = String::from_utf8(me.stdout).unwrap().trim().to_string();
        assert!(!me.is_empty());
        let log = env.json(&["log", "--limit", "1"]);
        assert_eq!(log[0]["actor"], me.as_str());
        assert_ne!(log[0]["actor"], "unknown");
    });
}

#[test]
fn every_change_is_in_the_audit_log_with_what_changed() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&[
            "--actor",
            "ann",
            "store",
            "set",
            "HOUSTON",
            "--name",
            "Houston Galleria",
        ]);
        let log = env.json(&["log", "--limit", "1"]);
        assert_eq!(log[0]["actor"], "ann");
        assert_eq!(
            log[0]["command"],
            "hq --actor ann store set HOUSTON --name 'Houston Galleria' --json"
                .replace(" --json", "")
        );
        assert_eq!(
            log[0]["summary"],
            "updated store HOUSTON: name \"Houston\" -> \"Houston Galleria\""
        );
        assert_eq!(
            log[0]["changes"],
            serde_json::json!([{"action": "update", "entity": "store", "key": "HOUSTON",
                "fields": [{"field": "name", "old": "Houston", "new": "Houston Galleria"}]}])
        );
        assert_snapshot!(env.run(&["log"]), @r#"
        $ hq log
        [exit 0]
        --- stdout
        ID  AT                    ACTOR   SUMMARY                                                      COMMAND
        6   2026-01-15T09:00:00Z  ann     updated store HOUSTON: name "Houston" -> "Houston Galleria"  hq --actor ann store set HOUSTON --name 'Houston Galleria'
        5   2026-01-15T09:00:00Z  tester  created store HOUSTON                                        hq store add HOUSTON --name Houston --legal-entity USRT --currency USD --time-zone America/Chicago --street '1 Main St' --city Houston --state TX --postal-code 77002 --country US --customer-address-book HOUSTON-CUST --employee-address-book HOUSTON-EMP
        4   2026-01-15T09:00:00Z  tester  created address book HOUSTON-EMP                             hq address-book add HOUSTON-EMP --name 'Houston staff' --kind employee
        3   2026-01-15T09:00:00Z  tester  created address book HOUSTON-CUST                            hq address-book add HOUSTON-CUST --name 'Houston customers' --kind customer
        2   2026-01-15T09:00:00Z  tester  created legal entity USRT                                    hq legal-entity add USRT --name 'Contoso Retail USA' --country US --language en-US
        1   2026-01-15T09:00:00Z  tester  created environment 10.0.40 (and 4 more changes)             hq init
        --- stderr
        "#);
    });
}

#[test]
fn deletions_leave_tombstones_and_rows_carry_change_versions() {
    on_both_engines(|| {
        let env = TestEnv::with_houston();
        env.ok(&["store", "remove", "HOUSTON"]);
        let version = env.number("SELECT change_version FROM hq_meta");
        let tombs: Vec<(String, String, i64)> = env
            .query("SELECT table_name, row_key, change_version FROM tombstones ORDER BY id")
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone(), r[2].parse().unwrap()))
            .collect();
        assert_eq!(
            tombs,
            vec![
                (
                    "store_address_books".into(),
                    r#"["HOUSTON","HOUSTON-CUST"]"#.into(),
                    version
                ),
                (
                    "store_address_books".into(),
                    r#"["HOUSTON","HOUSTON-EMP"]"#.into(),
                    version
                ),
                ("stores".into(), r#"["HOUSTON"]"#.into(), version),
            ]
        );
        let le_version = env.number("SELECT change_version FROM legal_entities");
        assert!(le_version > 0 && le_version < version);
    });
}
