//! Clienteling at the store (DOMAIN.md 7 and 10): `hq pos`, client books, activities, notes,
//! the customer card, and the HQ side.

use insta::assert_snapshot;
use serde_json::{Value, json};

use crate::common::{TestEnv, on_both_engines};

/// Runs each line as an hq command (words split on spaces; `~` stands for a space inside one).
fn script(env: &TestEnv, lines: &str) {
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let words: Vec<String> = line.split(' ').map(|w| w.replace('~', " ")).collect();
        let args: Vec<&str> = words.iter().map(String::as_str).collect();
        env.ok(&args);
    }
}

/// The earlier issues' example (USRT, HOUSTON, default customer 100001, Ada 100002), plus the
/// documented clienteling setup and two HOUSTON workers: 000160 (MANAGER, every operation)
/// and 000161 (SALES, no 716), and 000170 at another store. No job has run.
fn clienteling_env() -> TestEnv {
    TestEnv::made("clienteling", clienteling_setup)
}

fn clienteling_setup(env: &TestEnv) {
    crate::common::houston(env);
    script(
        env,
        "numseq add CUSTACCT --format ###### --next 100001 --legal-entity USRT
         numseq assign customer_account CUSTACCT --legal-entity USRT
         customer-group add 30 --description Retail~customers --dimension BusinessUnit=002
         customer add --type person --first-name Default --last-name Customer --group 30 --currency USD --language en-US --receipt-option email --affiliation Retail --address-book HOUSTON-CUST --legal-entity USRT
         store set HOUSTON --default-customer 100001
         customer add --store HOUSTON --first-name Ada --last-name Lovelace --email ada@example.com --phone +1~713~555~0100
         customer add --store HOUSTON --first-name Grace --last-name Hopper
         feature enable clienteling
         numseq add CLIENTBOOK --format CB-##### --legal-entity USRT
         numseq assign client_book_id CLIENTBOOK --legal-entity USRT
         attribute-type add Interests --kind text --value Handbags --value Shoes
         attribute-type add Date --kind datetime
         attribute add PreferredCategory --type Interests
         attribute add Birthday --type Date
         attribute-group add Clienteling --description Client~book~attributes
         attribute-group attribute add Clienteling PreferredCategory --order 1 --refinable
         attribute-group attribute add Clienteling Birthday --order 2
         param set --client-book-attribute-group Clienteling
         activity-type add VISIT --description Store~visit
         activity-type add PHONE --description Phone~call
         permission-group add MANAGER --description Manager
         permission-group allow MANAGER 612 712 713 714 715 716
         permission-group add SALES --description Sales
         permission-group allow SALES 612 712 713 714 715
         worker add 000160 --name Ann~Beebe --employee-address-book HOUSTON-EMP --permission-group MANAGER
         worker add 000161 --name Omar~Haddad --employee-address-book HOUSTON-EMP --permission-group SALES
         address-book add DALLAS-EMP --name Dallas~staff --kind employee
         worker add 000170 --name Mei~Tanaka --employee-address-book DALLAS-EMP --permission-group SALES
         layout add STORE --name Store~layout
         layout button add STORE --operation 712
         layout button add STORE --operation 713
         layout assign STORE --store HOUSTON",
    );
}

fn pos<'a>(worker: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["pos", "--store", "HOUSTON", "--worker", worker];
    v.extend(rest);
    v
}

fn accounts(view: &Value) -> Vec<String> {
    view["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["account"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_issue_examples_work() {
    on_both_engines(|| {
        let env = clienteling_env();
        let out = env.output(&["doctor", "clienteling", "--json"]);
        assert_eq!(out.status.code(), Some(1), "not ready: jobs not run");
        env.ok(&[
            "job", "run", "1040", "1150", "1110", "1090", "1060", "1070", "1010",
        ]);
        env.ok(&["doctor", "clienteling"]);
        fn p<'a>(rest: &[&'a str]) -> Vec<&'a str> {
            pos("000160", rest)
        }
        env.ok(&p(&["clientbook", "add", "100002"]));
        env.ok(&p(&[
            "customer",
            "attribute",
            "set",
            "100002",
            "PreferredCategory=Handbags",
        ]));
        let view = env.json(&p(&[
            "clientbook",
            "view",
            "--filter",
            "PreferredCategory=Handbags",
        ]));
        assert_eq!(view["client_book"], "CB-00001");
        assert_eq!(accounts(&view), ["100002"]);
        assert_eq!(view["customers"][0]["email"], "ada@example.com");
        env.ok(&p(&[
            "activity",
            "add",
            "100002",
            "--type",
            "VISIT",
            "--text",
            "Looked at the spring handbags",
        ]));
        let tl = env.json(&p(&["timeline", "100002"]));
        assert_eq!(tl["activities"][0]["type"], "VISIT");
        assert_eq!(tl["activities"][0]["worker"], "000160");
        let card = env.json(&p(&["customer", "card", "100002"]));
        assert_snapshot!(serde_json::to_string_pretty(&card).unwrap(), @r#"
        {
          "account": "100002",
          "name": "Ada Lovelace",
          "email": "ada@example.com",
          "phone": "+17135550100",
          "address": null,
          "client_book": "CB-00001",
          "properties": [
            {
              "name": "PreferredCategory",
              "label": "PreferredCategory",
              "value": "Handbags",
              "source": "client_book_attribute"
            },
            {
              "name": "Birthday",
              "label": "Birthday",
              "value": null,
              "source": "client_book_attribute"
            }
          ]
        }
        "#);
    });
}

