//! `hq apply FILE`: carries out the plan of an environment file in one transaction, through the
//! same use cases the commands run (each one nests as a savepoint inside the apply's
//! transaction), then runs the distribution jobs the file asks for.
//!
//! Nothing here writes SQL: every step is a call to the use case a command would make
//! (`store add`, `customer set`, `layout button add`, ...), so apply checks exactly what the
//! commands check. The first refusal rolls everything back and is reported at the file's line
//! and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::Source;
use crate::db::Db;
use crate::distribution;
use crate::domain::Hint;
use crate::domain::customer::Customer;
use crate::domain::envdiff::{DiffAction, Difference, Section, key_of};
use crate::domain::envfile::{self as f, EnvFile, FeatureState};
use crate::domain::record::{Draft, Value as RecordValue};
use crate::domain::validate;
use crate::error::{HqError, Result};
use crate::ops::record::{self, Kept};
use crate::ops::{Applied, Mode, OpEnv};
use crate::ops::{address_book, attribute, channel_db, customer, feature, layout, legal_entity};
use crate::ops::{numseq, params, staff, store};

/// What an apply did (or, in a dry run, would do).
#[derive(Debug)]
pub(crate) struct ApplyReport {
    pub dry_run: bool,
    /// The plan carried out: its steps in their order, and what it kept without --prune.
    pub plan: super::plan::Plan,
    /// Changes recorded in the audit log.
    pub changes: usize,
    /// The jobs the file's `[distribution] run` asks for.
    pub jobs: Vec<u32>,
    /// The distribution run after the apply (none in a dry run, or when nothing was pending).
    pub distribution: Option<distribution::RunReport>,
    /// Things the administrator should know (printed as warnings, never in the JSON).
    pub warnings: Vec<Hint>,
}

impl Serialize for ApplyReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            file: &'a str,
            dry_run: bool,
            /// The steps of the plan, carried out in this order.
            steps: super::steps::Chained<'a>,
            /// Removals left out because --prune was not given.
            not_pruned: usize,
            /// What those are (`customers 100006`).
            kept: super::steps::Named<'a>,
            changes: usize,
            jobs: &'a [u32],
            distribution: &'a Option<distribution::RunReport>,
        }
        Shown {
            file: &self.plan.file,
            dry_run: self.dry_run,
            steps: self.plan.steps(),
            not_pruned: self.plan.not_pruned(),
            kept: self.plan.kept(),
            changes: self.changes,
            jobs: &self.jobs,
            distribution: &self.distribution,
        }
        .serialize(s)
    }
}

pub(crate) struct ApplyOptions {
    pub prune: bool,
    pub mode: Mode,
    /// From how many new customers the customer indexes are rebuilt rather than kept row by
    /// row (None: [`customer::begin_many_new`]'s own).
    pub bulk_new: Option<u64>,
}

/// The plan of `path` against the data file, for confirming before [`apply`].
pub(crate) fn preview(db: &Db, env: &OpEnv, path: &Path, prune: bool) -> Result<super::plan::Plan> {
    super::plan::plan(db.read(), env.now, path, prune)
}

