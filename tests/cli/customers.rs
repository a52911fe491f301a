//! Customers and default customers (DOMAIN.md 2): inheritance, contacts, async customers,
//! finding customers, and CSV import.

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

/// The issue's example: the organisation, the customer_account sequence, group 30, and
/// default customer 100001 of store HOUSTON.
fn with_default_customer() -> TestEnv {
    TestEnv::made("default_customer", default_customer)
}

fn default_customer(env: &TestEnv) {
    crate::common::customer_accounts(env);
    env.ok(&[
        "customer-group",
        "add",
        "30",
        "--description",
        "Retail customers",
        "--dimension",
        "BusinessUnit=002",
        "--dimension",
        "Department=022",
    ]);
    env.ok(&[
        "customer",
        "add",
        "--type",
        "person",
        "--first-name",
        "Default",
        "--last-name",
        "Customer",
        "--group",
        "30",
        "--currency",
        "USD",
        "--language",
        "en-US",
        "--receipt-option",
        "email",
        "--affiliation",
        "Retail",
        "--address-book",
        "HOUSTON-CUST",
        "--legal-entity",
        "USRT",
    ]);
    env.ok(&["store", "set", "HOUSTON", "--default-customer", "100001"]);
}

fn ada() -> Vec<&'static str> {
    vec![
        "customer",
        "add",
        "--store",
        "HOUSTON",
        "--first-name",
        "Ada",
        "--last-name",
        "Lovelace",
        "--email",
        "ada@example.com",
        "--phone",
        "+1 713 555 0100",
    ]
}

#[test]
fn the_issue_example() {
    on_both_engines(|| {
        let env = with_default_customer();
        assert_snapshot!(env.run(&ada()), @"
        $ hq customer add --store HOUSTON --first-name Ada --last-name Lovelace --email ada@example.com --phone '+1 713 555 0100'
        [exit 0]
        --- stdout
        --- stderr
        Created customer 100002
        Updated number sequence CUSTACCT: next 100002 -> 100003
        ");
        assert_snapshot!(env.run(&["customer", "show", "100002", "--json"]), @r#"
        $ hq customer show 100002 --json
        [exit 0]
        --- stdout
        {
          "account": "100002",
          "type": "person",
          "first_name": "Ada",
          "middle_name": null,
          "last_name": "Lovelace",
          "organization_name": null,
          "legal_entity": "USRT",
          "group": "30",
          "receipt_option": "email",
          "receipt_email": null,
          "currency": "USD",
          "language": "en-US",
          "affiliations": [
            "Retail"
          ],
          "financial_dimensions": [
            {
              "name": "BusinessUnit",
              "value": "002"
            },
            {
              "name": "Department",
              "value": "022"
            }
          ],
          "address_books": [
            "HOUSTON-CUST"
          ],
          "addresses": [],
          "contacts": [
            {
              "kind": "email",
              "value": "ada@example.com",
              "primary": true,
              "marketing_opt_in": false
            },
            {
              "kind": "phone",
              "value": "+17135550100",
              "primary": true,
              "marketing_opt_in": false
            }
          ],
          "attributes": [],
          "store": "HOUSTON",
          "status": "active"
        }
        --- stderr
        "#);
        let list = env.json(&["customer", "list", "--store", "HOUSTON"]);
        let accounts: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["account"].as_str().unwrap())
            .collect();
        assert_eq!(accounts, ["100001", "100002"]);
        let c = &list[1];
        for key in [
            "account",
            "type",
            "first_name",
            "middle_name",
            "last_name",
            "organization_name",
            "group",
            "receipt_option",
            "receipt_email",
            "currency",
            "language",
            "affiliations",
            "financial_dimensions",
            "address_books",
            "addresses",
            "contacts",
            "attributes",
            "status",
            "legal_entity",
        ] {
            assert!(c.get(key).is_some(), "missing {key}");
        }
    });
}

#[test]
fn given_values_win_but_financial_dimensions_follow_the_default_customers_group() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&[
            "customer-group",
            "add",
            "40",
            "--description",
            "Staff",
            "--dimension",
            "BusinessUnit=009",
        ]);
        let mut args = ada();
        args.extend([
            "--group",
            "40",
            "--currency",
            "EUR",
            "--affiliation",
            "Employee",
            "--receipt-option",
            "print",
        ]);
        let c = env.json(&args);
        assert_eq!(c["group"], "40");
        assert_eq!(c["currency"], "EUR");
        assert_eq!(c["receipt_option"], "print");
        assert_eq!(c["affiliations"], serde_json::json!(["Employee"]));
        assert_eq!(
            c["financial_dimensions"],
            serde_json::json!([{"name": "BusinessUnit", "value": "002"}, {"name": "Department", "value": "022"}])
        );
        assert_eq!(c["language"], "en-US");
    });
}

#[test]
fn a_default_customer_with_a_receipt_email_is_warned_about_and_shared_only_when_none_is_given() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&[
            "customer",
            "set",
            "100001",
            "--receipt-email",
            "receipts@contoso.com",
        ]);
        let t = env.run(&[
            "store",
            "set",
            "HOUSTON",
            "--default-customer",
            "100001",
            "--name",
            "Houston Galleria",
        ]);
        assert!(
            t.contains(
                "warning: default customer 100001 has the receipt email receipts@contoso.com"
            ),
            "{t}"
        );
        let t = env.run(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Shared",
        ]);
        assert!(
            t.contains("warning: the new customer inherits the receipt email receipts@contoso.com"),
            "{t}"
        );
        assert_eq!(
            env.json(&["customer", "show", "100002"])["receipt_email"],
            "receipts@contoso.com"
        );
        let t = env.run(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Own",
            "--receipt-email",
            "own@example.com",
        ]);
        assert!(!t.contains("warning"), "{t}");
        assert_eq!(
            env.json(&["customer", "show", "100003"])["receipt_email"],
            "own@example.com"
        );
    });
}

#[test]
fn a_store_without_a_default_customer_cannot_create_customers() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&["store", "set", "HOUSTON", "--default-customer", ""]);
        assert_snapshot!(env.refused(&ada(), 3), @"
        $ hq customer add --store HOUSTON --first-name Ada --last-name Lovelace --email ada@example.com --phone '+1 713 555 0100'
        [exit 3]
        --- stdout
        --- stderr
        error: store HOUSTON has no default customer, so it cannot create customers
        hint: set one with `hq store set HOUSTON --default-customer ACCOUNT`
        ");
    });
}

#[test]
fn the_default_customer_must_exist_in_the_stores_legal_entity() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&[
            "legal-entity",
            "add",
            "USMF",
            "--name",
            "Contoso Manufacturing",
            "--country",
            "US",
            "--language",
            "en-US",
        ]);
        // A customer's group is one of its own legal entity's: 30 of USRT is not USMF's.
        let fabrikam = [
            "customer",
            "add",
            "--account",
            "MF-1",
            "--type",
            "organization",
            "--organization-name",
            "Fabrikam",
            "--group",
            "30",
            "--currency",
            "USD",
            "--legal-entity",
            "USMF",
        ];
        let refused = env.refused(&fabrikam, 4);
        assert!(
            refused.contains("legal entity USMF has no customer group \"30\" (given by --group)")
                && refused.contains("30 is a group of USRT"),
            "{refused}"
        );
        env.ok(&[
            "customer-group",
            "add",
            "30",
            "--legal-entity",
            "USMF",
            "--description",
            "Retail",
            "--dimension",
            "BusinessUnit=007",
        ]);
        env.ok(&fabrikam);
        let t = env.refused(
            &["store", "set", "HOUSTON", "--default-customer", "MF-1"],
            3,
        );
        assert!(
            t.contains("customer MF-1 belongs to legal entity USMF, and store HOUSTON to USRT"),
            "{t}"
        );
        env.refused(
            &["store", "set", "HOUSTON", "--default-customer", "NOPE"],
            4,
        )
        .says(&["customer \"NOPE\" does not exist (given by --default-customer)"]);
        let t = env.refused(&["customer", "remove", "100001"], 5);
        assert!(
            t.contains("still used by stores as their default customer HOUSTON"),
            "{t}"
        );
    });
}