#[test]
fn client_book_operations_wait_for_job_1110_to_carry_clienteling() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "1060", "1070", "1090", "1150", "1010"]);
        let t = env.refused(&pos("000160", &["clientbook", "view"]), 3);
        assert!(
            t.contains(
                "it is enabled in HQ but job 1110 has not carried it to channel database Default"
            ),
            "{t}"
        );
        assert!(t.contains("hq job run 1110 --channel-db Default"), "{t}");
        env.refused(&pos("000160", &["clientbook", "add", "100002"]), 3).says(&["operation 714 (Add customer to client book) needs Clienteling: it is enabled in HQ but job 1110 has not carried it to channel database Default"]);
        env.ok(&["job", "run", "1110"]);
        env.ok(&pos("000160", &["clientbook", "add", "100002"]));
    });
}

#[test]
fn operations_follow_the_permission_group_and_buttons_as_distributed() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        env.ok(&pos("000160", &["clientbook", "add", "100002"]));
        // SALES may not reassign (716).
        let t = env.refused(
            &pos(
                "000161",
                &["clientbook", "reassign", "100002", "--to", "000161"],
            ),
            3,
        );
        assert!(t.contains("operation 716"), "{t}");
        assert!(t.contains("not allowed to permission group SALES"), "{t}");
        assert!(t.contains("hq permission-group allow SALES 716"), "{t}");
        // Allowed in HQ, but not yet distributed: still refused until 1060 runs.
        env.ok(&["permission-group", "allow", "SALES", "716"]);
        env.refused(
            &pos(
                "000161",
                &["clientbook", "reassign", "100002", "--to", "000161"],
            ),
            3,
        ).says(&["operation 716 (Reassign customers to a client book) is not allowed to permission group SALES (worker 000161), as distributed to channel database Default"]);
        env.ok(&["job", "run", "1060"]);
        env.ok(&pos(
            "000161",
            &["clientbook", "reassign", "100002", "--to", "000161"],
        ));
        // The view needs its button on the layout as distributed.
        env.ok(&["layout", "button", "remove", "STORE", "--operation", "712"]);
        env.ok(&pos("000160", &["clientbook", "view"]));
        env.ok(&["job", "run", "1090"]);
        let t = env.refused(&pos("000160", &["clientbook", "view"]), 3);
        assert!(t.contains("has no button on screen layout STORE"), "{t}");
    });
}

#[test]
fn a_worker_of_another_store_is_refused() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        let t = env.refused(&pos("000170", &["clientbook", "view"]), 3);
        assert!(
            t.contains("worker 000170 does not belong to store HOUSTON"),
            "{t}"
        );
        env.refused(&pos("999999", &["clientbook", "view"]), 4)
            .says(&["worker \"999999\" does not exist (given by --worker)"]);
    });
}

#[test]
fn a_customer_is_in_one_client_book_at_most() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        env.ok(&pos("000160", &["clientbook", "add", "100002"]));
        let t = env.refused(&pos("000161", &["clientbook", "add", "100002"]), 5);
        assert!(
            t.contains("customer 100002 is already in client book CB-00001 of worker 000160"),
            "{t}"
        );
        // Adding it again to the same book changes nothing.
        let again = env.ok(&pos("000160", &["clientbook", "add", "100002"]));
        assert_eq!(again, "");
        // One book per worker per legal entity: the second customer goes in the same book, and
        // the second worker's book takes the next number.
        env.ok(&pos("000160", &["clientbook", "add", "100003"]));
        env.ok(&pos("000161", &["clientbook", "add", "100001"]));
        let books = env.json(&["clientbook", "list"]);
        assert_eq!(
            books,
            json!([
                {"id": "CB-00001", "worker": "000160", "legal_entity": "USRT", "created_at": "2026-01-15T09:00:00Z", "customer_count": 2},
                {"id": "CB-00002", "worker": "000161", "legal_entity": "USRT", "created_at": "2026-01-15T09:00:00Z", "customer_count": 1}
            ])
        );
        // Reassign moves it (HQ side here); remove takes it out.
        env.ok(&["clientbook", "reassign", "100003", "--to", "000161"]);
        assert_eq!(
            env.json(&["clientbook", "show", "CB-00002"])["customers"],
            json!(["100001", "100003"])
        );
        env.ok(&pos("000161", &["clientbook", "remove", "100003"]));
        env.refused(&pos("000160", &["clientbook", "remove", "100003"]), 4)
            .says(&["customer 100003 is not in client book CB-00001 of worker 000160"]);
        // A worker whose book has customers cannot be removed.
        env.refused(&["worker", "remove", "000160", "--yes"], 5)
            .says(&["worker 000160 is still used by client books with customers CB-00001"]);
        // A customer in a book goes with its place in it: asked for (--yes without a terminal),
        // and said in the audit log.
        env.refused(&["customer", "remove", "100002"], 2)
            .says(&["also removes its place in client book CB-00001 and its 0 activities"]);
        let out = env.run(&["customer", "remove", "100002", "--yes"]);
        assert!(
            out.contains("[exit 0]") && out.contains("Removed client book customer 100002"),
            "{out}"
        );
        assert_eq!(
            env.json(&["clientbook", "show", "CB-00001"])["customers"],
            json!([])
        );
        let log = env.json(&["log", "--limit", "1"]);
        assert!(
            log[0]["summary"]
                .as_str()
                .is_some_and(|s| s.starts_with("removed customer 100002")),
            "{log}"
        );
    });
}

