//! Number sequences and their references (DOMAIN.md 4).

use crate::db::Reader;
use serde::Serialize;

use super::{Applied, Mode, OpEnv, in_use, legal_entity, mutate, not_found, save_changed};
use crate::db::numseq::{self as db, Assignment};
use crate::db::{Db, WriteTx, org};
use crate::domain::fix::field;
use crate::domain::numseq::{self as rules, NumberSequence, Reference, Scope};
use crate::domain::record::{Draft, Record};
use crate::domain::refuse;
use crate::domain::{Change, validate};
use crate::domain::{Cmd, Hint};
use crate::error::{HqError, Result};

const NOUN: &str = "numseq";

/// A sequence with the references assigned to it (what `numseq show` prints).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SequenceView {
    #[serde(flatten)]
    pub sequence: NumberSequence,
    /// The next value, formatted (null when none can be allocated).
    pub next_value: Option<String>,
    pub references: Vec<Assignment>,
}

pub(crate) fn view(c: &Reader, s: NumberSequence) -> Result<SequenceView> {
    let references = db::assignments(c, Some(&s.code))?;
    let next_value = s.allocate().ok().map(|(v, _)| v);
    Ok(SequenceView {
        sequence: s,
        next_value,
        references,
    })
}

/// Adds a sequence. Left out: the name is the code, the scope legal-entity when a legal
/// entity is given (else shared), smallest 1, largest all the format's digits hold, next the
/// smallest.
pub(crate) fn add(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    code: &str,
    draft: Draft<NumberSequence>,
) -> Result<Applied<SequenceView>> {
    let code = validate::id("CODE", code)?;
    let draft = draft.checked()?;
    let mut seq = NumberSequence {
        code: code.clone(),
        ..NumberSequence::default()
    };
    draft.apply_new(&mut seq);
    if let Some(f) = seq.missing() {
        return Err(refuse::missing_field(f).into());
    }
    let digits = rules::digits(&seq.format)?;
    if seq.name.is_empty() {
        seq.name = code.clone();
    }
    if !draft.has("scope") {
        seq.scope = if seq.legal_entity.is_some() {
            Scope::LegalEntity
        } else {
            Scope::Shared
        };
    }
    if !draft.has("smallest") {
        seq.smallest = 1;
    }
    if !draft.has("largest") {
        seq.largest = rules::capacity(digits);
    }
    if !draft.has("next") {
        seq.next = seq.smallest;
    }
    mutate(db_, env, mode, |tx| {
        if let Some(existing) = db::get(tx, &code)? {
            return Err(refuse::exists("number sequence", "numseq", &existing.code).into());
        }
        let mut seq = seq.clone();
        if let Some(id) = &seq.legal_entity {
            seq.legal_entity = Some(legal_entity::get(tx, "legal_entity", id)?.id);
        }
        seq.check()?;
        seq.check_next_in_range()?;
        db::upsert(tx, &seq)?;
        let change = Change::create("number_sequence", &seq.code, &seq);
        Ok((view(tx, seq)?, vec![change]))
    })
}

pub(crate) fn list(c: &Reader) -> Result<Vec<SequenceView>> {
    db::all(c)?.into_iter().map(|s| view(c, s)).collect()
}

pub(crate) fn get(c: &Reader, field: &str, code: &str) -> Result<NumberSequence> {
    match db::get(c, code)? {
        Some(s) => Ok(s),
        None => {
            let known: Vec<String> = db::all(c)?.into_iter().map(|s| s.code).collect();
            Err(not_found(NOUN, field, code, &known))
        }
    }
}

