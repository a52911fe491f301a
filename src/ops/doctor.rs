//! `hq doctor clienteling`: the documented clienteling setup (DOMAIN.md 7), step by step, and
//! whether each store's channel database has received it (jobs 1040, 1150, 1110, 1090).

use crate::db::Reader;

use super::{OpEnv, address_book, attribute, feature, layout, legal_entity, params, staff, store};
use crate::db::numseq as numseq_db;
use crate::distribution;
use crate::domain::doctor::{Check, CheckStatus, Report};
use crate::domain::fix::Word;
use crate::domain::numseq::Reference;
use crate::domain::org::AddressBookKind;
use crate::domain::org::Store;
use crate::domain::staff::{PermissionGroup, Worker};
use crate::domain::{Cmd, Hint};
use crate::error::Result;

/// The jobs that carry the clienteling setup to a store: the four DOMAIN.md 7 names (1040
/// attributes, 1090 layouts, 1110 features and parameters, 1150 the attribute group), and the
/// two that carry the store (1070) and its staff and permission groups (1060), without which
/// `hq pos` signs nobody in.
pub(crate) const SETUP_JOBS: [u32; 6] = [1040, 1060, 1070, 1090, 1110, 1150];

/// The jobs a step's fix makes pending.
fn jobs_of(step: &str) -> &'static [u32] {
    match step {
        "stores" => &[1060, 1070],
        "feature" | "client_book_sequence" => &[1110],
        "client_book_attribute_group" => &[1040, 1110, 1150],
        "permissions" => &[1060],
        "layout_buttons" => &[1070, 1090],
        "store_worker" => &[1060, 1090],
        // Activity types are read live, not distributed.
        _ => &[],
    }
}

/// The operations a screen layout needs buttons for, and those a permission group must allow.
const BUTTONS: [u32; 2] = [712, 713];
const ALLOWED: [u32; 3] = [714, 715, 716];