#[test]
fn filters_take_refinable_client_book_attributes_only() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        fn p<'a>(rest: &[&'a str]) -> Vec<&'a str> {
            pos("000160", rest)
        }
        env.ok(&p(&["clientbook", "add", "100002"]));
        env.ok(&p(&["clientbook", "add", "100003"]));
        env.ok(&p(&[
            "customer",
            "attribute",
            "set",
            "100002",
            "PreferredCategory=Handbags",
        ]));
        env.ok(&p(&[
            "customer",
            "attribute",
            "set",
            "100003",
            "PreferredCategory=Shoes",
            "Birthday=1990-05-01",
        ]));
        let view = |f: &str| accounts(&env.json(&p(&["clientbook", "view", "--filter", f])));
        assert_eq!(view("PreferredCategory=Handbags"), ["100002"]);
        assert_eq!(view("preferredcategory=shoes"), ["100003"]);
        let t = env.refused(
            &p(&["clientbook", "view", "--filter", "Birthday=1990-05-01"]),
            3,
        );
        assert!(t.contains("not refinable"), "{t}");
        // An unknown attribute is not found (exit 4), with the closest names.
        env.refused(&p(&["clientbook", "view", "--filter", "ShoeSize=9"]), 4).says(&["invalid value \"ShoeSize\" for --filter: no attribute of that name can filter here (refinable: PreferredCategory)"]);
        env.refused(
            &p(&["clientbook", "view", "--filter", "PreferredCategry=Shoes"]),
            4,
        )
        .says(&["did you mean PreferredCategory?"]);
        // Attribute values are checked against the group and their types.
        env.refused(
            &p(&[
                "customer",
                "attribute",
                "set",
                "100002",
                "PreferredCategory=Hats",
            ]),
            3,
        ).says(&["invalid value \"Hats\" for PreferredCategory=: type Interests allows only: Handbags, Shoes"]);
        env.refused(
            &p(&["customer", "attribute", "set", "100002", "ShoeSize=9"]),
            3,
        ).says(&["invalid value \"ShoeSize\" for NAME=VALUE: it is not an attribute of the client book attribute group Clienteling (PreferredCategory, Birthday)"]);
    });
}

#[test]
fn the_store_view_is_every_book_of_the_store_workers_regardless_of_customer_address_books() {
    on_both_engines(|| {
        let env = clienteling_env();
        // A customer outside the store's customer address books.
        env.ok(&[
            "address-book",
            "add",
            "ELSEWHERE",
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
            "--last-name",
            "Far",
            "--group",
            "30",
            "--currency",
            "USD",
            "--address-book",
            "ELSEWHERE",
        ]);
        env.ok(&["job", "run", "9999"]);
        env.ok(&pos("000160", &["clientbook", "add", "100002"]));
        env.ok(&pos("000161", &["clientbook", "add", "100004"]));
        let store = env.json(&pos("000161", &["clientbook", "store-view"]));
        assert_eq!(accounts(&store), ["100002", "100004"]);
        assert_eq!(store["books"], json!(["CB-00001", "CB-00002"]));
        let own = env.json(&pos("000161", &["clientbook", "view"]));
        assert_eq!(accounts(&own), ["100004"]);
    });
}