#[test]
fn addresses_default_their_purpose_by_type_and_their_country_by_store() {
    on_both_engines(|| {
        let env = with_default_customer();
        let mut args = ada();
        args.extend(["--street", "12 Elm St", "--city", "Houston"]);
        let c = env.json(&args);
        assert_eq!(c["addresses"][0]["purpose"], "home");
        assert_eq!(c["addresses"][0]["country"], "US");
        assert_eq!(c["addresses"][0]["primary"], true);
        let o = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--type",
            "organization",
            "--organization-name",
            "Fabrikam",
            "--street",
            "1 Plaza",
            "--city",
            "Houston",
        ]);
        assert_eq!(o["addresses"][0]["purpose"], "business");
        env.ok(&[
            "customer",
            "address",
            "add",
            "100002",
            "--purpose",
            "delivery",
            "--street",
            "9 Oak St",
            "--city",
            "Austin",
            "--primary",
        ]);
        let c = env.json(&["customer", "show", "100002"]);
        assert_eq!(c["addresses"][0]["primary"], false);
        assert_eq!(c["addresses"][1]["primary"], true);
        env.refused(
            &[
                "customer",
                "address",
                "add",
                "100002",
                "--purpose",
                "mailbox",
                "--street",
                "x",
                "--city",
                "y",
            ],
            2,
        )
        .says(&["invalid value 'mailbox' for '--purpose <PURPOSE>'"]);
        env.ok(&["customer", "address", "remove", "100002", "2"]);
        assert_eq!(
            env.json(&["customer", "show", "100002"])["addresses"][0]["primary"],
            true
        );
        env.refused(&["customer", "address", "remove", "100002", "5"], 4)
            .says(&["customer 100002 has no address 5 (it has 1)"]);
    });
}

#[test]
fn a_second_address_takes_its_country_from_the_customers_store_as_the_first_does() {
    on_both_engines(|| {
        let env = with_default_customer();
        // The store is across the border from its legal entity (USRT, US).
        env.ok(&[
            "store",
            "set",
            "HOUSTON",
            "--country",
            "CA",
            "--state",
            "ON",
            "--postal-code",
            "M5V 2T6",
        ]);
        let mut args = ada();
        args.extend(["--street", "1 Bay St", "--city", "Toronto"]);
        let c = env.json(&args);
        assert_eq!(c["store"], "HOUSTON");
        assert_eq!(c["addresses"][0]["country"], "CA");
        env.ok(&[
            "customer",
            "address",
            "add",
            "100002",
            "--purpose",
            "delivery",
            "--street",
            "9 King St",
            "--city",
            "Toronto",
        ]);
        let c = env.json(&["customer", "show", "100002"]);
        assert_eq!(c["addresses"][1]["country"], "CA", "{c}");
        // A customer made in HQ without a store: the legal entity's country.
        env.ok(&[
            "customer",
            "address",
            "add",
            "100001",
            "--street",
            "2 Main St",
            "--city",
            "Houston",
        ]);
        let d = env.json(&["customer", "show", "100001"]);
        assert_eq!(d["store"], serde_json::Value::Null);
        assert_eq!(d["addresses"][0]["country"], "US", "{d}");
    });
}

#[test]
fn without_multiple_contacts_a_second_email_is_refused_naming_the_feature() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&["feature", "disable", "multiple-contacts", "--yes"]);
        env.ok(&ada());
        assert_snapshot!(env.refused(&["customer", "contact", "add", "100002", "--email", "ada@work.example.com"], 3), @r#"
        $ hq customer contact add 100002 --email ada@work.example.com
        [exit 3]
        --- stdout
        --- stderr
        error: invalid value "ada@work.example.com" for --email: a second email: without the feature "Capture multiple emails and phone numbers and consent for marketing on these contacts" a customer has at most one email and one phone and no marketing consent
        hint: enable it with `hq feature enable multiple-contacts`
        "#);
        env.refused(
            &[
                "customer",
                "contact",
                "add",
                "100002",
                "--phone",
                "+1 713 555 0101",
                "--marketing-opt-in",
            ],
            3,
        ).says(&["invalid value \"+17135550101\" for --phone: a second phone: without the feature \"Capture multiple emails and phone numbers and consent for marketing on these contacts\" a customer has at most one email and one phone and no marketing consent"]);
        env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "Two",
                "--email",
                "a@example.com",
                "--email",
                "b@example.com",
            ],
            3,
        ).says(&["invalid value \"b@example.com\" for --email: a second email: without the feature \"Capture multiple emails and phone numbers and consent for marketing on these contacts\" a customer has at most one email and one phone and no marketing consent"]);
        env.ok(&["feature", "enable", "multiple-contacts"]);
        env.ok(&[
            "customer",
            "contact",
            "add",
            "100002",
            "--email",
            "ada@work.example.com",
            "--marketing-opt-in",
            "--primary",
        ]);
        let contacts = env.json(&["customer", "contact", "list", "100002"]);
        assert_eq!(contacts[0]["primary"], false);
        assert_eq!(
            contacts[2],
            serde_json::json!({"kind": "email", "value": "ada@work.example.com", "primary": true, "marketing_opt_in": true})
        );
        env.ok(&[
            "customer",
            "contact",
            "remove",
            "100002",
            "ada@work.example.com",
        ]);
        assert_eq!(
            env.json(&["customer", "contact", "list", "100002"])[0]["primary"],
            true
        );
    });
}

#[test]
fn bad_values_are_refused_with_the_file_unchanged() {
    on_both_engines(|| {
        let env = with_default_customer();
        for (flag, value) in [
            ("--currency", "XYZ"),
            ("--language", "english!!"),
            ("--email", "ada@"),
            ("--phone", "12"),
        ] {
            let mut args = vec!["customer", "add", "--store", "HOUSTON", "--last-name", "X"];
            args.extend([flag, value]);
            let t = env.refused(&args, 3);
            assert!(
                t.contains(&format!("invalid value {value:?} for {flag}")),
                "{t}"
            );
        }
        // A value outside a fixed set, on the command line, is a usage error (exit 2) listing the
        // set, as for every such flag.
        for (flag, value, set) in [
            (
                "--receipt-option",
                "fax",
                "[possible values: print, email, print-and-email]",
            ),
            (
                "--type",
                "company",
                "[possible values: person, organization]",
            ),
            (
                "--purpose",
                "mailbox",
                "an address purpose is one of home, business, office, post-box, delivery, invoice, other",
            ),
        ] {
            let mut args = vec!["customer", "add", "--store", "HOUSTON", "--last-name", "X"];
            args.extend([flag, value]);
            if flag == "--purpose" {
                args.extend(["--street", "1 Elm", "--city", "Houston"]);
            }
            let t = env.refused(&args, 2);
            assert!(
                t.contains(&format!("invalid value '{value}' for '{flag}")),
                "{t}"
            );
            assert!(t.contains(set), "{t}");
        }
        // In any case, as before.
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Y",
            "--receipt-option",
            "EMAIL",
            "--type",
            "Person",
        ]);
        env.refused(
            &[
                "customer",
                "add",
                "--type",
                "person",
                "--last-name",
                "X",
                "--group",
                "99",
                "--currency",
                "USD",
            ],
            4,
        )
        .says(&["legal entity USRT has no customer group \"99\" (given by --group)"]);
        env.refused(
            &[
                "customer",
                "add",
                "--type",
                "person",
                "--last-name",
                "X",
                "--currency",
                "USD",
            ],
            2,
        )
        .says(&["missing --group: the customer group"]);
        env.refused(&["customer", "add", "--store", "HOUSTON"], 3)
            .says(&["--last-name: a person needs a first or last name"]);
    });
}

#[test]
fn an_allocated_account_taken_by_an_explicit_one_is_a_conflict_naming_the_sequence() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--account",
            "100002",
            "--last-name",
            "Explicit",
        ]);
        assert_snapshot!(env.refused(&ada(), 5), @"
        $ hq customer add --store HOUSTON --first-name Ada --last-name Lovelace --email ada@example.com --phone '+1 713 555 0100'
        [exit 5]
        --- stdout
        --- stderr
        error: number sequence CUSTACCT would hand out 100002 for customer_account, but a customer has that account already: the sequence is behind the numbers in use
        hint: move it past them: `hq numseq set CUSTACCT --next 100003`
        ");
        assert_eq!(
            env.ok(&["numseq", "next", "CUSTACCT"]),
            "100002\n",
            "a refused command consumed no number"
        );
    });
}

