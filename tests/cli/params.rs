//! Commerce parameters, Key Vault and Customer Insights (DOMAIN.md 5).

use insta::assert_snapshot;

use crate::common::{TestEnv, on_both_engines};

const CLIENT_ID: &str = "6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01";
const APP_ID: &str = "3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10";

fn with_key_vault() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "keyvault",
        "set",
        "--url",
        "https://contoso-kv.vault.azure.net/",
        "--client-id",
        CLIENT_ID,
    ]);
    env.ok(&[
        "keyvault",
        "secret",
        "add",
        "CISecret",
        "--reference",
        "vault://contoso-kv/ci-access",
    ]);
    env
}

/// Every byte under the test's directory, as text (lossy), to look for a leaked value.
fn everything_written(env: &TestEnv) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(env.dir()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        all.push_str(&String::from_utf8_lossy(&bytes));
    }
    all
}

#[test]
fn the_issue_example_enables_customer_insights() {
    on_both_engines(|| {
        let env = with_key_vault();
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "insights",
            "set",
            "--app-id",
            APP_ID,
            "--secret-name",
            "CISecret",
            "--measure",
            "Churn probability",
        ]);
        assert_snapshot!(env.run(&["insights", "enable"]), @"
        $ hq insights enable
        [exit 0]
        --- stdout
        --- stderr
        Updated commerce parameters: insights.enabled false -> true
        ");
        assert_snapshot!(env.run(&["param", "show", "--json"]), @r#"
        $ hq param show --json
        [exit 0]
        --- stdout
        {
          "general": {
            "customer_attribute_group": null
          },
          "number_sequences": [],
          "clienteling": {
            "client_book_attribute_group": null,
            "customer_insights": {
              "enabled": true,
              "app_id": "3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10",
              "secret_name": "CISecret",
              "environment_id": null,
              "alternate_customer_id": null,
              "measures": [
                "Churn probability"
              ]
            }
          }
        }
        --- stderr
        "#);
        assert_snapshot!(env.run(&["keyvault", "show"]), @"
        $ hq keyvault show
        [exit 0]
        --- stdout
        URL             https://contoso-kv.vault.azure.net/
        Client id       6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01
        Secret expires  -

        SECRET    REFERENCE                     DESCRIPTION
        CISecret  vault://contoso-kv/ci-access
        --- stderr
        ");
    });
}

#[test]
fn a_secret_value_is_refused_and_never_repeated_or_stored() {
    on_both_engines(|| {
        let env = with_key_vault();
        for extra in [&[][..], &["--json"]] {
            let mut args = vec!["keyvault", "secret", "add", "S", "--reference", "hunter2"];
            args.extend(extra);
            let out = env.output(&args);
            assert_eq!(out.status.code(), Some(3));
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!printed.contains("hunter2"), "{printed}");
        }
        assert_snapshot!(env.refused(&["keyvault", "secret", "add", "S", "--reference", "hunter2"], 3), @"
        $ hq keyvault secret add S --reference hunter2
        [exit 3]
        --- stdout
        --- stderr
        error: --reference: it is not a Key Vault reference; the value is not shown, as it may be a secret
        hint: give a reference of the form vault://<KeyVaultName>/<SecretName>; hq never stores secret values
        ");
        assert!(!everything_written(&env).contains("hunter2"));
        assert!(!env.ok(&["log", "--json"]).contains("hunter2"));
    });
}

#[test]
fn insights_cannot_be_enabled_before_key_vault_and_lists_every_gap() {
    on_both_engines(|| {
        let env = TestEnv::new();
        assert_snapshot!(env.refused(&["insights", "enable"], 3), @"
        $ hq insights enable
        [exit 3]
        --- stdout
        --- stderr
        error: Customer Insights cannot be enabled:
          - the Clienteling feature is not enabled (`hq feature enable clienteling`)
          - the Key Vault URL is not set (`hq keyvault set --url URL`)
          - the Key Vault client id is not set (`hq keyvault set --client-id GUID`)
          - the application id is not set (`hq insights set --app-id GUID`)
          - the secret name is not set (`hq insights set --secret-name NAME`)
        hint: it stays disabled; fix these, then run `hq insights enable` again
        ");
        assert_eq!(env.json(&["insights", "show"])["enabled"], false);
    });
}

#[test]
fn insights_settings_are_validated() {
    on_both_engines(|| {
        let env = with_key_vault();
        env.refused(&["insights", "set", "--app-id", "not-a-guid"], 3)
            .says(&["invalid value \"not-a-guid\" for --app-id: it is not a GUID"]);
        let t = env.refused(
            &[
                "insights",
                "set",
                "--measure",
                "a",
                "--measure",
                "b",
                "--measure",
                "c",
                "--measure",
                "d",
            ],
            3,
        );
        assert!(t.contains("at most 3 measures"), "{t}");
        env.ok(&["insights", "set", "--measure", "a", "--measure", "b"]);
        env.ok(&["insights", "set", "--measure", ""]);
        assert_eq!(
            env.json(&["insights", "show"])["measures"],
            serde_json::json!([])
        );
    });
}

#[test]
fn an_enabled_integration_cannot_be_broken_by_a_later_change() {
    on_both_engines(|| {
        let env = with_key_vault();
        env.ok(&["feature", "enable", "clienteling"]);
        env.ok(&[
            "insights",
            "set",
            "--app-id",
            APP_ID,
            "--secret-name",
            "CISecret",
        ]);
        env.ok(&["insights", "enable"]);
        let t = env.refused(&["keyvault", "secret", "remove", "CISecret"], 5);
        assert!(t.contains("still used by Customer Insights"), "{t}");
        let t = env.refused(
            &[
                "keyvault",
                "secret",
                "set",
                "CISecret",
                "--reference",
                "vault://other-kv/ci-access",
            ],
            3,
        );
        assert!(t.contains("points into Key Vault other-kv"), "{t}");
        env.refused(&["insights", "set", "--secret-name", "Missing"], 3)
            .says(&["Customer Insights is enabled, and this change would break it"]);
        // A rotation inside the same vault is fine.
        env.ok(&[
            "keyvault",
            "secret",
            "set",
            "CISecret",
            "--reference",
            "vault://contoso-kv/ci-access-2027",
        ]);
        env.ok(&["insights", "disable"]);
        env.ok(&["insights", "set", "--secret-name", "Missing"]);
    });
}

#[test]
fn keyvault_validate_reports_every_problem() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.ok(&[
            "keyvault",
            "secret",
            "add",
            "Other",
            "--reference",
            "vault://other-kv/x",
        ]);
        let t = env.refused(&["keyvault", "validate"], 3);
        assert!(t.contains("the Key Vault URL is not set"), "{t}");
        assert!(t.contains("the client (application) id is not set"), "{t}");
        env.ok(&[
            "keyvault",
            "set",
            "--url",
            "https://contoso-kv.vault.azure.net",
            "--client-id",
            CLIENT_ID,
        ]);
        assert_snapshot!(env.refused(&["keyvault", "validate"], 3), @"
        $ hq keyvault validate
        [exit 3]
        --- stdout
        --- stderr
        error: the Key Vault parameters are not valid:
          - secret Other points into Key Vault other-kv, but the Key Vault URL names contoso-kv
        ");
        env.ok(&["keyvault", "secret", "remove", "Other"]);
        env.ok(&["keyvault", "validate"]);
        let v = env.json(&["keyvault", "validate"]);
        assert_eq!(v, serde_json::json!({"valid": true, "problems": []}));
    });
}

#[test]
fn key_vault_values_are_validated() {
    on_both_engines(|| {
        let env = TestEnv::new();
        env.refused(
            &[
                "keyvault",
                "set",
                "--url",
                "http://contoso-kv.vault.azure.net/",
            ],
            3,
        ).says(&["invalid value \"http://contoso-kv.vault.azure.net/\" for --url: it is not an https URL of a Key Vault"]);
        env.refused(&["keyvault", "set", "--client-id", "12345"], 3)
            .says(&["invalid value \"12345\" for --client-id: it is not a GUID"]);
        env.ok(&[
            "keyvault",
            "secret",
            "add",
            "A",
            "--reference",
            "vault://contoso-kv/a",
        ]);
        env.refused(
            &[
                "keyvault",
                "secret",
                "add",
                "A",
                "--reference",
                "vault://contoso-kv/b",
            ],
            5,
        )
        .says(&["Key Vault secret A already exists"]);
        env.refused(
            &[
                "keyvault",
                "secret",
                "set",
                "B",
                "--reference",
                "vault://contoso-kv/b",
            ],
            4,
        )
        .says(&[
            "keyvault secret \"B\" does not exist (given by NAME)",
            "hint: see what exists with `hq keyvault show`",
        ]);
    });
}
