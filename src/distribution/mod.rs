//! Distribution jobs (DOMAIN.md 9): `hq job run`, `job pending`, `job sessions`,
//! `channel-db contents`.
//!
//! Each job's delivery to each channel database is one download session, and one transaction:
//! the channel rows, what the job has now delivered, the session record and the audit entry
//! commit together or not at all. A failed session is rolled back, then recorded `failed` in a
//! transaction of its own, and the run goes on with the other sessions.

use serde::Serialize;

use crate::db::Reader;
use crate::db::{Db, audit as audit_db, distribution as db, org};
use crate::domain::distribution::{self as dist, Job, Session, SessionStatus, TableRows};
use crate::error::{ErrorKind, HqError, Result};
use crate::ops::{Mode, OpEnv, Tick, channel_db};

/// Which channel databases a run or a report covers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Target {
    pub channel_db: Option<String>,
    pub group: Option<String>,
}

/// The channel databases a target names (all of them by default), by id.
pub(crate) fn channel_dbs(c: &Reader, t: &Target) -> Result<Vec<String>> {
    if let Some(id) = &t.channel_db {
        return Ok(vec![channel_db::get_db(c, "channel_db", id)?.id]);
    }
    if let Some(g) = &t.group {
        let g = channel_db::get_group(c, "group", g)?;
        return Ok(org::channel_dbs(c, Some(&g.id))?
            .into_iter()
            .map(|d| d.id)
            .collect());
    }
    Ok(org::channel_dbs(c, None)?
        .into_iter()
        .map(|d| d.id)
        .collect())
}

/// Job numbers to jobs (9999: all), refusing unknown numbers.
pub(crate) fn jobs(numbers: &[u32]) -> Result<Vec<&'static Job>> {
    dist::expand(numbers).map_err(|n| dist::unknown_job(n).into())
}

#[derive(Debug, Clone)]
pub(crate) struct RunOptions {
    pub jobs: Vec<u32>,
    pub full: bool,
    pub target: Target,
    /// Test hook: fail the session after this table's rows are applied.
    pub fail_after_table: Option<String>,
    /// Test hook: fail a session to a channel database file after the file committed it,
    /// before headquarters does (as a kill between the two would).
    pub fail_after_delivery: bool,
    /// Test hook: end the process (abort, as a kill would) there instead, so that
    /// headquarters' transaction is never rolled back by hq itself.
    pub kill_after_delivery: bool,
}

/// What a run did: one session per job and channel database.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RunReport {
    pub dry_run: bool,
    pub sessions: Vec<Session>,
    /// The kind of the first failure, for the exit code.
    #[serde(skip)]
    pub first_failure: Option<ErrorKind>,
}

impl RunReport {
    pub(crate) fn failed(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Failed)
    }
}

/// Runs jobs. `progress` is told the sessions done out of all, and inside a session the table
/// being copied with the rows copied so far.
pub(crate) fn run(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    opts: &RunOptions,
    progress: &mut dyn FnMut(Tick),
) -> Result<RunReport> {
    let jobs = jobs(&opts.jobs)?;
    let dbs = channel_dbs(db_.read(), &opts.target)?;
    let total = (jobs.len() * dbs.len()) as u64;
    progress(Tick::Total(total));
    let mut sessions = Vec::new();
    let mut first_failure = None;
    // Channel databases of their own, opened once a run (a server's connection costs its
    // login), kept while their sessions go well.
    let mut open = Opened::new();
    for cdb in &dbs {
        for job in &jobs {
            let (s, kind) = session(db_, env, mode, job, cdb, opts, progress, &mut open)?;
            first_failure = first_failure.or(kind);
            sessions.push(s);
            progress(Tick::Done(sessions.len() as u64));
        }
    }
    Ok(RunReport {
        dry_run: mode == Mode::DryRun,
        sessions,
        first_failure,
    })
}

/// The channel databases of their own a run has open, by id.
type Opened = std::collections::HashMap<String, crate::db::channel::ChannelFile>;