#[test]
fn customer_attributes_follow_the_customer_attribute_group() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&ada());
        let t = env.refused(
            &[
                "customer",
                "attribute",
                "set",
                "100002",
                "PreferredCategory=Handbags",
            ],
            3,
        );
        assert!(t.contains("no customer attribute group is set"), "{t}");
        env.ok(&[
            "attribute-type",
            "add",
            "Interests",
            "--kind",
            "text",
            "--value",
            "Handbags",
            "--value",
            "Shoes",
        ]);
        env.ok(&[
            "attribute-type",
            "add",
            "Count",
            "--kind",
            "integer",
            "--min",
            "0",
        ]);
        env.ok(&[
            "attribute",
            "add",
            "PreferredCategory",
            "--type",
            "Interests",
        ]);
        env.ok(&["attribute", "add", "Visits", "--type", "Count"]);
        env.ok(&["attribute", "add", "Other", "--type", "Count"]);
        env.ok(&["attribute-group", "add", "Customer"]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "add",
            "Customer",
            "PreferredCategory",
            "--order",
            "1",
        ]);
        env.ok(&[
            "attribute-group",
            "attribute",
            "add",
            "Customer",
            "Visits",
            "--order",
            "2",
        ]);
        env.ok(&["param", "set", "--customer-attribute-group", "Customer"]);
        env.ok(&[
            "customer",
            "attribute",
            "set",
            "100002",
            "PreferredCategory=handbags",
            "Visits=3",
        ]);
        assert_eq!(
            env.json(&["customer", "show", "100002"])["attributes"],
            serde_json::json!([{"name": "PreferredCategory", "value": "Handbags"}, {"name": "Visits", "value": "3"}])
        );
        env.refused(&["customer", "attribute", "set", "100002", "Visits=-1"], 3)
            .says(&["invalid value \"-1\" for Visits=: type Count takes numbers of at least 0"]);
        let t = env.refused(&["customer", "attribute", "set", "100002", "Other=1"], 3);
        assert!(
            t.contains("not an attribute of the customer attribute group Customer"),
            "{t}"
        );
        env.refused(&["customer", "attribute", "set", "100002", "Visits"], 3)
            .says(&["invalid value \"Visits\" for NAME=VALUE: expected NAME=VALUE"]);
        assert_eq!(
            env.json(&[
                "customer",
                "list",
                "--attribute",
                "PreferredCategory=Handbags"
            ])
            .as_array()
            .unwrap()
            .len(),
            1
        );
        env.ok(&["customer", "attribute", "set", "100002", "Visits="]);
        assert_eq!(
            env.json(&["customer", "show", "100002"])["attributes"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    });
}

#[test]
fn async_customers_wait_in_the_channel_database_until_synced() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&["store", "set", "HOUSTON", "--async-customer-creation"]);
        let before = env.json(&["numseq", "show", "CUSTACCT"])["next"].clone();
        let t = env.run(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
            "--email",
            "grace@example.com",
        ]);
        assert!(t.contains("Created pending customer "), "{t}");
        assert!(t.contains("are not inherited by an async customer"), "{t}");
        assert_eq!(
            env.json(&["numseq", "show", "CUSTACCT"])["next"],
            before,
            "no account until sync"
        );
        let pending = env.json(&["customer", "list", "--pending"]);
        let id = pending[0]["id"].as_str().unwrap().to_string();
        assert_eq!(id.len(), 36, "a UUID");
        assert_eq!(pending[0]["status"], "pending-sync");
        assert_eq!(pending[0]["channel_database"], "Default");
        assert_eq!(
            pending[0]["customer"]["affiliations"],
            serde_json::json!([])
        );
        assert_eq!(
            env.json(&["customer", "show", &id])["status"],
            "pending-sync"
        );
        env.refused(&["customer", "set", &id, "--last-name", "X"], 3)
            .says(&[
                &format!(
                    "customer {id} is an async customer pending sync in channel database Default"
                ),
                "it is not in HQ yet",
            ]);
        // Async customers: no second contact, whatever the multiple-contacts feature says.
        let t = env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "Two",
                "--email",
                "a@example.com",
                "--email",
                "b@example.com",
            ],
            3,
        );
        assert!(
            t.contains("the multiple-contacts feature does not apply to them"),
            "{t}"
        );
        let t = env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "Aff",
                "--affiliation",
                "Loyal",
            ],
            3,
        );
        assert!(t.contains("Enable enhanced async customer creation"), "{t}");
        // With enhanced async creation, affiliations are inherited.
        env.ok(&["feature", "enable", "enhanced-async-customers"]);
        env.ok(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--last-name",
            "Enhanced",
        ]);
        assert_eq!(
            env.json(&["customer", "list", "--pending"])[1]["customer"]["affiliations"],
            serde_json::json!(["Retail"])
        );
        let synced = env.json(&["customer", "sync"]);
        assert_eq!(synced.as_array().unwrap().len(), 2);
        assert_eq!(synced[0]["account"], "100002");
        assert_eq!(
            env.json(&["customer", "list", "--pending"]),
            serde_json::json!([])
        );
        let c = env.json(&["customer", "show", &id]);
        assert_eq!(c["account"], "100002");
        assert_eq!(c["status"], "active");
        assert!(env.ok(&["customer", "sync"]).is_empty());
    });
}

#[test]
fn customers_are_found_by_store_group_affiliation_and_search() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&ada());
        env.ok(&["customer-group", "add", "40", "--description", "Staff"]);
        env.ok(&[
            "address-book",
            "add",
            "OTHER-CUST",
            "--name",
            "Elsewhere",
            "--kind",
            "customer",
        ]);
        env.ok(&[
            "customer",
            "add",
            "--type",
            "person",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
            "--group",
            "40",
            "--currency",
            "USD",
            "--address-book",
            "OTHER-CUST",
            "--phone",
            "(212) 555-0123",
            "--affiliation",
            "Loyal",
        ]);
        let accounts = |args: &[&str]| -> Vec<String> {
            let mut all = vec!["customer", "list"];
            all.extend(args);
            env.json(&all)
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(accounts(&["--store", "HOUSTON"]), ["100001", "100002"]);
        assert_eq!(accounts(&["--group", "40"]), ["100003"]);
        assert_eq!(accounts(&["--affiliation", "retail"]), ["100001", "100002"]);
        assert_eq!(accounts(&["--search", "lovel"]), ["100002"]);
        assert_eq!(accounts(&["--search", "Ada L"]), ["100002"]);
        assert_eq!(accounts(&["--search", "ADA@EX"]), ["100002"]);
        assert_eq!(accounts(&["--search", "+1 212 555"]), ["100003"]);
        assert_eq!(
            accounts(&["--search", "10000"]),
            ["100001", "100002", "100003"]
        );
        assert_eq!(accounts(&["--limit", "1", "--offset", "1"]), ["100002"]);
        assert_eq!(
            accounts(&["--store", "HOUSTON", "--group", "40"]),
            Vec::<String>::new()
        );
        // Search with other filters: a small affiliation drives, the group is checked per match.
        assert_eq!(
            accounts(&["--affiliation", "Loyal", "--search", "hop"]),
            ["100003"]
        );
        assert_eq!(
            accounts(&["--group", "40", "--search", "lov"]),
            Vec::<String>::new()
        );
        assert_eq!(accounts(&["--group", "30", "--search", "ada"]), ["100002"]);
        assert_eq!(
            accounts(&["--store", "HOUSTON", "--search", "cust"]),
            ["100001"]
        );
        env.refused(&["customer", "list", "--store", "NOPE"], 4)
            .says(&["store \"NOPE\" does not exist (given by --store)"]);
        assert_snapshot!(env.run(&["customer", "list", "--search", "grace"]), @"
        $ hq customer list --search grace
        [exit 0]
        --- stdout
        ACCOUNT  NAME          GROUP  EMAIL  PHONE         LEGAL ENTITY
        100003   Grace Hopper  40     -      +12125550123  USRT
        --- stderr
        ");
    });
}

