//! Commerce parameters, Key Vault parameters and Customer Insights (DOMAIN.md 5).

use crate::db::Reader;
use serde::Serialize;

use super::record::KeptOne;
use super::{Applied, Mode, OpEnv, feature, mutate, not_found_listed, save_changed};
use crate::db::numseq::{self as numseq_db, Assignment};
use crate::db::{Db, params as db};
use crate::domain::params::{self as rules, Insights, KeyVault, KeyVaultSecret, Parameters};
use crate::domain::{Change, Cmd, Hint, validate};
use crate::error::Result;

pub(crate) fn load(c: &Reader) -> Result<Parameters> {
    db::load(c)
}

fn save(tx: &crate::db::WriteTx, old: &Parameters, new: &Parameters) -> Result<Vec<Change>> {
    let changes = save_changed("commerce_parameters", "", old, new, || db::save(tx, new))?;
    Ok(changes)
}

// ---- param show ----

#[derive(Debug, Serialize)]
pub(crate) struct General {
    pub customer_attribute_group: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Clienteling {
    pub client_book_attribute_group: Option<String>,
    pub customer_insights: Insights,
}

/// The Commerce parameters grouped as HQ groups them.
#[derive(Debug, Serialize)]
pub(crate) struct ParamsView {
    pub general: General,
    pub number_sequences: Vec<Assignment>,
    pub clienteling: Clienteling,
}

pub(crate) fn show(c: &Reader) -> Result<ParamsView> {
    let p = load(c)?;
    Ok(ParamsView {
        general: General {
            customer_attribute_group: p.customer_attribute_group,
        },
        number_sequences: numseq_db::assignments(c, None)?,
        clienteling: Clienteling {
            client_book_attribute_group: p.client_book_attribute_group,
            customer_insights: p.insights,
        },
    })
}

// ---- Key Vault ----

/// The Key Vault parameters with the secret references.
pub(crate) fn keyvault(c: &Reader) -> Result<KeyVault> {
    KeyVault::load(c)
}

impl KeptOne for KeyVault {
    const NOUN: &'static str = "keyvault";
    const WHAT: &'static str = "the Key Vault parameters";
    fn load(c: &Reader) -> Result<Self> {
        Ok(KeyVault {
            secrets: db::secrets(c)?,
            ..load(c)?.key_vault
        })
    }
    fn save(tx: &crate::db::WriteTx, _old: &Self, new: &Self) -> Result<Vec<Change>> {
        let before = load(tx)?;
        let after = Parameters {
            key_vault: new.clone(),
            ..before.clone()
        };
        save(tx, &before, &after)
    }
    /// While Customer Insights is enabled, nothing that would make it invalid.
    fn settle(c: &Reader, env: &OpEnv, new: &mut Self, _: &Self) -> Result<()> {
        let all = Parameters {
            key_vault: new.clone(),
            ..load(c)?
        };
        refuse_breaking_enabled_insights(c, env, &all)
    }
}

pub(crate) fn add_secret(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    name: &str,
    reference: &str,
    description: Option<&str>,
    replace: bool,
) -> Result<Applied<KeyVaultSecret>> {
    let name = validate::id("NAME", name)?;
    let reference = rules::secret_reference("reference", reference)?;
    let description = description
        .map(|d| validate::text("description", d, 100))
        .transpose()?;
    mutate(db_, env, mode, |tx| {
        let existing = db::secret(tx, &name)?;
        let secret = match (&existing, replace) {
            (Some(e), false) => {
                return Err(rules::secret_exists(&e.name).into());
            }
            (None, true) => {
                let known: Vec<String> = db::secrets(tx)?.into_iter().map(|s| s.name).collect();
                return Err(not_found_listed(
                    "keyvault-secret",
                    "NAME",
                    &name,
                    &known,
                    Cmd::new("keyvault show"),
                )
                .hinted(Hint::to(
                    "add it with",
                    Cmd::new("keyvault secret add")
                        .arg(&name)
                        .set_ph("reference", "..."),
                )));
            }
            (Some(e), true) => KeyVaultSecret {
                name: e.name.clone(),
                reference: reference.clone(),
                description: description.clone().unwrap_or_else(|| e.description.clone()),
            },
            (None, false) => KeyVaultSecret {
                name: name.clone(),
                reference: reference.clone(),
                description: description.clone().unwrap_or_default(),
            },
        };
        db::upsert_secret(tx, &secret)?;
        refuse_breaking_enabled_insights(tx, env, &load(tx)?)?;
        let changes: Vec<Change> = match &existing {
            Some(e) => Change::update("key_vault_secret", &e.name, e, &secret)
                .into_iter()
                .collect(),
            None => vec![Change::create("key_vault_secret", &secret.name, &secret)],
        };
        Ok((secret, changes))
    })
}

pub(crate) fn remove_secret(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    name: &str,
) -> Result<Applied<KeyVaultSecret>> {
    mutate(db_, env, mode, |tx| {
        let Some(secret) = db::secret(tx, name)? else {
            let known: Vec<String> = db::secrets(tx)?.into_iter().map(|s| s.name).collect();
            return Err(not_found_listed(
                "keyvault-secret",
                "NAME",
                name,
                &known,
                Cmd::new("keyvault show"),
            ));
        };
        let p = load(tx)?;
        if p.insights
            .secret_name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&secret.name))
        {
            return Err(rules::secret_in_use(&secret.name).into());
        }
        db::delete_secret(tx, &secret.name)?;
        let change = Change::delete("key_vault_secret", &secret.name, &secret);
        Ok((secret, vec![change]))
    })
}