/// Applies an environment file: every step in one transaction. The distribution after it is
/// [`distribute`].
pub(crate) fn apply(
    db: &mut Db,
    env: &OpEnv,
    path: &Path,
    opts: &ApplyOptions,
) -> Result<ApplyReport> {
    let (mut desired, src, want) = super::read_split(path)?;
    let jobs = desired
        .distribution
        .as_ref()
        .map(|d| d.run.clone())
        .unwrap_or_default();
    // Checked before anything is written: the jobs run after the apply's commit.
    distribution::jobs(&jobs)
        .map_err(|e| super::diff::locate(e, src.place("distribution", None, None, Some("run"))))?;
    db.begin_outer()?;
    let result = (|| -> Result<ApplyReport> {
        let mut current = super::diff::current(db.read(), env.now, &mut desired, &src)?;
        let split = super::diff::split(db.read(), &mut current, &mut desired, &want)?;
        let plan = super::plan::steps(path, split, opts.prune);
        let mut ex = Exec {
            db,
            env,
            src: &src,
            current: &current,
            desired: &desired,
            want: &want,
            changes: 0,
            warnings: Vec::new(),
            new_customers: customer::Cache::default(),
        };
        let new_customers = plan.customer_creates;
        let dropped = customer::begin_many_new(&mut *ex.db, new_customers, opts.bulk_new)?;
        for d in plan.changes.iter() {
            let d = d?;
            ex.step(&d).map_err(|e| ex.locate(e, &d))?;
        }
        if let Some(dropped) = dropped {
            customer::end_many_new(&mut *ex.db, &dropped, new_customers)?;
        }
        // Stores come before customers, so their default customers are set once the customers
        // exist (and before any is pruned).
        ex.default_customers()?;
        if plan.prune {
            // A store being pruned lets go of its default customer first: customers are
            // removed before stores, and one that a store names as default cannot be.
            for d in plan.removals.iter() {
                let d = d?;
                if d.kind == Section::Stores {
                    ex.release_default_customer(&d.key)
                        .map_err(|e| ex.locate(e, &d))?;
                }
            }
            // Customers go in one removal of many (a statement a table, not a few a
            // customer), read from the plan as they are staged; a refusal is placed at the
            // first of them.
            if let Some(first) = plan.customer_removals.iter().next() {
                let first = first?;
                let accounts = plan.customer_removals.iter().map(|d| d.map(|d| d.key));
                ex.remove_customers(accounts)
                    .map_err(|e| ex.locate(e, &first))?;
            }
            for d in plan.removals.iter() {
                let d = d?;
                ex.remove(&d).map_err(|e| ex.locate(e, &d))?;
            }
        }
        let (changes, warnings) = (ex.changes, ex.warnings);
        Ok(ApplyReport {
            dry_run: opts.mode == Mode::DryRun,
            plan,
            changes,
            jobs: desired
                .distribution
                .as_ref()
                .map(|d| d.run.clone())
                .unwrap_or_default(),
            distribution: None,
            warnings,
        })
    })();
    let commit = result.is_ok() && opts.mode == Mode::Commit;
    db.end_outer(commit)?;
    result
}

/// After a committed apply: the jobs of the file's `[distribution] run`, when anything is
/// pending for them (recorded in the report).
pub(crate) fn distribute(db: &mut Db, env: &OpEnv, report: &mut ApplyReport) -> Result<()> {
    if report.dry_run || report.jobs.is_empty() {
        return Ok(());
    }
    let pending = distribution::pending(db.read(), &report.jobs, &distribution::Target::default())?;
    if pending.iter().any(|p| p.upserts + p.deletes > 0) {
        let opts = distribution::RunOptions {
            jobs: report.jobs.clone(),
            full: false,
            target: distribution::Target::default(),
            fail_after_table: None,
            fail_after_delivery: false,
            kill_after_delivery: false,
        };
        report.distribution = Some(distribution::run(
            db,
            env,
            Mode::Commit,
            &opts,
            &mut |_| {},
        )?);
    }
    Ok(())
}

const M: Mode = Mode::Commit;

/// A file for an older environment version than the data file's cannot be applied: an
/// environment never moves back (exit 3). A newer one is an upgrade (`hq upgrade`).
pub(crate) fn older_version(cur: &EnvFile, want: &EnvFile) -> Result<()> {
    use crate::domain::feature::Version;
    match (Version::parse(&cur.version), Version::parse(&want.version)) {
        (Some(c), Some(w)) if w < c => {
            Err(crate::domain::feature::older_environment(&w.to_string(), &c.to_string()).into())
        }
        _ => Ok(()),
    }
}

/// `Some(value)`, or `Some("")` (which clears) for none: a patch that sets exactly the file's
/// value.
/// Values equal as the file compares them: text without regard to case where the data file
/// keeps it otherwise (`usd`, `USD`), lists and pairs as sets.
fn same_value(a: &RecordValue, b: &RecordValue) -> bool {
    match (a, b) {
        (RecordValue::Text(x), RecordValue::Text(y)) => {
            x.as_deref().unwrap_or_default() == y.as_deref().unwrap_or_default()
        }
        (RecordValue::List(x), RecordValue::List(y)) => {
            let norm = |l: &[String]| {
                let mut l: Vec<String> = l.iter().map(|s| s.to_lowercase()).collect();
                l.sort();
                l.dedup();
                l
            };
            norm(x) == norm(y)
        }
        (RecordValue::Pairs(x), RecordValue::Pairs(y)) => {
            let mut x = x.clone();
            let mut y = y.clone();
            x.sort();
            y.sort();
            x == y
        }
        _ => a == b,
    }
}

