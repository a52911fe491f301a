//! Commerce parameters, Key Vault parameters and the Customer Insights settings (DOMAIN.md 5).
//!
//! hq never stores a secret: Key Vault secrets are kept only as references
//! `vault://<KeyVaultName>/<SecretName>`, and a value that is not such a reference is refused
//! without being repeated anywhere.

use serde::{Deserialize, Serialize};

use super::fix::{Cmd, Hint};
use super::model::{Check, Kind};
use super::validate::Invalid;

/// The most Customer Insights measures a customer card shows.
pub(crate) const MAX_MEASURES: usize = 3;

super::record::record! {
    /// The Key Vault parameters: where HQ reads secrets, and the references to them.
    pub struct KeyVault {
        url: Option<String> = "Key Vault URL", Kind::Text, check(Check::VaultUrl),
            help("The vault's https URL");
        client_id: Option<String> = "Client (application) id", Kind::Text, check(Check::Guid),
            help("The client (application) id, a GUID");
        /// When the Key Vault application's secret expires: its date only, never the secret.
        secret_expires: Option<String> = "Secret expires", Kind::Text, check(Check::Date),
            help("When the Key Vault application's secret expires, YYYY-MM-DD (doctor warns 30 \
                  days before)");
        /// References to secrets, never their values; kept in a table of their own.
        secrets: Vec<KeyVaultSecret> = "Secrets", Kind::Reference("key_vault_secrets"),
            many("secret"), not_on_add(), set_by("keyvault secret add");
    }
}

super::record::record! {
    /// The Commerce parameters that name an attribute group.
    pub struct AttributeParameters {
        customer_attribute_group: Option<String> = "Customer attribute group",
            Kind::Reference("attribute_groups"), check(Check::Id),
            json("general.customer_attribute_group"),
            help("General: the attribute group whose attributes customers carry");
        client_book_attribute_group: Option<String> = "Client book attribute group",
            Kind::Reference("attribute_groups"), check(Check::Id),
            json("clienteling.client_book_attribute_group"),
            help("Clienteling: the attribute group of client books");
    }
}

/// A reference to a Key Vault secret (`vault://<KeyVaultName>/<SecretName>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyVaultSecret {
    pub name: String,
    pub reference: String,
    #[serde(default)]
    pub description: String,
}

super::record::rows_field!(KeyVaultSecret);
super::record::from_file_via_serde!(Vec<KeyVaultSecret>);

/// The Key Vault parameters as the parameters table keeps them (the secrets have a table of
/// their own).
fn vault_stored<S: serde::Serializer>(kv: &KeyVault, s: S) -> Result<S::Ok, S::Error> {
    super::record::Stored(kv).serialize(s)
}

super::record::record! {
    /// The Customer Insights settings: what a customer card shows from Customer Insights.
    pub struct Insights {
        enabled: bool = "Enabled", Kind::Bool, set_by("insights enable");
        app_id: Option<String> = "Application id", Kind::Text, check(Check::Guid),
            help("The Customer Insights application id, a GUID");
        secret_name: Option<String> = "Secret name", Kind::Reference("key_vault"),
            check(Check::Id), help("The name of the Key Vault secret that holds its key");
        environment_id: Option<String> = "Environment id", Kind::Text, check(Check::Text(100)),
            help("The Customer Insights environment instance id");
        alternate_customer_id: Option<String> = "Alternate customer id", Kind::Text,
            check(Check::Text(100)),
            help("The customer field Customer Insights uses as the alternate customer id");
        measures: Vec<String> = "Measures", Kind::Text, many("measure"), check(Check::Name),
            help("A measure shown on customer cards (repeat for more, at most three)");
    }
}

/// Every Commerce parameter hq models, as stored (one row per field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Parameters {
    /// General: the customer attribute group.
    pub customer_attribute_group: Option<String>,
    /// Clienteling: the client book attribute group.
    pub client_book_attribute_group: Option<String>,
    #[serde(serialize_with = "vault_stored")]
    pub key_vault: KeyVault,
    pub insights: Insights,
}