pub(crate) fn clienteling(c: &Reader, env: &OpEnv, only_store: Option<&str>) -> Result<Report> {
    let stores: Vec<Store> = match only_store {
        Some(s) => vec![store::get(c, "store", s)?],
        None => store::list(c, None)?,
    };
    let mut checks = Vec::new();
    let mut warnings = Vec::new();

    // 0. A store to set up: the per-store steps below check nothing without one.
    if stores.is_empty() {
        checks.push(Check::missing(
            "stores",
            "Have a store whose associates use clienteling",
            None,
            "there is no store, so no worker, layout or channel database can be checked".into(),
            store_fix(c)?,
        ));
    }

    // 1. The feature.
    let title = "Enable the Clienteling feature";
    checks.push(if feature::is_enabled(c, env.now, "clienteling")? {
        Check::done("feature", title, None, "clienteling is enabled".into())
    } else {
        Check::missing(
            "feature",
            title,
            None,
            "clienteling is not enabled".into(),
            vec![Cmd::new("feature enable").arg("clienteling")],
        )
    });

    // 2. A number sequence for client book ids, in each legal entity with a store.
    let mut entities: Vec<String> = stores.iter().map(|s| s.legal_entity.clone()).collect();
    entities.sort();
    entities.dedup();
    let title = "Assign a number sequence to Client book identifier";
    for le in &entities {
        let subject = Some(format!("legal entity {le}"));
        checks.push(match numseq_db::assigned(c, Reference::ClientBookId, le)? {
            Some(code) => Check::done(
                "client_book_sequence",
                title,
                subject,
                format!("number sequence {code}"),
            ),
            None => Check::missing(
                "client_book_sequence",
                title,
                subject,
                "no number sequence is assigned to client_book_id".into(),
                sequence_fix(c, le)?,
            ),
        });
    }

    // 3. The client book attribute group.
    let p = params::load(c)?;
    let title = "Select the client book attribute group";
    let groups = attribute::groups(c)?;
    // An attribute to name in a fix: the first there is, else <ATTRIBUTE>, made (with a type,
    // when there is none) by the rows before the ones that use it.
    let (first_attribute, make_attribute) = match attribute::list(c)?.into_iter().next() {
        Some(a) => (Word::value(a.name), Vec::new()),
        None => {
            let mut make = Vec::new();
            let kind = match attribute::types(c)?.into_iter().next() {
                Some(t) => Word::value(t.name),
                None => {
                    make.push(
                        Cmd::new("attribute-type add")
                            .ph("<ATTRIBUTE_TYPE>")
                            .set("kind", "text"),
                    );
                    Word::ph("<ATTRIBUTE_TYPE>")
                }
            };
            make.push(
                Cmd::new("attribute add")
                    .ph("<ATTRIBUTE>")
                    .set_word("type", kind),
            );
            (Word::ph("<ATTRIBUTE>"), make)
        }
    };
    let add_to_group = |group: Word| {
        Cmd::new("attribute-group attribute add")
            .word(group)
            .word(first_attribute.clone())
            .set("order", "1")
            .switch("refinable")
    };
    let no_attribute_yet = if make_attribute.is_empty() {
        ""
    } else {
        "; no attribute exists yet: choose one for <ATTRIBUTE>"
    };
    let chosen = p
        .client_book_attribute_group
        .as_deref()
        .and_then(|g| groups.iter().find(|x| x.name.eq_ignore_ascii_case(g)));
    checks.push(match chosen {
        Some(g) if !g.attributes.is_empty() => Check::done(
            "client_book_attribute_group",
            title,
            None,
            format!("{} ({} attributes)", g.name, g.attributes.len()),
        ),
        Some(g) => Check::missing(
            "client_book_attribute_group",
            title,
            None,
            format!("attribute group {} has no attributes{no_attribute_yet}", g.name),
            make_attribute
                .iter()
                .cloned()
                .chain([add_to_group(Word::value(&g.name))])
                .collect(),
        ),
        None => {
            let mut fix = make_attribute.clone();
            let name = match groups.first() {
                Some(g) => g.name.clone(),
                None => {
                    fix.push(
                        Cmd::new("attribute-group add")
                            .arg("Clienteling")
                            .set("description", "Client book attributes"),
                    );
                    fix.push(add_to_group(Word::value("Clienteling")));
                    "Clienteling".into()
                }
            };
            fix.push(Cmd::new("param set").set("client_book_attribute_group", name));
            Check::missing(
                "client_book_attribute_group",
                title,
                None,
                format!("no client book attribute group is selected in Commerce parameters{no_attribute_yet}"),
                fix,
            )
        }
    });

    // 4. Activity types.
    let types = staff::activity_types(c)?;
    let title = "Define activity types";
    checks.push(if types.is_empty() {
        Check::missing(
            "activity_types",
            title,
            None,
            "no activity type is defined".into(),
            vec![
                Cmd::new("activity-type add")
                    .arg("VISIT")
                    .set("description", "Store visit"),
            ],
        )
    } else {
        let ids: Vec<&str> = types.iter().map(|t| t.id.as_str()).collect();
        Check::done("activity_types", title, None, ids.join(", "))
    });

    // 5. Permissions for 714, 715 and 716.
    let groups = staff::permission_groups(c)?;
    let title = "Allow operations 714, 715 and 716 to permission groups";
    let lacking: Vec<u32> = ALLOWED
        .iter()
        .copied()
        .filter(|op| !groups.iter().any(|g| g.operations.contains(op)))
        .collect();
    checks.push(if lacking.is_empty() {
        let who: Vec<&str> = groups
            .iter()
            .filter(|g| ALLOWED.iter().any(|op| g.operations.contains(op)))
            .map(|g| g.id.as_str())
            .collect();
        Check::done(
            "permissions",
            title,
            None,
            format!("allowed to {}", who.join(", ")),
        )
    } else {
        let ops: Vec<String> = lacking.iter().map(u32::to_string).collect();
        let fix = match groups
            .iter()
            .find(|g| g.operations.contains(&712))
            .or(groups.first())
        {
            Some(g) => vec![allow_ops(&g.id, &ops)],
            None => vec![
                Cmd::new("permission-group add")
                    .arg("CLIENTELING")
                    .set("description", "Clienteling associates"),
                allow_ops(
                    "CLIENTELING",
                    &["712".to_string(), "713".to_string()]
                        .into_iter()
                        .chain(ops.iter().cloned())
                        .collect::<Vec<_>>(),
                ),
            ],
        };
        Check::missing(
            "permissions",
            title,
            None,
            format!("no permission group allows {}", ops.join(", ")),
            fix,
        )
    });

    // 6. Buttons for 712 and 713 on the layouts in effect at each store.
    for s in &stores {
        checks.push(buttons(c, s)?);
    }

    // 7. A worker of each store who can use the client book.
    let mut ready_workers: Vec<(String, Option<String>)> = Vec::new();
    let workers = staff::workers(c)?;
    for s in &stores {
        let (check, ready) = worker_check(c, s, &workers, &groups)?;
        checks.push(check);
        ready_workers.push((s.number.clone(), ready));
    }

    // 8. Distribution to each store's channel database: every job behind now, and every job
    // the fixes above will make pending, in one command; then, when nothing is behind, what a
    // worker of each store finds at POS.
    let mut fix_jobs: Vec<u32> = checks
        .iter()
        .filter(|c| c.status == CheckStatus::Missing)
        .flat_map(|c| jobs_of(c.step).iter().copied())
        .collect();
    fix_jobs.sort_unstable();
    fix_jobs.dedup();
    let mut dbs: Vec<String> = stores.iter().map(|s| s.channel_database.clone()).collect();
    dbs.sort_by_key(|d| d.to_lowercase());
    dbs.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let title = "Run the jobs that carry the setup to the stores";
    for cdb in dbs {
        let target = distribution::Target {
            channel_db: Some(cdb.clone()),
            group: None,
        };
        let pending = distribution::pending(c, &SETUP_JOBS, &target)?;
        let behind: Vec<&distribution::Pending> = pending
            .iter()
            .filter(|p| p.delivered_version.is_none() || p.upserts + p.deletes > 0)
            .collect();
        let mut jobs: Vec<u32> = behind
            .iter()
            .map(|p| p.job)
            .chain(fix_jobs.clone())
            .collect();
        jobs.sort_unstable();
        jobs.dedup();
        let subject = Some(format!("channel database {cdb}"));
        let run = |jobs: &[u32], full: bool| {
            let mut cmd = jobs
                .iter()
                .fold(Cmd::new("job run"), |cmd, j| cmd.arg(j.to_string()));
            if full {
                cmd = cmd.switch("full");
            }
            cmd.set("channel_db", &cdb)
        };
        if !jobs.is_empty() {
            let mut why: Vec<String> = behind
                .iter()
                .map(|p| match p.delivered_version {
                    None => format!("{} never ran", p.job),
                    Some(_) => format!("{} has {} rows pending", p.job, p.upserts + p.deletes),
                })
                .collect();
            let later: Vec<String> = fix_jobs
                .iter()
                .filter(|j| !behind.iter().any(|p| p.job == **j))
                .map(u32::to_string)
                .collect();
            if !later.is_empty() {
                why.push(format!("{} after the fixes above", later.join(", ")));
            }
            checks.push(Check::missing(
                "distribution",
                title,
                subject,
                why.join("; "),
                vec![run(&jobs, false)],
            ));
            continue;
        }
        // Nothing behind: the store's POS must see what HQ has. Proven by signing the worker
        // in as `hq pos` does.
        let mut gaps = Vec::new();
        for s in stores
            .iter()
            .filter(|s| s.channel_database.eq_ignore_ascii_case(&cdb))
        {
            let ready = ready_workers
                .iter()
                .find(|(n, _)| n == &s.number)
                .and_then(|(_, w)| w.clone());
            if let Some(w) = ready
                && let Err(e) = super::store_access::can_use_client_book(c, env, &s.number, &w)
            {
                let e = e.render_field(crate::error::flag_of);
                gaps.push(format!("store {} worker {w}: {}", s.number, e.message));
            }
        }
        checks.push(if gaps.is_empty() {
            Check::done(
                "distribution",
                title,
                subject,
                "delivered, nothing pending".into(),
            )
        } else {
            Check::missing(
                "distribution",
                title,
                subject,
                gaps.join("; "),
                vec![run(&SETUP_JOBS, true)],
            )
        });
    }

    // Warnings.
    for s in &stores {
        if let Some(account) = &s.default_customer
            && let Some(cu) = crate::db::customer::customer(c, account)?
            && let Some(email) = &cu.receipt_email
        {
            warnings.push(Hint::from(format!(
                "store {}: its default customer {account} has receipt email {email}, which every new customer inherits unless given one",
                s.number
            )));
        }
    }
    if p.insights.enabled {
        for problem in params::insights_problems(c, env)? {
            warnings.push(Hint::from("Customer Insights is enabled but ").append(problem));
        }
    }
    Ok(Report::new(checks, warnings))
}

