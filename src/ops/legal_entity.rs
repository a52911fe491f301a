//! Legal entities (DOMAIN.md 1).

use crate::db::Reader;

use super::{Applied, Mode, OpEnv, in_use, mutate, not_found, save_changed};
use crate::db::{Db, org};
use crate::domain::org::LegalEntity;
use crate::domain::refuse;
use crate::domain::{Change, validate};
use crate::error::Result;

const NOUN: &str = "legal-entity";

pub(crate) struct NewLegalEntity {
    pub id: String,
    pub name: String,
    pub country: String,
    pub language: String,
}

#[derive(Default)]
pub(crate) struct LegalEntityPatch {
    pub name: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
}

pub(crate) fn add(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    new: NewLegalEntity,
) -> Result<Applied<LegalEntity>> {
    let le = LegalEntity {
        id: validate::legal_entity_id("ID", &new.id)?,
        name: validate::name("name", &new.name)?,
        country: validate::country("country", &new.country)?,
        language: validate::language("language", &new.language)?,
    };
    mutate(db, env, mode, |tx| {
        if let Some(existing) = org::legal_entity(tx, &le.id)? {
            return Err(refuse::exists("legal entity", "legal-entity", &existing.id).into());
        }
        org::upsert_legal_entity(tx, &le)?;
        Ok((
            le.clone(),
            vec![Change::create("legal_entity", &le.id, &le)],
        ))
    })
}

pub(crate) fn list(c: &Reader) -> Result<Vec<LegalEntity>> {
    org::legal_entities(c)
}

pub(crate) fn ids(c: &Reader) -> Result<Vec<String>> {
    Ok(list(c)?.into_iter().map(|l| l.id).collect())
}

/// The legal entity named by `field`, or exit 4 with close matches.
pub(crate) fn get(c: &Reader, field: &str, id: &str) -> Result<LegalEntity> {
    match org::legal_entity(c, id)? {
        Some(le) => Ok(le),
        None => Err(not_found(NOUN, field, id, &ids(c)?)),
    }
}

pub(crate) fn set(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
    patch: LegalEntityPatch,
) -> Result<Applied<LegalEntity>> {
    let name = patch.name.map(|v| validate::name("name", &v)).transpose()?;
    let country = patch
        .country
        .map(|v| validate::country("country", &v))
        .transpose()?;
    let language = patch
        .language
        .map(|v| validate::language("language", &v))
        .transpose()?;
    mutate(db, env, mode, |tx| {
        let old = get(tx, "ID", id)?;
        let mut new = old.clone();
        if let Some(v) = name {
            new.name = v;
        }
        if let Some(v) = country {
            new.country = v;
        }
        if let Some(v) = language {
            new.language = v;
        }
        let changes = save_changed("legal_entity", &old.id, &old, &new, || {
            org::upsert_legal_entity(tx, &new)
        })?;
        Ok((new, changes))
    })
}

pub(crate) fn remove(
    db: &mut Db,
    env: &OpEnv,
    mode: Mode,
    id: &str,
) -> Result<Applied<LegalEntity>> {
    mutate(db, env, mode, |tx| {
        let le = get(tx, "ID", id)?;
        let stores = org::stores_of_legal_entity(tx, &le.id)?;
        let (sequences, references) = crate::db::numseq::of_legal_entity(tx, &le.id)?;
        let users = [
            ("stores", stores),
            ("number sequences", sequences),
            ("number sequence references", references),
        ];
        if let Some(err) = in_use(NOUN, &le.id, &users) {
            return Err(err);
        }
        org::delete_legal_entity(tx, &le.id)?;
        let change = Change::delete("legal_entity", &le.id, &le);
        Ok((le, vec![change]))
    })
}