/// Changes a sequence. `force` moves next back to or below numbers already in use anyway
/// (with a warning).
pub(crate) fn set(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    code: &str,
    draft: Draft<NumberSequence>,
    force: bool,
) -> Result<Applied<SequenceView>> {
    let mut warnings = Vec::new();
    let draft = draft.checked()?;
    mutate(db_, env, mode, |tx| {
        let old = get(tx, "CODE", code)?;
        let mut new = old.clone();
        draft.apply(&mut new);
        // Before the checks of the whole: a largest below what was handed out is about
        // largest (when next was not given), not about the next that it leaves behind.
        if draft.has("largest") {
            new.check_largest_lowered(draft.has("next"))?;
        }
        new.check()?;
        if draft.has("next") {
            new.check_next_in_range()?;
        }
        if new.next < old.next
            && let Some((highest, what, value)) = db::highest_in_use(tx, &new)?
            && let Some(why) = new.rewinds_past(new.next, Some(highest))
        {
            if !force {
                return Err(NumberSequence::rewind_refused(&why, what, &value, highest).into());
            }
            warnings.push(Hint::from(format!(
                "{why} ({what} {value}): each number in use is refused when its turn comes, until \
                 next passes {highest}"
            )));
        }
        let changes = save_changed("number_sequence", &old.code, &old, &new, || {
            db::upsert(tx, &new)
        })?;
        Ok((view(tx, new)?, changes))
    })
    .map(|mut a| {
        a.warnings = warnings;
        a
    })
}

pub(crate) fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    code: &str,
) -> Result<Applied<NumberSequence>> {
    mutate(db_, env, mode, |tx| {
        let s = get(tx, "CODE", code)?;
        let refs: Vec<String> = db::assignments(tx, Some(&s.code))?
            .into_iter()
            .map(|a| format!("{} ({})", a.reference, a.legal_entity))
            .collect();
        if let Some(err) = in_use("number-sequence", &s.code, &[("references", refs)]) {
            return Err(err.hinted(
                Hint::to("point them elsewhere with", Cmd::new("numseq assign"))
                    .then(", or ")
                    .run(Cmd::new("numseq unassign")),
            ));
        }
        db::delete(tx, &s.code)?;
        let change = Change::delete("number_sequence", &s.code, &s);
        Ok((s, vec![change]))
    })
}

/// The next value, formatted, without consuming it (refused as allocation would be).
pub(crate) fn peek(c: &Reader, code: &str) -> Result<String> {
    let s = get(c, "CODE", code)?;
    Ok(s.allocate()?.0)
}

pub(crate) fn parse_reference(text: &str) -> Result<Reference> {
    Ok(Reference::parse_given(text)?)
}

/// The legal entity for an assignment: the one given, or the only one there is.
pub(crate) fn resolve_legal_entity(c: &Reader, given: Option<&str>) -> Result<String> {
    match given {
        Some(id) => Ok(legal_entity::get(c, "legal_entity", id)?.id),
        None => {
            let all: Vec<String> = org::legal_entities(c)?.into_iter().map(|l| l.id).collect();
            Ok(rules::only_legal_entity(&all)?)
        }
    }
}

pub(crate) fn assign(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    reference: Reference,
    code: &str,
    le: Option<&str>,
) -> Result<Applied<Assignment>> {
    mutate(db_, env, mode, |tx| {
        let le = resolve_legal_entity(tx, le)?;
        let s = get(tx, "CODE", code)?;
        s.check_serves(&le)?;
        let old = db::assigned(tx, reference, &le)?;
        let a = Assignment {
            reference: reference.as_str(),
            legal_entity: le.clone(),
            number_sequence: s.code.clone(),
        };
        let key = format!("{}/{}", reference.as_str(), le);
        let changes = match &old {
            Some(o) if o.eq_ignore_ascii_case(&s.code) => Vec::new(),
            Some(o) => {
                let before = Assignment {
                    number_sequence: o.clone(),
                    ..a.clone()
                };
                Change::update("number_sequence_reference", &key, &before, &a)
                    .into_iter()
                    .collect()
            }
            None => vec![Change::create("number_sequence_reference", &key, &a)],
        };
        if !changes.is_empty() {
            db::assign(tx, reference, &le, &s.code)?;
        }
        Ok((a, changes))
    })
}

pub(crate) fn unassign(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    reference: Reference,
    le: Option<&str>,
) -> Result<Applied<Option<Assignment>>> {
    mutate(db_, env, mode, |tx| {
        let le = resolve_legal_entity(tx, le)?;
        let Some(code) = db::assigned(tx, reference, &le)? else {
            return Ok((None, Vec::new()));
        };
        let a = Assignment {
            reference: reference.as_str(),
            legal_entity: le.clone(),
            number_sequence: code,
        };
        db::unassign(tx, reference, &le)?;
        let change = Change::delete(
            "number_sequence_reference",
            &format!("{}/{}", reference.as_str(), le),
            &a,
        );
        Ok((Some(a), vec![change]))
    })
}