#[test]
fn what_customers_use_cannot_be_removed() {
    on_both_engines(|| {
        let env = with_default_customer();
        env.ok(&ada());
        let t = env.refused(&["customer-group", "remove", "30"], 5);
        assert!(
            t.contains("customer group 30/USRT is still used by customers 100001, 100002"),
            "{t}"
        );
        let t = env.refused(&["address-book", "remove", "HOUSTON-CUST"], 5);
        assert!(t.contains("customers 100001, 100002"), "{t}");
        env.ok(&["customer", "remove", "100002"]);
        env.refused(&["customer", "show", "100002"], 4)
            .says(&["customer \"100002\" does not exist (given by ACCOUNT)"]);
    });
}

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    std::fs::write(env.dir().join(name), text).unwrap();
    name.to_string()
}

const HEADER: &str =
    "type,first_name,last_name,group,currency,email,phone,street,city,affiliations\n";

#[test]
fn import_creates_every_row_in_one_transaction() {
    on_both_engines(|| {
        let env = with_default_customer();
        let csv = write(&env, "c.csv", &format!(
            "{HEADER}person,Ada,Lovelace,30,USD,ada@example.com,+1 713 555 0100,1 Elm St,Houston,Loyal;VIP\n\
             organization,,,30,USD,,,,,\n"
        ).replace("organization,,,30", "organization,,,30").replace("organization,,,", "organization,Fabrikam,,"));
        let t = env.refused(&["customer", "import", &csv], 3);
        assert!(
            t.contains("c.csv:3"),
            "an organization needs its name, and first_name is not it: {t}"
        );
        let csv = write(
            &env,
            "ok.csv",
            "type,first_name,last_name,organization_name,group,currency,email,phone,street,city,affiliations\n\
            person,Ada,Lovelace,,30,USD,ada@example.com,+1 713 555 0100,1 Elm St,Houston,Loyal;VIP\n\
            organization,,,Fabrikam,30,USD,,,,,\n",
        );
        // A dry run checks every row and imports none, in the JSON too.
        let before = env.snapshot_files();
        let r = env.json(&["customer", "import", &csv, "--dry-run"]);
        assert_eq!(
            (&r["dry_run"], &r["rows"], &r["valid"], &r["imported"]),
            (
                &serde_json::json!(true),
                &serde_json::json!(2),
                &serde_json::json!(2),
                &serde_json::json!(0)
            ),
            "{r}"
        );
        assert!(before == env.snapshot_files());
        assert_snapshot!(env.run(&["customer", "import", &csv]), @"
        $ hq customer import ok.csv
        [exit 0]
        --- stdout
        --- stderr
        Imported 2 customers from ok.csv (accounts 100002 to 100003).
        ");
        let c = env.json(&["customer", "show", "100002"]);
        assert_eq!(c["affiliations"], serde_json::json!(["Loyal", "VIP"]));
        assert_eq!(c["addresses"][0]["purpose"], "home");
        assert_eq!(
            env.json(&["customer", "show", "100003"])["organization_name"],
            "Fabrikam"
        );
        assert_eq!(env.ok(&["numseq", "next", "CUSTACCT"]), "100004\n");
        let log = env.json(&["log", "--limit", "1"]);
        assert_eq!(log[0]["summary"], "created customer import ok.csv");
    });
}

#[test]
fn import_with_a_store_inherits_from_its_default_customer() {
    on_both_engines(|| {
        let env = with_default_customer();
        let csv = write(
            &env,
            "s.csv",
            "first_name,last_name,email\nAda,Lovelace,ada@example.com\nGrace,Hopper,\n",
        );
        env.ok(&["customer", "import", &csv, "--store", "HOUSTON"]);
        let c = env.json(&["customer", "show", "100003"]);
        assert_eq!(c["group"], "30");
        assert_eq!(c["affiliations"], serde_json::json!(["Retail"]));
        assert_eq!(c["address_books"], serde_json::json!(["HOUSTON-CUST"]));
    });
}

/// A CSV of `n` valid people, header first; `edit` may change row `i` (counted from 0, so row
/// `i` is on line `i + 2`).
fn people_csv(n: usize, edit: impl Fn(usize, String) -> String) -> String {
    let mut text = String::from("type,first_name,last_name,group,currency,email\n");
    for i in 0..n {
        let row = format!("person,First{i},Last{i},30,USD,p{i}@example.com");
        text.push_str(&edit(i, row));
        text.push('\n');
    }
    text
}

#[test]
fn one_bad_row_among_a_thousand_stops_the_import_and_names_its_line_and_column() {
    on_both_engines(|| {
        let env = with_default_customer();
        let text = people_csv(1000, |i, row| {
            if i == 499 {
                row.replace(",USD,", ",XYZ,")
            } else {
                row
            }
        });
        let csv = write(&env, "big.csv", &text);
        assert_snapshot!(env.refused(&["customer", "import", &csv], 3), @r#"
        $ hq customer import big.csv
        [exit 3]
        --- stdout
        --- stderr
        error: big.csv:501: column currency: invalid value "XYZ" for column currency: it is not an ISO 4217 currency code
        hint: use a three-letter code such as USD, EUR or GBP
        hint: nothing was imported; fix the row and run the import again (`hq customer import big.csv --dry-run` lists every invalid row)
        "#);
        assert_eq!(
            env.json(&["customer", "list"]).as_array().unwrap().len(),
            1,
            "nothing imported"
        );
        // A dry run lists every invalid row.
        let text = text.replace(
            "First10,Last10,30,USD,p10@example.com",
            "First10,Last10,30,USD,p10@",
        );
        let csv = write(&env, "big2.csv", &text);
        let out = env.output(&["customer", "import", &csv, "--dry-run", "--json"]);
        assert_eq!(out.status.code(), Some(3));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["rows"], 1000);
        assert_eq!(
            report["errors"],
            serde_json::json!([
                {"line": 12, "column": "email", "message": "invalid value \"p10@\" for column email: it is not an email address (Domain is empty.)"},
                {"line": 501, "column": "currency", "message": "invalid value \"XYZ\" for column currency: it is not an ISO 4217 currency code"}
            ])
        );
    });
}

/// Accounts taken are found per row wherever the row falls in the batches a server writes
/// together (500 to a statement): by a customer already there, and by an earlier row of the
/// file written another way; the rows around them are written with all their lists.
#[test]
fn taken_accounts_are_found_row_by_row_among_rows_written_together() {
    on_both_engines(|| {
        let env = with_default_customer();
        let accounts = |env: &TestEnv| -> Vec<String> {
            env.json(&["customer", "list", "--limit", "5000"])
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        let existing = accounts(&env)[0].clone();
        let rows = |taken: bool| {
            let mut text = String::from(
                "type,account,first_name,last_name,group,currency,email,phone,affiliations\n",
            );
            for i in 0..1200 {
                let account = match i {
                    700 if taken => existing.clone(),
                    1100 if taken => "a5".to_string(),
                    _ => format!("A{i}"),
                };
                text.push_str(&format!(
                    "person,{account},First{i},Last{i},30,USD,p{i}@example.com,+1 713 555 {:04},VIP\n",
                    i % 10_000
                ));
            }
            text
        };
        let csv = write(&env, "taken.csv", &rows(true));
        let out = env.output(&["customer", "import", &csv, "--dry-run", "--json"]);
        assert_eq!(out.status.code(), Some(3), "a dry run with invalid rows");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["rows"], 1200);
        assert_eq!(report["valid"], 1198, "{report}");
        assert_eq!(
            report["errors"],
            serde_json::json!([
                {"line": 702, "column": "account", "message": format!("customer {existing} already exists")},
                {"line": 1102, "column": "account", "message": "customer a5 already exists"}
            ])
        );
        env.refused(&["customer", "import", &csv], 5)
            .says(&["taken.csv:702: column account: customer", "already exists"]);
        assert_eq!(accounts(&env).len(), 1, "nothing imported");
        // Without them, every row and its lists are written.
        let csv = write(&env, "fine.csv", &rows(false));
        env.ok(&["customer", "import", &csv]);
        assert_eq!(accounts(&env).len(), 1201);
        let c = env.json(&["customer", "show", "A1199"]);
        assert_eq!(c["affiliations"], serde_json::json!(["VIP"]), "{c}");
        let contacts = c["contacts"].to_string();
        assert!(contacts.contains("p1199@example.com"), "{contacts}");
        assert!(contacts.contains("1199"), "{contacts}");
    });
}

#[test]
fn a_row_the_csv_reader_cannot_read_stops_the_import_even_past_the_first_batches() {
    on_both_engines(|| {
        // Rows are read and checked on a second thread and handed over in batches of 512: a row
        // that cannot be read in the third batch still stops everything, with its line.
        let env = with_default_customer();
        let text = people_csv(1500, |i, row| if i == 1199 { row + ",oops" } else { row });
        let csv = write(&env, "ragged.csv", &text);
        for dry in [false, true] {
            let mut args = vec!["customer", "import", csv.as_str()];
            if dry {
                args.push("--dry-run");
            }
            let t = env.refused(&args, 3);
            assert!(
                t.contains("error: ragged.csv:1201: cannot read the row:"),
                "{t}"
            );
            assert!(t.contains("7 fields"), "{t}");
        }
        assert_eq!(env.json(&["customer", "list"]).as_array().unwrap().len(), 1);
    });
}

#[test]
fn import_refuses_unknown_columns_and_missing_files() {
    on_both_engines(|| {
        let env = with_default_customer();
        let csv = write(&env, "u.csv", "type,first_nmae\nperson,Ada\n");
        let t = env.refused(&["customer", "import", &csv], 3);
        assert!(
            t.contains("u.csv:1: column first_nmae: unknown column \"first_nmae\""),
            "{t}"
        );
        assert!(t.contains("did you mean first_name?"), "{t}");
        env.refused(&["customer", "import", "missing.csv"], 74)
            .says(&["cannot read missing.csv: No such file or directory (os error 2)"]);
        let csv = write(
            &env,
            "dup.csv",
            "type,last_name,group,currency,account\nperson,A,30,USD,X1\nperson,B,30,USD,x1\n",
        );
        let t = env.refused(&["customer", "import", &csv], 5);
        assert!(
            t.contains("dup.csv:3: column account: customer x1 already exists"),
            "{t}"
        );
    });
}

/// Counts the customer tables' secondary indexes, as `sqlite_schema` lists them.
fn customer_indexes(env: &TestEnv) -> i64 {
    let c = rusqlite::Connection::open(env.data()).unwrap();
    c.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'customer%'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_bulk_import_rebuilds_the_indexes_it_drops_and_a_refused_one_keeps_them() {
    let env = with_default_customer();
    let indexes = customer_indexes(&env);
    assert!(
        indexes >= 10,
        "the customer tables have their indexes: {indexes}"
    );
    let bulk = |args: &[&str]| {
        let mut cmd = env.command(args);
        cmd.env("HQ_IMPORT_BULK_BYTES", "0")
            .stdin(std::process::Stdio::null());
        cmd.output().unwrap()
    };
    // A refused bulk import: the dropped indexes come back with the rollback.
    let bad = write(
        &env,
        "bad.csv",
        &format!("{HEADER}person,Ada,Lovelace,30,USD,ada@,,,,\n"),
    );
    let before = env.snapshot_files();
    assert_eq!(bulk(&["customer", "import", &bad]).status.code(), Some(3));
    assert!(before == env.snapshot_files(), "the data file changed");
    // A good one: every index is rebuilt and the search uses them.
    let ok = write(
        &env,
        "ok.csv",
        &format!(
            "{HEADER}person,Ada,Lovelace,30,USD,ada@example.com,+1 713 555 0100,1 Elm St,Houston,VIP\n\
             person,Grace,Hopper,30,USD,grace@example.com,,,,\n"
        ),
    );
    let out = bulk(&["customer", "import", &ok]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(customer_indexes(&env), indexes);
    assert_eq!(
        env.json(&["status"])["counts"]["customers"],
        3,
        "a bulk load counts its customers once, with the trigger back in place"
    );
    let found = env.json(&["customer", "list", "--search", "hopp"]);
    assert_eq!(found[0]["account"], "100003");
    let found = env.json(&["customer", "list", "--affiliation", "VIP"]);
    assert_eq!(found[0]["account"], "100002");
    env.ok(&["customer", "remove", "100003"]);
    env.ok(&[
        "customer",
        "add",
        "--type",
        "person",
        "--last-name",
        "After",
        "--group",
        "30",
        "--currency",
        "USD",
    ]);
    assert_eq!(
        env.json(&["status"])["counts"]["customers"],
        3,
        "the insert trigger is back"
    );
}

#[test]
fn a_search_lists_account_then_name_then_contact_matches_each_customer_once_and_pages() {
    on_both_engines(|| {
        let env = with_default_customer();
        let add = |first: &str, last: &str, email: &str| {
            env.ok(&[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--first-name",
                first,
                "--last-name",
                last,
                "--email",
                email,
            ]);
        };
        add("Zed", "Brown", "zed@example.com"); // 100002: name only (last name "brown")
        add("Bob", "Smith", "brownie@example.com"); // 100003: email only
        add("Brown", "Brown", "brown@example.com"); // 100004: first, last and email
        add("Amy", "Browning", "amy@example.com"); // 100005: last name
        let accounts = |args: &[&str]| -> Vec<String> {
            let mut all = vec!["customer", "list"];
            all.extend(args);
            env.json(&all)
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        // Last names in name order (brown, brown, browning), then full names not yet listed, then
        // emails: each customer once.
        let all = accounts(&["--search", "brown"]);
        assert_eq!(all, ["100002", "100004", "100005", "100003"]);
        // Pages are slices of that one order.
        assert_eq!(accounts(&["--search", "brown", "--limit", "2"]), all[..2]);
        assert_eq!(
            accounts(&["--search", "brown", "--limit", "2", "--offset", "2"]),
            all[2..]
        );
        assert_eq!(
            accounts(&["--search", "brown", "--offset", "4"]),
            Vec::<String>::new()
        );
    });
}

#[test]
fn status_counts_customers_through_adds_sets_imports_and_removes() {
    on_both_engines(|| {
        let env = with_default_customer();
        let count = |env: &TestEnv| {
            env.json(&["status"])["counts"]["customers"]
                .as_i64()
                .unwrap()
        };
        assert_eq!(count(&env), 1);
        env.ok(&ada());
        env.ok(&["customer", "set", "100002", "--first-name", "Augusta"]);
        assert_eq!(count(&env), 2, "a change is not a new customer");
        let csv = write(
            &env,
            "two.csv",
            "type,last_name,group,currency\nperson,A,30,USD\nperson,B,30,USD\n",
        );
        env.ok(&["customer", "import", &csv]);
        assert_eq!(count(&env), 4);
        env.ok(&["customer", "remove", "100004"]);
        assert_eq!(count(&env), 3);
        // A refused import leaves the count as it was.
        let bad = write(
            &env,
            "bad.csv",
            "type,last_name,group,currency\nperson,C,30,XYZ\n",
        );
        env.refused(&["customer", "import", &bad], 3).says(&["bad.csv:2: column currency: invalid value \"XYZ\" for column currency: it is not an ISO 4217 currency code"]);
        assert_eq!(count(&env), 3);
    });
}

#[test]
fn a_row_missing_a_value_says_so_in_the_csvs_words_in_message_and_hints() {
    on_both_engines(|| {
        let env = with_default_customer();
        let csv = write(
            &env,
            "nogroup.csv",
            "type,last_name,currency\nperson,King,USD\n",
        );
        env.refused(&["customer", "import", &csv], 2).says(&[
            "nogroup.csv:2: column group: missing column group: the customer group",
            "hint: give column group, or --store to inherit it",
        ]);
        // The same rule at the command line, in its words.
        env.refused(
            &[
                "customer",
                "add",
                "--type",
                "person",
                "--last-name",
                "King",
                "--currency",
                "USD",
            ],
            2,
        )
        .says(&[
            "error: missing --group: the customer group",
            "hint: give --group, or --store to inherit it",
        ]);
    });
}

#[test]
fn the_store_adds_customers_by_the_contacts_feature_as_delivered() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["feature", "disable", "multiple-contacts", "--yes"]);
        env.ok(&["job", "run", "9999"]);
        // On in HQ, not yet at the store: the store judges by what it has.
        env.ok(&["feature", "enable", "multiple-contacts"]);
        let add = [
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "customer",
            "add",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
            "--email",
            "grace@example.com",
            "--email",
            "hopper@example.com",
        ];
        env.refused(&add, 3).says(&[
            "a second email needs the feature",
            "it is enabled in HQ but job 1110 has not carried it to channel database Default",
            "hq job run 1110 --channel-db Default",
        ]);
        env.ok(&["job", "run", "1110"]);
        env.ok(&add);
    });
}

