//! `hq seed`: valid fake customers, the same for the same seed, inheriting from the store's
//! default customer, optionally in client books with activities; refusals change nothing.

use crate::common::{TestEnv, on_both_engines};

fn contoso() -> TestEnv {
    TestEnv::contoso()
}

fn seeded(env: &TestEnv) -> serde_json::Value {
    env.json(&["customer", "list", "--limit", "1000"])
}

#[test]
fn the_same_seed_gives_the_same_customers_and_another_seed_others() {
    on_both_engines(|| {
        let (a, b, c) = (contoso(), contoso(), contoso());
        for (env, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
            env.ok(&["seed", "--customers", "30", "--seed", seed]);
        }
        assert_eq!(seeded(&a), seeded(&b));
        assert_ne!(seeded(&a), seeded(&c));
        assert_eq!(seeded(&a).as_array().unwrap().len(), 35);
    });
}

#[test]
fn seeded_customers_inherit_from_the_store_and_take_accounts_from_the_sequence() {
    on_both_engines(|| {
        let env = contoso();
        let r = env.json(&["seed", "--customers", "20", "--store", "HOUSTON"]);
        assert_eq!(r["customers"], 20);
        assert_eq!(r["first_account"], "100006");
        assert_eq!(r["last_account"], "100025");
        // The sequence moved past them: the next customer added by hand gets 100026.
        let next = env.json(&[
            "customer",
            "add",
            "--store",
            "HOUSTON",
            "--first-name",
            "Next",
            "--last-name",
            "One",
        ]);
        assert_eq!(next["account"], "100026");
        let cu = env.json(&["customer", "show", "100010"]);
        // HOUSTON's default customer (100001): group 30, receipt option print, affiliation Retail.
        assert_eq!(cu["group"], "30", "{cu}");
        assert_eq!(cu["receipt_option"], "print", "{cu}");
        assert_eq!(cu["affiliations"], serde_json::json!(["Retail"]), "{cu}");
        assert_eq!(cu["financial_dimensions"][0]["value"], "002", "{cu}");
        assert_eq!(
            cu["address_books"],
            serde_json::json!(["CONTOSO-CUST", "HOUSTON-CUST"]),
            "{cu}"
        );
        assert_eq!(cu["addresses"][0]["purpose"], "home", "{cu}");
        assert_eq!(cu["addresses"][0]["country"], "US", "{cu}");
        let kinds: Vec<&str> = cu["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["email", "phone"], "{cu}");
        assert!(
            cu["contacts"][1]["value"]
                .as_str()
                .unwrap()
                .starts_with("+1"),
            "{cu}"
        );
        // Found by the store's customer list and by search.
        let last = cu["last_name"].as_str().unwrap();
        let found = env.json(&["customer", "list", "--store", "HOUSTON", "--search", last]);
        assert!(
            found
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["account"] == "100010"),
            "{found}"
        );
    });
}

#[test]
fn client_books_and_activities_go_to_the_stores_workers() {
    on_both_engines(|| {
        let env = contoso();
        let r = env.json(&[
            "seed",
            "--customers",
            "12",
            "--store",
            "HOUSTON",
            "--client-books",
            "--activities",
        ]);
        let workers: Vec<&str> = r["client_books"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["worker"].as_str().unwrap())
            .collect();
        // HOUSTON's workers are 000160 and 000161.
        assert!(
            !workers.is_empty() && workers.iter().all(|w| ["000160", "000161"].contains(w)),
            "{r}"
        );
        let in_books: u64 = r["client_books"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["customers"].as_u64().unwrap())
            .sum();
        assert_eq!(in_books, 12);
        assert!(r["activities"].as_u64().unwrap() >= 12, "{r}");
        let timeline = env.json(&["customer", "timeline", "100006"]);
        assert!(
            !timeline["activities"].as_array().unwrap().is_empty(),
            "{timeline}"
        );
    });
}

#[test]
fn refusals_change_nothing() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let t = env.refused(&["seed", "--customers", "5"], 3);
        assert!(t.contains("no store has a default customer"), "{t}");
        let env = contoso();
        let t = env.refused(&["seed", "--customers", "5", "--activities"], 2);
        assert!(t.contains("--activities needs --client-books"), "{t}");
        let t = env.refused(&["seed", "--customers", "5", "--store", "NOPE"], 4);
        assert!(t.contains("store \"NOPE\" does not exist"), "{t}");
        env.ok(&["activity-type", "remove", "APPT"]);
        let t = env.run(&["seed", "--customers", "5", "--dry-run"]);
        assert!(t.contains("Dry run: nothing was written."), "{t}");
        assert_eq!(seeded(&env).as_array().unwrap().len(), 5);
    });
}
