//! Legal entities (DOMAIN.md 1).

use crate::db::Reader;

use super::record::Kept;
use super::{Applied, Mode, OpEnv, in_use, mutate};
use crate::db::{Db, WriteTx, org};
use crate::domain::Change;
use crate::domain::org::LegalEntity;
use crate::error::Result;

const NOUN: &str = "legal-entity";

impl Kept for LegalEntity {
    const NOUN: &'static str = NOUN;
    const WHAT: &'static str = "legal entity";
    const CHANGE: &'static str = "legal_entity";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        org::legal_entity(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        ids(c)
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        org::upsert_legal_entity(tx, r)
    }
}

pub(crate) fn list(c: &Reader) -> Result<Vec<LegalEntity>> {
    org::legal_entities(c)
}

pub(crate) fn ids(c: &Reader) -> Result<Vec<String>> {
    Ok(list(c)?.into_iter().map(|l| l.id).collect())
}

/// The legal entity named by `field`, or exit 4 with close matches.
pub(crate) fn get(c: &Reader, field: &str, id: &str) -> Result<LegalEntity> {
    super::record::get(c, field, id)
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
