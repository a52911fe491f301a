//! `hq diff FILE`: what differs between an environment file and the data file.

use std::collections::BTreeMap;

use crate::db::Reader;
use chrono::{DateTime, Utc};

use super::Source;
use super::customers::Customers;
use super::steps::Steps;
use crate::domain::envdiff::{self, DiffAction, Difference};
use crate::domain::envfile::{EnvFile, FeatureState, ScheduledFeature};
use crate::domain::validate;
use crate::error::{ErrorKind, HqError, Result};

pub(crate) fn diff(c: &Reader, now: DateTime<Utc>, path: &std::path::Path) -> Result<Steps> {
    let (mut desired, src, want) = super::read_split(path)?;
    let mut current = current(c, now, &mut desired, &src)?;
    all(c, &mut current, &mut desired, &want)
}

/// Every difference: the sections as documents, then the customers merged in account order
/// (placed among the sections as [`envdiff::diff`] places them), those past the first few
/// thousand kept in a temporary file ([`Steps`]).
pub(crate) fn all(
    c: &Reader,
    current: &mut EnvFile,
    desired: &mut EnvFile,
    want: &Customers,
) -> Result<Steps> {
    let mut out = envdiff::diff(current, desired);
    let after = out.split_off(envdiff::customers_at(&out));
    let mut customers = Steps::builder();
    each_customer_difference(c, want, &mut |d| customers.push(d))?;
    let mut all = Steps::held(out);
    all.extend(customers.finish()?);
    all.append(after);
    Ok(all)
}

/// The differences as a plan takes them apart.
pub(crate) struct Split {
    /// Of the sections but the customers (a few), in [`envdiff::diff`]'s order.
    pub sections: Vec<Difference>,
    /// Customers to create or change, in account order.
    pub customers: Steps,
    /// Customers only the data file has, in account order.
    pub customer_removals: Steps,
    /// How many of `customers` are to be created.
    pub customer_creates: u64,
}

/// [`all`], the customers' removals apart from their creations and changes.
pub(crate) fn split(
    c: &Reader,
    current: &mut EnvFile,
    desired: &mut EnvFile,
    want: &Customers,
) -> Result<Split> {
    let sections = envdiff::diff(current, desired);
    let (mut customers, mut removals) = (Steps::builder(), Steps::builder());
    let mut customer_creates = 0;
    each_customer_difference(c, want, &mut |d| match d.action {
        DiffAction::Remove => removals.push(d),
        DiffAction::Create => {
            customer_creates += 1;
            customers.push(d)
        }
        DiffAction::Change => customers.push(d),
    })?;
    Ok(Split {
        sections,
        customers: customers.finish()?,
        customer_removals: removals.finish()?,
        customer_creates,
    })
}

/// The customers' differences in account order, given to `emit` one at a time: a merge of
/// the data file's customers (read in account order) with the file's (in the same order), so
/// neither side is held whole.
pub(crate) fn each_customer_difference(
    c: &Reader,
    want: &Customers,
    emit: &mut dyn FnMut(Difference) -> Result<()>,
) -> Result<()> {
    use super::customers::key;
    let mut wanted = want.wanted().peekable();
    let mut scratch = Vec::new();
    crate::db::customer::each(c, |have| {
        let k = key(&have.account);
        // What the file has before this customer is only in the file.
        while let Some(next) = wanted.next_if(|w| w.as_ref().map_or(true, |w| w.key() < k.as_str()))
        {
            let w = next?.customer()?;
            if let Some(d) = envdiff::customer_difference(None, Some(&w)) {
                emit(d)?;
            }
        }
        let same = wanted.next_if(|w| w.as_ref().is_ok_and(|w| w.key() == k));
        let w = match same.transpose()? {
            // Unchanged, known from its JSON without reading it back (most of a plan's
            // customers).
            Some(w) if w.same_as(&have, &mut scratch) => {
                // Debug builds (the tests) compare them the long way too.
                #[cfg(debug_assertions)]
                {
                    let mut w = w.customer()?;
                    w.store.clone_from(&have.store);
                    w.status.clone_from(&have.status);
                    let d = envdiff::customer_difference(Some(&have), Some(&w));
                    assert!(d.is_none(), "same JSON, yet {d:?}");
                }
                return Ok(());
            }
            Some(w) => {
                let mut w = w.customer()?;
                // What hq keeps of a customer (its store, its status) is not the file's to
                // say, nor compared: taken from the data file, an unchanged customer compares
                // equal without being written out as JSON.
                w.store.clone_from(&have.store);
                w.status.clone_from(&have.status);
                Some(w)
            }
            None => None,
        };
        if let Some(d) = envdiff::customer_difference(Some(&have), w.as_ref()) {
            emit(d)?;
        }
        Ok(())
    })?;
    for w in wanted {
        if let Some(d) = envdiff::customer_difference(None, Some(&w?.customer()?)) {
            emit(d)?;
        }
    }
    Ok(())
}

/// Whether `path` is a SQLite file (a data file to compare) rather than an environment file.
pub(crate) fn is_data_file(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0"
}