#[allow(clippy::too_many_arguments)]
fn session(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    job: &Job,
    cdb: &str,
    opts: &RunOptions,
    progress: &mut dyn FnMut(Tick),
    open: &mut Opened,
) -> Result<(Session, Option<ErrorKind>)> {
    let started_at = env.now_text();
    let location = channel_db::get_db(db_.read(), "channel_db", cdb)?.location;
    let attempt = (|| -> Result<Session> {
        if !location.is_empty() {
            return located_session(
                db_,
                env,
                mode,
                job,
                (cdb, &location),
                opts,
                &started_at,
                open,
            );
        }
        let tx = db_.write()?;
        let since = if opts.full {
            None
        } else {
            db::delivered(&tx, cdb, job.number)?
        };
        let to = tx.version();
        let mut rows = Vec::new();
        let mut copied = 0u64;
        for s in job.subjobs {
            progress(Tick::Phase(format!(
                "{} to {cdb}: {}, {} so far",
                job.number,
                s.table,
                crate::domain::fix::count(copied, "rows")
            )));
            let r = db::apply(&tx, s, cdb, since)?;
            copied += r.upserted + r.deleted;
            rows.push(r);
            if opts
                .fail_after_table
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(s.table))
            {
                return Err(HqError::internal(anyhow::anyhow!(
                    "injected failure after table {} (HQ_TEST_FAIL_AFTER_TABLE)",
                    s.table
                )));
            }
        }
        db::set_delivered(&tx, cdb, job.number, to)?;
        let mut session = Session {
            id: 0,
            job: job.number,
            channel_db: cdb.to_string(),
            mode: if since.is_none() {
                "full"
            } else {
                "incremental"
            }
            .into(),
            status: SessionStatus::Applied,
            from_version: since.unwrap_or(0),
            to_version: to,
            rows,
            started_at: started_at.clone(),
            finished_at: env.now_text(),
            error: None,
        };
        if mode == Mode::DryRun {
            return Ok(session);
        }
        session.id = db::insert_session(&tx, &session)?;
        audit(&tx, env, &session)?;
        tx.commit()?;
        Ok(session)
    })();
    match attempt {
        Ok(s) => Ok((s, None)),
        Err(e) if mode == Mode::DryRun => Err(e),
        Err(e) => {
            // Nothing of the session was applied (its transaction rolled back); record why.
            let tx = db_.write()?;
            let mut failed = Session {
                id: 0,
                job: job.number,
                channel_db: cdb.to_string(),
                mode: if opts.full { "full" } else { "incremental" }.into(),
                status: SessionStatus::Failed,
                from_version: db::delivered(&tx, cdb, job.number)?.unwrap_or(0),
                to_version: tx.version(),
                rows: Vec::new(),
                started_at,
                finished_at: env.now_text(),
                error: Some(e.clone_rendered().message),
            };
            failed.id = db::insert_session(&tx, &failed)?;
            audit(&tx, env, &failed)?;
            tx.commit()?;
            Ok((failed, Some(e.kind)))
        }
    }
}