#[test]
fn activities_and_notes_are_newest_first_and_seen_by_any_worker_of_the_legal_entity() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        env.ok(&pos(
            "000160",
            &[
                "activity",
                "add",
                "100002",
                "--type",
                "VISIT",
                "--text",
                "First visit",
                "--at",
                "2026-01-10",
            ],
        ));
        env.ok(&pos(
            "000161",
            &[
                "activity",
                "add",
                "100002",
                "--type",
                "phone",
                "--text",
                "Called back",
            ],
        ));
        env.ok(&pos(
            "000161",
            &["note", "add", "100002", "--text", "Prefers mornings"],
        ));
        let tl = env.json(&pos("000160", &["timeline", "100002"]));
        let texts: Vec<&str> = tl["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["Called back", "First visit"]);
        assert_eq!(tl["activities"][0]["type"], "PHONE");
        assert_eq!(
            env.json(&pos("000160", &["notes", "100002"]))[0]["text"],
            "Prefers mornings"
        );
        assert_eq!(env.json(&["customer", "timeline", "100002"]), tl);
        // One timeline, notes with activities, newest first, with a kind column.
        let entries: Vec<(&str, &str)> = tl["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["kind"].as_str().unwrap(), e["text"].as_str().unwrap()))
            .collect();
        assert_eq!(
            entries,
            [
                ("activity", "Called back"),
                ("note", "Prefers mornings"),
                ("activity", "First visit")
            ]
        );
        let shown = env.ok(&pos("000160", &["timeline", "100002"]));
        insta::assert_snapshot!(shown, @"
        WHEN                  KIND      TYPE   WORKER  TEXT
        2026-01-15T09:00:00Z  activity  PHONE  000161  Called back
        2026-01-15T09:00:00Z  note      -      000161  Prefers mornings
        2026-01-10T00:00:00Z  activity  VISIT  000160  First visit
        ");
        assert_eq!(env.ok(&["customer", "timeline", "100002"]), shown);
        env.refused(
            &pos(
                "000160",
                &[
                    "activity", "add", "100002", "--type", "LUNCH", "--text", "x",
                ],
            ),
            4,
        )
        .says(&["activity type \"LUNCH\" does not exist (given by --type)"]);
        env.refused(
            &pos(
                "000160",
                &["activity", "add", "100002", "--type", "VISIT", "--text", ""],
            ),
            3,
        )
        .says(&["--text: it must not be empty"]);
        // Removing the customer takes its history with it: asked for, or --yes.
        let t = env.refused(&["customer", "remove", "100002"], 2);
        assert!(
            t.contains("also removes its 2 activities, 1 note and 0 measure values"),
            "{t}"
        );
        env.ok(&["customer", "remove", "100002", "--yes"]);
        env.refused(&["customer", "timeline", "100002"], 4)
            .says(&["customer \"100002\" does not exist (given by ACCOUNT)"]);
    });
}

#[test]
fn the_card_shows_measures_first_then_client_book_attributes_three_in_all() {
    on_both_engines(|| {
        let env = clienteling_env();
        script(
            &env,
            "keyvault set --url https://contoso-kv.vault.azure.net/ --client-id 6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01
             keyvault secret add CISecret --reference vault://contoso-kv/ci
             insights set --app-id 3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10 --secret-name CISecret --measure Lifetime~value
             insights enable
             job run 9999",
        );
        std::fs::write(
            env.dir().join("m.csv"),
            "account,measure,value\n100002,lifetime value,1200\n",
        )
        .unwrap();
        env.ok(&["insights", "measure", "import", "m.csv"]);
        env.ok(&pos(
            "000160",
            &[
                "customer",
                "attribute",
                "set",
                "100002",
                "Birthday=1815-12-10",
            ],
        ));
        let card = env.json(&pos("000160", &["customer", "card", "100002"]));
        assert_eq!(
            card["properties"],
            json!([
                {"name": "Lifetime value", "label": "Lifetime value", "value": "1200", "source": "insights"},
                {"name": "PreferredCategory", "label": "PreferredCategory", "value": null, "source": "client_book_attribute"},
                {"name": "Birthday", "label": "Birthday", "value": "1815-12-10T00:00:00Z", "source": "client_book_attribute"}
            ])
        );
        std::fs::write(
            env.dir().join("bad.csv"),
            "account,measure,value\n100002,Shoe size,9\n",
        )
        .unwrap();
        let t = env.refused(&["insights", "measure", "import", "bad.csv"], 3);
        assert!(t.contains("bad.csv:2: column measure"), "{t}");
    });
}

#[test]
fn a_customer_added_at_the_store_inherits_the_default_customer_as_distributed() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        // HQ changes the default customer; job 1010 has not carried it yet.
        env.ok(&["customer", "set", "100001", "--receipt-option", "print"]);
        env.ok(&pos(
            "000160",
            &[
                "customer",
                "add",
                "--first-name",
                "Zoe",
                "--last-name",
                "Park",
            ],
        ));
        let zoe = env.json(&["customer", "show", "100004"]);
        assert_eq!(zoe["receipt_option"], "email", "inherited as distributed");
        assert_eq!(zoe["group"], "30");
        env.ok(&["job", "run", "1010"]);
        env.ok(&pos(
            "000160",
            &[
                "customer",
                "add",
                "--first-name",
                "Yan",
                "--last-name",
                "Li",
            ],
        ));
        assert_eq!(
            env.json(&["customer", "show", "100005"])["receipt_option"],
            "print"
        );
    });
}