/// What differs between two data files, compared through their exports exactly (counters
/// included, every recorded feature): `other` is taken as the desired side, as a file is.
pub(crate) fn between(current: &Reader, other: &Reader) -> Result<Vec<Difference>> {
    let mut cur = super::export::export(current)?;
    let mut want = super::export::export(other)?;
    Ok(envdiff::diff(&mut cur, &mut want))
}

/// The data file as an environment file but its customers (which [`all`] reads a customer at
/// a time), to compare with `desired`; and `desired` made comparable. Features are compared only where the file names them (a feature the file does
/// not name is left as it is): each named one by its state now, recorded or not, under its
/// canonical key, and a scheduled date as the RFC 3339 time it means.
pub(crate) fn current(
    c: &Reader,
    now: DateTime<Utc>,
    desired: &mut EnvFile,
    src: &Source,
) -> Result<EnvFile> {
    desired.normalize();
    let mut cur = super::export::settings(c)?;
    let mut want = BTreeMap::new();
    let mut have = BTreeMap::new();
    for (key, state) in std::mem::take(&mut desired.features) {
        let what = format!("features {key}");
        let placed =
            |e: HqError| locate_in(e, src.place("features", None, Some(&key), None), &what);
        let f = crate::ops::feature::get(c, now, &key).map_err(placed)?;
        let state = match state {
            FeatureState::Scheduled(s) => {
                let at = validate::date_time("scheduled", &s.scheduled).map_err(|e| {
                    let place = src.place("features", None, Some(&key), Some("scheduled"));
                    locate_in(e.into(), place, &what)
                })?;
                FeatureState::Scheduled(ScheduledFeature {
                    enabled: s.enabled,
                    scheduled: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                })
            }
            other => other,
        };
        want.insert(f.key.to_string(), state);
        let now_state = match cur.features.get(f.key) {
            Some(s) => s.clone(),
            None => match (&f.scheduled_date, f.enabled) {
                (Some(d), false) => FeatureState::Scheduled(ScheduledFeature {
                    enabled: false,
                    scheduled: d.clone(),
                }),
                _ => FeatureState::Enabled(f.enabled),
            },
        };
        have.insert(f.key.to_string(), now_state);
    }
    desired.features = want;
    cur.features = have;
    sequence_floors(&cur, desired);
    group_legal_entities(&cur, desired, src)?;
    Ok(cur)
}

/// A customer group the file gives without its legal entity belongs to the only legal entity
/// there is (in the file or the data file); with several, the file must say which.
fn group_legal_entities(current: &EnvFile, desired: &mut EnvFile, src: &Source) -> Result<()> {
    if desired
        .customer_groups
        .iter()
        .all(|g| !g.legal_entity.is_empty())
    {
        return Ok(());
    }
    let mut all: Vec<String> = Vec::new();
    for le in desired.legal_entities.iter().chain(&current.legal_entities) {
        if !all.iter().any(|x| x.eq_ignore_ascii_case(&le.id)) {
            all.push(le.id.clone());
        }
    }
    let only = crate::domain::customer::group_legal_entity(&all);
    for (i, g) in desired.customer_groups.iter_mut().enumerate() {
        if !g.legal_entity.is_empty() {
            continue;
        }
        let what = format!("customer_groups {}", g.id);
        let placed =
            |e: HqError| locate_in(e, src.place("customer_groups", Some(i), None, None), &what);
        match &only {
            Ok(Some(le)) => g.legal_entity = le.clone(),
            Ok(None) => {
                let e = crate::domain::customer::group_legal_entity_missing(&all);
                return Err(placed(HqError::from(e)));
            }
            Err(e) => return Err(placed(HqError::from(e.clone()))),
        }
    }
    Ok(())
}

/// A number sequence's `next` in a file is a floor, not a value: the data file moves past it as
/// numbers are handed out, and an apply raises a lower `next` to it but never lowers one (that
/// would hand out numbers again). So where the data file is at or past the file's `next`, the
/// file is taken to mean the data file's.
fn sequence_floors(current: &EnvFile, desired: &mut EnvFile) {
    for want in &mut desired.number_sequences {
        if let Some(have) = current
            .number_sequences
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(&want.code))
            && have.next >= want.next
        {
            want.next = have.next;
        }
    }
}

/// Puts `place` (`file:line:column`) in front of an error's message, and says the fields it
/// names as the file's keys (`` `receipt_option` ``).
pub(crate) fn locate(e: HqError, place: String) -> HqError {
    let mut e = e.render_field(|name| format!("`{name}`"));
    e.message = format!("{place}: {}", e.message);
    e
}

/// [`locate`], naming what in the file the error is about (`customers 100040`). Something
/// the file refers to that does not exist makes the file invalid (exit 3).
pub(crate) fn locate_in(e: HqError, place: String, what: &str) -> HqError {
    let e = if e.kind == ErrorKind::NotFound {
        HqError {
            kind: ErrorKind::Invalid,
            ..e
        }
    } else {
        e
    };
    let mut e = locate(e, place.clone());
    e.message = e
        .message
        .replacen(&format!("{place}: "), &format!("{place}: {what}: "), 1);
    e
}