fn buttons(c: &Reader, s: &Store) -> Result<Check> {
    let title = "Put buttons for operations 712 and 713 on the screen layout";
    let subject = Some(format!("store {}", s.number));
    // The layouts in effect: each register's, else the store's.
    let registers = layout::registers(c, Some(&s.number))?;
    let mut used: Vec<(String, String)> = Vec::new();
    if (registers.is_empty() || registers.iter().any(|r| r.layout.is_none()))
        && let Some(l) = &s.screen_layout
    {
        used.push((l.clone(), format!("store {}", s.number)));
    }
    for r in &registers {
        if let Some(l) = &r.layout {
            used.push((l.clone(), format!("register {}", r.id)));
        }
    }
    if used.is_empty() {
        let mut fix = Vec::new();
        let candidate = layout::list(c)?.into_iter().find(|l| {
            BUTTONS
                .iter()
                .all(|op| l.buttons.iter().any(|b| b.operation == *op))
        });
        let name = match candidate {
            Some(l) => l.id,
            None => {
                fix.push(
                    Cmd::new("layout add")
                        .arg("CLIENTELING")
                        .set("name", "Clienteling"),
                );
                for op in BUTTONS {
                    fix.push(add_button("CLIENTELING", op));
                }
                "CLIENTELING".into()
            }
        };
        fix.push(Cmd::new("layout assign").arg(name).set("store", &s.number));
        return Ok(Check::missing(
            "layout_buttons",
            title,
            subject,
            "the store has no screen layout".into(),
            fix,
        ));
    }
    let mut fix = Vec::new();
    let mut found = Vec::new();
    for (id, by) in &used {
        let l = layout::get(c, "layout", id)?;
        for op in BUTTONS {
            if !l.buttons.iter().any(|b| b.operation == op) {
                found.push(format!("layout {} ({by}) has no button for {op}", l.id));
                let cmd = add_button(&l.id, op);
                if !fix.contains(&cmd) {
                    fix.push(cmd);
                }
            }
        }
    }
    let ids: Vec<&str> = used.iter().map(|(l, _)| l.as_str()).collect();
    Ok(if fix.is_empty() {
        Check::done(
            "layout_buttons",
            title,
            subject,
            format!("layout {}", ids.join(", ")),
        )
    } else {
        Check::missing("layout_buttons", title, subject, found.join("; "), fix)
    })
}