#[test]
fn an_async_store_as_distributed_keeps_new_customers_pending_in_its_channel_database() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        env.ok(&["store", "set", "HOUSTON", "--async-customer-creation"]);
        // Not distributed yet: the store still creates customers in HQ.
        env.ok(&pos("000160", &["customer", "add", "--last-name", "Sync"]));
        assert_eq!(
            env.json(&["customer", "show", "100004"])["last_name"],
            "Sync"
        );
        env.ok(&["job", "run", "1070"]);
        env.ok(&pos("000160", &["customer", "add", "--last-name", "Async"]));
        let pending = env.json(&["customer", "list", "--pending"]);
        assert_eq!(pending.as_array().unwrap().len(), 1);
        assert_eq!(pending[0]["customer"]["last_name"], "Async");
        assert_eq!(pending[0]["status"], "pending-sync");
        env.refused(&["customer", "show", "100005"], 4)
            .says(&["customer \"100005\" does not exist (given by ACCOUNT)"]);
    });
}

#[test]
fn reassigning_to_a_worker_with_no_store_in_the_customers_legal_entity_is_refused() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "pos",
            "--store",
            "HOUSTON",
            "--worker",
            "000160",
            "clientbook",
            "add",
            "100002",
        ]);
        env.ok(&[
            "address-book",
            "add",
            "LOOSE-EMP",
            "--name",
            "Nobody's staff",
            "--kind",
            "employee",
        ]);
        env.ok(&[
            "worker",
            "add",
            "000199",
            "--name",
            "Kim Lee",
            "--permission-group",
            "SALES",
            "--employee-address-book",
            "LOOSE-EMP",
        ]);
        let t = env.refused(&["clientbook", "reassign", "100002", "--to", "000199"], 3);
        assert!(
            t.contains("error: invalid value \"000199\" for --to: worker 000199 has no store in legal entity USRT, the customer's"),
            "{t}"
        );
        assert!(
            t.contains("hq worker set 000199 --add-employee-address-book BOOK"),
            "{t}"
        );
        // Once the worker serves a USRT store, it works.
        env.ok(&[
            "worker",
            "set",
            "000199",
            "--add-employee-address-book",
            "HOUSTON-EMP",
        ]);
        env.ok(&["clientbook", "reassign", "100002", "--to", "000199"]);
    });
}

#[test]
fn customers_move_in_bulk_when_an_associate_leaves() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        // Several accounts at once, at the store (714, one transaction).
        env.ok(&pos("000160", &["clientbook", "add", "100002", "100003"]));
        let book = |id: &str| env.json(&["clientbook", "show", id])["customers"].clone();
        assert_eq!(book("CB-00001"), json!(["100002", "100003"]));
        // One account that cannot move: nothing moves.
        env.refused(
            &pos("000161", &["clientbook", "add", "100001", "100002"]),
            5,
        )
        .says(&["customer 100002 is already in client book CB-00001 of worker 000160"]);
        assert_eq!(
            env.json(&["clientbook", "list"]).as_array().unwrap().len(),
            1
        );
        // --from with an account that is not that worker's: refused, naming where it is.
        env.refused(
            &[
                "clientbook",
                "reassign",
                "100001",
                "--from",
                "000160",
                "--to",
                "000161",
            ],
            3,
        )
        .says(&[
            "--from",
            "customer 100001 is not in a client book of worker 000160: it is in no client book",
        ]);
        // Neither accounts nor --from: a usage error.
        env.refused(&["clientbook", "reassign", "--to", "000161"], 2)
            .says(&["name the customers to reassign, or --from to move all of a worker's"]);
        // All of a worker's customers, in HQ.
        let moved = env.json(&[
            "clientbook",
            "reassign",
            "--from",
            "000160",
            "--to",
            "000161",
        ]);
        assert_eq!(moved["moved"], json!(["100002", "100003"]), "{moved}");
        assert_eq!(book("CB-00002"), json!(["100002", "100003"]));
        assert_eq!(book("CB-00001"), json!([]));
        // And back at the store (716, allowed to MANAGER), by name.
        env.ok(&pos(
            "000160",
            &[
                "clientbook",
                "reassign",
                "100002",
                "100003",
                "--to",
                "000160",
            ],
        ));
        assert_eq!(book("CB-00001"), json!(["100002", "100003"]));
        // Removing several at once.
        env.ok(&pos(
            "000160",
            &["clientbook", "remove", "100002", "100003"],
        ));
        assert_eq!(book("CB-00001"), json!([]));
    });
}

