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
    /// The store works on its channel database file alone, without headquarters (`hq pos
    /// --channel-db`): what is read live from headquarters is not there.
    pub alone: bool,
    /// The environment version headquarters was at when it last delivered to the store's file:
    /// the store judges its features by it.
    #[serde(skip)]
    pub env_version: Option<crate::domain::feature::Version>,
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
    let env_version = match file.as_deref() {
        Some(f) => delivered_env_version(f)?,
        None => None,
    };
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
        alone: false,
        env_version,
    })
}

fn delivered_env_version(
    f: &crate::db::channel::ChannelFile,
) -> Result<Option<crate::domain::feature::Version>> {
    Ok(crate::db::channel::env_version(f)?
        .as_deref()
        .and_then(crate::domain::feature::Version::parse))
}

/// The channel database file a store works on alone (`hq pos --channel-db PATH`): any channel
/// database's, brought to this build's schema when older.
pub(crate) fn open_file(
    place: &str,
    wait: std::time::Duration,
) -> Result<crate::db::channel::ChannelFile> {
    let place = crate::db::channel::given_place(place, "channel_db")?;
    crate::db::channel::open_alone(&place, wait)
}

/// The stores a channel database file holds, and the workers of one of them: (id, name) for
/// a prompt.
pub(crate) fn stores_in_file(f: &crate::db::channel::ChannelFile) -> Result<Vec<(String, String)>> {
    db::ch_stores(f.reader(), &f.id, true)
}

/// The workers of `store` as a channel database file holds them (see [`stores_in_file`]).
pub(crate) fn workers_in_file(
    f: &crate::db::channel::ChannelFile,
    store: &str,
) -> Result<Vec<(String, String)>> {
    db::ch_workers(f.reader(), &f.id, Some(store))
}

/// Signs a worker in at a store on its channel database file alone, without headquarters
/// (`hq pos --channel-db`): the store and the worker as the file holds them, by the same rules
/// as [`open`].
pub(crate) fn open_alone(
    file: crate::db::channel::ChannelFile,
    store_no: &str,
    worker_id: &str,
) -> Result<Pos> {
    let cdb = file.id.clone();
    let ch = file.reader();
    let stores = db::ch_stores(ch, &cdb, false)?;
    let Some((store, _)) = stores.iter().find(|s| s.0.eq_ignore_ascii_case(store_no)) else {
        let known: Vec<String> = stores.into_iter().map(|s| s.0).collect();
        return Err(super::not_found("store", "store", store_no, &known));
    };
    let workers = db::ch_workers(ch, &cdb, None)?;
    let Some((worker, _)) = workers.iter().find(|w| w.0.eq_ignore_ascii_case(worker_id)) else {
        let known: Vec<String> = workers.into_iter().map(|w| w.0).collect();
        return Err(super::not_found("worker", "worker", worker_id, &known));
    };
    let Some(s) = db::ch_store_record(ch, &cdb, store)? else {
        return Err(at::undelivered(at::Undelivered::Store(store), &cdb).into());
    };
    if !s.channel_db.eq_ignore_ascii_case(&cdb) {
        return Err(at::store_of_another_channel_db(store, &s.channel_db, &cdb).into());
    }
    let Some((group, worker_layout)) = db::ch_worker(ch, &cdb, worker)? else {
        return Err(at::undelivered(at::Undelivered::Worker(worker), &cdb).into());
    };
    if !db::ch_worker_belongs(ch, &cdb, worker, store)? {
        return Err(at::not_at_store(worker, store, &cdb, false).into());
    }
    let (legal_entity, store_layout) = (s.legal_entity, s.screen_layout);
    let env_version = delivered_env_version(&file)?;
    Ok(Pos {
        store: store.clone(),
        channel_db: cdb,
        legal_entity,
        worker: worker.clone(),
        permission_group: group,
        layout: worker_layout.or(store_layout),
        offline: false,
        file: Some(std::rc::Rc::new(file)),
        alone: true,
        env_version,
    })
}

/// Whether a feature is on at the store: as delivered to its channel database, not as set in
/// HQ (DOMAIN.md 10).
pub(crate) fn feature_here(c: &Reader, p: &Pos, env: &OpEnv, key: &str) -> Result<bool> {
    let def = feature::find(key)?;
    let Some(delivered) = crate::db::feature::channel_record(p.ch(c), &p.channel_db, def.key)?
    else {
        return Ok(false);
    };
    // The version delivered with the file; alone, a file delivered to before it recorded one
    // (schema 15) judges the feature at the version it came with.
    let version = match p.env_version {
        Some(v) => v,
        None if p.alone => def.added,
        None => feature::env_version(c)?,
    };
    Ok(crate::domain::feature::on_at_store(
        def,
        version,
        Some(&delivered),
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
        let in_hq = !p.alone && feature::is_enabled(c, env.now, "clienteling")?;
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