/// The rows that make a first store: a legal entity and address books where there are none,
/// then the store. Values only the administrator can choose are in angle brackets.
fn store_fix(c: &Reader) -> Result<Vec<Cmd>> {
    let mut fix = Vec::new();
    let les = legal_entity::list(c)?;
    let le = match les.as_slice() {
        [one] => Word::value(&one.id),
        [] => {
            fix.push(
                Cmd::new("legal-entity add")
                    .ph("<LEGAL_ENTITY>")
                    .set_ph("name", "<LEGAL_ENTITY_NAME>")
                    .set_ph("country", "<COUNTRY>")
                    .set_ph("language", "<LANGUAGE>"),
            );
            Word::ph("<LEGAL_ENTITY>")
        }
        _ => Word::ph("<LEGAL_ENTITY>"),
    };
    let mut book = |kind: AddressBookKind, placeholder: &str, name: &str| -> Result<Word> {
        Ok(match address_book::ids(c, Some(kind))?.as_slice() {
            [one] => Word::value(one),
            [] => {
                fix.push(
                    Cmd::new("address-book add")
                        .ph(placeholder)
                        .set_ph("name", name)
                        .set("kind", kind.as_str()),
                );
                Word::ph(placeholder)
            }
            _ => Word::ph(placeholder),
        })
    };
    let customers = book(
        AddressBookKind::Customer,
        "<CUSTOMER_ADDRESS_BOOK>",
        "<CUSTOMER_ADDRESS_BOOK_NAME>",
    )?;
    let employees = book(
        AddressBookKind::Employee,
        "<EMPLOYEE_ADDRESS_BOOK>",
        "<EMPLOYEE_ADDRESS_BOOK_NAME>",
    )?;
    fix.push(
        Cmd::new("store add")
            .ph("<STORE>")
            .set_ph("name", "<STORE_NAME>")
            .set_word("legal_entity", le)
            .set_ph("currency", "<CURRENCY>")
            .set_ph("time_zone", "<TIME_ZONE>")
            .set_ph("street", "<STREET>")
            .set_ph("city", "<CITY>")
            .set_ph("country", "<COUNTRY>")
            .set_word("customer_address_book", customers)
            .set_word("employee_address_book", employees),
    );
    Ok(fix)
}

