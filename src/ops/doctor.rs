//! `hq doctor clienteling`: the documented clienteling setup (DOMAIN.md 7), step by step, and
//! whether each store's channel database has received it (jobs 1040, 1150, 1110, 1090).

use rusqlite::Connection;

use super::{OpEnv, attribute, distribution, feature, layout, params, staff, store};
use crate::db::numseq as numseq_db;
use crate::domain::doctor::{Check, Report, quote};
use crate::domain::numseq::Reference;
use crate::domain::org::Store;
use crate::error::Result;

/// The jobs that carry the clienteling setup to a store (DOMAIN.md 7).
pub const SETUP_JOBS: [u32; 4] = [1040, 1150, 1110, 1090];

/// The operations a screen layout needs buttons for, and those a permission group must allow.
const BUTTONS: [u32; 2] = [712, 713];
const ALLOWED: [u32; 3] = [714, 715, 716];

pub fn clienteling(c: &Connection, env: &OpEnv, only_store: Option<&str>) -> Result<Report> {
    let stores: Vec<Store> = match only_store {
        Some(s) => vec![store::get(c, "--store", s)?],
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
            "there is no store, so no layout or channel database can be checked".into(),
            vec!["hq store add NUMBER --name NAME --legal-entity ID --currency CODE --time-zone ZONE --street STREET --city CITY --customer-address-book BOOK --employee-address-book BOOK".into()],
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
            vec!["hq feature enable clienteling".into()],
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
                vec![
                    format!("hq numseq add CLIENTBOOK --format 'CB-#####' --legal-entity {le}"),
                    format!("hq numseq assign client_book_id CLIENTBOOK --legal-entity {le}"),
                ],
            ),
        });
    }

    // 3. The client book attribute group.
    let p = params::load(c)?;
    let title = "Select the client book attribute group";
    let groups = attribute::groups(c)?;
    // An attribute to name in a fix; ATTRIBUTE when there is none yet (`hq attribute add`).
    let first_attribute = attribute::list(c)?.into_iter().next().map(|a| a.name);
    let no_attribute_yet = if first_attribute.is_none() {
        "; no attribute exists yet: add one first with `hq attribute add NAME --type TYPE` and use it for ATTRIBUTE"
    } else {
        ""
    };
    let first_attribute = first_attribute.unwrap_or_else(|| "ATTRIBUTE".to_string());
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
            vec![format!(
                "hq attribute-group attribute add {} {} --order 1 --refinable",
                quote(&g.name),
                quote(&first_attribute)
            )],
        ),
        None => {
            let mut fix = Vec::new();
            let name = match groups.first() {
                Some(g) => g.name.clone(),
                None => {
                    fix.push(
                        "hq attribute-group add Clienteling --description 'Client book attributes'"
                            .to_string(),
                    );
                    fix.push(format!(
                        "hq attribute-group attribute add Clienteling {} --order 1 --refinable",
                        quote(&first_attribute)
                    ));
                    "Clienteling".into()
                }
            };
            fix.push(format!("hq param set --client-book-attribute-group {}", quote(&name)));
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
            vec!["hq activity-type add VISIT --description 'Store visit'".into()],
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
            Some(g) => vec![format!(
                "hq permission-group allow {} {}",
                quote(&g.id),
                ops.join(" ")
            )],
            None => vec![
                "hq permission-group add CLIENTELING --description 'Clienteling associates'".into(),
                format!(
                    "hq permission-group allow CLIENTELING 712 713 {}",
                    ops.join(" ")
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

    // 7. Distribution to each store's channel database.
    let mut dbs: Vec<String> = stores.iter().map(|s| s.channel_database.clone()).collect();
    dbs.sort_by_key(|d| d.to_lowercase());
    dbs.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let title = "Run jobs 1040, 1150, 1110 and 1090";
    for cdb in dbs {
        let target = distribution::Target {
            channel_db: Some(cdb.clone()),
            group: None,
        };
        let pending = distribution::pending(c, &SETUP_JOBS, &target)?;
        let behind: Vec<String> = pending
            .iter()
            .filter(|p| p.delivered_version.is_none() || p.upserts + p.deletes > 0)
            .map(|p| p.job.to_string())
            .collect();
        let subject = Some(format!("channel database {cdb}"));
        checks.push(if behind.is_empty() {
            Check::done(
                "distribution",
                title,
                subject,
                "delivered, nothing pending".into(),
            )
        } else {
            let why: Vec<String> = pending
                .iter()
                .filter(|p| behind.contains(&p.job.to_string()))
                .map(|p| match p.delivered_version {
                    None => format!("{} never ran", p.job),
                    Some(_) => format!("{} has {} rows pending", p.job, p.upserts + p.deletes),
                })
                .collect();
            Check::missing(
                "distribution",
                title,
                subject,
                why.join("; "),
                vec![format!(
                    "hq job run {} --channel-db {}",
                    behind.join(" "),
                    quote(&cdb)
                )],
            )
        });
    }

    // Warnings.
    for s in &stores {
        if let Some(account) = &s.default_customer
            && let Some(cu) = crate::db::customer::customer(c, account)?
            && let Some(email) = &cu.receipt_email
        {
            warnings.push(format!(
                "store {}: its default customer {account} has receipt email {email}, which every new customer inherits unless given one",
                s.number
            ));
        }
    }
    if p.insights.enabled {
        for problem in params::insights_problems(c, env)? {
            warnings.push(format!("Customer Insights is enabled but {problem}"));
        }
    }
    Ok(Report::new(checks, warnings))
}

fn buttons(c: &Connection, s: &Store) -> Result<Check> {
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
                fix.push("hq layout add CLIENTELING --name 'Clienteling'".to_string());
                for op in BUTTONS {
                    fix.push(format!("hq layout button add CLIENTELING --operation {op}"));
                }
                "CLIENTELING".into()
            }
        };
        fix.push(format!(
            "hq layout assign {} --store {}",
            quote(&name),
            quote(&s.number)
        ));
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
                let cmd = format!("hq layout button add {} --operation {op}", quote(&l.id));
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