/// Allocates the next number of the sequence assigned to `reference` in `legal_entity`, inside
/// the caller's transaction, so that a command that fails never consumes a number.
pub(crate) fn allocate_for(
    tx: &WriteTx,
    reference: Reference,
    legal_entity: &str,
) -> Result<(String, Change)> {
    let Some(code) = db::assigned(tx, reference, legal_entity)? else {
        return Err(reference.unassigned(legal_entity).into());
    };
    let (value, change) = allocate_from(tx, &code)?;
    if db::taken(tx, reference, &value)? {
        let s = get(tx, "CODE", &code)?;
        return Err(taken(tx, &s, reference, &value)?);
    }
    Ok((value, change))
}

/// The refusal (exit 5) when a sequence's next number is already in use: it says which, and
/// the `numseq set` that moves the sequence past every number in use.
pub(crate) fn taken(
    c: &Reader,
    s: &NumberSequence,
    reference: Reference,
    value: &str,
) -> Result<HqError> {
    let past = db::highest_in_use(c, s)?.map_or(s.next + 1, |(n, _, _)| n + 1);
    Ok(s.taken(reference, value, past).into())
}

fn allocate_from(tx: &WriteTx, code: &str) -> Result<(String, Change)> {
    let s = get(tx, "CODE", code)?;
    let (value, advanced) = s.allocate()?;
    db::upsert(tx, &advanced)?;
    let change = Change::update("number_sequence", &s.code, &s, &advanced)
        .expect("allocation always advances next");
    Ok((value, change))
}

/// Consumes the next `count` numbers of a sequence (to reserve ids for data made elsewhere).
pub(crate) fn allocate(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    code: &str,
    count: u32,
) -> Result<Applied<Vec<String>>> {
    mutate(db_, env, mode, |tx| {
        let mut values = Vec::new();
        let first = get(tx, "CODE", code)?;
        for _ in 0..count {
            values.push(allocate_from(tx, code)?.0);
        }
        let last = get(tx, "CODE", code)?;
        let changes = Change::update("number_sequence", &first.code, &first, &last)
            .into_iter()
            .collect();
        Ok((values, changes))
    })
}

/// In-memory allocation (customer import and seed) from each legal entity's customer_account sequence. Accounts already
/// taken are found by the customers primary key when the row is written.
#[derive(Default)]
pub(crate) struct Accounts {
    sequences: std::collections::HashMap<String, (NumberSequence, NumberSequence)>,
}

impl Accounts {
    pub(crate) fn next(&mut self, tx: &crate::db::Reader, le: &str) -> Result<String> {
        let key = le.to_lowercase();
        if !self.sequences.contains_key(&key) {
            let Some(code) = db::assigned(tx, Reference::CustomerAccount, le)? else {
                return Err(HqError::from(Reference::CustomerAccount.unassigned(le))
                    .hinted(format!("or give accounts in {}", field("account"))));
            };
            let s = get(tx, "CODE", &code)?;
            self.sequences.insert(key.clone(), (s.clone(), s));
        }
        let (_, current) = self.sequences.get_mut(&key).expect("inserted above");
        let (value, advanced) = current.allocate()?;
        *current = advanced;
        Ok(value)
    }

    /// Saves each sequence that allocated something, once.
    pub(crate) fn save(&self, tx: &crate::db::WriteTx) -> Result<()> {
        for (original, advanced) in self.sequences.values() {
            if original != advanced {
                db::upsert(tx, advanced)?;
            }
        }
        Ok(())
    }

    /// The error for an account the primary key refused.
    pub(crate) fn taken(
        &self,
        c: &crate::db::Reader,
        le: &str,
        account: &str,
        allocated: bool,
    ) -> HqError {
        match self.sequences.get(&le.to_lowercase()) {
            Some((_, s)) if allocated => {
                taken(c, s, Reference::CustomerAccount, account).unwrap_or_else(|e| e)
            }
            _ => HqError::from(crate::domain::refuse::exists(
                "customer", "customer", account,
            ))
            .with_field("account"),
        }
    }
}