/// The rows that give a legal entity a client book sequence: assign one that exists and can
/// serve it, else add one under a code that is free.
fn sequence_fix(c: &Reader, le: &str) -> Result<Vec<Cmd>> {
    let all = numseq_db::all(c)?;
    let serves = |s: &&crate::domain::numseq::NumberSequence| {
        s.format.starts_with("CB-")
            && s.legal_entity
                .as_deref()
                .is_none_or(|l| l.eq_ignore_ascii_case(le))
    };
    if let Some(s) = all.iter().find(serves) {
        return Ok(vec![assign_client_book_id(Word::value(&s.code), le)]);
    }
    let taken = |code: &str| all.iter().any(|s| s.code.eq_ignore_ascii_case(code));
    let code = ["CLIENTBOOK".to_string(), format!("CLIENTBOOK-{le}")]
        .into_iter()
        .find(|c| !taken(c))
        .map_or_else(|| Word::ph("<SEQUENCE>"), Word::value);
    Ok(vec![
        Cmd::new("numseq add")
            .word(code.clone())
            .set("format", "CB-#####")
            .set("legal_entity", le),
        assign_client_book_id(code, le),
    ])
}

fn assign_client_book_id(code: Word, le: &str) -> Cmd {
    Cmd::new("numseq assign")
        .arg("client_book_id")
        .word(code)
        .set("legal_entity", le)
}

fn add_button(layout: &str, op: u32) -> Cmd {
    Cmd::new("layout button add")
        .arg(layout)
        .set("operation", op.to_string())
}

fn allow_ops(group: &str, ops: &[String]) -> Cmd {
    ops.iter()
        .fold(Cmd::new("permission-group allow").arg(group), |cmd, op| {
            cmd.arg(op)
        })
}

/// Whether a permission group lets its members view client books (712 and 713).
fn views(g: &PermissionGroup) -> bool {
    [712, 713].iter().all(|op| g.operations.contains(op))
}