/// A session for a channel database in a file of its own: the file applies it in one
/// transaction of its own (reading headquarters' tables, recording the session), and
/// headquarters marks it applied only after that commit, holding its write lock throughout so
/// that what the file read is what headquarters has. The file says which version it is at:
/// an incremental session carries only what it lacks. Sessions the file applied that
/// headquarters never recorded (a run cut off between the two commits) are recorded first,
/// as the file has them.
#[allow(clippy::too_many_arguments)]
fn located_session(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    job: &Job,
    (cdb, location): (&str, &str),
    opts: &RunOptions,
    started_at: &str,
    open: &mut Opened,
) -> Result<Session> {
    let path = crate::db::channel::resolve(db_.read(), location)?;
    let env_version = crate::ops::feature::env_version(db_.read())?.to_string();
    let hq_path = db_.path().to_path_buf();
    let wait = db_.wait();
    let tx = db_.write()?;
    // Taken out while in use: a session that fails drops it, and the next opens it again.
    let file = match open.remove(cdb) {
        Some(f) => f,
        None => crate::db::channel::open(&path, wait, cdb, false)?,
    };
    // What the file applied that headquarters has not recorded.
    let known = db::delivered(&tx, cdb, job.number)?.unwrap_or(i64::MIN);
    for a in crate::db::channel::applied_after(&file, job.number, known)? {
        let confirmed = Session {
            id: 0,
            job: a.job,
            channel_db: cdb.to_string(),
            mode: a.mode.clone(),
            status: SessionStatus::Applied,
            from_version: a.from_version,
            to_version: a.to_version,
            rows: a.rows.clone(),
            started_at: a.applied_at.clone(),
            finished_at: a.applied_at.clone(),
            error: None,
        };
        if mode != Mode::DryRun {
            let mut confirmed = confirmed;
            confirmed.id = db::insert_session(&tx, &confirmed)?;
            db::set_delivered(&tx, cdb, job.number, a.to_version)?;
            audit(&tx, env, &confirmed)?;
        }
    }
    // The last version headquarters committed, not this transaction's own: the file commits
    // first, and were headquarters then cut off, this transaction's version would be given to
    // the next change, which the file would then believe it has. Every row at or below it is
    // committed (this transaction holds the write lock), and this transaction writes no
    // distributed row.
    let to = tx.version() - 1;
    let mut session = Session {
        id: 0,
        job: job.number,
        channel_db: cdb.to_string(),
        mode: if opts.full { "full" } else { "incremental" }.into(),
        status: SessionStatus::Applied,
        from_version: 0,
        to_version: to,
        rows: Vec::new(),
        started_at: started_at.to_string(),
        finished_at: String::new(),
        error: None,
    };
    if mode != Mode::DryRun {
        // The id first: the file records the session by it.
        session.id = db::insert_session(&tx, &session)?;
    }
    let now = env.now_text();
    let applied = crate::db::channel::deliver(
        &file,
        &crate::db::channel::Source {
            hq: &tx,
            path: &hq_path,
        },
        &crate::db::channel::Delivery {
            job,
            session: session.id,
            to,
            full: opts.full,
            now: &now,
            commit: mode != Mode::DryRun,
            env_version: &env_version,
        },
    )?;
    if let Some(a) = &applied {
        session.mode = a.mode.clone();
        session.from_version = a.from_version;
        session.rows = a.rows.clone();
    } else {
        session.mode = "incremental".into();
        session.from_version = to;
    }
    session.finished_at = env.now_text();
    if mode == Mode::DryRun {
        return Ok(session);
    }
    if opts.kill_after_delivery {
        // Test hook: as if killed between the file's commit and headquarters'.
        std::process::abort();
    }
    if opts.fail_after_delivery {
        // Test hook: cut off between the file's commit and headquarters' (as a kill would).
        return Err(HqError::internal(anyhow::anyhow!(
            "injected failure after the channel database file committed (HQ_TEST_FAIL_AFTER_DELIVERY)"
        )));
    }
    db::update_session(&tx, &session)?;
    db::set_delivered(&tx, cdb, job.number, to)?;
    audit(&tx, env, &session)?;
    tx.commit()?;
    open.insert(cdb.to_string(), file);
    Ok(session)
}

fn audit(tx: &crate::db::WriteTx, env: &OpEnv, s: &Session) -> Result<()> {
    let summary = match s.status {
        SessionStatus::Applied => format!(
            "job {} delivered {} to channel database {} (session {})",
            s.job,
            crate::domain::fix::count(s.total_rows(), "rows"),
            s.channel_db,
            s.id
        ),
        _ => format!(
            "job {} failed for channel database {} (session {}): {}",
            s.job,
            s.channel_db,
            s.id,
            s.error.as_deref().unwrap_or("")
        ),
    };
    let json = serde_json::to_value(s).map_err(|e| HqError::internal(e.into()))?;
    audit_db::insert(
        tx,
        &env.now_text(),
        &env.actor,
        &env.command_line,
        &summary,
        &serde_json::json!([json]).to_string(),
    )?;
    Ok(())
}

/// What is waiting for one job and one channel database.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pending {
    pub job: u32,
    pub channel_db: String,
    /// The change version the job last delivered there (None: never).
    pub delivered_version: Option<i64>,
    pub upserts: u64,
    pub deletes: u64,
    pub tables: Vec<TableRows>,
}

pub(crate) fn pending(c: &Reader, numbers: &[u32], t: &Target) -> Result<Vec<Pending>> {
    pending_capped(c, numbers, t, None)
}

fn pending_capped(
    c: &Reader,
    numbers: &[u32],
    t: &Target,
    cap: Option<u64>,
) -> Result<Vec<Pending>> {
    let jobs = jobs(numbers)?;
    let cdbs = channel_dbs(c, t)?;
    // Two statements whatever the number of jobs and channel databases: the delivered
    // versions, then every count.
    let delivered = db::delivered_all(c)?;
    let since = |cdb: &str, job: u32| {
        delivered
            .iter()
            .find(|(d, j, _)| d == cdb && *j == job)
            .map(|(_, _, v)| *v)
    };
    let mut asks = Vec::new();
    for cdb in &cdbs {
        for job in &jobs {
            asks.push((job, cdb, since(cdb, job.number)));
        }
    }
    let questions: Vec<db::PendingAsk> = asks
        .iter()
        .map(|(job, cdb, since)| db::PendingAsk {
            subjobs: job.subjobs,
            channel_db: cdb,
            since: *since,
        })
        .collect();
    let counts = db::pending(c, &questions, cap)?;
    Ok(asks
        .iter()
        .zip(counts)
        .map(|((job, cdb, since), tables)| Pending {
            job: job.number,
            channel_db: (*cdb).clone(),
            delivered_version: *since,
            upserts: tables.iter().map(|t| t.upserted).sum(),
            deletes: tables.iter().map(|t| t.deleted).sum(),
            tables,
        })
        .collect())
}

