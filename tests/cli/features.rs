//! Feature management (DOMAIN.md 3).

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

fn env_at(version: &str) -> TestEnv {
    let env = TestEnv::empty();
    env.ok(&["init", "--version", version]);
    env
}

#[test]
fn the_catalogue_lists_every_feature_with_its_fields() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let all = env.json(&["feature", "list", "--module", "Retail and commerce"]);
        let keys: Vec<&str> = all
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "clienteling",
                "multiple-contacts",
                "async-customer-addresses",
                "enhanced-async-customers",
                "async-customer-editing",
                "customer-orders-performance",
                "init-scheduler-after-update"
            ]
        );
        assert_snapshot!(env.run(&["feature", "list"]), @r#"
        $ hq feature list
        [exit 0]
        --- stdout
        KEY                          STATE          ENABLED  SINCE       SCHEDULED  NAME
        clienteling                  released       no       -           -          Clienteling
        multiple-contacts            on-by-default  yes      2026-01-15  -          Capture multiple emails and phone numbers and consent for marketing on these contacts
        async-customer-addresses     released       no       -           -          Enable asynchronous creation for customer addresses
        enhanced-async-customers     released       no       -           -          Enable enhanced async customer creation
        async-customer-editing       released       no       -           -          Enable editing customers in asynchronous mode
        customer-orders-performance  mandatory      yes      2026-01-15  -          Performance improvements for customer orders and customer transactions
        init-scheduler-after-update  released       no       -           -          Run "Initialize commerce scheduler" after Headquarters is updated
        --- stderr
        "#);
    });
}

#[test]
fn enable_then_show_the_issue_example() {
    on_both_engines(|| {
        let env = TestEnv::new();
        assert_snapshot!(env.run(&["feature", "enable", "clienteling"]), @r#"
        $ hq feature enable clienteling
        [exit 0]
        --- stdout
        --- stderr
        Updated feature clienteling: enabled false -> true, enable_date (none) -> "2026-01-15T09:00:00Z"
        "#);
        let f = env.json(&["feature", "show", "clienteling"]);
        for key in [
            "key",
            "name",
            "module",
            "state",
            "enabled",
            "enable_date",
            "can_disable",
            "prerequisites",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        assert_eq!(f["enabled"], true);
        assert_eq!(f["enable_date"], "2026-01-15T09:00:00Z");
        assert_eq!(
            env.json(&["log", "--limit", "1"])[0]["summary"],
            "updated feature clienteling: enabled false -> true, enable_date (none) -> \"2026-01-15T09:00:00Z\""
        );
    });
}

#[test]
fn features_are_named_by_key_or_exact_name_in_any_case() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&[
            "feature",
            "enable",
            "ENABLE ENHANCED ASYNC CUSTOMER CREATION",
        ]);
        assert_eq!(
            env.json(&["feature", "show", "enhanced-async-customers"])["enabled"],
            true
        );
        assert_snapshot!(env.refused(&["feature", "show", "clientelling"], 4), @r#"
        $ hq feature show clientelling
        [exit 4]
        --- stdout
        --- stderr
        error: feature "clientelling" does not exist
        hint: did you mean clienteling?
        hint: name a feature by its key or its exact name; see `hq feature list`
        "#);
    });
}

#[test]
fn on_by_default_and_mandatory_follow_the_environment_version() {
    on_both_engines(|| {
        let new = env_at("10.0.40");
        assert_eq!(
            new.json(&["feature", "show", "multiple-contacts"])["enabled"],
            true
        );
        assert_eq!(
            new.json(&["feature", "show", "multiple-contacts"])["enable_date"],
            "2026-01-15T09:00:00Z"
        );
        assert_eq!(
            new.json(&["feature", "show", "customer-orders-performance"])["state"],
            "mandatory"
        );
        let old = env_at("10.0.27");
        assert_eq!(
            old.json(&["feature", "show", "multiple-contacts"])["state"],
            "not-available"
        );
        assert_eq!(
            old.json(&["feature", "show", "multiple-contacts"])["enabled"],
            false
        );
        let cop = old.json(&["feature", "show", "customer-orders-performance"]);
        assert_eq!(cop["state"], "released");
        assert_eq!(cop["enabled"], false);
        assert_eq!(cop["can_disable"], false);
    });
}