#[test]
fn the_store_searches_customers_of_its_own_address_books_as_delivered() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&["job", "run", "9999"]);
        let search = |store: &str, worker: &str, text: &str| -> Vec<String> {
            let found = env.json(&[
                "pos", "--store", store, "--worker", worker, "customer", "search", text,
            ]);
            found
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        // By the start of a name, an email, phone digits or an account.
        assert_eq!(search("HOUSTON", "000160", "lovel"), ["100003"]);
        assert_eq!(search("HOUSTON", "000160", "ADA@"), ["100003"]);
        assert_eq!(search("HOUSTON", "000160", "1713555"), ["100003"]);
        // 100001 is in HOUSTON-CUST only: Seattle does not find it.
        assert_eq!(search("HOUSTON", "000160", "100001"), ["100001"]);
        assert!(search("SEATTLE", "000170", "100001").is_empty());
        // The store searches the books its channel database has: a change in HQ shows after 1070.
        env.ok(&[
            "store",
            "set",
            "SEATTLE",
            "--add-customer-address-book",
            "HOUSTON-CUST",
        ]);
        assert!(search("SEATTLE", "000170", "100001").is_empty());
        env.ok(&["job", "run", "1070"]);
        assert_eq!(search("SEATTLE", "000170", "100001"), ["100001"]);
        env.refused(
            &[
                "pos", "--store", "HOUSTON", "--worker", "000160", "customer", "search", " ",
            ],
            3,
        )
        .says(&["give the start of a name, email, phone number or account"]);
    });
}

#[test]
fn client_book_attribute_values_are_set_from_hq_too() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        env.ok(&[
            "customer",
            "attribute",
            "set",
            "100003",
            "preferredcategory=Shoes",
        ]);
        let shown = env.json(&["customer", "show", "100003"]);
        assert!(
            shown["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["name"] == "PreferredCategory" && a["value"] == "Shoes"),
            "{shown}"
        );
        env.refused(
            &[
                "customer",
                "attribute",
                "set",
                "100003",
                "PreferredCategory=Hats",
            ],
            3,
        )
        .says(&["Hats", "allows only"]);
        env.refused(&["customer", "attribute", "set", "100003", "ShoeSize=9"], 3)
            .says(&["it is not an attribute of the client book attribute group Clienteling"]);
    });
}

#[test]
fn a_new_customer_takes_attribute_values_in_hq_and_at_the_store() {
    on_both_engines(|| {
        let env = TestEnv::contoso();
        let made = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Grace",
            "--last-name",
            "Hopper",
            "--attribute",
            "PreferredCategory=Shoes",
        ]);
        assert_eq!(made["attributes"][0]["name"], "PreferredCategory", "{made}");
        let next = env.json(&["numseq", "show", "CUSTACCT"])["next"].clone();
        // Checked by type, and nothing is written (no account taken) when one is refused.
        env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "X",
                "--attribute",
                "PreferredCategory=Hats",
            ],
            3,
        )
        .says(&["Hats", "allows only"]);
        assert_eq!(env.json(&["numseq", "show", "CUSTACCT"])["next"], next);
        env.refused(
            &[
                "customer",
                "add",
                "--store",
                "HOUSTON",
                "--last-name",
                "X",
                "--attribute",
                "bad",
            ],
            3,
        )
        .says(&["invalid value \"bad\" for --attribute: expected NAME=VALUE"]);
        // At the store: client book attributes as distributed.
        env.ok(&["job", "run", "9999"]);
        let made = env.json(&pos(
            "000160",
            &[
                "customer",
                "add",
                "--first-name",
                "Zoe",
                "--last-name",
                "Park",
                "--attribute",
                "preferredcategory=Handbags",
            ],
        ));
        assert_eq!(made["attributes"][0]["value"], "Handbags", "{made}");
        env.refused(
            &pos(
                "000160",
                &[
                    "customer",
                    "add",
                    "--last-name",
                    "Q",
                    "--attribute",
                    "Nope=1",
                ],
            ),
            3,
        )
        .says(&["it is not an attribute of the client book attribute group Clienteling"]);
    });
}