/// Counted per table up to this many rows by `hq status`.
pub(crate) const STATUS_CAP: u64 = 10_000;

/// Rows waiting over every job and channel database (for `hq status`): exact, or (when
/// `false`) at least this many, as each table is counted up to [`STATUS_CAP`].
pub(crate) fn pending_total(c: &Reader) -> Result<(u64, bool)> {
    let all = pending_capped(c, &[dist::ALL_JOBS], &Target::default(), Some(STATUS_CAP))?;
    let complete = all
        .iter()
        .flat_map(|p| p.tables.iter())
        .all(|t| t.upserted < STATUS_CAP && t.deleted < STATUS_CAP);
    Ok((all.iter().map(|p| p.upserts + p.deletes).sum(), complete))
}

/// What `hq job retry SESSION` runs: the failed session's job, for its channel database, in its
/// mode (a full session again in full). Only a failed session is retried; a session that does
/// not exist is exit 4, one that was applied exit 5.
pub(crate) fn retry_of(c: &Reader, id: i64) -> Result<(Session, RunOptions)> {
    let Some(s) = db::session(c, id)? else {
        return Err(dist::session_not_found(id).into());
    };
    if s.status != SessionStatus::Failed {
        return Err(dist::session_not_failed(&s).into());
    }
    // The channel database may have been removed since.
    let cdb = channel_db::get_db(c, "channel_db", &s.channel_db)?.id;
    let opts = RunOptions {
        jobs: vec![s.job],
        full: s.mode == "full",
        target: Target {
            channel_db: Some(cdb),
            group: None,
        },
        fail_after_table: None,
        fail_after_delivery: false,
        kill_after_delivery: false,
    };
    Ok((s, opts))
}

pub(crate) fn sessions(
    c: &Reader,
    job: Option<u32>,
    cdb: Option<&str>,
    limit: u32,
) -> Result<(Vec<Session>, Option<crate::ops::More>)> {
    if let Some(j) = job {
        jobs(&[j])?;
    }
    let cdb = match cdb {
        Some(id) => Some(channel_db::get_db(c, "channel_db", id)?.id),
        None => None,
    };
    let all = db::sessions(c, job, cdb.as_deref(), limit)?;
    let n = db::sessions_after(c, job, cdb.as_deref(), limit, crate::ops::More::CAP)?;
    Ok((all, crate::ops::More::after(n, None)))
}

/// One channel table's size in a channel database.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TableCount {
    pub table: String,
    pub job: u32,
    pub rows: u64,
}

pub(crate) fn contents(c: &Reader, id: &str) -> Result<(String, Vec<TableCount>)> {
    let found = channel_db::get_db(c, "ID", id)?;
    let file = channel_db::own_file(c, &found)?;
    let c = file.as_ref().map_or(c, |f| f.reader());
    let cdb = found.id;
    let mut out = Vec::new();
    for j in dist::JOBS {
        for s in j.subjobs {
            out.push(TableCount {
                table: s.table.to_string(),
                job: j.number,
                rows: db::count(c, s, &cdb)?,
            });
        }
    }
    Ok((cdb, out))
}

/// One channel table row, column to value.
pub(crate) type Row = serde_json::Map<String, serde_json::Value>;

pub(crate) fn table_rows(
    c: &Reader,
    id: &str,
    table: &str,
    limit: u32,
    offset: u32,
) -> Result<(Vec<Row>, Option<crate::ops::More>)> {
    let found = channel_db::get_db(c, "ID", id)?;
    let file = channel_db::own_file(c, &found)?;
    let c = file.as_ref().map_or(c, |f| f.reader());
    let cdb = found.id;
    let name = table.strip_prefix("ch_").unwrap_or(table);
    let Some((_, s)) = dist::subjob_of_table(name) else {
        return Err(dist::unknown_table(table, &cdb).into());
    };
    let rows = db::rows(c, s, &cdb, limit, offset)?;
    let total = db::count(c, s, &cdb)?;
    let next = u64::from(offset) + rows.len() as u64;
    let more = crate::ops::More::after(total.saturating_sub(next), Some(next))
        .filter(|_| !rows.is_empty() || offset == 0);
    Ok((rows, more))
}