/// Checks a Key Vault secret reference. The error never contains the value: a string that is
/// not a reference may be the secret itself.
pub(crate) fn secret_reference(field: &str, value: &str) -> Result<String, Invalid> {
    let refuse = |why: &str| {
        Invalid::new(field, "", format!("{why}; the value is not shown, as it may be a secret"))
            .hint("give a reference of the form vault://<KeyVaultName>/<SecretName>; hq never stores secret values")
    };
    let rest = value
        .strip_prefix("vault://")
        .ok_or_else(|| refuse("it is not a Key Vault reference"))?;
    let (vault, secret) = rest
        .split_once('/')
        .ok_or_else(|| refuse("a reference is vault://<KeyVaultName>/<SecretName>"))?;
    if !vault_name_ok(vault) {
        return Err(refuse(
            "the Key Vault name must be 3 to 24 letters, digits and single hyphens, starting with a letter",
        ));
    }
    if !secret_name_ok(secret) {
        return Err(refuse(
            "the secret name must be 1 to 127 letters, digits and hyphens",
        ));
    }
    Ok(format!("vault://{vault}/{secret}"))
}

fn vault_name_ok(v: &str) -> bool {
    (3..=24).contains(&v.len())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && v.starts_with(|c: char| c.is_ascii_alphabetic())
        && !v.ends_with('-')
        && !v.contains("--")
}

