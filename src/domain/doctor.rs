//! Readiness checks (`hq doctor`): each step done or missing, with the command that fixes it.

use serde::Serialize;

use super::fix::{Cmd, Hint};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CheckStatus {
    Done,
    Missing,
}

/// One step of a documented setup, for one subject (a legal entity, a store, a channel
/// database) or for the whole environment.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Check {
    /// A stable id for scripts (`feature`, `client_book_sequence`, ...).
    pub step: &'static str,
    /// What the step is, in the documentation's words.
    pub title: String,
    /// What it was checked for (`store HOUSTON`), if not the whole environment.
    pub subject: Option<String>,
    pub status: CheckStatus,
    /// What was found.
    pub detail: String,
    /// The commands that fix a missing step, in order (none when done).
    pub fix: Vec<Cmd>,
}

impl Check {
    pub(crate) fn done(
        step: &'static str,
        title: &str,
        subject: Option<String>,
        detail: String,
    ) -> Check {
        Check {
            step,
            title: title.to_string(),
            subject,
            status: CheckStatus::Done,
            detail,
            fix: Vec::new(),
        }
    }
    pub(crate) fn missing(
        step: &'static str,
        title: &str,
        subject: Option<String>,
        detail: String,
        fix: Vec<Cmd>,
    ) -> Check {
        Check {
            step,
            title: title.to_string(),
            subject,
            status: CheckStatus::Missing,
            detail,
            fix,
        }
    }
}

/// A readiness report: ready when no step is missing. Warnings do not make it unready.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Report {
    pub ready: bool,
    pub checks: Vec<Check>,
    pub warnings: Vec<Hint>,
}

impl Report {
    pub(crate) fn new(checks: Vec<Check>, warnings: Vec<Hint>) -> Report {
        Report {
            ready: checks.iter().all(|c| c.status == CheckStatus::Done),
            checks,
            warnings,
        }
    }
    pub(crate) fn missing(&self) -> usize {
        self.checks
            .iter()
            .filter(|c| c.status == CheckStatus::Missing)
            .count()
    }
}

// ---- the guided setup (`hq setup clienteling`) ----

/// The commands a guided setup proposes for a missing step: the doctor's fix, but for activity
/// types the four of the documents (VISIT, EMAIL, PHONE, APPT) rather than one.
pub(crate) fn proposed(check: &Check) -> Vec<Cmd> {
    if check.step == "activity_types" {
        return [
            ("VISIT", "Store visit"),
            ("EMAIL", "Email"),
            ("PHONE", "Phone call"),
            ("APPT", "Appointment"),
        ]
        .into_iter()
        .map(|(id, d)| Cmd::new("activity-type add").arg(id).set("description", d))
        .collect();
    }
    check.fix.clone()
}

/// A value offered for a placeholder of a proposed command (`<ATTRIBUTE>`), where the
/// documents suggest one.
pub(crate) fn offered(placeholder: &str) -> Option<&'static str> {
    match placeholder.trim_matches(|c| c == '<' || c == '>') {
        "ATTRIBUTE_TYPE" => Some("Text"),
        "ATTRIBUTE" => Some("PreferredCategory"),
        _ => None,
    }
}