/// Typed filters (issue 17, item 1): values read by the attribute's type, operators, ranges,
/// several values, several filters, dates coming up; the same on the store's view and on
/// `customer list --attribute`. The tests' clock is 2026-01-15.
#[test]
fn client_book_filters_compare_typed_values_with_operators_ranges_and_upcoming_dates() {
    on_both_engines(|| {
        let env = clienteling_env();
        script(
            &env,
            "attribute-type add Spend --kind currency
             attribute add AnnualSpend --type Spend
             attribute-group attribute add Clienteling AnnualSpend --order 3 --refinable
             attribute-group attribute set Clienteling Birthday --refinable
             customer add --store HOUSTON --first-name Katherine --last-name Johnson
             customer add --store HOUSTON --first-name Dorothy --last-name Vaughan
             job run 9999",
        );
        fn p<'a>(rest: &[&'a str]) -> Vec<&'a str> {
            pos("000160", rest)
        }
        env.ok(&p(&[
            "clientbook",
            "add",
            "100002",
            "100003",
            "100004",
            "100005",
        ]));
        for (account, values) in [
            (
                "100002",
                [
                    "PreferredCategory=Handbags",
                    "AnnualSpend=2400",
                    "Birthday=1990-01-20",
                ],
            ),
            (
                "100003",
                [
                    "PreferredCategory=Shoes",
                    "AnnualSpend=800",
                    "Birthday=1985-01-15",
                ],
            ),
            (
                "100004",
                [
                    "PreferredCategory=Shoes",
                    "AnnualSpend=5000",
                    "Birthday=1992-02-10",
                ],
            ),
            (
                "100005",
                [
                    "PreferredCategory=Handbags",
                    "AnnualSpend=1000",
                    "Birthday=1980-12-31",
                ],
            ),
        ] {
            let mut args = p(&["customer", "attribute", "set", account]);
            args.extend(values);
            env.ok(&args);
        }
        let view = |filters: &[&str]| {
            let mut args = p(&["clientbook", "view"]);
            for f in filters {
                args.extend(["--filter", f]);
            }
            accounts(&env.json(&args))
        };
        // A date as a date (stored 1990-01-20T00:00:00Z), a number as a number (2400.00 is 2400).
        assert_eq!(view(&["Birthday=1990-01-20"]), ["100002"]);
        assert_eq!(view(&["annualspend=2400.00"]), ["100002"]);
        assert_eq!(view(&["AnnualSpend=2400 USD"]), ["100002"]);
        // Operators, ranges (ends included, either open), not-equal.
        assert_eq!(view(&["AnnualSpend>=1000"]), ["100002", "100004", "100005"]);
        assert_eq!(view(&["AnnualSpend>1000"]), ["100002", "100004"]);
        assert_eq!(view(&["AnnualSpend<1000"]), ["100003"]);
        assert_eq!(view(&["AnnualSpend<=1000"]), ["100003", "100005"]);
        assert_eq!(view(&["AnnualSpend=1000..2400"]), ["100002", "100005"]);
        assert_eq!(view(&["AnnualSpend=..999"]), ["100003"]);
        assert_eq!(
            view(&["Birthday=1985-01-01..1990-12-31"]),
            ["100002", "100003"]
        );
        assert_eq!(view(&["PreferredCategory!=Shoes"]), ["100002", "100005"]);
        // Several values: any of them; several filters: all of them.
        assert_eq!(
            view(&["PreferredCategory=shoes,handbags"]),
            ["100002", "100003", "100004", "100005"]
        );
        assert_eq!(
            view(&["PreferredCategory=Shoes", "AnnualSpend>=1000"]),
            ["100004"]
        );
        // What the type cannot hold is exit 3 saying what is allowed.
        env.refused(
            &p(&["clientbook", "view", "--filter", "PreferredCategory=Hats"]),
            3,
        )
        .says(&[
            "--filter",
            "not one of the values of type Interests: Handbags, Shoes",
        ]);
        env.refused(
            &p(&["clientbook", "view", "--filter", "AnnualSpend=lots"]),
            3,
        )
        .says(&[
            "--filter",
            "type Spend (currency) compares numbers, as 2400 or 2400 USD",
        ]);
        env.refused(&p(&["clientbook", "view", "--filter", "Birthday>=May"]), 3)
            .says(&["--filter", "compares dates, as 1990-03-10"]);
        env.refused(
            &p(&["clientbook", "view", "--filter", "PreferredCategory>Shoes"]),
            3,
        )
        .says(&["--filter", "compares only with = and !="]);
        // Dates coming up, whatever the year, soonest first: today (15 January), the 20th, 10
        // February; not 31 December.
        let up = env.json(&p(&["clientbook", "view", "--upcoming", "birthday:30d"]));
        assert_eq!(accounts(&up), ["100003", "100002", "100004"]);
        let days: Vec<u64> = up["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["days_until"].as_u64().unwrap())
            .collect();
        assert_eq!(days, [0, 5, 26]);
        // With a filter, and a page at a time across days.
        assert_eq!(
            accounts(&env.json(&p(&[
                "clientbook",
                "view",
                "--upcoming",
                "Birthday:30d",
                "--filter",
                "AnnualSpend>=1000",
            ]))),
            ["100002", "100004"]
        );
        assert_eq!(
            accounts(&env.json(&p(&[
                "clientbook",
                "view",
                "--upcoming",
                "Birthday:30d",
                "--limit",
                "1",
                "--offset",
                "1",
            ]))),
            ["100002"]
        );
        env.refused(
            &p(&["clientbook", "view", "--upcoming", "AnnualSpend:30d"]),
            3,
        )
        .says(&["--upcoming", "need a datetime attribute"]);
        // The store's view filters the same way.
        assert_eq!(
            accounts(&env.json(&p(&[
                "clientbook",
                "store-view",
                "--filter",
                "AnnualSpend=1000..",
            ]))),
            ["100002", "100004", "100005"]
        );
        // And HQ's customer list.
        let listed = |f: &str| -> Vec<String> {
            env.json(&["customer", "list", "--attribute", f])
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["account"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(listed("AnnualSpend>1000"), ["100002", "100004"]);
        assert_eq!(listed("PreferredCategory=Shoes"), ["100003", "100004"]);
        env.refused(&["customer", "list", "--attribute", "Shoesize=9"], 4)
            .says(&["--attribute", "no attribute of that name can filter here"]);
    });
}