#[test]
fn turning_multiple_contacts_off_says_how_many_customers_keep_several() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let t = env.run(&["feature", "disable", "multiple-contacts", "--yes"]);
        assert!(
            !t.contains("more than one email"),
            "no one has several: {t}"
        );
        env.ok(&["feature", "enable", "multiple-contacts"]);
        env.ok(&[
            "customer",
            "contact",
            "add",
            "100002",
            "--email",
            "one@example.com",
        ]);
        env.ok(&[
            "customer",
            "contact",
            "add",
            "100002",
            "--email",
            "two@example.com",
        ]);
        let t = env.run(&["feature", "disable", "multiple-contacts", "--yes"]);
        assert!(t.contains("[exit 0]"), "{t}");
        assert!(
            t.contains(
                "warning: 1 customer holds more than one email or phone number; they keep them"
            ),
            "{t}"
        );
        let shown = env.json(&["customer", "show", "100002"]);
        assert!(shown["contacts"].as_array().unwrap().len() >= 2, "{shown}");
    });
}

#[test]
fn a_contact_is_changed_by_its_value_or_number() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "customer",
            "contact",
            "add",
            "100003",
            "--email",
            "ada2@example.com",
        ]);
        // By its number in `contact list`: the second email becomes the primary, with consent.
        env.ok(&[
            "customer",
            "contact",
            "set",
            "100003",
            "3",
            "--primary",
            "--marketing-opt-in",
        ]);
        let c = env.json(&["customer", "contact", "list", "100003"]);
        assert_eq!(c[0]["primary"], false, "{c}");
        assert_eq!(
            c[1]["primary"], true,
            "the phone stays primary of its kind: {c}"
        );
        assert_eq!(c[2]["primary"], true, "{c}");
        assert_eq!(c[2]["marketing_opt_in"], true, "{c}");
        // By its value; a phone is read as phones are.
        env.ok(&[
            "customer",
            "contact",
            "set",
            "100003",
            "+1 713 555 0100",
            "--value",
            "713 555 0123",
        ]);
        assert_eq!(
            env.json(&["customer", "contact", "list", "100003"])[1]["value"],
            "+17135550123"
        );
        env.refused(
            &[
                "customer",
                "contact",
                "set",
                "100003",
                "ada@example.com",
                "--value",
                "ADA2@example.com",
            ],
            3,
        )
        .says(&["--value", "the customer already has this contact"]);
        env.refused(
            &["customer", "contact", "set", "100003", "9", "--primary"],
            4,
        )
        .says(&["customer 100003 has no contact \"9\""]);
        env.refused(&["customer", "contact", "set", "100003", "1"], 2)
            .says(&["nothing to change", "--marketing-opt-in"]);
        // Consent needs the multiple-contacts feature.
        env.ok(&[
            "customer",
            "contact",
            "set",
            "100003",
            "3",
            "--marketing-opt-in=false",
        ]);
        env.ok(&[
            "customer",
            "contact",
            "remove",
            "100003",
            "ada2@example.com",
        ]);
        env.ok(&["feature", "disable", "multiple-contacts", "--yes"]);
        env.refused(
            &[
                "customer",
                "contact",
                "set",
                "100003",
                "1",
                "--marketing-opt-in",
            ],
            3,
        )
        .says(&["without the feature"]);
    });
}

