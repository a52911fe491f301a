//! Who is signed in at a store and what they may do there, judged by what the store's channel
//! database holds (DOMAIN.md 10): the sign-in and the operation checks of the store face
//! (`crate::pos`), and of `hq doctor`, which signs a worker in exactly as the store would.

use serde::Serialize;

use super::{OpEnv, feature, staff, store};
use crate::db::{Reader, clienteling as db};
use crate::domain::attribute::GroupMember;
use crate::domain::clienteling::{self as rules, OP_VIEW_CLIENT_BOOK, OP_VIEW_STORE_CLIENT_BOOKS};
use crate::domain::pos as at;
use crate::error::Result;

/// A worker signed in at a store, as the store's channel database knows them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pos {
    pub store: String,
    pub channel_db: String,
    pub legal_entity: String,
    pub worker: String,
    pub permission_group: String,
    /// The layout in effect for this worker: their own, else the store's.
    pub layout: Option<String>,
    /// The register works without its channel database (`hq pos --offline`).
    pub offline: bool,
    /// The store's channel database when it is a file of its own: its channel tables are read
    /// there ([`Pos::ch`]).
    #[serde(skip)]
    pub file: Option<std::rc::Rc<crate::db::channel::ChannelFile>>,
}

impl Pos {
    /// Where the store's channel tables are read: its channel database's own file, or the
    /// headquarters data file (`hq`).
    pub(crate) fn ch<'a>(&'a self, hq: &'a Reader) -> &'a Reader {
        self.file.as_deref().map_or(hq, |f| f.reader())
    }
}

/// Signs a worker in at a store: both must be in the store's channel database, and the worker
/// must share an employee address book with the store there.
pub(crate) fn open(c: &Reader, store_no: &str, worker_id: &str) -> Result<Pos> {
    let s = store::get(c, "store", store_no)?;
    let w = staff::get_worker(c, "worker", worker_id)?;
    let cdb = s.channel_db.clone();
    let file = super::channel_db::own_file(c, &super::channel_db::get_db(c, "channel_db", &cdb)?)?
        .map(std::rc::Rc::new);
    let ch = file.as_deref().map_or(c, |f| f.reader());
    let Some((legal_entity, store_layout)) = db::ch_store(ch, &cdb, &s.number)? else {
        return Err(at::undelivered(at::Undelivered::Store(&s.number), &cdb).into());
    };
    let Some((group, worker_layout)) = db::ch_worker(ch, &cdb, &w.personnel_number)? else {
        return Err(at::undelivered(at::Undelivered::Worker(&w.personnel_number), &cdb).into());
    };
    if !db::ch_worker_belongs(ch, &cdb, &w.personnel_number, &s.number)? {
        return Err(at::not_at_store(
            &w.personnel_number,
            &s.number,
            &cdb,
            w.belongs_to(&s.employee_address_books),
        )
        .into());
    }
    Ok(Pos {
        store: s.number,
        channel_db: cdb,
        legal_entity,
        worker: w.personnel_number,
        permission_group: group,
        layout: worker_layout.or(store_layout),
        offline: false,
        file,
    })
}

/// Whether a feature is on at the store: as delivered to its channel database, not as set in
/// HQ (DOMAIN.md 10).
pub(crate) fn feature_here(c: &Reader, p: &Pos, env: &OpEnv, key: &str) -> Result<bool> {
    let def = feature::find(key)?;
    let delivered = crate::db::feature::channel_record(p.ch(c), &p.channel_db, def.key)?;
    Ok(crate::domain::feature::on_at_store(
        def,
        feature::env_version(c)?,
        delivered.as_ref(),
        env.now,
    ))
}

/// Whether the worker may run an operation here, as distributed: the Clienteling feature for
/// 712 to 716, the permission group, and a button on the layout for the views.
pub(crate) fn require(c: &Reader, env: &OpEnv, p: &Pos, op: u32) -> Result<()> {
    let cdb = &p.channel_db;
    let name = crate::domain::pos::find(op)
        .map_or_else(|| op.to_string(), |o| format!("{op} ({})", o.name));
    if rules::needs_clienteling(op) && !feature_here(c, p, env, "clienteling")? {
        let in_hq = feature::is_enabled(c, env.now, "clienteling")?;
        return Err(at::needs_clienteling(&name, cdb, in_hq).into());
    }
    if !db::ch_allowed(p.ch(c), cdb, &p.permission_group, op)? {
        return Err(at::not_allowed(&name, op, &p.permission_group, &p.worker, cdb).into());
    }
    if rules::needs_button(op) {
        let Some(layout) = &p.layout else {
            return Err(at::no_layout(&name, &p.store, cdb).into());
        };
        if !db::ch_has_button(p.ch(c), cdb, layout, op)? {
            return Err(at::no_button(&name, op, layout, cdb).into());
        }
    }
    Ok(())
}

/// Whether `worker` can open their client book and the store's at `store`, judged exactly as
/// `hq pos --store S --worker W clientbook view` and `store-view` judge it (for `hq doctor`).
pub(crate) fn can_use_client_book(
    c: &Reader,
    env: &OpEnv,
    store: &str,
    worker: &str,
) -> Result<()> {
    let p = open(c, store, worker)?;
    require(c, env, &p, OP_VIEW_CLIENT_BOOK)?;
    require(c, env, &p, OP_VIEW_STORE_CLIENT_BOOKS)?;
    book_group(c, &p).map(|_| ())
}

/// The client book attribute group as distributed: its name and members by display order.
pub(crate) fn book_group(c: &Reader, p: &Pos) -> Result<(String, Vec<GroupMember>)> {
    let name = db::ch_param(p.ch(c), &p.channel_db, "client_book_attribute_group")?
        .and_then(|v| v.as_str().map(str::to_string));
    let Some(name) = name else {
        return Err(at::no_client_book_group(&p.channel_db).into());
    };
    let members = db::ch_group_members(p.ch(c), &p.channel_db, &name)?;
    Ok((name, members))
}
