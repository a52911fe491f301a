//! `hq doctor clienteling`: the documented clienteling setup (DOMAIN.md 7), step by step, and
//! whether each store's channel database has received it (jobs 1040, 1150, 1110, 1090). This
//! loads what the report is judged on (`domain::doctor::Snapshot`); the domain judges, signing a
//! worker in as `hq pos` does through the store's channel database for the last step.

use super::{OpEnv, address_book, attribute, feature, layout, legal_entity, params, staff, store};
use crate::db::Reader;
use crate::db::numseq as numseq_db;
use crate::distribution;
use crate::domain::doctor::{self as rules, JobState, Report, SETUP_JOBS, Snapshot};
use crate::domain::numseq::Reference;
use crate::domain::org::{AddressBookKind, Store};
use crate::error::Result;

pub(crate) fn clienteling(c: &Reader, env: &OpEnv, only_store: Option<&str>) -> Result<Report> {
    let snap = snapshot(c, env, only_store)?;
    let mut sign_in = |store: &str, worker: &str| {
        super::store_access::can_use_client_book(c, env, store, worker)
            .err()
            .map(|e| e.render_field(crate::error::flag_of).message)
    };
    Ok(rules::clienteling(&snap, &mut sign_in))
}

/// Everything the report is judged on, loaded once.
fn snapshot(c: &Reader, env: &OpEnv, only_store: Option<&str>) -> Result<Snapshot> {
    let stores: Vec<Store> = match only_store {
        Some(s) => vec![store::get(c, "store", s)?],
        None => store::list(c, None)?,
    };
    let mut entities: Vec<String> = stores.iter().map(|s| s.legal_entity.clone()).collect();
    entities.sort();
    entities.dedup();
    let mut client_book_sequences = Vec::new();
    for le in entities {
        let code = numseq_db::assigned(c, Reference::ClientBookId, &le)?;
        client_book_sequences.push((le, code));
    }
    let mut dbs: Vec<String> = stores.iter().map(|s| s.channel_db.clone()).collect();
    dbs.sort_by_key(|d| d.to_lowercase());
    dbs.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let mut pending = Vec::new();
    for cdb in dbs {
        let target = distribution::Target {
            channel_db: Some(cdb.clone()),
            group: None,
        };
        let jobs = distribution::pending(c, &SETUP_JOBS, &target)?
            .into_iter()
            .map(|p| JobState {
                job: p.job,
                delivered: p.delivered_version.is_some(),
                rows: p.upserts + p.deletes,
            })
            .collect();
        pending.push((cdb, jobs));
    }
    let mut default_receipt_emails = Vec::new();
    for s in &stores {
        if let Some(account) = &s.default_customer
            && let Some(cu) = crate::db::customer::customer(c, account)?
            && let Some(email) = cu.receipt_email
        {
            default_receipt_emails.push((s.number.clone(), account.clone(), email));
        }
    }
    let p = params::load(c)?;
    Ok(Snapshot {
        legal_entities: legal_entity::ids(c)?,
        customer_address_books: address_book::ids(c, Some(AddressBookKind::Customer))?,
        employee_address_books: address_book::ids(c, Some(AddressBookKind::Employee))?,
        clienteling_enabled: feature::is_enabled(c, env.now, "clienteling")?,
        client_book_sequences,
        number_sequences: numseq_db::all(c)?,
        client_book_attribute_group: p.client_book_attribute_group.clone(),
        attribute_groups: attribute::groups(c)?,
        attributes: attribute::list(c)?.into_iter().map(|a| a.name).collect(),
        attribute_types: attribute::types(c)?.into_iter().map(|t| t.name).collect(),
        activity_types: staff::activity_types(c)?
            .into_iter()
            .map(|t| t.id)
            .collect(),
        permission_groups: staff::permission_groups(c)?,
        workers: staff::workers(c)?,
        layouts: layout::list(c)?,
        registers: layout::registers(c, None)?,
        pending,
        default_receipt_emails,
        key_vault_secret_expires: p.key_vault.secret_expires.clone(),
        today: env.now.date_naive(),
        insights_problems: if p.insights.enabled {
            params::insights_problems(c, env)?
        } else {
            Vec::new()
        },
        stores,
    })
}