fn secret_name_ok(s: &str) -> bool {
    (1..=127).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The Key Vault name a reference points into.
pub(crate) fn vault_of(reference: &str) -> Option<&str> {
    reference
        .strip_prefix("vault://")?
        .split_once('/')
        .map(|(v, _)| v)
}

/// A Key Vault URL: `https://<name>.vault.azure.net/` (other Azure clouds use other domains,
/// so any https URL with a host is accepted; the name is its first label). Stored with a
/// trailing slash.
pub(crate) fn vault_url(field: &str, value: &str) -> Result<String, Invalid> {
    super::validate::no_secret(field, value)?;
    let v = value.trim();
    let bad = || {
        Invalid::new(field, value, "it is not an https URL of a Key Vault")
            .hint("for example https://contoso-kv.vault.azure.net/")
    };
    let host = v.strip_prefix("https://").ok_or_else(bad)?;
    let host = host.trim_end_matches('/');
    if host.is_empty() || host.contains('/') || host.contains(' ') || !host.contains('.') {
        return Err(bad());
    }
    Ok(format!("https://{}/", host.to_ascii_lowercase()))
}

/// The Key Vault name of a vault URL (its first host label).
pub(crate) fn vault_name_of_url(url: &str) -> Option<&str> {
    url.strip_prefix("https://")?.split('.').next()
}

/// A GUID such as an application (client) id, stored hyphenated in lower case.
pub(crate) fn guid(field: &str, value: &str) -> Result<String, Invalid> {
    uuid::Uuid::parse_str(value.trim())
        .map(|u| u.hyphenated().to_string())
        .map_err(|_| {
            Invalid::new(field, value, "it is not a GUID")
                .hint("for example 6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01")
        })
}

/// Every reason Customer Insights cannot be enabled, all at once (empty when it can).
pub(crate) fn insights_problems(
    params: &Parameters,
    secrets: &[KeyVaultSecret],
    clienteling_enabled: bool,
) -> Vec<Hint> {
    // What is missing, and the command that sets it (in brackets).
    let fix = |what: &str, cmd: Cmd| Hint::from(format!("{what} (")).run(cmd).then(")");
    let mut p = Vec::new();
    if !clienteling_enabled {
        p.push(fix(
            "the Clienteling feature is not enabled",
            Cmd::new("feature enable").arg("clienteling"),
        ));
    }
    p.extend(key_vault_unset(
        &params.key_vault,
        "the Key Vault client id",
    ));
    let ci = &params.insights;
    match &ci.app_id {
        None => p.push(fix(
            "the application id is not set",
            Cmd::new("insights set").set_ph("app_id", "GUID"),
        )),
        Some(id) if guid("app_id", id).is_err() => {
            p.push(format!("the application id {id:?} is not a GUID").into())
        }
        Some(_) => {}
    }
    match &ci.secret_name {
        None => p.push(fix(
            "the secret name is not set",
            Cmd::new("insights set").set_ph("secret_name", "NAME"),
        )),
        Some(name) => match secrets.iter().find(|s| s.name.eq_ignore_ascii_case(name)) {
            None => p.push(fix(
                &format!("the secret {name} does not exist in the Key Vault parameters"),
                Cmd::new("keyvault secret add")
                    .arg(name)
                    .set_ph("reference", "vault://VAULT/SECRET"),
            )),
            Some(s) => {
                if secret_reference("reference", &s.reference).is_err() {
                    p.push(format!("the secret {name} has a malformed reference").into());
                } else if let (Some(url), Some(vault)) =
                    (&params.key_vault.url, vault_of(&s.reference))
                    && vault_name_of_url(url).is_some_and(|n| !n.eq_ignore_ascii_case(vault))
                {
                    p.push(
                        format!(
                            "the secret {name} points into Key Vault {vault}, but the Key Vault URL is {url}"
                        )
                        .into(),
                    );
                }
            }
        },
    }
    p
}

/// What of the Key Vault parameters is not set, with the command that sets it; `client` is
/// how the client id is called.
pub(crate) fn key_vault_unset(kv: &KeyVault, client: &str) -> Vec<Hint> {
    let mut p = Vec::new();
    if kv.url.is_none() {
        p.push(
            Hint::from("the Key Vault URL is not set (")
                .run(Cmd::new("keyvault set").set_ph("url", "URL"))
                .then(")"),
        );
    }
    if kv.client_id.is_none() {
        p.push(
            Hint::from(format!("{client} is not set ("))
                .run(Cmd::new("keyvault set").set_ph("client_id", "GUID"))
                .then(")"),
        );
    }
    p
}

/// A secret reference added twice.
pub(crate) fn secret_exists(name: &str) -> Invalid {
    Invalid::refusal(
        super::validate::Refusal::Conflict,
        "",
        format!("Key Vault secret {name} already exists"),
    )
    .hint(Hint::to(
        "to point it at a rotated secret, use",
        Cmd::new("keyvault secret set")
            .arg(name)
            .set_ph("reference", "..."),
    ))
}

/// A secret Customer Insights still names.
pub(crate) fn secret_in_use(name: &str) -> Invalid {
    Invalid::refusal(
        super::validate::Refusal::Conflict,
        "",
        format!("Key Vault secret {name} is still used by Customer Insights (its secret name)"),
    )
    .hint(Hint::to(
        "point Customer Insights at another secret first:",
        Cmd::new("insights set").set_ph("secret_name", "NAME"),
    ))
}

/// A customer card shows at most [`MAX_MEASURES`] measures.
pub(crate) fn check_measures(count: usize) -> Result<(), Invalid> {
    if count > MAX_MEASURES {
        return Err(Invalid::refusal(
            super::validate::Refusal::Invalid,
            "measure",
            format!(
                "too many values for {}: {count} given; a customer card shows at most {MAX_MEASURES} measures",
                super::fix::FIELD
            ),
        ));
    }
    Ok(())
}

/// A change that would break Customer Insights while it is enabled (`problems`: why).
pub(crate) fn would_break_insights(problems: Vec<Hint>) -> Invalid {
    let mut e = Invalid::rule("Customer Insights is enabled, and this change would break it:")
        .hint(
            Hint::to("disable it first with", Cmd::new("insights disable"))
                .then(", or keep its settings valid"),
        );
    e.details = problems.into_boxed_slice();
    e
}

/// Customer Insights enabled with `problems`: it stays disabled.
pub(crate) fn cannot_enable_insights(problems: Vec<Hint>) -> Invalid {
    let mut e = Invalid::rule("Customer Insights cannot be enabled:").hint(
        Hint::from("it stays disabled; fix these, then run ")
            .run(Cmd::new("insights enable"))
            .then(" again"),
    );
    e.details = problems.into_boxed_slice();
    e
}

/// The Key Vault parameters have `problems`.
pub(crate) fn key_vault_invalid(problems: Vec<Hint>) -> Invalid {
    let mut e = Invalid::rule("the Key Vault parameters are not valid:");
    e.details = problems.into_boxed_slice();
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insights_and_key_vault_problems_are_listed_under_the_refusal() {
        let problems = vec![Hint::from("the Key Vault URL is not set")];
        for e in [
            would_break_insights(problems.clone()),
            cannot_enable_insights(problems.clone()),
            key_vault_invalid(problems.clone()),
        ] {
            assert_eq!(e.details.len(), 1, "{e}");
            assert!(e.to_string().ends_with(':'), "{e}");
        }
        assert_eq!(
            cannot_enable_insights(problems).hints[0]
                .commands()
                .next()
                .unwrap()
                .path(),
            "insights enable"
        );
    }

    #[test]
    fn the_parameter_use_cases_refusals_are_the_domains() {
        assert!(check_measures(MAX_MEASURES).is_ok());
        let e = check_measures(MAX_MEASURES + 1).unwrap_err();
        assert_eq!(e.field, "measure");
        assert!(e.to_string().contains("too many values for {field}"), "{e}");
        assert_eq!(
            secret_in_use("ci").kind,
            super::super::validate::Refusal::Conflict
        );
        assert_eq!(
            secret_exists("ci").kind,
            super::super::validate::Refusal::Conflict
        );
    }

    #[test]
    fn a_reference_is_vault_name_slash_secret() {
        assert_eq!(
            secret_reference("reference", "vault://contoso-kv/ci-access").unwrap(),
            "vault://contoso-kv/ci-access"
        );
        for bad in [
            "hunter2",
            "vault://contoso-kv",
            "vault://x/y",
            "vault://contoso-kv/a b",
            "https://contoso-kv/x",
        ] {
            assert!(secret_reference("reference", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_refused_reference_is_never_repeated() {
        let err = secret_reference("reference", "hunter2").unwrap_err();
        let shown = format!("{err} {:?}", err.hints);
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(err.value.is_empty());
    }

    #[test]
    fn guids_and_urls() {
        assert_eq!(
            guid("app_id", "3D0B7C1E-9F11-4F7B-8D6E-2B5A7C9E4F10").unwrap(),
            "3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10"
        );
        assert!(guid("app_id", "not-a-guid").is_err());
        assert_eq!(
            vault_url("url", "https://contoso-kv.vault.azure.net").unwrap(),
            "https://contoso-kv.vault.azure.net/"
        );
        assert!(vault_url("url", "http://contoso-kv.vault.azure.net/").is_err());
        assert_eq!(
            vault_name_of_url("https://contoso-kv.vault.azure.net/"),
            Some("contoso-kv")
        );
    }

    fn ready() -> (Parameters, Vec<KeyVaultSecret>) {
        let mut p = Parameters::default();
        p.key_vault.url = Some("https://contoso-kv.vault.azure.net/".into());
        p.key_vault.client_id = Some("6f1c2a7e-1b1d-4c55-9a37-0a4c1c0f1e01".into());
        p.insights.app_id = Some("3d0b7c1e-9f11-4f7b-8d6e-2b5a7c9e4f10".into());
        p.insights.secret_name = Some("CISecret".into());
        let s = vec![KeyVaultSecret {
            name: "CISecret".into(),
            reference: "vault://contoso-kv/ci-access".into(),
            description: String::new(),
        }];
        (p, s)
    }

    #[test]
    fn insights_can_be_enabled_when_everything_is_in_place() {
        let (p, s) = ready();
        assert!(insights_problems(&p, &s, true).is_empty());
    }

    #[test]
    fn insights_lists_every_problem_at_once() {
        let problems = insights_problems(&Parameters::default(), &[], false);
        assert_eq!(problems.len(), 5, "{problems:?}");
    }

    #[test]
    fn a_secret_in_another_vault_is_a_problem() {
        let (p, mut s) = ready();
        s[0].reference = "vault://other-kv/ci-access".into();
        let problems = insights_problems(&p, &s, true);
        assert_eq!(problems.len(), 1);
        assert!(format!("{:?}", problems[0]).contains("other-kv"));
    }
}
