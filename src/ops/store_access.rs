//! Who is signed in at a store and what they may do there, judged by what the store's channel
//! database holds (DOMAIN.md 10): the sign-in and the operation checks of the store face
//! (`crate::pos`), and of `hq doctor`, which signs a worker in exactly as the store would.

use serde::Serialize;

use super::{OpEnv, feature, staff, store};
use crate::db::{Reader, clienteling as db};
use crate::domain::attribute::GroupMember;
use crate::domain::clienteling::{self as rules, OP_VIEW_CLIENT_BOOK, OP_VIEW_STORE_CLIENT_BOOKS};
use crate::domain::{Cmd, Hint};
use crate::error::{HqError, Result};

/// A worker signed in at a store, as the store's channel database knows them.
#[derive(Debug, Clone, Serialize)]
pub struct Pos {
    pub store: String,
    pub channel_db: String,
    pub legal_entity: String,
    pub worker: String,
    pub permission_group: String,
    /// The layout in effect for this worker: their own, else the store's.
    pub layout: Option<String>,
}

pub(crate) fn run_job(job: u32, cdb: &str) -> Cmd {
    Cmd::new("job run")
        .arg(job.to_string())
        .set("channel_db", cdb)
}

/// Signs a worker in at a store: both must be in the store's channel database, and the worker
/// must share an employee address book with the store there.
pub fn open(c: &Reader, store_no: &str, worker_id: &str) -> Result<Pos> {
    let s = store::get(c, "store", store_no)?;
    let w = staff::get_worker(c, "worker", worker_id)?;
    let cdb = s.channel_database.clone();
    let Some((legal_entity, store_layout)) = db::ch_store(c, &cdb, &s.number)? else {
        return Err(HqError::invalid(format!(
            "store {} is not in its channel database {cdb} yet",
            s.number
        ))
        .hinted(Hint::to("distribute it with", run_job(1070, &cdb))));
    };
    let Some((group, worker_layout)) = db::ch_worker(c, &cdb, &w.personnel_number)? else {
        return Err(HqError::invalid(format!(
            "worker {} is not in channel database {cdb} yet",
            w.personnel_number
        ))
        .hinted(Hint::to("distribute staff with", run_job(1060, &cdb))));
    };
    if !db::ch_worker_belongs(c, &cdb, &w.personnel_number, &s.number)? {
        let mut err = HqError::invalid(format!(
            "worker {} does not belong to store {}: they share no employee address book in channel database {cdb}",
            w.personnel_number, s.number
        ));
        if w.belongs_to(&s.employee_address_books) {
            err = err.hinted(
                Hint::to(
                    "HQ has them sharing one now; distribute it with",
                    run_job(1060, &cdb),
                )
                .then(" and ")
                .run(run_job(1070, &cdb)),
            );
        } else {
            err = err.hinted(Hint::to(
                "give the worker one of the store's employee address books:",
                Cmd::new("worker set")
                    .arg(&w.personnel_number)
                    .set_ph("add_employee_address_book", "BOOK"),
            ));
        }
        return Err(err);
    }
    Ok(Pos {
        store: s.number,
        channel_db: cdb,
        legal_entity,
        worker: w.personnel_number,
        permission_group: group,
        layout: worker_layout.or(store_layout),
    })
}

/// Whether the worker may run an operation here, as distributed: the Clienteling feature for
/// 712 to 716, the permission group, and a button on the layout for the views.
pub fn require(c: &Reader, env: &OpEnv, p: &Pos, op: u32) -> Result<()> {
    let cdb = &p.channel_db;
    let name = crate::domain::pos::find(op)
        .map_or_else(|| op.to_string(), |o| format!("{op} ({})", o.name));
    if rules::needs_clienteling(op) {
        let def = feature::find("clienteling")?;
        let delivered = crate::db::feature::channel_record(c, cdb, def.key)?;
        let here = crate::domain::feature::on_at_store(
            def,
            feature::env_version(c)?,
            delivered.as_ref(),
            env.now,
        );
        if !here {
            let in_hq = feature::is_enabled(c, env.now, "clienteling")?;
            return Err(if in_hq {
                HqError::invalid(format!(
                    "operation {name} needs Clienteling: it is enabled in HQ but job 1110 has not carried it to channel database {cdb}"
                ))
                .hinted(Hint::to("run", run_job(1110, cdb)))
            } else {
                HqError::invalid(format!(
                    "operation {name} needs the Clienteling feature, which is not enabled"
                ))
                .hinted(
                    Hint::to(
                        "enable it with",
                        Cmd::new("feature enable").arg("clienteling"),
                    )
                    .then(", then run ")
                    .run(run_job(1110, cdb)),
                )
            });
        }
    }
    if !db::ch_allowed(c, cdb, &p.permission_group, op)? {
        return Err(HqError::invalid(format!(
            "operation {name} is not allowed to permission group {} (worker {}), as distributed to channel database {cdb}",
            p.permission_group, p.worker
        ))
        .hinted(
            Hint::to(
                "allow it with",
                Cmd::new("permission-group allow")
                    .arg(&p.permission_group)
                    .arg(op.to_string()),
            )
            .then(", then run ")
            .run(run_job(1060, cdb)),
        ));
    }
    if rules::needs_button(op) {
        let Some(layout) = &p.layout else {
            return Err(HqError::invalid(format!(
                "operation {name} needs a button, and store {} has no screen layout in channel database {cdb}",
                p.store
            ))
            .hinted(
                Hint::to(
                    "assign one with",
                    Cmd::new("layout assign").ph("LAYOUT").set("store", &p.store),
                )
                .then(", then run ")
                .run(run_job(1070, cdb))
                .then(" and ")
                .run(run_job(1090, cdb)),
            ));
        };
        if !db::ch_has_button(c, cdb, layout, op)? {
            return Err(HqError::invalid(format!(
                "operation {name} has no button on screen layout {layout}, as distributed to channel database {cdb}"
            ))
            .hinted(
                Hint::to(
                    "add one with",
                    Cmd::new("layout button add")
                        .arg(layout)
                        .set("operation", op.to_string()),
                )
                .then(", then run ")
                .run(run_job(1090, cdb)),
            ));
        }
    }
    Ok(())
}

/// Whether `worker` can open their client book and the store's at `store`, judged exactly as
/// `hq pos --store S --worker W clientbook view` and `store-view` judge it (for `hq doctor`).
pub fn can_use_client_book(c: &Reader, env: &OpEnv, store: &str, worker: &str) -> Result<()> {
    let p = open(c, store, worker)?;
    require(c, env, &p, OP_VIEW_CLIENT_BOOK)?;
    require(c, env, &p, OP_VIEW_STORE_CLIENT_BOOKS)?;
    book_group(c, &p).map(|_| ())
}

/// The client book attribute group as distributed: its name and members by display order.
pub(crate) fn book_group(c: &Reader, p: &Pos) -> Result<(String, Vec<GroupMember>)> {
    let name = db::ch_param(c, &p.channel_db, "client_book_attribute_group")?
        .and_then(|v| v.as_str().map(str::to_string));
    let Some(name) = name else {
        return Err(HqError::invalid(format!(
            "no client book attribute group is set, as distributed to channel database {}",
            p.channel_db
        ))
        .hinted(
            Hint::to(
                "set one with",
                Cmd::new("param set").set_ph("client_book_attribute_group", "GROUP"),
            )
            .then(", then run ")
            .run(run_job(1110, &p.channel_db)),
        ));
    };
    let members = db::ch_group_members(c, &p.channel_db, &name)?;
    Ok((name, members))
}