#[test]
fn enabling_without_prerequisites_is_refused_naming_each() {
    on_both_engines(|| {
        let env = TestEnv::new();
        assert_snapshot!(env.refused(&["feature", "enable", "async-customer-editing"], 3), @"
        $ hq feature enable async-customer-editing
        [exit 3]
        --- stdout
        --- stderr
        error: feature async-customer-editing requires features that are not enabled: async-customer-addresses, enhanced-async-customers
        hint: enable them first: `hq feature enable async-customer-addresses`, `hq feature enable enhanced-async-customers`
        ");
        env.ok(&["feature", "enable", "async-customer-addresses"]);
        let t = env.refused(&["feature", "enable", "async-customer-editing"], 3);
        assert!(
            t.contains("requires features that are not enabled: enhanced-async-customers\n"),
            "{t}"
        );
        env.ok(&["feature", "enable", "enhanced-async-customers"]);
        env.ok(&["feature", "enable", "async-customer-editing"]);
        // Now a prerequisite cannot be turned off under it.
        let t = env.refused(
            &["feature", "disable", "enhanced-async-customers", "--yes"],
            3,
        );
        assert!(
            t.contains("is required by enabled features: async-customer-editing"),
            "{t}"
        );
    });
}

#[test]
fn a_feature_newer_than_the_environment_cannot_be_enabled() {
    on_both_engines(|| {
        let env = env_at("10.0.24");
        let t = env.refused(&["feature", "enable", "async-customer-editing"], 3);
        assert!(t.contains("feature async-customer-editing comes with version 10.0.29; this environment is version 10.0.24"), "{t}");
    });
}

#[test]
fn a_mandatory_feature_cannot_be_disabled() {
    on_both_engines(|| {
        let env = TestEnv::new();
        assert_snapshot!(env.refused(&["feature", "disable", "customer-orders-performance"], 3), @"
        $ hq feature disable customer-orders-performance
        [exit 3]
        --- stdout
        --- stderr
        error: feature customer-orders-performance is mandatory from version 10.0.28 and cannot be disabled
        ");
        env.refused(
            &["feature", "disable", "customer-orders-performance", "--yes"],
            3,
        ).says(&["feature customer-orders-performance is mandatory from version 10.0.28 and cannot be disabled"]);
    });
}

#[test]
fn a_feature_that_cannot_be_disabled_needs_confirmation_to_enable() {
    on_both_engines(|| {
        let env = env_at("10.0.26");
        assert_snapshot!(env.refused(&["feature", "enable", "customer-orders-performance"], 2), @"
        $ hq feature enable customer-orders-performance
        [exit 2]
        --- stdout
        --- stderr
        error: feature customer-orders-performance cannot be disabled once enabled, so enabling it needs confirmation
        hint: pass --yes to confirm without a terminal
        ");
        env.ok(&["feature", "enable", "customer-orders-performance", "--yes"]);
        assert_eq!(
            env.json(&["feature", "show", "customer-orders-performance"])["enabled"],
            true
        );
        let t = env.refused(
            &["feature", "disable", "customer-orders-performance", "--yes"],
            3,
        );
        assert!(t.contains("cannot be disabled once enabled"), "{t}");
    });
}

#[test]
fn disabling_needs_confirmation_without_a_terminal() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&["feature", "enable", "clienteling"]);
        let t = env.refused(&["feature", "disable", "clienteling"], 2);
        assert!(t.contains("pass --yes"), "{t}");
        env.ok(&["feature", "disable", "clienteling", "--yes"]);
        let f = env.json(&["feature", "show", "clienteling"]);
        assert_eq!(f["enabled"], false);
        assert!(f["enable_date"].is_null());
        // An on-by-default feature stays off once disabled.
        env.ok(&["feature", "disable", "multiple-contacts", "--yes"]);
        assert_eq!(
            env.json(&["feature", "show", "multiple-contacts"])["enabled"],
            false
        );
    });
}