#[test]
fn customer_set_edits_dimensions_by_name_and_replaces_or_edits_affiliations() {
    on_both_engines(|| {
        let env = with_default_customer();
        let c = env.json(&[
            "customer",
            "set",
            "100001",
            "--dimension",
            "Department=033",
            "--dimension",
            "Region=South",
            "--remove-dimension",
            "BusinessUnit",
            "--affiliation",
            "Staff",
            "--affiliation",
            "Loyal",
        ]);
        assert_eq!(
            c["financial_dimensions"],
            serde_json::json!([{"name": "Department", "value": "033"}, {"name": "Region", "value": "South"}])
        );
        assert_eq!(c["affiliations"], serde_json::json!(["Loyal", "Staff"]));
        let c = env.json(&[
            "customer",
            "set",
            "100001",
            "--remove-affiliation",
            "staff",
            "--add-affiliation",
            "Employee",
        ]);
        assert_eq!(c["affiliations"], serde_json::json!(["Employee", "Loyal"]));
        // A dimension that is not NAME=VALUE names the flag.
        env.refused(&["customer", "set", "100001", "--dimension", "Region"], 3)
            .says(&["--dimension", "expected NAME=VALUE"]);
    });
}

#[test]
fn the_store_face_takes_no_legal_entity_for_a_new_customer() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.refused(
            &[
                "pos",
                "--store",
                "HOUSTON",
                "--worker",
                "000160",
                "customer",
                "add",
                "--first-name",
                "Bo",
                "--legal-entity",
                "USRT",
            ],
            2,
        )
        .says(&["--legal-entity"]);
    });
}