/// The placeholders of commands, in order, once each.
pub(crate) fn placeholders(cmds: &[Cmd]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |p: &String| {
        if !out.contains(p) {
            out.push(p.clone());
        }
    };
    for c in cmds {
        for w in &c.words {
            match w {
                Word::Placeholder(p) => add(p),
                Word::Field(_, Some(b)) => {
                    if let Word::Placeholder(p) = b.as_ref() {
                        add(p);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// `cmd` with each placeholder given a value (`values`: placeholder, value).
pub(crate) fn filled(cmd: &Cmd, values: &[(String, String)]) -> Cmd {
    let fill = |w: &Word| -> Word {
        match w {
            Word::Placeholder(p) => values
                .iter()
                .find(|(k, _)| k == p)
                .map_or_else(|| w.clone(), |(_, v)| Word::Value(v.clone())),
            other => other.clone(),
        }
    };
    Cmd {
        words: cmd
            .words
            .iter()
            .map(|w| match w {
                Word::Field(f, Some(b)) => Word::Field(f.clone(), Some(Box::new(fill(b)))),
                other => fill(other),
            })
            .collect(),
    }
}

// ---- the clienteling readiness report (DOMAIN.md 7), from a snapshot ----

use super::attribute::AttributeGroup;
use super::fix::Word;
use super::layout::{Register, ScreenLayout};
use super::numseq::NumberSequence;
use super::org::{AddressBookKind, Store};
use super::staff::{PermissionGroup, Worker};

/// Where a setup job stands at a channel database.
#[derive(Debug, Clone)]
pub(crate) struct JobState {
    pub job: u32,
    /// The job delivered there at least once.
    pub delivered: bool,
    /// Rows waiting for it.
    pub rows: u64,
}

/// What the clienteling readiness report is judged on, loaded once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// The stores checked (one, or all).
    pub stores: Vec<Store>,
    pub legal_entities: Vec<String>,
    pub customer_address_books: Vec<String>,
    pub employee_address_books: Vec<String>,
    pub clienteling_enabled: bool,
    /// Each legal entity of a checked store, and the sequence assigned to client book ids there.
    pub client_book_sequences: Vec<(String, Option<String>)>,
    pub number_sequences: Vec<NumberSequence>,
    pub client_book_attribute_group: Option<String>,
    pub attribute_groups: Vec<AttributeGroup>,
    pub attributes: Vec<String>,
    pub attribute_types: Vec<String>,
    pub activity_types: Vec<String>,
    pub permission_groups: Vec<PermissionGroup>,
    pub workers: Vec<Worker>,
    pub layouts: Vec<ScreenLayout>,
    pub registers: Vec<Register>,
    /// Each channel database of a checked store, with where the setup jobs stand there.
    pub pending: Vec<(String, Vec<JobState>)>,
    /// A checked store whose default customer has a receipt email: store, account, email.
    pub default_receipt_emails: Vec<(String, String, String)>,
    /// Why Customer Insights, enabled, would not work.
    pub insights_problems: Vec<Hint>,
    /// When the Key Vault application's secret expires (YYYY-MM-DD), if that is set.
    pub key_vault_secret_expires: Option<String>,
    /// Today (UTC, as hq's clock says).
    pub today: chrono::NaiveDate,
}

/// How many days before the Key Vault application's secret expires doctor warns.
pub(crate) const SECRET_WARNING_DAYS: i64 = 30;

/// The Key Vault application's secret, by its expiry date: missing (expired) after it, with a
/// warning in the last [`SECRET_WARNING_DAYS`] days; nothing to say when no date is set.
pub(crate) fn key_vault_secret(
    expires: Option<&str>,
    today: chrono::NaiveDate,
) -> Option<(Check, Option<Hint>)> {
    let text = expires?;
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let title = "Keep the Key Vault application's secret valid";
    let renew = Cmd::new("keyvault set").set_ph("secret_expires", "YYYY-MM-DD");
    let days = (date - today).num_days();
    if days < 0 {
        return Some((
            Check::missing(
                "key_vault_secret",
                title,
                None,
                format!("the Key Vault application's secret expired on {date}"),
                vec![renew],
            ),
            None,
        ));
    }
    let check = Check::done(
        "key_vault_secret",
        title,
        None,
        format!("it expires on {date}"),
    );
    let warning = (days <= SECRET_WARNING_DAYS).then(|| {
        Hint::from(format!(
            "the Key Vault application's secret expires on {date}, in {}: renew it in Azure, then ",
            super::fix::count(days as u64, "days")
        ))
        .run(renew)
    });
    Some((check, warning))
}

impl Snapshot {
    fn client_book_sequence(&self, le: &str) -> Option<String> {
        self.client_book_sequences
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(le))
            .and_then(|(_, s)| s.clone())
    }
    fn pending_at(&self, cdb: &str) -> Vec<JobState> {
        self.pending
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(cdb))
            .map(|(_, p)| p.clone())
            .unwrap_or_default()
    }
    fn layout(&self, id: &str) -> Option<&ScreenLayout> {
        self.layouts.iter().find(|l| l.id.eq_ignore_ascii_case(id))
    }
}

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

/// The readiness report: each documented step done or missing, with the commands that fix
/// it. `sign_in` signs a worker in at a store as `hq pos` does (none when they can use the
/// client book, else why not), for the last step.
pub(crate) fn clienteling(
    snap: &Snapshot,
    sign_in: &mut dyn FnMut(&str, &str) -> Option<String>,
) -> Report {
    let stores = &snap.stores;
    let mut checks = Vec::new();
    let mut warnings = Vec::new();

    // 0. A store to set up: the per-store steps below check nothing without one.
    if stores.is_empty() {
        checks.push(Check::missing(
            "stores",
            "Have a store whose associates use clienteling",
            None,
            "there is no store, so no worker, layout or channel database can be checked".into(),
            store_fix(snap),
        ));
    }

    // 1. The feature.
    let title = "Enable the Clienteling feature";
    checks.push(if snap.clienteling_enabled {
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
        checks.push(match snap.client_book_sequence(le) {
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
                sequence_fix(snap, le),
            ),
        });
    }

    // 3. The client book attribute group.
    let title = "Select the client book attribute group";
    let groups = &snap.attribute_groups;
    // An attribute to name in a fix: the first there is, else <ATTRIBUTE>, made (with a type,
    // when there is none) by the rows before the ones that use it.
    let (first_attribute, make_attribute) = match snap.attributes.first() {
        Some(a) => (Word::value(a), Vec::new()),
        None => {
            let mut make = Vec::new();
            let kind = match snap.attribute_types.first() {
                Some(t) => Word::value(t),
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
    let chosen = snap
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
    let types = &snap.activity_types;
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
        let ids: Vec<&str> = types.iter().map(String::as_str).collect();
        Check::done("activity_types", title, None, ids.join(", "))
    });

    // 5. Permissions for 714, 715 and 716.
    let groups = &snap.permission_groups;
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
    for s in stores {
        checks.push(buttons(snap, s));
    }

    // 7. A worker of each store who can use the client book.
    let mut ready_workers: Vec<(String, Option<String>)> = Vec::new();
    for s in stores {
        let (check, ready) = worker_check(snap, s);
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
    let mut dbs: Vec<String> = stores.iter().map(|s| s.channel_db.clone()).collect();
    dbs.sort_by_key(|d| d.to_lowercase());
    dbs.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let title = "Run the jobs that carry the setup to the stores";
    for cdb in dbs {
        let pending = snap.pending_at(&cdb);
        let behind: Vec<&JobState> = pending
            .iter()
            .filter(|p| !p.delivered || p.rows > 0)
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
                .map(|p| {
                    if p.delivered {
                        format!(
                            "{} has {} pending",
                            p.job,
                            super::fix::count(p.rows, "rows")
                        )
                    } else {
                        format!("{} never ran", p.job)
                    }
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
            .filter(|s| s.channel_db.eq_ignore_ascii_case(&cdb))
        {
            let ready = ready_workers
                .iter()
                .find(|(n, _)| n == &s.number)
                .and_then(|(_, w)| w.clone());
            if let Some(w) = ready
                && let Some(gap) = sign_in(&s.number, &w)
            {
                gaps.push(format!("store {} worker {w}: {gap}", s.number));
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

    // The Key Vault application's secret, when its expiry is known.
    if let Some((check, warning)) =
        key_vault_secret(snap.key_vault_secret_expires.as_deref(), snap.today)
    {
        checks.push(check);
        warnings.extend(warning);
    }

    // Warnings.
    for (store, account, email) in &snap.default_receipt_emails {
        warnings.push(Hint::from(format!(
            "store {store}: its default customer {account} has receipt email {email}, which every new customer inherits unless given one"
        )));
    }
    for problem in &snap.insights_problems {
        warnings.push(Hint::from("Customer Insights is enabled but ").append(problem.clone()));
    }
    Report::new(checks, warnings)
}

fn buttons(snap: &Snapshot, s: &Store) -> Check {
    let title = "Put buttons for operations 712 and 713 on the screen layout";
    let subject = Some(format!("store {}", s.number));
    // The layouts in effect: each register's, else the store's.
    let registers: Vec<&Register> = snap
        .registers
        .iter()
        .filter(|r| r.store.eq_ignore_ascii_case(&s.number))
        .collect();
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
        let candidate = snap.layouts.iter().find(|l| {
            BUTTONS
                .iter()
                .all(|op| l.buttons.iter().any(|b| b.operation == *op))
        });
        let name = match candidate {
            Some(l) => l.id.clone(),
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
        return Check::missing(
            "layout_buttons",
            title,
            subject,
            "the store has no screen layout".into(),
            fix,
        );
    }
    let mut fix = Vec::new();
    let mut found = Vec::new();
    for (id, by) in &used {
        let Some(l) = snap.layout(id) else { continue };
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
    if fix.is_empty() {
        Check::done(
            "layout_buttons",
            title,
            subject,
            format!("layout {}", ids.join(", ")),
        )
    } else {
        Check::missing("layout_buttons", title, subject, found.join("; "), fix)
    }
}

/// The rows that make a first store: a legal entity and address books where there are none,
/// then the store. Values only the administrator can choose are in angle brackets.
fn store_fix(snap: &Snapshot) -> Vec<Cmd> {
    let mut fix = Vec::new();
    let le = match snap.legal_entities.as_slice() {
        [one] => Word::value(one),
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
    let mut book = |kind: AddressBookKind, placeholder: &str, name: &str| -> Word {
        let ids = match kind {
            AddressBookKind::Customer => &snap.customer_address_books,
            AddressBookKind::Employee => &snap.employee_address_books,
        };
        match ids.as_slice() {
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
        }
    };
    let customers = book(
        AddressBookKind::Customer,
        "<CUSTOMER_ADDRESS_BOOK>",
        "<CUSTOMER_ADDRESS_BOOK_NAME>",
    );
    let employees = book(
        AddressBookKind::Employee,
        "<EMPLOYEE_ADDRESS_BOOK>",
        "<EMPLOYEE_ADDRESS_BOOK_NAME>",
    );
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
    fix
}

/// The rows that give a legal entity a client book sequence: assign one that exists and can
/// serve it, else add one under a code that is free.
fn sequence_fix(snap: &Snapshot, le: &str) -> Vec<Cmd> {
    let all = &snap.number_sequences;
    let serves = |s: &&crate::domain::numseq::NumberSequence| {
        s.format.starts_with("CB-")
            && s.legal_entity
                .as_deref()
                .is_none_or(|l| l.eq_ignore_ascii_case(le))
    };
    if let Some(s) = all.iter().find(serves) {
        return vec![assign_client_book_id(Word::value(&s.code), le)];
    }
    let taken = |code: &str| all.iter().any(|s| s.code.eq_ignore_ascii_case(code));
    let code = ["CLIENTBOOK".to_string(), format!("CLIENTBOOK-{le}")]
        .into_iter()
        .find(|c| !taken(c))
        .map_or_else(|| Word::ph("<SEQUENCE>"), Word::value);
    vec![
        Cmd::new("numseq add")
            .word(code.clone())
            .set("format", "CB-#####")
            .set("legal_entity", le),
        assign_client_book_id(code, le),
    ]
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
fn worker_check(snap: &Snapshot, s: &Store) -> (Check, Option<String>) {
    let (workers, groups) = (&snap.workers, &snap.permission_groups);
    let title = "Have a worker of the store who may use the client book";
    let subject = Some(format!("store {}", s.number));
    let group_of = |w: &Worker| {
        groups
            .iter()
            .find(|g| g.id.eq_ignore_ascii_case(&w.permission_group))
    };
    let own_layout_lacks = |w: &Worker| -> Vec<u32> {
        match w.layout.as_deref().and_then(|l| snap.layout(l)) {
            Some(l) => BUTTONS
                .iter()
                .copied()
                .filter(|op| !l.buttons.iter().any(|b| b.operation == *op))
                .collect(),
            None => Vec::new(),
        }
    };
    let here: Vec<&Worker> = workers
        .iter()
        .filter(|w| w.belongs_to(&s.employee_address_books))
        .collect();
    let mut ready = Vec::new();
    for w in &here {
        if group_of(w).is_some_and(views) && own_layout_lacks(w).is_empty() {
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
        return (
            Check::done(
                "store_worker",
                title,
                subject,
                format!("{}{more}", named.join(", ")),
            ),
            Some(first.personnel_number.clone()),
        );
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
            let lacks = own_layout_lacks(w);
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
    (
        Check::missing("store_worker", title, subject, detail, fix),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ready_snapshot() -> Snapshot {
        use super::super::attribute::GroupMember;
        use super::super::layout::Button;
        let button = |op| Button {
            grid: "MAIN".into(),
            row: 1,
            column: op - 711,
            operation: op,
            text: String::new(),
        };
        Snapshot {
            stores: vec![Store {
                screen_layout: Some("L".into()),
                default_customer: None,
                customer_address_books: vec!["HC".into()],
                employee_address_books: vec!["HE".into()],
                ..super::super::org::sample_store()
            }],
            legal_entities: vec!["USRT".into()],
            customer_address_books: vec!["HC".into()],
            employee_address_books: vec!["HE".into()],
            clienteling_enabled: true,
            key_vault_secret_expires: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            client_book_sequences: vec![("USRT".into(), Some("CB".into()))],
            client_book_attribute_group: Some("Clienteling".into()),
            attribute_groups: vec![AttributeGroup {
                name: "Clienteling".into(),
                description: String::new(),
                attributes: vec![GroupMember {
                    attribute: "Birthday".into(),
                    order: 1,
                    refinable: true,
                }],
            }],
            attributes: vec!["Birthday".into()],
            attribute_types: vec!["Date".into()],
            activity_types: vec!["VISIT".into()],
            permission_groups: vec![PermissionGroup {
                id: "CLIENTELING".into(),
                description: String::new(),
                operations: vec![712, 713, 714, 715, 716],
            }],
            workers: vec![Worker {
                personnel_number: "000160".into(),
                name: "Ada".into(),
                employee_address_books: vec!["HE".into()],
                permission_group: "CLIENTELING".into(),
                layout: None,
            }],
            layouts: vec![ScreenLayout {
                id: "L".into(),
                name: "L".into(),
                buttons: vec![button(712), button(713)],
            }],
            pending: vec![(
                "Default".into(),
                SETUP_JOBS
                    .iter()
                    .map(|j| JobState {
                        job: *j,
                        delivered: true,
                        rows: 0,
                    })
                    .collect(),
            )],
            ..Default::default()
        }
    }

    #[test]
    fn the_readiness_report_is_judged_on_a_snapshot() {
        let mut signed_in = Vec::new();
        let snap = ready_snapshot();
        let r = clienteling(&snap, &mut |s, w| {
            signed_in.push(format!("{s}/{w}"));
            None
        });
        assert!(r.ready, "{:?}", r.checks);
        // The worker the report found ready is the one signed in at the store.
        assert_eq!(signed_in, ["HOUSTON/000160"]);
        // A store that cannot sign them in is not ready, and says why.
        let r = clienteling(&snap, &mut |_, _| Some("no button for 712".into()));
        let d = r.checks.iter().find(|c| c.step == "distribution").unwrap();
        assert_eq!(d.status, CheckStatus::Missing);
        assert!(
            d.detail.contains("worker 000160: no button for 712"),
            "{}",
            d.detail
        );
        // A job behind names it, and the fix runs it; nobody is signed in meanwhile.
        let mut behind = ready_snapshot();
        behind.pending[0].1[0].rows = 3;
        behind.clienteling_enabled = false;
        let r = clienteling(&behind, &mut |_, _| {
            panic!("no sign-in while jobs are behind")
        });
        let d = r.checks.iter().find(|c| c.step == "distribution").unwrap();
        assert!(d.detail.contains("1040 has 3 rows pending"), "{}", d.detail);
        assert!(
            d.detail.contains("1110 after the fixes above"),
            "{}",
            d.detail
        );
        // No store: the first step says how to make one, from what exists.
        let r = clienteling(&Snapshot::default(), &mut |_, _| None);
        assert_eq!(r.checks[0].step, "stores");
        assert_eq!(r.checks[0].fix.last().unwrap().path(), "store add");
    }

    #[test]
    fn ready_only_when_nothing_is_missing() {
        let done = Check::done("a", "A", None, String::new());
        assert!(Report::new(vec![done.clone()], vec!["w".into()]).ready);
        let missing = Check::missing("b", "B", None, String::new(), vec![Cmd::new("x")]);
        let r = Report::new(vec![done, missing], vec![]);
        assert!(!r.ready);
        assert_eq!(r.missing(), 1);
    }

    #[test]
    fn the_key_vault_secret_is_checked_by_its_expiry_date() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert!(key_vault_secret(None, today).is_none());
        let (c, w) = key_vault_secret(Some("2027-06-01"), today).unwrap();
        assert_eq!((c.status, w.is_none()), (CheckStatus::Done, true));
        let (c, w) = key_vault_secret(Some("2026-12-30"), today).unwrap();
        assert_eq!(c.status, CheckStatus::Done);
        assert!(
            w.unwrap()
                .to_string()
                .contains("expires on 2026-12-30, in 30 days"),
            "the warning names the date and the days left"
        );
        let (c, _) = key_vault_secret(Some("2026-11-30"), today).unwrap();
        assert_eq!(c.status, CheckStatus::Done, "it is valid on its last day");
        let (c, w) = key_vault_secret(Some("2026-11-29"), today).unwrap();
        assert_eq!(c.status, CheckStatus::Missing);
        assert!(c.detail.contains("expired on 2026-11-29"), "{}", c.detail);
        assert!(w.is_none());
        let mut snap = ready_snapshot();
        snap.key_vault_secret_expires = Some("2026-11-01".into());
        assert!(!clienteling(&snap, &mut |_, _| None).ready);
    }
}
