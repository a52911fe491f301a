//! Feature management (DOMAIN.md 3).

use crate::db::Reader;
use chrono::{DateTime, Utc};

use super::{Applied, Mode, OpEnv, mutate};
use crate::db::{Db, feature as db, status as meta};
use crate::domain::Change;
use crate::domain::feature::{
    self as rules, CATALOGUE, Feature, FeatureDef, FeatureRecord, Lifecycle, Version,
};
use crate::error::{HqError, Result};

/// The environment version recorded at `hq init`.
pub(crate) fn env_version(c: &Reader) -> Result<Version> {
    let m = meta::meta(c)?;
    Version::parse(&m.env_version).ok_or_else(|| {
        HqError::data_file(format!(
            "the data file records an unreadable environment version {:?}",
            m.env_version
        ))
    })
}

/// The feature named by key or exact name (any case), or exit 4 with close matches.
pub(crate) fn find(text: &str) -> Result<&'static FeatureDef> {
    rules::find(text).ok_or_else(|| rules::unknown(text).into())
}

fn state_at(
    c: &Reader,
    def: &'static FeatureDef,
    env: Version,
    at: DateTime<Utc>,
) -> Result<Feature> {
    let rec = db::record(c, def.key)?;
    Ok(rules::effective(def, env, rec.as_ref(), at))
}

/// A feature as it stands at `now`.
pub(crate) fn get(c: &Reader, now: DateTime<Utc>, text: &str) -> Result<Feature> {
    let def = find(text)?;
    state_at(c, def, env_version(c)?, now)
}

/// Whether a feature (by key) is enabled at `now`; later areas ask this of their gates.
pub(crate) fn is_enabled(c: &Reader, now: DateTime<Utc>, key: &str) -> Result<bool> {
    Ok(get(c, now, key)?.enabled)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Filter {
    #[default]
    All,
    Enabled,
    Disabled,
    Scheduled,
}

pub(crate) fn list(
    c: &Reader,
    now: DateTime<Utc>,
    module: Option<&str>,
    filter: Filter,
) -> Result<Vec<Feature>> {
    let env = env_version(c)?;
    if let Some(m) = module {
        rules::check_module(m)?;
    }
    let mut out = Vec::new();
    for def in CATALOGUE {
        if module.is_some_and(|m| !def.module.eq_ignore_ascii_case(m)) {
            continue;
        }
        let f = state_at(c, def, env, now)?;
        let keep = match filter {
            Filter::All => true,
            Filter::Enabled => f.enabled,
            Filter::Disabled => !f.enabled,
            Filter::Scheduled => f.scheduled_date.is_some() && !f.enabled,
        };
        if keep {
            out.push(f);
        }
    }
    Ok(out)
}

/// The key of the feature when enabling it needs confirmation (it cannot be disabled
/// afterwards), or `None`.
///
/// The rules are checked first, so that a refusal comes before any question.
/// `at` is when it would be enabled: now, or a schedule's date.
pub(crate) fn enable_needs_confirmation(
    c: &Reader,
    now: DateTime<Utc>,
    at: DateTime<Utc>,
    text: &str,
) -> Result<Option<String>> {
    let def = find(text)?;
    let env = env_version(c)?;
    let f = state_at(c, def, env, now)?;
    if !f.enabled {
        let on = prerequisites_on(c, def, env, at)?;
        rules::check_enable(def, env, |p| on.contains(&p))?;
    }
    Ok(
        (!f.enabled && !def.can_disable_at(env) && def.lifecycle(env) != Lifecycle::NotAvailable)
            .then(|| def.key.to_string()),
    )
}

/// The prerequisites of `def` that are on at `at`.
fn prerequisites_on(
    c: &Reader,
    def: &FeatureDef,
    v: Version,
    at: DateTime<Utc>,
) -> Result<Vec<&'static str>> {
    let mut on = Vec::new();
    for p in def.prerequisites {
        if let Some(pd) = rules::find(p)
            && state_at(c, pd, v, at)?.enabled
        {
            on.push(pd.key);
        }
    }
    Ok(on)
}

fn change(old: &Feature, new: &Feature) -> Vec<Change> {
    Change::update("feature", old.key, old, new)
        .into_iter()
        .collect()
}