/// Editing at the store (issue 17, item 2): operation 623 against the worker's permission
/// group as delivered; names and contacts and addresses, with the contacts feature as the
/// store has it; an async customer waiting at the store only with async-customer-editing, the
/// edit carried at sync.
#[test]
fn the_store_edits_customers_with_operation_623_and_async_ones_with_the_editing_feature() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["job", "run", "9999"]);
        let p = |rest: &[&str]| -> Vec<String> {
            ["pos", "--store", "HOUSTON", "--worker", "000161"]
                .iter()
                .chain(rest)
                .map(|s| s.to_string())
                .collect()
        };
        let run = |rest: &[&str]| -> serde_json::Value {
            let args = p(rest);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            env.json(&args)
        };
        let c = run(&[
            "customer",
            "set",
            "100003",
            "--last-name",
            "Byron",
            "--receipt-option",
            "email",
        ]);
        assert_eq!(
            (c["last_name"].as_str(), c["receipt_option"].as_str()),
            (Some("Byron"), Some("email"))
        );
        let c = run(&[
            "customer",
            "contact",
            "add",
            "100003",
            "--email",
            "ada@work.example.com",
        ]);
        assert_eq!(c["contacts"].as_array().unwrap().len(), 3);
        let c = run(&[
            "customer",
            "contact",
            "set",
            "100003",
            "ada@work.example.com",
            "--primary",
        ]);
        let primary: Vec<&str> = c["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["kind"] == "email" && x["primary"] == true)
            .map(|x| x["value"].as_str().unwrap())
            .collect();
        assert_eq!(primary, ["ada@work.example.com"]);
        let c = run(&[
            "customer",
            "address",
            "add",
            "100003",
            "--purpose",
            "Delivery",
            "--street",
            "1 Dock St",
            "--city",
            "Houston",
        ]);
        assert_eq!(c["addresses"].as_array().unwrap().len(), 2);
        let c = run(&["customer", "address", "set", "100003", "2", "--primary"]);
        assert_eq!(c["addresses"][1]["primary"], true);
        assert_eq!(c["addresses"][0]["primary"], false);
        // HQ's fields are not the store's to change.
        let args = p(&["customer", "set", "100003", "--dimension", "Department=033"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, 2).says(&["--dimension"]);
        // The contacts feature as the store has it: off in HQ, still on at the store until job
        // 1110 carries it.
        env.ok(&["feature", "disable", "multiple-contacts", "--yes"]);
        run(&[
            "customer",
            "contact",
            "add",
            "100003",
            "--email",
            "ada@home.example.com",
        ]);
        env.refused(
            &[
                "customer",
                "contact",
                "add",
                "100003",
                "--email",
                "ada@other.example.com",
            ],
            3,
        )
        .says(&["a second email"]);
        env.ok(&["feature", "enable", "multiple-contacts"]);
        // Without 623 (as delivered), no edit.
        env.ok(&["permission-group", "deny", "SALES", "623"]);
        env.ok(&["job", "run", "1060"]);
        let args = p(&["customer", "set", "100003", "--first-name", "Augusta"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, 3).says(&["623"]);
        env.ok(&["permission-group", "allow", "SALES", "623"]);
        env.ok(&["job", "run", "1060"]);
        // An async customer waiting at the store: editable only with async-customer-editing.
        env.ok(&["store", "set", "HOUSTON", "--async-customer-creation"]);
        env.ok(&["job", "run", "9999"]);
        run(&[
            "customer",
            "add",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
        ]);
        let id = env.json(&["customer", "list", "--pending"])[0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let args = p(&["customer", "set", &id, "--last-name", "Murray"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, 3).says(&[
            "--account",
            "async customer waiting to sync at store HOUSTON",
            "Enable async customer editing",
        ]);
        for f in [
            "async-customer-addresses",
            "enhanced-async-customers",
            "async-customer-editing",
        ] {
            env.ok(&["feature", "enable", f]);
        }
        env.ok(&["job", "run", "1110"]);
        let c = run(&["customer", "set", &id, "--last-name", "Murray"]);
        assert_eq!(c["last_name"], "Murray");
        run(&[
            "customer",
            "contact",
            "add",
            &id,
            "--phone",
            "+1 713 555 0142",
        ]);
        // Async limits hold: a second phone is refused.
        let args = p(&[
            "customer",
            "contact",
            "add",
            &id,
            "--phone",
            "+1 713 555 0143",
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, 3)
            .says(&["async customers have at most one email and one phone"]);
        env.ok(&["customer", "sync"]);
        let found = env.json(&["customer", "list", "--search", "murray"]);
        assert_eq!(found[0]["last_name"], "Murray");
        assert_eq!(found[0]["contacts"][0]["value"], "+17135550142");
    });
}

/// What the store sees before creating (issue 17, item 5): a dry run lists the values the new
/// customer would get, each marked given or inherited (from the default customer, the store,
/// the default customer's group, the number sequence), and writes nothing.
#[test]
fn a_dry_run_at_the_store_shows_where_each_value_would_come_from() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["job", "run", "9999"]);
        let before = env.snapshot_files();
        let args = [
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "customer",
            "add",
            "--first-name",
            "Zoe",
            "--last-name",
            "Park",
            "--currency",
            "EUR",
            "--dry-run",
        ];
        let t = env.ok(&args);
        for line in [
            "Customer account        100006                            number sequence CUSTACCT",
            "First name              Zoe                               given",
            "Currency                EUR                               given",
            "Customer group          30                                default customer 100001",
            "Legal entity            USRT                              store HOUSTON",
            "Financial dimensions    BusinessUnit=002, Department=022  customer group 30",
        ] {
            assert!(t.contains(line), "{line:?} in\n{t}");
        }
        let err = String::from_utf8(env.output(&args).stderr).unwrap();
        assert!(err.contains("Dry run: nothing was written."), "{err}");
        assert_eq!(env.snapshot_files(), before, "a dry run writes nothing");
        let out = env.json(&args);
        let origins = &out["result"]["origins"];
        let of = |field: &str| -> (String, String) {
            let o = origins
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["field"] == field)
                .unwrap_or_else(|| panic!("no origin for {field}: {origins}"));
            (
                o["from"].as_str().unwrap().to_string(),
                o["source"].as_str().unwrap_or("").to_string(),
            )
        };
        assert_eq!(of("currency"), ("given".into(), "".into()));
        assert_eq!(of("language"), ("default_customer".into(), "100001".into()));
        assert_eq!(of("address_books"), ("store".into(), "HOUSTON".into()));
        assert_eq!(of("account"), ("number_sequence".into(), "CUSTACCT".into()));
        assert_eq!(out["result"]["currency"], "EUR");
        // In HQ, without a store: the legal entity gives the language.
        let out = env.json(&[
            "customer",
            "add",
            "--type",
            "person",
            "--first-name",
            "Al",
            "--group",
            "30",
            "--currency",
            "USD",
            "--legal-entity",
            "USRT",
            "--dry-run",
        ]);
        let o: Vec<(String, String)> = out["result"]["origins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                (
                    o["field"].as_str().unwrap().to_string(),
                    o["from"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            o.contains(&("language".into(), "legal_entity".into())),
            "{o:?}"
        );
        assert!(
            o.contains(&("legal_entity".into(), "given".into())),
            "{o:?}"
        );
    });
}

/// `hq pos --offline` (issue 17, item 6): the store's "Create customers offline" means
/// something: offline, a customer is created only when the store allows it (as delivered), as
/// an async customer carried at sync; other operations are not available offline.
#[test]
fn offline_the_register_creates_customers_only_when_the_store_allows_it() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["job", "run", "9999"]);
        let before = env.snapshot_files();
        let add = [
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "--offline",
            "customer",
            "add",
            "--first-name",
            "Zoe",
            "--last-name",
            "Park",
        ];
        env.refused(&add, 3).says(&[
            "store HOUSTON does not allow creating customers offline",
            "store set HOUSTON --offline-customer-creation",
        ]);
        assert_eq!(env.snapshot_files(), before, "nothing written");
        env.refused(
            &[
                "pos",
                "--store",
                "HOUSTON",
                "--worker",
                "000160",
                "--offline",
                "clientbook",
                "view",
            ],
            3,
        )
        .says(&["the client book is not available offline"]);
        // Allowed, and delivered: the customer waits as an async one, even at a sync store.
        env.ok(&["store", "set", "HOUSTON", "--offline-customer-creation"]);
        env.ok(&["job", "run", "1070"]);
        let made = env.json(&add);
        assert_eq!(made["status"], "pending-sync");
        let pending = env.json(&["customer", "list", "--pending"]);
        assert_eq!(pending.as_array().unwrap().len(), 1);
        env.ok(&["customer", "sync"]);
        let found = env.json(&["customer", "list", "--search", "park"]);
        assert_eq!(found[0]["first_name"], "Zoe");
        assert_eq!(found[0]["status"], "active");
    });
}

/// Consent at creation is per contact (issue 17, item 2): `--marketing-opt-in CONTACT` names
/// the contact it applies to when several are given; bare, it applies to all; a name that is
/// none of them is refused naming the field and listing them.
#[test]
fn marketing_consent_at_creation_names_the_contact_it_applies_to() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let c = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Bo",
            "--email",
            "bo@example.com",
            "--phone",
            "+1 713 555 0177",
            "--marketing-opt-in",
            "713 555 0177",
        ]);
        let consent: Vec<(String, bool)> = c["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["value"].as_str().unwrap().to_string(),
                    x["marketing_opt_in"].as_bool().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            consent,
            [
                ("bo@example.com".to_string(), false),
                ("+17135550177".to_string(), true)
            ]
        );
        let c = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Cy",
            "--email",
            "cy@example.com",
            "--phone",
            "+1 713 555 0178",
            "--marketing-opt-in",
        ]);
        assert!(
            c["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["marketing_opt_in"] == true)
        );
        let before = env.snapshot_files();
        env.refused(
            &[
                "customer", "add", "--store", "HOUSTON", "--first-name", "Di", "--email",
                "di@example.com", "--marketing-opt-in", "dee@example.com",
            ],
            3,
        )
        .says(&["invalid value \"dee@example.com\" for --marketing-opt-in: it is not one of the contacts given (di@example.com)"]);
        assert_eq!(env.snapshot_files(), before);
    });
}

