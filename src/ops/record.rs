//! `add`, `set` and `get` of an entity made from its field list (`domain::record`), the same
//! for each: the draft checked by the fields' rules, then in one transaction the entity's own
//! rules ([`Kept::settle`]: what it names looked up, what `add` left out filled), the save and
//! its change. An entity says only where it is kept and its rules.

use serde::Serialize;

use super::{Applied, Mode, OpEnv, mutate, not_found, save_changed};
use crate::db::{Db, Reader, WriteTx};
use crate::domain::record::{Draft, Record, Value};
use crate::domain::refuse;
use crate::domain::{Change, Hint};
use crate::error::Result;

/// An entity kept in the data file and made from its field list.
pub(crate) trait Kept: Record + Serialize {
    /// Its noun on the command line (`legal-entity`).
    const NOUN: &'static str;
    /// What people call it ("legal entity").
    const WHAT: &'static str;
    /// Its name in changes and the audit log (`legal_entity`).
    const CHANGE: &'static str;

    /// One by its key (in any case), if it exists.
    fn find(c: &Reader, key: &str) -> Result<Option<Self>>;
    /// The keys of all, for close matches.
    fn keys(c: &Reader) -> Result<Vec<String>>;
    fn save(tx: &WriteTx, r: &Self) -> Result<()>;

    /// The field that scopes the key, when the same key may be kept once in each of its
    /// values (a customer group in each legal entity): [`Self::key`] then says both
    /// (`30/USRT`), and [`Self::find`] takes either.
    const SCOPE: Option<&'static str> = None;
    /// The scope a new one gets when it is not given, if there is one to take (the only legal
    /// entity).
    fn default_scope(_c: &Reader) -> Result<Option<String>> {
        Ok(None)
    }

    /// A value to offer when a terminal asks for `field` of a new one (Enter takes it): a
    /// default the product has, given what the draft says so far.
    fn suggest(_c: &Reader, _d: &Draft<Self>, _field: &str) -> Result<Option<String>> {
        Ok(None)
    }

    /// The entity's rules over a record about to be saved (`old`: none when added): what it
    /// names looked up (and kept as spelled there), what `add` leaves out filled.
    fn settle(_c: &Reader, _new: &mut Self, _old: Option<&Self>, _d: &Draft<Self>) -> Result<()> {
        Ok(())
    }

    /// [`Self::settle`], with what the user should know about the result (a warning).
    fn settle_warning(
        c: &Reader,
        new: &mut Self,
        old: Option<&Self>,
        d: &Draft<Self>,
    ) -> Result<Vec<Hint>> {
        Self::settle(c, new, old, d)?;
        Ok(Vec::new())
    }

    /// Its key.
    fn key(&self) -> String {
        match self.get(Self::FIELDS[0].name) {
            Some(Value::Text(Some(k))) => k,
            _ => String::new(),
        }
    }
}

/// The key field's name as the command line shows a positional (`ID`).
fn key_word<R: Kept>() -> String {
    R::FIELDS[0].name.to_uppercase()
}

/// The one named by `field`, or exit 4 with close matches.
pub(crate) fn get<R: Kept>(c: &Reader, field: &str, key: &str) -> Result<R> {
    match R::find(c, key)? {
        Some(r) => Ok(r),
        None => Err(not_found(R::NOUN, field, key, &R::keys(c)?)),
    }
}

/// Exit 5 when one with this key exists already (`add` checks again as it writes).
pub(crate) fn refuse_existing<R: Kept>(c: &Reader, key: &str) -> Result<()> {
    match R::find(c, key)? {
        Some(existing) => Err(refuse::exists(R::WHAT, R::NOUN, &existing.key()).into()),
        None => Ok(()),
    }
}

pub(crate) fn add<R: Kept>(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    key: &str,
    draft: Draft<R>,
) -> Result<Applied<R>> {
    let k = &R::FIELDS[0];
    let key = k.check_value(&key_word::<R>(), Value::Text(Some(key.to_string())))?;
    let draft = draft.checked()?;
    let mut new = R::default();
    new.set(k.name, key);
    draft.apply_new(&mut new);
    if let Some(f) = new.missing() {
        return Err(refuse::missing_field(f).into());
    }
    let mut warnings = Vec::new();
    mutate(db, env, mode, |tx| {
        let mut r = new.clone();
        // Settled first: the key of a scoped entity is whole only then.
        warnings = R::settle_warning(tx, &mut r, None, &draft)?;
        if let Some(existing) = R::find(tx, &r.key())? {
            return Err(refuse::exists(R::WHAT, R::NOUN, &existing.key()).into());
        }
        R::save(tx, &r)?;
        let change = Change::create(R::CHANGE, &r.key(), &r);
        Ok((r, vec![change]))
    })
    .map(|mut a| {
        a.warnings.extend(warnings);
        a
    })
}

pub(crate) fn set<R: Kept>(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    key: &str,
    draft: Draft<R>,
) -> Result<Applied<R>> {
    let draft = draft.checked()?;
    let mut warnings = Vec::new();
    mutate(db, env, mode, |tx| {
        let old: R = get(tx, &key_word::<R>(), key)?;
        let mut new = old.clone();
        draft.apply(&mut new);
        warnings = R::settle_warning(tx, &mut new, Some(&old), &draft)?;
        let changes = save_changed(R::CHANGE, &old.key(), &old, &new, || R::save(tx, &new))?;
        Ok((new, changes))
    })
    .map(|mut a| {
        a.warnings.extend(warnings);
        a
    })
}

/// A record kept once (no key): a group of parameters.
pub(crate) trait KeptOne: Record + Serialize {
    /// Its noun on the command line (`insights`).
    const NOUN: &'static str;
    /// What people call it ("Customer Insights").
    const WHAT: &'static str;
    fn load(c: &Reader) -> Result<Self>;
    /// Saves `new` over `old`: the changes made.
    fn save(tx: &WriteTx, old: &Self, new: &Self) -> Result<Vec<Change>>;
    /// Its rules over the record about to be saved (`old`: as it was).
    fn settle(_c: &Reader, _env: &OpEnv, _new: &mut Self, _old: &Self) -> Result<()> {
        Ok(())
    }
}

/// `set` of a record kept once: what is given, checked, applied, its rules, saved.
pub(crate) fn set_one<R: KeptOne>(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    draft: Draft<R>,
) -> Result<Applied<R>> {
    let draft = draft.checked()?;
    mutate(db, env, mode, |tx| {
        let old = R::load(tx)?;
        let mut new = old.clone();
        draft.apply(&mut new);
        R::settle(tx, env, &mut new, &old)?;
        let changes = R::save(tx, &old, &new)?;
        Ok((new, changes))
    })
}