/// A worker of the store who may use the client book at POS: in a permission group allowing 712
/// and 713, and, when the worker has a layout of their own, with both buttons on it (else the
/// store's layout is in effect, which step 6 checks). Returns the check and that worker.
fn worker_check(
    c: &Reader,
    s: &Store,
    workers: &[Worker],
    groups: &[PermissionGroup],
) -> Result<(Check, Option<String>)> {
    let title = "Have a worker of the store who may use the client book";
    let subject = Some(format!("store {}", s.number));
    let group_of = |w: &Worker| {
        groups
            .iter()
            .find(|g| g.id.eq_ignore_ascii_case(&w.permission_group))
    };
    let own_layout_lacks = |w: &Worker| -> Result<Vec<u32>> {
        Ok(match &w.layout {
            Some(l) => {
                let l = layout::get(c, "layout", l)?;
                BUTTONS
                    .iter()
                    .copied()
                    .filter(|op| !l.buttons.iter().any(|b| b.operation == *op))
                    .collect()
            }
            None => Vec::new(),
        })
    };
    let here: Vec<&Worker> = workers
        .iter()
        .filter(|w| w.belongs_to(&s.employee_address_books))
        .collect();
    let mut ready = Vec::new();
    for w in &here {
        if group_of(w).is_some_and(views) && own_layout_lacks(w)?.is_empty() {
            ready.push(*w);
        }
    }
    if let Some(first) = ready.first() {
        let named: Vec<String> = ready
            .iter()
            .take(3)
            .map(|w| {
                format!(
                    "worker {} {} (permission group {})",
                    w.personnel_number, w.name, w.permission_group
                )
            })
            .collect();
        let more = match ready.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        return Ok((
            Check::done(
                "store_worker",
                title,
                subject,
                format!("{}{more}", named.join(", ")),
            ),
            Some(first.personnel_number.clone()),
        ));
    }
    let allow = |g: &str, have: &[u32]| -> Option<Cmd> {
        let lacking: Vec<String> = [712u32, 713]
            .iter()
            .filter(|op| !have.contains(op))
            .map(u32::to_string)
            .collect();
        (!lacking.is_empty()).then(|| allow_ops(g, &lacking))
    };
    let (detail, fix) = match here.first() {
        // Workers, none able: the first one's group and own layout get what they lack.
        Some(w) => {
            let mut fix = Vec::new();
            let mut why = Vec::new();
            let have = group_of(w)
                .map(|g| g.operations.clone())
                .unwrap_or_default();
            if let Some(cmd) = allow(&w.permission_group, &have) {
                why.push(format!(
                    "worker {}'s permission group {} does not allow 712 and 713",
                    w.personnel_number, w.permission_group
                ));
                fix.push(cmd);
            }
            let lacks = own_layout_lacks(w)?;
            if let Some(l) = &w.layout {
                for op in &lacks {
                    fix.push(add_button(l, *op));
                }
                if !lacks.is_empty() {
                    why.push(format!(
                        "worker {}'s own layout {l} lacks buttons",
                        w.personnel_number
                    ));
                }
            }
            (
                format!(
                    "no worker of the store may use the client book: {}",
                    why.join("; ")
                ),
                fix,
            )
        }
        // No worker: one in a group that views client books (the one step 5 makes, when there
        // is no group at all).
        None => {
            let mut fix = Vec::new();
            let group = match groups.iter().find(|g| views(g)) {
                Some(g) => g.id.clone(),
                None => match groups
                    .iter()
                    .find(|g| g.operations.contains(&712))
                    .or(groups.first())
                {
                    Some(g) => {
                        fix.extend(allow(&g.id, &g.operations));
                        g.id.clone()
                    }
                    None => "CLIENTELING".to_string(),
                },
            };
            let book = s
                .employee_address_books
                .first()
                .map_or_else(|| Word::ph("<EMPLOYEE_ADDRESS_BOOK>"), Word::value);
            fix.push(
                Cmd::new("worker add")
                    .ph("<PERSONNEL_NUMBER>")
                    .set_ph("name", "<WORKER_NAME>")
                    .set("permission_group", group)
                    .set_word("employee_address_book", book),
            );
            (
                "the store has no worker (no worker shares an employee address book with it)"
                    .to_string(),
                fix,
            )
        }
    };
    Ok((
        Check::missing("store_worker", title, subject, detail, fix),
        None,
    ))
}