/// What is wrong with the Key Vault parameters (empty when nothing is).
pub(crate) fn keyvault_problems(c: &Reader) -> Result<Vec<Hint>> {
    let view = keyvault(c)?;
    let mut p = rules::key_vault_unset(&view, "the client (application) id");
    let vault = view.url.as_deref().and_then(rules::vault_name_of_url);
    for s in &view.secrets {
        if rules::secret_reference("reference", &s.reference).is_err() {
            p.push(format!("secret {} has a malformed reference", s.name).into());
        } else if let (Some(vault), Some(in_ref)) = (vault, rules::vault_of(&s.reference))
            && !vault.eq_ignore_ascii_case(in_ref)
        {
            p.push(
                format!(
                    "secret {} points into Key Vault {in_ref}, but the Key Vault URL names {vault}",
                    s.name
                )
                .into(),
            );
        }
    }
    Ok(p)
}

// ---- Customer Insights ----

impl KeptOne for Insights {
    const NOUN: &'static str = "insights";
    const WHAT: &'static str = "Customer Insights";
    fn load(c: &Reader) -> Result<Self> {
        Ok(load(c)?.insights)
    }
    fn save(tx: &crate::db::WriteTx, old: &Self, new: &Self) -> Result<Vec<Change>> {
        let before = load(tx)?;
        let after = Parameters {
            insights: new.clone(),
            ..before.clone()
        };
        debug_assert_eq!(&before.insights, old);
        save(tx, &before, &after)
    }
    /// Measures once each, at most three; while it is enabled, nothing that would make it
    /// invalid.
    fn settle(c: &Reader, env: &OpEnv, new: &mut Self, _: &Self) -> Result<()> {
        let mut out: Vec<String> = Vec::new();
        for m in &new.measures {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(m)) {
                out.push(m.clone());
            }
        }
        rules::check_measures(out.len())?;
        new.measures = out;
        let all = Parameters {
            insights: new.clone(),
            ..load(c)?
        };
        refuse_breaking_enabled_insights(c, env, &all)
    }
}

/// While Customer Insights is enabled, a change that would make it invalid is refused.
fn refuse_breaking_enabled_insights(c: &Reader, env: &OpEnv, p: &Parameters) -> Result<()> {
    if !p.insights.enabled {
        return Ok(());
    }
    let problems = problems(c, env, p)?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(rules::would_break_insights(problems).into())
}

fn problems(c: &Reader, env: &OpEnv, p: &Parameters) -> Result<Vec<Hint>> {
    let clienteling = feature::is_enabled(c, env.now, "clienteling")?;
    Ok(rules::insights_problems(p, &db::secrets(c)?, clienteling))
}

/// Every reason Customer Insights cannot be enabled now.
pub(crate) fn insights_problems(c: &Reader, env: &OpEnv) -> Result<Vec<Hint>> {
    problems(c, env, &load(c)?)
}

pub(crate) fn enable_insights(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    on: bool,
) -> Result<Applied<Insights>> {
    mutate(db_, env, mode, |tx| {
        let old = load(tx)?;
        if on {
            let problems = problems(tx, env, &old)?;
            if !problems.is_empty() {
                return Err(rules::cannot_enable_insights(problems).into());
            }
        }
        let mut new = old.clone();
        new.insights.enabled = on;
        let changes = save(tx, &old, &new)?;
        Ok((new.insights, changes))
    })
}