#[test]
fn customer_groups_belong_to_a_legal_entity() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "legal-entity",
            "add",
            "DEMF",
            "--name",
            "Contoso Germany",
            "--country",
            "DE",
            "--language",
            "de-DE",
        ]);
        // With two legal entities, a new group must say whose it is.
        env.refused(&["customer-group", "add", "30", "--description", "Einzelhandel"], 2)
            .says(&[
                "missing --legal-entity: customer groups belong to a legal entity, and there are several (DEMF, USRT)",
            ]);
        // The same id in another legal entity, with its own dimensions.
        let t = env.run(&[
            "customer-group",
            "add",
            "30",
            "--legal-entity",
            "demf",
            "--description",
            "Einzelhandel",
            "--dimension",
            "BusinessUnit=001",
        ]);
        assert!(t.contains("Created customer group 30/DEMF"), "{t}");
        env.refused(
            &[
                "customer-group",
                "add",
                "30",
                "--legal-entity",
                "DEMF",
                "--description",
                "x",
            ],
            5,
        )
        .says(&["customer group 30/DEMF already exists"]);
        // By its id alone it is ambiguous; by its legal entity, or as ID/LEGAL_ENTITY, it is not.
        env.refused(&["customer-group", "show", "30"], 3).says(&[
            "customer group 30 exists in legal entities DEMF, USRT; say which with --legal-entity",
        ]);
        let de = env.json(&["customer-group", "show", "30", "--legal-entity", "DEMF"]);
        assert_eq!(de["dimensions"][0]["value"], "001");
        assert_eq!(
            env.json(&["customer-group", "show", "30/USRT"])["description"],
            "Retail customers"
        );
        assert_eq!(
            env.json(&["customer-group", "show", "40"])["legal_entity"],
            "USRT"
        );
        // A customer takes its own legal entity's group: its dimensions, and no other's.
        env.ok(&[
            "numseq",
            "add",
            "DECUST",
            "--format",
            "DE-####",
            "--legal-entity",
            "DEMF",
        ]);
        env.ok(&[
            "numseq",
            "assign",
            "customer_account",
            "DECUST",
            "--legal-entity",
            "DEMF",
        ]);
        let made = env.json(&[
            "customer",
            "add",
            "--type",
            "person",
            "--last-name",
            "Muster",
            "--legal-entity",
            "DEMF",
            "--group",
            "30",
            "--currency",
            "EUR",
        ]);
        let de_account = made["account"].as_str().unwrap().to_string();
        assert_eq!(
            made["financial_dimensions"],
            serde_json::json!([{"name": "BusinessUnit", "value": "001"}])
        );
        env.refused(
            &[
                "customer",
                "add",
                "--type",
                "person",
                "--last-name",
                "Muster",
                "--legal-entity",
                "DEMF",
                "--group",
                "40",
                "--currency",
                "EUR",
            ],
            4,
        )
        .says(&[
            "legal entity DEMF has no customer group \"40\" (given by --group)",
            "40 is a group of USRT",
        ]);
        // Changing one leaves the other.
        env.ok(&[
            "customer-group",
            "set",
            "30",
            "--legal-entity",
            "DEMF",
            "--payment-terms",
            "Net14",
        ]);
        assert_eq!(
            env.json(&["customer-group", "show", "30/USRT"])["payment_terms"],
            "Net30"
        );
        assert_eq!(
            env.json(&["customer-group", "show", "30/DEMF"])["payment_terms"],
            "Net14"
        );
        // The list says whose each is, and filters by legal entity.
        let listed = env.json(&["customer-group", "list", "--legal-entity", "DEMF"]);
        assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
        // Customers by group: in one legal entity, or in every one with that id.
        let accounts = |group: &str| -> Vec<String> {
            env.json(&["customer", "list", "--group", group, "--limit", "500"])
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(accounts("30/DEMF"), std::slice::from_ref(&de_account));
        let all = accounts("30");
        assert!(all.contains(&de_account) && all.len() > 1, "{all:?}");
        // Removing it is refused while its customers are in it, and only its own count.
        env.refused(
            &["customer-group", "remove", "30", "--legal-entity", "DEMF"],
            5,
        )
        .says(&[&format!(
            "customer group 30/DEMF is still used by customers {de_account}"
        )]);
        // Distribution carries each legal entity's group.
        env.ok(&["job", "run", "1010"]);
        let ch = env.json(&[
            "channel-db",
            "contents",
            "Default",
            "--table",
            "customer_groups",
        ]);
        let rows = ch.to_string();
        assert!(
            rows.contains("DEMF") && rows.contains("Einzelhandel") && rows.contains("USRT"),
            "{rows}"
        );
        // Export says whose each group is, and reads back as the same environment.
        let text = env.ok(&["export"]);
        assert!(
            text.contains("id = \"30\"\nlegal_entity = \"DEMF\""),
            "{text}"
        );
        std::fs::write(env.dir().join("env.toml"), &text).unwrap();
        env.ok(&["plan", "env.toml", "--exit-code"]);
    });
}

#[test]
fn a_file_without_group_legal_entities_takes_the_only_one() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let text = env
            .ok(&["export"])
            .replace("legal_entity = \"USRT\"\ndescription", "description");
        assert!(!text.contains("id = \"30\"\nlegal_entity"), "{text}");
        std::fs::write(env.dir().join("env.toml"), &text).unwrap();
        // Files written before groups had a legal entity mean the only one.
        env.ok(&["plan", "env.toml", "--exit-code"]);
    });
}

/// A group's key naming a legal entity that does not exist is refused by what named it (the
/// key, given to `--group` or as an argument), not by `--legal-entity`, which was not given.
#[test]
fn a_group_key_with_an_unknown_legal_entity_names_the_key() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        for args in [
            &["customer", "list", "--group", "30/XX"][..],
            &["customer-group", "show", "30/XX"],
            &["customer", "remove", "--group", "30/XX", "--yes"],
        ] {
            let t = env
                .refused(args, 4)
                .says(&["legal entity \"XX\" does not exist (given by the group key \"30/XX\")"]);
            assert!(!t.contains("--legal-entity"), "{t}");
        }
    });
}

/// Customer groups of two legal entities, without customers: the same on both engines.
#[test]
fn customer_groups_on_both_engines() {
    crate::common::on_both_engines(|| {
        let env = TestEnv::new();
        for (id, country, language) in [("USRT", "US", "en-US"), ("DEMF", "DE", "de-DE")] {
            env.ok(&[
                "legal-entity",
                "add",
                id,
                "--name",
                id,
                "--country",
                country,
                "--language",
                language,
            ]);
        }
        env.refused(&["customer-group", "add", "30", "--description", "Retail"], 2)
            .says(&["missing --legal-entity: customer groups belong to a legal entity, and there are several (DEMF, USRT)"]);
        env.ok(&[
            "customer-group",
            "add",
            "30",
            "--legal-entity",
            "usrt",
            "--description",
            "Retail",
            "--dimension",
            "BusinessUnit=002",
        ]);
        env.ok(&[
            "customer-group",
            "add",
            "30",
            "--legal-entity",
            "DEMF",
            "--description",
            "Einzelhandel",
            "--dimension",
            "BusinessUnit=001",
        ]);
        env.refused(
            &[
                "customer-group",
                "add",
                "30",
                "--legal-entity",
                "demf",
                "--description",
                "x",
            ],
            5,
        )
        .says(&["customer group 30/DEMF already exists"]);
        env.refused(&["customer-group", "show", "30"], 3).says(&[
            "customer group 30 exists in legal entities DEMF, USRT; say which with --legal-entity",
        ]);
        env.ok(&[
            "customer-group",
            "set",
            "30/USRT",
            "--payment-terms",
            "Net30",
        ]);
        assert_eq!(
            env.json(&["customer-group", "show", "30", "--legal-entity", "DEMF"])["dimensions"],
            serde_json::json!([{"name": "BusinessUnit", "value": "001"}])
        );
        assert_eq!(
            env.json(&["customer-group", "show", "30/usrt"])["payment_terms"],
            "Net30"
        );
        assert_snapshot!(env.run(&["customer-group", "list"]), @"
        $ hq customer-group list
        [exit 0]
        --- stdout
        ID  LEGAL ENTITY  DESCRIPTION   PAYMENT TERMS  FINANCIAL DIMENSIONS
        30  DEMF          Einzelhandel  -              BusinessUnit=001
        30  USRT          Retail        Net30          BusinessUnit=002
        --- stderr
        ");
        env.ok(&["customer-group", "remove", "30/DEMF", "--yes"]);
        assert_eq!(env.json(&["status"])["counts"]["customer_groups"], 1);
    });
}