fn missing<'x, T>(list: &'x [T], key: &str, k: impl Fn(&T) -> &str) -> Option<&'x T> {
    list.iter().find(|x| k(x).eq_ignore_ascii_case(key))
}

fn lookup<'x, T>(list: &'x [T], key: &str, k: impl Fn(&T) -> &str) -> Result<&'x T> {
    missing(list, key, k)
        .ok_or_else(|| HqError::internal(anyhow::anyhow!("the plan names {key}, the file not")))
}

fn name_values(m: &BTreeMap<String, String>) -> Vec<String> {
    m.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

fn fixed(what: &str, field: &str, old: &str, new: &str) -> HqError {
    crate::domain::refuse::fixed(what, field, old, new).into()
}

/// Refuses a file that changes what is fixed once created (`what`: the entity's noun).
fn fixed_kept<R: crate::domain::record::Record>(now: &R, w: &R, what: &str) -> Result<()> {
    for f in R::FIELDS.iter().filter(|f| f.fixed) {
        let (old, new) = (now.get(f.name), w.get(f.name));
        let same = match (
            old.as_ref().and_then(|v| v.text()),
            new.as_ref().and_then(|v| v.text()),
        ) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => old == new,
        };
        if !same {
            let shown = |v: Option<RecordValue>| v.map(|v| v.display()).unwrap_or_default();
            let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            return Err(fixed(
                &format!("{article} {what}"),
                f.name,
                &shown(old),
                &shown(new),
            ));
        }
    }
    Ok(())
}

struct Exec<'a> {
    db: &'a mut Db,
    env: &'a OpEnv,
    src: &'a Source,
    current: &'a EnvFile,
    desired: &'a EnvFile,
    /// The file's customers (read one at a time: `desired` has none).
    want: &'a super::customers::Customers,
    changes: usize,
    warnings: Vec<Hint>,
    /// What the customers it creates share (groups, address books, legal entities, features),
    /// read once: the steps before them have made those already.
    new_customers: customer::Cache,
}