#[test]
fn many_customers_go_in_one_removal_with_what_is_theirs() {
    on_both_engines(|| {
        let env = clienteling_env();
        env.ok(&["job", "run", "9999"]);
        env.ok(&pos("000160", &["clientbook", "add", "100002"]));
        env.ok(&pos(
            "000160",
            &[
                "activity", "add", "100002", "--type", "VISIT", "--text", "Came in",
            ],
        ));
        let found = env.run(&pos("000160", &["customer", "search", "Lovelace"]));
        assert!(found.contains("100002"), "{found}");
        let before = env.snapshot_files();
        // Refusals and dry runs leave the data file as it was.
        env.refused(
            &["customer", "remove", "100002", "100998", "100999", "--yes"],
            4,
        )
        .says(&[
            "2 accounts given are no customer's: 100998, 100999",
            "nothing was removed",
        ]);
        env.refused(&["customer", "remove", "--group", "30", "--yes"], 5)
            .says(&["default customer: 100001 (store HOUSTON)", "hq store set"]);
        env.refused(&["customer", "remove", "100002", "100003"], 2)
            .says(&[
                "removing 2 customers with 1 client book membership and 1 activity needs confirmation",
                "--yes",
            ]);
        env.refused(&["customer", "remove"], 2)
            .says(&["nothing to remove: give ACCOUNT, --group or --from"]);
        let dry = env.run(&["customer", "remove", "100002", "100003", "--dry-run"]);
        assert!(
            dry.contains(
                "Would remove 2 customers with 1 client book membership and 1 activity: 100002, 100003"
            ),
            "{dry}"
        );
        // A file that names no account: nothing to change, said, and a JSON report of nothing.
        let empty = env.dir().join("none.txt");
        std::fs::write(&empty, "account\n# nobody\n").unwrap();
        let none = env.json(&[
            "customer",
            "remove",
            "--from",
            empty.to_str().unwrap(),
            "--yes",
        ]);
        assert_eq!(
            (none["customers"].clone(), none["accounts"].clone()),
            (json!(0), json!([]))
        );
        let t = env.run(&[
            "customer",
            "remove",
            "--from",
            empty.to_str().unwrap(),
            "--yes",
        ]);
        assert!(
            t.contains("Nothing to change: no account was given."),
            "{t}"
        );
        env.refused(
            &["customer", "remove", "--from", "/nonexistent/list", "--yes"],
            74,
        )
        .says(&["cannot read /nonexistent/list"]);
        assert!(before == env.snapshot_files(), "a refusal or dry run wrote");
        // The accounts from standard input, in any case, with a header, comments and repeats.
        let mut cmd = env.command(&["--json", "customer", "remove", "--from", "-", "--yes"]);
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin
                .write_all(b"account\n100002\n# Grace\n\n100003\n100002\n")
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["customers"], 2, "{report}");
        assert_eq!(report["client_book_memberships"], 1, "{report}");
        assert_eq!(report["activities"], 1, "{report}");
        assert_eq!(report["accounts"], json!(["100002", "100003"]));
        assert_eq!(report["dry_run"], false);
        let left: Vec<serde_json::Value> = env
            .json(&["customer", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["account"].clone())
            .collect();
        assert_eq!(left, [json!("100001")]);
        assert_eq!(
            env.json(&["clientbook", "show", "CB-00001"])["customers"],
            json!([])
        );
        let log = env.json(&["log", "--limit", "1"]);
        assert_eq!(
            log[0]["summary"], "removed 2 customers: 100002, 100003",
            "{log}"
        );
        // Each customer removed is named in the entry's changes (kept a row each, read back as
        // changes), and the entry is found by either of them.
        let removed =
            |key: &str| json!({"action": "delete", "entity": "customer", "key": key, "fields": []});
        assert_eq!(
            log[0]["changes"],
            json!([removed("100002"), removed("100003")]),
            "{log}"
        );
        let by_record = env.json(&["log", "--entity", "customer:100003"]);
        assert_eq!(by_record[0]["id"], log[0]["id"], "{by_record}");
        // The removals wait for job 1010 as deletions, and reach the store with it.
        let pending = env.json(&["job", "pending", "1010"]);
        assert!(pending[0]["deletes"].as_u64() > Some(0), "{pending}");
        assert_eq!(pending[0]["upserts"], 0, "{pending}");
        env.ok(&["job", "run", "1010"]);
        let found = env.run(&pos("000160", &["customer", "search", "Lovelace"]));
        assert!(!found.contains("100002"), "{found}");
    });
}