pub(crate) fn enable(db: &mut Db, env: &OpEnv, mode: Mode, text: &str) -> Result<Applied<Feature>> {
    let def = find(text)?;
    mutate(db, env, mode, |tx| {
        let v = env_version(tx)?;
        let old = state_at(tx, def, v, env.now)?;
        if old.enabled {
            return Ok((old, Vec::new()));
        }
        let on = prerequisites_on(tx, def, v, env.now)?;
        rules::check_enable(def, v, |p| on.contains(&p))?;
        db::save(
            tx,
            def.key,
            &FeatureRecord {
                enabled: true,
                enable_date: Some(env.now),
                scheduled_date: None,
            },
        )?;
        let new = state_at(tx, def, v, env.now)?;
        let changes = change(&old, &new);
        Ok((new, changes))
    })
}

pub(crate) fn disable(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    text: &str,
) -> Result<Applied<Feature>> {
    let def = find(text)?;
    let mut warnings = Vec::new();
    mutate(db, env, mode, |tx| {
        let v = env_version(tx)?;
        let old = state_at(tx, def, v, env.now)?;
        if !old.enabled && old.scheduled_date.is_none() {
            return Ok((old, Vec::new()));
        }
        check_disable(tx, def, v, env.now)?;
        db::save(tx, def.key, &FeatureRecord::default())?;
        if def.key == crate::domain::customer::MULTIPLE_CONTACTS {
            let n = crate::db::customer::customers_with_several_contacts(tx)?;
            warnings.extend(crate::domain::customer::several_contacts_kept(n));
        }
        let new = state_at(tx, def, v, env.now)?;
        let changes = change(&old, &new);
        Ok((new, changes))
    })
    .map(|mut a| {
        a.warnings.extend(warnings);
        a
    })
}

fn check_disable(c: &Reader, def: &FeatureDef, v: Version, now: DateTime<Utc>) -> Result<()> {
    let mut on = Vec::new();
    for d in rules::dependents(def.key) {
        if get(c, now, d)?.enabled {
            on.push(d);
        }
    }
    Ok(rules::check_disable(def, v, &on)?)
}

/// Whether a feature may be disabled now (exit 3 if not); asked before confirming.
pub(crate) fn disable_allowed(c: &Reader, now: DateTime<Utc>, text: &str) -> Result<Feature> {
    let def = find(text)?;
    let v = env_version(c)?;
    let f = state_at(c, def, v, now)?;
    if f.enabled {
        check_disable(c, def, v, now)?;
    }
    Ok(f)
}

/// Schedules a feature to be enabled on `on` (a future time), or cancels a schedule.
pub(crate) fn schedule(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    text: &str,
    on: Option<DateTime<Utc>>,
) -> Result<Applied<Feature>> {
    let def = find(text)?;
    mutate(db, env, mode, |tx| {
        let v = env_version(tx)?;
        let old = state_at(tx, def, v, env.now)?;
        let Some(on) = on else {
            // Cancel.
            if old.scheduled_date.is_none() || old.enabled {
                return Ok((old, Vec::new()));
            }
            db::save(tx, def.key, &FeatureRecord::default())?;
            let new = state_at(tx, def, v, env.now)?;
            let changes = change(&old, &new);
            return Ok((new, changes));
        };
        rules::check_schedule(def, old.enabled, on, env.now)?;
        // Prerequisites must be on by the scheduled date (enabled, or scheduled no later).
        let ready = prerequisites_on(tx, def, v, on)?;
        rules::check_enable(def, v, |p| ready.contains(&p))?;
        db::save(
            tx,
            def.key,
            &FeatureRecord {
                enabled: false,
                enable_date: None,
                scheduled_date: Some(on),
            },
        )?;
        let new = state_at(tx, def, v, env.now)?;
        let changes = change(&old, &new);
        Ok((new, changes))
    })
}

/// At `hq init`: the features that are on by default or mandatory for this version start
/// enabled, with today's enable date.
pub(crate) fn seed(tx: &crate::db::WriteTx, env: &OpEnv, v: Version) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    for def in CATALOGUE {
        if matches!(
            def.lifecycle(v),
            Lifecycle::OnByDefault | Lifecycle::Mandatory
        ) {
            let before = rules::effective(def, v, Some(&FeatureRecord::default()), env.now);
            let rec = FeatureRecord {
                enabled: true,
                enable_date: Some(env.now),
                scheduled_date: None,
            };
            db::save(tx, def.key, &rec)?;
            let after = rules::effective(def, v, Some(&rec), env.now);
            changes.extend(change(&before, &after));
        }
    }
    Ok(changes)
}