impl Exec<'_> {
    /// The step of an entity made from its field list: added with what `add` takes, or set
    /// to every field the file may change.
    fn record<R: Kept>(&mut self, list: &[R], key: &str, create: bool) -> Result<()> {
        let w = list
            .iter()
            .find(|x| x.key().eq_ignore_ascii_case(key))
            .ok_or_else(|| {
                HqError::internal(anyhow::anyhow!("the plan names {key}, the file not"))
            })?;
        let (db, env) = (&mut *self.db, self.env);
        let a = if create {
            // The key field itself (a scoped entity's key says its scope too).
            let id = match w.get(R::FIELDS[0].name) {
                Some(crate::domain::record::Value::Text(Some(k))) => k,
                _ => w.key(),
            };
            record::add(db, env, M, &id, Draft::of(w, |f| f.on_add))?
        } else {
            // What is fixed once created stays: the file cannot change it either.
            let now: R = record::get(db.read(), R::NOUN, key)?;
            fixed_kept(&now, w, R::WHAT)?;
            record::set(
                db,
                env,
                M,
                key,
                Draft::of(w, |f| f.on_add && !f.fixed && f.set_by.is_none()),
            )?
        };
        self.took(a);
        Ok(())
    }

    fn took<T>(&mut self, a: Applied<T>) -> T {
        self.changes += a.changes.len();
        self.warnings.extend(a.warnings);
        a.value
    }

    /// The error, placed at the step's entry in the file (and the field it names, if the
    /// entry has it).
    fn locate(&self, e: HqError, d: &Difference) -> HqError {
        if e.message.starts_with(&self.src.name) {
            return e;
        }
        let kind = d.kind;
        if kind == Section::Customers && d.action != DiffAction::Remove {
            // The customer as the file has it, read again for its keys.
            let item = self
                .want
                .get(&d.key)
                .ok()
                .flatten()
                .map(|c| serde_json::to_value(crate::domain::record::Flat(&c)))
                .and_then(|v| v.ok());
            let field = e
                .field
                .as_deref()
                .zip(item.as_ref())
                .and_then(|(flag, item)| field_of(kind, item, flag));
            let place = self.want.place_of(&d.key, field.as_deref(), self.src);
            return super::diff::locate_in(e, place, &format!("{kind} {}", d.key));
        }
        // The file as JSON, made only here (an error): it is the file's size many times over.
        let desired_json = serde_json::to_value(self.desired).unwrap_or_default();
        let entries = desired_json.get(kind.key());
        let (index, entry, item) = match entries {
            Some(Value::Array(items)) => {
                let i = items
                    .iter()
                    .position(|x| key_of(kind, x).eq_ignore_ascii_case(&d.key));
                (i, None, i.and_then(|i| items.get(i)))
            }
            Some(Value::Object(map)) if kind == Section::Features => {
                (None, Some(d.key.as_str()), map.get(&d.key))
            }
            Some(v @ Value::Object(_)) => (None, None, Some(v)),
            _ => (None, None, None),
        };
        let place = if d.action == DiffAction::Remove {
            // Not in the file: nothing to point at but the file.
            self.src.name.clone()
        } else {
            let field = e
                .field
                .as_deref()
                .zip(item)
                .and_then(|(flag, item)| field_of(kind, item, flag));
            self.src.place(kind.key(), index, entry, field.as_deref())
        };
        let what = match (d.key.is_empty(), d.action) {
            (true, DiffAction::Remove) => format!("removing [{kind}]"),
            (true, _) => format!("[{kind}]"),
            (false, DiffAction::Remove) => format!("removing {kind} {}", d.key),
            (false, _) => format!("{kind} {}", d.key),
        };
        super::diff::locate_in(e, place, &what)
    }

    fn step(&mut self, d: &Difference) -> Result<()> {
        let (cur, want, key) = (self.current, self.desired, d.key.as_str());
        let create = d.action == DiffAction::Create;
        let (db, env) = (&mut *self.db, self.env);
        match d.kind {
            Section::Version => {
                older_version(cur, want)?;
                let a = crate::ops::upgrade::upgrade(db, env, M, &want.version)?;
                let up = self.took(a);
                for t in up.features {
                    self.warnings.push(Hint::from(format!(
                        "the upgrade to {} turned on feature {}: {}",
                        up.to, t.key, t.why
                    )));
                }
            }
            Section::LegalEntities => self.record(&want.legal_entities, key, create)?,
            Section::AddressBooks => self.record(&want.address_books, key, create)?,
            Section::ChannelDbGroups => self.record(&want.channel_db_groups, key, create)?,
            Section::ChannelDbs => self.record(&want.channel_dbs, key, create)?,
            Section::Features => {
                let w = want.features.get(key).ok_or_else(|| {
                    HqError::internal(anyhow::anyhow!("the plan names feature {key}"))
                })?;
                let a = match w {
                    FeatureState::Enabled(true)
                    | FeatureState::Scheduled(f::ScheduledFeature { enabled: true, .. }) => {
                        feature::enable(db, env, M, key)?
                    }
                    FeatureState::Enabled(false) => feature::disable(db, env, M, key)?,
                    FeatureState::Scheduled(s) => {
                        let at = validate::date_time("scheduled", &s.scheduled)
                            .map_err(|e| HqError::from(e).with_field("scheduled"))?;
                        feature::schedule(db, env, M, key, Some(at))?
                    }
                };
                self.took(a);
            }
            Section::NumberSequences => self.number_sequence(key, create)?,
            Section::NumberSequenceReferences => {
                let w = reference_of(&want.number_sequence_references, key)?;
                let reference =
                    numseq::parse_reference(&w.reference).map_err(|e| e.with_field("reference"))?;
                let a = numseq::assign(
                    db,
                    env,
                    M,
                    reference,
                    &w.number_sequence,
                    Some(&w.legal_entity),
                )?;
                self.took(a);
            }
            Section::KeyVault => self.key_vault()?,
            Section::Insights => self.insights()?,
            Section::AttributeTypes => self.record(&want.attribute_types, key, create)?,
            Section::Attributes => self.record(&want.attributes, key, create)?,
            Section::AttributeGroups => self.attribute_group(key, create)?,
            Section::Parameters => {
                let w = want.parameters.clone().unwrap_or_default();
                let a = record::set_one(db, env, M, Draft::of(&w, |_| true))?;
                self.took(a);
            }
            Section::ActivityTypes => self.record(&want.activity_types, key, create)?,
            Section::PermissionGroups => {
                let w = lookup(&want.permission_groups, key, |x| &x.id)?;
                self.record(&want.permission_groups, key, create)?;
                let have: Vec<u32> = if create {
                    Vec::new()
                } else {
                    lookup(&cur.permission_groups, key, |x| &x.id)?
                        .operations
                        .clone()
                };
                let allow: Vec<u32> = w
                    .operations
                    .iter()
                    .copied()
                    .filter(|o| !have.contains(o))
                    .collect();
                let deny: Vec<u32> = have
                    .iter()
                    .copied()
                    .filter(|o| !w.operations.contains(o))
                    .collect();
                for (ops, on) in [(allow, true), (deny, false)] {
                    if !ops.is_empty() {
                        let a = staff::permit(&mut *self.db, env, M, &w.id, &ops, on)
                            .map_err(|e| e.with_field("operations"))?;
                        self.took(a);
                    }
                }
            }
            Section::Layouts => self.layout(key, create)?,
            Section::CustomerGroups => self.record(&want.customer_groups, key, create)?,
            Section::Stores => self.store(key, create)?,
            Section::Workers => self.record(&want.workers, key, create)?,
            Section::Registers => self.record(&want.registers, key, create)?,
            Section::Customers => self.customer(key, create)?,
        }
        Ok(())
    }

    fn number_sequence(&mut self, key: &str, create: bool) -> Result<()> {
        let (db, env) = (&mut *self.db, self.env);
        let w = lookup(&self.desired.number_sequences, key, |x| &x.code)?;
        if create {
            let a = numseq::add(db, env, M, &w.code, Draft::of(w, |f| f.on_add))?;
            self.took(a);
            if !w.stopped {
                return Ok(());
            }
        } else {
            let c = lookup(&self.current.number_sequences, key, |x| &x.code)?;
            if c.format != w.format {
                return Err(fixed("a number sequence", "format", &c.format, &w.format));
            }
            if c.scope != w.scope {
                return Err(fixed(
                    "a number sequence",
                    "scope",
                    c.scope.as_str(),
                    w.scope.as_str(),
                ));
            }
            let (cl, wl) = (
                c.legal_entity.clone().unwrap_or_default(),
                w.legal_entity.clone().unwrap_or_default(),
            );
            if !cl.eq_ignore_ascii_case(&wl) {
                return Err(fixed("a number sequence", "legal-entity", &cl, &wl));
            }
        }
        let a = numseq::set(
            &mut *self.db,
            env,
            M,
            &w.code,
            Draft::of(w, |f| !f.fixed && f.kind != crate::domain::model::Kind::Key),
            false,
        )?;
        self.took(a);
        Ok(())
    }

    fn key_vault(&mut self) -> Result<()> {
        let env = self.env;
        let w = self.desired.key_vault.clone().unwrap_or_default();
        let c = self.current.key_vault.clone().unwrap_or_default();
        let a = record::set_one(&mut *self.db, env, M, Draft::of(&w, |f| f.set_by.is_none()))?;
        self.took(a);
        for s in &w.secrets {
            let have = missing(&c.secrets, &s.name, |x| &x.name);
            if have != Some(s) {
                let a = params::add_secret(
                    &mut *self.db,
                    env,
                    M,
                    &s.name,
                    &s.reference,
                    Some(&s.description),
                    have.is_some(),
                )
                .map_err(|e| e.with_field("secrets"))?;
                self.took(a);
            }
        }
        for s in &c.secrets {
            if missing(&w.secrets, &s.name, |x| &x.name).is_none() {
                let a = params::remove_secret(&mut *self.db, env, M, &s.name)?;
                self.took(a);
            }
        }
        Ok(())
    }

    fn insights(&mut self) -> Result<()> {
        let env = self.env;
        let w = self.desired.insights.clone().unwrap_or_default();
        let c = self.current.insights.clone().unwrap_or_default();
        let settings = |i: &f::Insights| f::Insights {
            enabled: false,
            ..i.clone()
        };
        let differ = settings(&w) != settings(&c);
        if c.enabled && (differ || !w.enabled) {
            let a = params::enable_insights(&mut *self.db, env, M, false)?;
            self.took(a);
        }
        if differ {
            let a = record::set_one(&mut *self.db, env, M, Draft::of(&w, |f| f.set_by.is_none()))?;
            self.took(a);
        }
        if w.enabled && (differ || !c.enabled) {
            let a = params::enable_insights(&mut *self.db, env, M, true)
                .map_err(|e| e.with_field("enabled"))?;
            self.took(a);
        }
        Ok(())
    }

    fn attribute_group(&mut self, key: &str, create: bool) -> Result<()> {
        let env = self.env;
        let w = lookup(&self.desired.attribute_groups, key, |x| &x.name)?;
        self.record(&self.desired.attribute_groups, key, create)?;
        let have: Vec<f::GroupMember> = if create {
            Vec::new()
        } else {
            lookup(&self.current.attribute_groups, key, |x| &x.name)?
                .attributes
                .clone()
        };
        for m in &have {
            if missing(&w.attributes, &m.attribute, |x| &x.attribute).is_none() {
                let a = attribute::remove_member(&mut *self.db, env, M, &w.name, &m.attribute)?;
                self.took(a);
            }
        }
        for m in &w.attributes {
            let a = match missing(&have, &m.attribute, |x| &x.attribute) {
                None => attribute::add_member(
                    &mut *self.db,
                    env,
                    M,
                    &w.name,
                    &m.attribute,
                    m.order,
                    m.refinable,
                ),
                Some(h) if h != m => attribute::set_member(
                    &mut *self.db,
                    env,
                    M,
                    &w.name,
                    &m.attribute,
                    Some(m.order),
                    Some(m.refinable),
                ),
                Some(_) => continue,
            }
            .map_err(|e| e.with_field("attributes"))?;
            self.took(a);
        }
        Ok(())
    }

    fn layout(&mut self, key: &str, create: bool) -> Result<()> {
        let env = self.env;
        let w = lookup(&self.desired.layouts, key, |x| &x.id)?;
        self.record(&self.desired.layouts, key, create)?;
        let have: Vec<f::Button> = if create {
            Vec::new()
        } else {
            lookup(&self.current.layouts, key, |x| &x.id)?
                .buttons
                .clone()
        };
        for b in have.iter().filter(|b| !w.buttons.contains(b)) {
            let at = (b.grid.clone(), b.row, b.column);
            let a = layout::remove_buttons(&mut *self.db, env, M, &w.id, None, Some(at))?;
            self.took(a);
        }
        for b in w.buttons.iter().filter(|b| !have.contains(b)) {
            let a = layout::add_button(
                &mut *self.db,
                env,
                M,
                &w.id,
                layout::ButtonSpec {
                    operation: b.operation,
                    text: Some(b.text.clone()),
                    grid: Some(b.grid.clone()),
                    row: Some(b.row),
                    column: Some(b.column),
                },
            )
            .map_err(|e| e.with_field("buttons"))?;
            self.took(a);
        }
        Ok(())
    }

    fn store(&mut self, key: &str, create: bool) -> Result<()> {
        let env = self.env;
        let w = lookup(&self.desired.stores, key, |x| &x.number)?;
        let old_layout = if create {
            let a = crate::ops::record::add(
                &mut *self.db,
                env,
                M,
                &w.number,
                Draft::of(w, |f| f.on_add),
            )?;
            self.took(a);
            None
        } else {
            let c = lookup(&self.current.stores, key, |x| &x.number)?;
            if !c.legal_entity.eq_ignore_ascii_case(&w.legal_entity) {
                return Err(fixed(
                    "a store",
                    "legal-entity",
                    &c.legal_entity,
                    &w.legal_entity,
                ));
            }
            let a = crate::ops::record::set::<crate::domain::org::Store>(
                &mut *self.db,
                env,
                M,
                key,
                Draft::of(w, |f| f.on_add && !f.fixed && f.set_by.is_none()),
            )?;
            self.took(a);
            c.screen_layout.clone()
        };
        if old_layout != w.screen_layout {
            let a = layout::assign(
                &mut *self.db,
                env,
                M,
                w.screen_layout.as_deref(),
                layout::Target::Store(w.number.clone()),
            )
            .map_err(|e| e.with_field("screen_layout"))?;
            self.took(a);
        }
        Ok(())
    }

    /// Sets each declared store's default customer where it differs.
    fn default_customers(&mut self) -> Result<()> {
        let env = self.env;
        for (i, w) in self.desired.stores.iter().enumerate() {
            let now = store::get(self.db.read(), "store", &w.number)?.default_customer;
            let same = match (&now, &w.default_customer) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            let a = crate::ops::record::set::<crate::domain::org::Store>(
                &mut *self.db,
                env,
                M,
                &w.number,
                Draft::one(
                    "default_customer",
                    RecordValue::Text(w.default_customer.clone()),
                ),
            )
            .map_err(|e| {
                let place = self
                    .src
                    .place("stores", Some(i), None, Some("default_customer"));
                let what = format!("stores {}", w.number);
                super::diff::locate_in(e.with_field("default_customer"), place, &what)
            })?;
            self.took(a);
        }
        Ok(())
    }

    /// Clears the default customer of a store that is about to be removed.
    fn release_default_customer(&mut self, number: &str) -> Result<()> {
        let store = store::get(self.db.read(), "store", number)?;
        if store.default_customer.is_none() {
            return Ok(());
        }
        let a = crate::ops::record::set::<crate::domain::org::Store>(
            &mut *self.db,
            self.env,
            M,
            number,
            Draft::one("default_customer", RecordValue::Text(None)),
        )?;
        self.took(a);
        Ok(())
    }

    fn customer(&mut self, key: &str, create: bool) -> Result<()> {
        use crate::domain::record::Record;
        let env = self.env;
        let w = self.want.get(key)?.ok_or_else(|| {
            HqError::internal(anyhow::anyhow!("the plan names {key}, the file not"))
        })?;
        let w = &w;
        // The customer's own fields, as `customer add` and `customer set` take them.
        let own = |f: &crate::domain::model::Field| f.set_by.is_none() && !f.kept;
        let c: Customer = if create {
            // Made whole, as `customer add` and then each of its addresses, contacts and
            // attribute values are checked, in one use case (one audit entry) rather than one
            // for each (which took 0.5 ms a customer).
            let by_name: BTreeMap<String, String> = w
                .attributes
                .iter()
                .map(|a| (a.name.clone(), a.value.clone()))
                .collect();
            let declared = customer::Declared {
                addresses: w.addresses.iter().map(|a| a.draft()).collect(),
                contacts: w
                    .contacts
                    .iter()
                    .map(|ct| customer::ContactInput {
                        kind: ct.kind,
                        value: ct.value.clone(),
                        primary: ct.primary,
                        marketing_opt_in: ct.marketing_opt_in,
                    })
                    .collect(),
                attributes: name_values(&by_name),
            };
            let a = customer::add_with(
                &mut *self.db,
                env,
                M,
                customer::NewCustomer {
                    account: Some(w.account.clone()),
                    fields: Draft::of(w, |f| own(f) && f.on_add),
                    declared,
                    ..Default::default()
                },
                &mut self.new_customers,
            )?;
            self.took(a.map(|m| m.customer))
        } else {
            customer::get(self.db.read(), "ACCOUNT", key)?
        };
        fixed_kept(&c, w, "customer")?;
        // What the file says of the rest, where it differs (a list, or the financial
        // dimensions, replaced whole).
        let mut patch = Draft::<Customer>::default();
        for f in Customer::FIELDS.iter().filter(|f| own(f) && !f.fixed) {
            if let (Some(old), Some(new)) = (c.get(f.name), w.get(f.name))
                && !same_value(&old, &new)
            {
                patch.give(f.name, new);
            }
        }
        if !patch.is_empty() {
            let a = customer::set(&mut *self.db, env, M, (&w.account, customer::At::Hq), patch)?;
            self.took(a);
        }
        if c.addresses != w.addresses {
            for _ in &c.addresses {
                let a = customer::remove_address(&mut *self.db, env, M, &w.account, 1)?;
                self.took(a);
            }
            for ad in &w.addresses {
                let a = customer::add_address(
                    &mut *self.db,
                    env,
                    M,
                    (&w.account, customer::At::Hq),
                    ad.draft(),
                )
                .map_err(|e| e.with_field("addresses"))?;
                self.took(a);
            }
        }
        if c.contacts != w.contacts {
            for ct in &c.contacts {
                let a = customer::remove_contact(&mut *self.db, env, M, &w.account, &ct.value)?;
                self.took(a);
            }
            for ct in &w.contacts {
                let a = customer::add_contact(
                    &mut *self.db,
                    env,
                    M,
                    (&w.account, customer::At::Hq),
                    customer::ContactInput {
                        kind: ct.kind,
                        value: ct.value.clone(),
                        primary: ct.primary,
                        marketing_opt_in: ct.marketing_opt_in,
                    },
                )
                .map_err(|e| e.with_field("contacts"))?;
                self.took(a);
            }
        }
        let by_name = |l: &[crate::domain::customer::AttributeValue]| -> BTreeMap<String, String> {
            l.iter()
                .map(|a| (a.name.clone(), a.value.clone()))
                .collect()
        };
        let (had, wants) = (by_name(&c.attributes), by_name(&w.attributes));
        if had != wants {
            let mut pairs = name_values(&wants);
            pairs.extend(
                had.keys()
                    .filter(|k| !wants.contains_key(*k))
                    .map(|k| format!("{k}=")),
            );
            let a = customer::set_declared_attributes(&mut *self.db, env, M, &w.account, &pairs)
                .map_err(|e| e.with_field("attributes"))?;
            self.took(a);
        }
        Ok(())
    }

    /// Removes the customers the file does not declare (`--prune`), all at once.
    fn remove_customers(&mut self, accounts: impl Iterator<Item = Result<String>>) -> Result<()> {
        let removed = customer::remove_listed(&mut *self.db, self.env, M, accounts)?;
        self.changes += removed.value.counts.customers as usize;
        Ok(())
    }

    /// Removes what the file does not declare (`--prune`).
    fn remove(&mut self, d: &Difference) -> Result<()> {
        let (db, env, key) = (&mut *self.db, self.env, d.key.as_str());
        let n = match d.kind {
            Section::LegalEntities => legal_entity::remove(db, env, M, key)?.changes.len(),
            Section::AddressBooks => address_book::remove(db, env, M, key)?.changes.len(),
            Section::ChannelDbGroups => channel_db::remove_group(db, env, M, key)?.changes.len(),
            Section::ChannelDbs => channel_db::remove_db(db, env, M, key)?.changes.len(),
            Section::NumberSequences => numseq::remove(db, env, M, key)?.changes.len(),
            Section::NumberSequenceReferences => {
                let c = reference_of(&self.current.number_sequence_references, key)?;
                let reference = numseq::parse_reference(&c.reference)?;
                numseq::unassign(db, env, M, reference, Some(&c.legal_entity))?
                    .changes
                    .len()
            }
            Section::KeyVault => {
                self.key_vault()?;
                0
            }
            Section::Insights => {
                self.insights()?;
                0
            }
            Section::Parameters => {
                record::set_one(db, env, M, Draft::of(&f::Parameters::default(), |_| true))?
                    .changes
                    .len()
            }
            Section::AttributeTypes => attribute::remove_type(db, env, M, key)?.changes.len(),
            Section::Attributes => attribute::remove(db, env, M, key)?.changes.len(),
            Section::AttributeGroups => attribute::remove_group(db, env, M, key)?.changes.len(),
            Section::ActivityTypes => staff::remove_activity_type(db, env, M, key)?.changes.len(),
            Section::PermissionGroups => staff::remove_permission_group(db, env, M, key)?
                .changes
                .len(),
            Section::Layouts => layout::remove(db, env, M, key)?.changes.len(),
            Section::CustomerGroups => customer::remove_group(db, env, M, key)?.changes.len(),
            Section::Stores => store::remove(db, env, M, key)?.changes.len(),
            Section::Workers => staff::remove_worker(db, env, M, key)?.changes.len(),
            Section::Registers => layout::remove_register(db, env, M, key)?.changes.len(),
            Section::Customers => customer::remove_many(
                db,
                env,
                M,
                &customer::Selection {
                    accounts: vec![key.to_string()],
                    group: None,
                },
            )?
            .changes
            .len(),
            // The version is never removed; a feature the file does not name is left as it is.
            Section::Version | Section::Features => 0,
        };
        self.changes += n;
        Ok(())
    }
}

fn reference_of<'x>(
    list: &'x [f::NumberSequenceReference],
    key: &str,
) -> Result<&'x f::NumberSequenceReference> {
    list.iter()
        .find(|r| format!("{} {}", r.reference, r.legal_entity).eq_ignore_ascii_case(key))
        .ok_or_else(|| HqError::internal(anyhow::anyhow!("the plan names {key}, the file not")))
}

/// The key of `item` that holds the field an error names: the field itself, or the list it is
/// in ([`Section::keys_for`]).
fn field_of(kind: Section, item: &Value, field: &str) -> Option<String> {
    kind.keys_for(field)
        .into_iter()
        .find(|k| item.get(k).is_some())
        .map(str::to_string)
}