#[test]
fn enabling_twice_changes_nothing() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&["feature", "enable", "clienteling"]);
        let before = env.snapshot_files();
        let t = env.run(&["feature", "enable", "clienteling"]);
        assert!(
            t.contains("Nothing to change: feature clienteling is already enabled."),
            "{t}"
        );
        assert!(before == env.snapshot_files());
    });
}

#[test]
fn a_scheduled_feature_is_enabled_from_its_date() {
    on_both_engines(|| {
        let env = TestEnv::new();
        assert_snapshot!(env.run(&["feature", "schedule", "clienteling", "--on", "2026-02-01"]), @r#"
        $ hq feature schedule clienteling --on 2026-02-01
        [exit 0]
        --- stdout
        --- stderr
        Updated feature clienteling: scheduled_date (none) -> "2026-02-01T00:00:00Z"
        "#);
        let f = env.json(&["feature", "show", "clienteling"]);
        assert_eq!(f["enabled"], false);
        assert_eq!(f["scheduled_date"], "2026-02-01T00:00:00Z");
        assert_eq!(
            env.json(&["feature", "list", "--scheduled"])
                .as_array()
                .unwrap()
                .len(),
            1
        );
        // Later, by the clock, it is on.
        let out = env
            .command(&["feature", "show", "clienteling", "--json"])
            .env("HQ_NOW", "2026-02-02T00:00:00Z")
            .output()
            .unwrap();
        let later: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(later["enabled"], true);
        assert_eq!(later["enable_date"], "2026-02-01T00:00:00Z");
        env.ok(&["feature", "schedule", "clienteling", "--cancel"]);
        assert!(env.json(&["feature", "show", "clienteling"])["scheduled_date"].is_null());
        let t = env.refused(
            &["feature", "schedule", "clienteling", "--on", "2025-01-01"],
            3,
        );
        assert!(t.contains("the date is not in the future"), "{t}");
        env.refused(&["feature", "schedule", "clienteling", "--on", "soon"], 3)
            .says(&["invalid value \"soon\" for --on: it is not a date"]);
    });
}

#[test]
fn a_schedule_needs_prerequisites_on_by_its_date() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.refused(
            &[
                "feature",
                "schedule",
                "async-customer-editing",
                "--on",
                "2026-03-01",
            ],
            3,
        ).says(&["feature async-customer-editing requires features that are not enabled: async-customer-addresses, enhanced-async-customers"]);
        env.ok(&[
            "feature",
            "schedule",
            "async-customer-addresses",
            "--on",
            "2026-02-01",
        ]);
        env.ok(&[
            "feature",
            "schedule",
            "enhanced-async-customers",
            "--on",
            "2026-02-15",
        ]);
        env.refused(
            &[
                "feature",
                "schedule",
                "async-customer-editing",
                "--on",
                "2026-02-10",
            ],
            3,
        ).says(&["feature async-customer-editing requires features that are not enabled: enhanced-async-customers"]);
        env.ok(&[
            "feature",
            "schedule",
            "async-customer-editing",
            "--on",
            "2026-03-01",
        ]);
    });
}

#[test]
fn dry_run_enable_writes_nothing() {
    on_both_engines(|| {
        let env = TestEnv::new();
        let before = env.snapshot_files();
        let t = env.run(&["feature", "enable", "clienteling", "--dry-run"]);
        assert!(
            t.contains("Would update feature clienteling: enabled false -> true"),
            "{t}"
        );
        assert!(before == env.snapshot_files());
    });
}
