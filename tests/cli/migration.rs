//! A data file written by hq before one row a customer (schema 12; made by
//! `scripts/make-schema12-fixture.sh` with the hq of commit 506bcb0, kept as SQL text with what
//! that hq showed of it), opened by this hq: schema 13 keeps every customer, contact, address
//! and search result, and the channel's copy, converted with it, is what job 1010 makes.

use crate::common::TestEnv;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/schema12/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// The file of schema 12, as that hq left it.
pub(crate) fn schema_12() -> TestEnv {
    let env = TestEnv::empty();
    let c = rusqlite::Connection::open(env.data()).unwrap();
    c.execute_batch(&fixture("hq.sql")).unwrap();
    let v: u32 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 12);
    env
}

const SEARCHES: [&str; 6] = [
    "ada",
    "ada.second",
    "1713555",
    "+1713555",
    "lovelace",
    "10001",
];

#[test]
fn a_file_of_schema_12_reads_the_same_after_one_row_a_customer() {
    let env = schema_12();
    // Every customer with its lists, as the environment file has them.
    assert_eq!(env.ok(&["export"]), fixture("export.toml"));
    assert_eq!(
        env.json(&["status"])["schema_version"],
        commerce_hq::db::migrate::latest()
    );
    // The customer whose primaries are not first in their lists.
    assert_eq!(
        env.json(&["customer", "show", "100003"]),
        json("show-100003.json")
    );
    for s in SEARCHES {
        assert_eq!(
            env.json(&["customer", "list", "--search", s]),
            json(&format!("search-{s}.json")),
            "--search {s}"
        );
    }
    // The primaries are on the customers' rows now; the tables keep the others.
    let c = rusqlite::Connection::open(env.data()).unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM customer_contacts WHERE is_primary"),
        0
    );
    assert_eq!(count("SELECT count(*) FROM customer_contacts"), 2);
    assert_eq!(count("SELECT count(*) FROM customer_addresses"), 2);
    assert!(count("SELECT count(*) FROM customers WHERE email IS NOT NULL") > 40);
    let fk: i64 = count("SELECT count(*) FROM pragma_foreign_key_check");
    assert_eq!(fk, 0);

    // The channel's copy was converted alike: the change made before the migration and not
    // yet distributed is carried by the next run, and then the copy is what a full run makes.
    let tables = ["customers", "customer_contacts", "customer_addresses"];
    let contents = |env: &TestEnv| -> Vec<serde_json::Value> {
        tables
            .iter()
            .map(|t| {
                env.json(&[
                    "channel-db",
                    "contents",
                    "Default",
                    "--table",
                    t,
                    "--limit",
                    "1000",
                ])
            })
            .collect()
    };
    let before = contents(&env);
    assert!(!before[0].to_string().contains("+17135550199"));
    env.ok(&["job", "run", "1010"]);
    let carried = contents(&env);
    assert!(carried[0].to_string().contains("+17135550199"));
    env.ok(&["job", "run", "1010", "--full"]);
    assert_eq!(contents(&env), carried);
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn the_same_csv_imported_before_and_after_gives_the_same_export() {
    let env = TestEnv::contoso();
    let csv = format!(
        "{}/tests/fixtures/schema12/customers.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    env.ok(&["customer", "import", &csv, "--store", "HOUSTON"]);
    assert_eq!(env.ok(&["export"]), fixture("export-import.toml"));
}

/// The first command on an older file says, once, that it is upgrading it (a file of a million
/// customers takes 18 s); not in JSON mode, not again.
#[test]
fn the_first_command_on_an_older_file_says_it_upgrades_it_once() {
    let env = schema_12();
    let out = env.output(&["status"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let to = format!("from schema 12 to {}", commerce_hq::db::migrate::latest());
    assert!(err.contains(&to), "{err}");
    let again = env.output(&["status"]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("Upgrading"));
    let env = schema_12();
    let json = env.output(&["status", "--json"]);
    assert!(json.status.success());
    assert!(
        json.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
}
