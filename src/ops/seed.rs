//! `hq seed`: valid fake customers for test environments, written in bulk in one transaction.
//!
//! Each store's new customer is checked once the way `hq customer add --store S` checks it
//! (its inheritance from the default customer, its contacts, its address); every generated
//! customer is that customer with its own name, email, phone and address, values the
//! generator only makes in forms the rules accept (tested in `domain::seed`). Accounts come
//! from the legal entity's `customer_account` sequence, allocated in memory and saved once.

use serde::Serialize;

use super::customer::{self, AddressInput, Cache, NewCustomer};
use super::numseq::Accounts;
use super::{Applied, Mode, OpEnv, mutate};
use crate::db::{Db, clienteling as cl_db, customer as cust_db, org, staff as staff_db};
use crate::domain::Change;
use crate::domain::clienteling::Activity;
use crate::domain::customer::{AddressDefaults, ContactKind, Customer, CustomerType};
use crate::domain::numseq::Reference;
use crate::domain::record::Value;
use crate::domain::seed::{self as rules, Generator};
use crate::error::Result;

#[derive(Debug, Clone)]
pub(crate) struct SeedOptions {
    pub customers: u64,
    pub seed: u64,
    /// Only this store; otherwise spread over every store with a default customer.
    pub store: Option<String>,
    pub client_books: bool,
    pub activities: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeedReport {
    pub dry_run: bool,
    pub seed: u64,
    pub customers: u64,
    pub first_account: Option<String>,
    pub last_account: Option<String>,
    pub stores: Vec<String>,
    /// Client books that received customers: (book, worker, customers added).
    pub client_books: Vec<SeededBook>,
    pub activities: u64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeededBook {
    pub book: String,
    pub worker: String,
    pub customers: u64,
}

/// More customers than this are written with the customer indexes dropped and rebuilt.
const BULK: u64 = 30_000;

struct StorePlan {
    template: Customer,
    /// Workers whose client books get this store's customers.
    workers: Vec<String>,
}

pub(crate) fn seed(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    o: &SeedOptions,
    progress: &mut dyn FnMut(super::Tick),
) -> Result<Applied<SeedReport>> {
    rules::check_options(o.customers, o.activities, o.client_books)?;
    db_.tune_for_bulk()?;
    mutate(db_, env, mode, |tx| {
        let numbers: Vec<String> = match &o.store {
            Some(s) => vec![super::store::get(tx, "store", s)?.number],
            None => {
                let all: Vec<String> = org::stores(tx, None)?
                    .into_iter()
                    .filter(|s| s.default_customer.is_some())
                    .map(|s| s.number)
                    .collect();
                if all.is_empty() {
                    return Err(rules::no_store_with_default_customer().into());
                }
                all
            }
        };
        let mut cache = Cache::default();
        let mut stores = Vec::new();
        for number in &numbers {
            // Checked as `customer add --store` checks a new customer.
            let sample = NewCustomer {
                store: Some(number.clone()),
                fields: {
                    let mut d = crate::domain::customer::CustomerDraft::default();
                    for (name, v) in [
                        ("first_name", "Sample"),
                        ("last_name", "Customer"),
                        ("organization_name", "Sample Company"),
                    ] {
                        d.give(name, Value::Text(Some(v.into())));
                    }
                    d
                },
                emails: vec!["sample@example.com".into()],
                phones: vec!["+17135550100".into()],
                address: Some(AddressInput {
                    street: Some("1 Sample St".into()),
                    city: Some("Houston".into()),
                    state: Some("TX".into()),
                    postal_code: Some("77002".into()),
                    primary: true,
                    ..Default::default()
                }),
                ..Default::default()
            };
            let template = customer::prepare(tx, env, &mut cache, sample, false)?.customer;
            let mut workers = Vec::new();
            if o.client_books {
                let st = super::store::get(tx, "store", number)?;
                for w in staff_db::workers(tx)? {
                    if w.employee_address_books.iter().any(|b| {
                        st.employee_address_books
                            .iter()
                            .any(|s| s.eq_ignore_ascii_case(b))
                    }) {
                        workers.push(w.personnel_number);
                    }
                }
                if workers.is_empty() {
                    return Err(rules::no_workers(number).into());
                }
            }
            stores.push(StorePlan { template, workers });
        }
        let activity_types: Vec<String> = if o.activities {
            let all: Vec<String> = staff_db::activity_types(tx)?
                .into_iter()
                .map(|a| a.id)
                .collect();
            if all.is_empty() {
                return Err(rules::no_activity_types().into());
            }
            all
        } else {
            Vec::new()
        };

        // Enough account numbers for every customer, checked before any work: each legal
        // entity's share of the customers (stores take turns) against what its customer_account
        // sequence has left.
        let mut demand: Vec<(String, u64)> = Vec::new();
        let k = stores.len() as u64;
        for (si, st) in stores.iter().enumerate() {
            let n = o.customers / k + u64::from((si as u64) < o.customers % k);
            let le = &st.template.legal_entity;
            match demand.iter_mut().find(|(l, _)| l.eq_ignore_ascii_case(le)) {
                Some((_, d)) => *d += n,
                None => demand.push((le.clone(), n)),
            }
        }
        for (le, n) in &demand {
            let Some(code) = crate::db::numseq::assigned(tx, Reference::CustomerAccount, le)?
            else {
                continue; // refused with its own message at the first account
            };
            let s = super::numseq::get(tx, "CODE", &code)?;
            if let Some(refused) = rules::too_few_accounts(o.customers, le, *n, &s) {
                return Err(refused.into());
            }
        }
        let indexes = if o.customers > BULK {
            cust_db::drop_indexes(tx)?
        } else {
            Vec::new()
        };
        let mut changes = Vec::new();
        let mut books: Vec<SeededBook> = Vec::new();
        let mut accounts = Accounts::default();
        let mut g = Generator::new(o.seed);
        let mut report = SeedReport {
            dry_run: mode == Mode::DryRun,
            seed: o.seed,
            customers: 0,
            first_account: None,
            last_account: None,
            stores: numbers.clone(),
            client_books: Vec::new(),
            activities: 0,
        };
        let now = env.now_text();
        for i in 0..o.customers {
            let si = (i % stores.len() as u64) as usize;
            let p = g.person(i + 1);
            let mut cu = stores[si].template.clone();
            // What the template's address took from the template, the fake takes from the fake.
            let country = cu
                .addresses
                .first()
                .and_then(|a| a.country.clone())
                .unwrap_or_default();
            let defaults_was = AddressDefaults::of(&stores[si].template, &country);
            cu.account = accounts.next(tx, &cu.legal_entity)?;
            match cu.kind {
                CustomerType::Person => {
                    cu.first_name = Some(p.first_name);
                    cu.last_name = Some(p.last_name);
                    cu.organization_name = None;
                }
                CustomerType::Organization => {
                    cu.first_name = None;
                    cu.last_name = None;
                    cu.organization_name = Some(p.organization_name);
                }
            }
            cu.middle_name = None;
            for c in &mut cu.contacts {
                c.value = match c.kind {
                    ContactKind::Email => p.email.clone(),
                    ContactKind::Phone => p.phone.clone(),
                };
            }
            let defaults_now = AddressDefaults::of(&cu, &country);
            if let Some(a) = cu.addresses.first_mut() {
                a.street = Some(p.street);
                a.city = Some(p.city);
                a.state = Some(p.state);
                a.postal_code = Some(p.postal_code);
                a.refresh_defaults(&defaults_was, &defaults_now);
            }
            match cust_db::save(tx, None, &cu) {
                Ok(()) => {}
                Err(e) if cust_db::is_duplicate(&e) => {
                    return Err(accounts.taken(tx, &cu.legal_entity, &cu.account, true));
                }
                Err(e) => return Err(e),
            }
            if o.client_books {
                let st = &stores[si];
                let worker = st.workers[g.below(st.workers.len())].clone();
                // A worker has one book per legal entity, whichever of its stores it serves.
                let bi = match books.iter().position(|b| b.worker == worker) {
                    Some(b) => b,
                    None => {
                        let b = super::clienteling::book_for(
                            tx,
                            env,
                            &worker,
                            &cu.legal_entity,
                            &mut changes,
                        )?;
                        books.push(SeededBook {
                            book: b.id,
                            worker,
                            customers: 0,
                        });
                        books.len() - 1
                    }
                };
                let b = &mut books[bi];
                cl_db::put_customer(tx, &cu.account, &b.book, &now, &b.worker)?;
                b.customers += 1;
                if o.activities {
                    for k in 0..=g.below(3) {
                        let at = env.now - chrono::Duration::days((g.below(365) + k) as i64);
                        cl_db::insert_activity(
                            tx,
                            &Activity {
                                id: 0,
                                account: cu.account.clone(),
                                kind: activity_types[g.below(activity_types.len())].clone(),
                                worker: b.worker.clone(),
                                at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                                text: g.activity_text().to_string(),
                            },
                        )?;
                        report.activities += 1;
                    }
                }
            }
            report.customers += 1;
            if report.first_account.is_none() {
                report.first_account = Some(cu.account.clone());
            }
            report.last_account = Some(cu.account);
            if report.customers.is_multiple_of(10_000) {
                progress(super::Tick::Done(report.customers));
            }
        }
        progress(super::Tick::Done(report.customers));
        if !indexes.is_empty() {
            progress(super::Tick::Phase("building indexes".into()));
        }
        cust_db::recreate_indexes(tx, &indexes, report.customers)?;
        accounts.save(tx)?;
        progress(super::Tick::Phase("committing".into()));
        report.client_books = books;
        let summary = serde_json::json!({
            "seed": o.seed,
            "customers": report.customers,
            "first_account": report.first_account,
            "last_account": report.last_account,
            "stores": report.stores,
            "client_books": report.client_books.len(),
            "activities": report.activities,
        });
        changes.insert(
            0,
            Change::create("customer_seed", &o.seed.to_string(), &summary),
        );
        Ok((report, changes))
    })
}
