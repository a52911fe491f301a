//! Feature management (DOMAIN.md 3): the catalogue, lifecycle by environment version, and the
//! rules for enabling, disabling and scheduling.

use super::fix::{Cmd, Hint};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::validate::{Invalid, Refusal};

/// An environment version such as 10.0.40, ordered numerically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub(crate) struct Version(pub u32, pub u32, pub u32);

impl Version {
    pub(crate) fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.').map(|p| p.parse::<u32>().ok());
        let v = Version(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(v)
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

pub(crate) const RETAIL_AND_COMMERCE: &str = "Retail and commerce";

/// One feature of the catalogue, as data.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeatureDef {
    pub key: &'static str,
    /// The exact sentence HQ shows.
    pub name: &'static str,
    pub module: &'static str,
    pub added: Version,
    /// Still in preview (not yet released) before this version, if ever.
    pub preview_until: Option<Version>,
    pub on_by_default_from: Option<Version>,
    pub mandatory_from: Option<Version>,
    /// Whether it can be disabled once enabled (mandatory features never can).
    pub can_disable: bool,
    pub prerequisites: &'static [&'static str],
}

/// The features hq knows (DOMAIN.md 3). Versions the documentation does not give are our
/// choice and say so in docs/features.md.
pub(crate) const CATALOGUE: &[FeatureDef] = &[
    FeatureDef {
        key: "clienteling",
        name: "Clienteling",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 8),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[],
    },
    FeatureDef {
        key: "multiple-contacts",
        name: "Capture multiple emails and phone numbers and consent for marketing on these contacts",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 32),
        preview_until: None,
        on_by_default_from: Some(Version(10, 0, 36)),
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[],
    },
    FeatureDef {
        key: "async-customer-addresses",
        name: "Enable asynchronous creation for customer addresses",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 22),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[],
    },
    FeatureDef {
        key: "enhanced-async-customers",
        name: "Enable enhanced async customer creation",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 24),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[],
    },
    FeatureDef {
        key: "async-customer-editing",
        name: "Enable editing customers in asynchronous mode",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 29),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[
            "async-customer-addresses",
            "enhanced-async-customers",
            "customer-orders-performance",
        ],
    },
    FeatureDef {
        key: "customer-orders-performance",
        name: "Performance improvements for customer orders and customer transactions",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 25),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: Some(Version(10, 0, 28)),
        can_disable: false,
        prerequisites: &[],
    },
    FeatureDef {
        key: "init-scheduler-after-update",
        name: "Run \"Initialize commerce scheduler\" after Headquarters is updated",
        module: RETAIL_AND_COMMERCE,
        added: Version(10, 0, 24),
        preview_until: None,
        on_by_default_from: None,
        mandatory_from: None,
        can_disable: true,
        prerequisites: &[],
    },
];

/// The lifecycle state of a feature at an environment version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Lifecycle {
    /// Not in this environment's version yet.
    NotAvailable,
    Preview,
    Released,
    OnByDefault,
    Mandatory,
}

impl Lifecycle {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Lifecycle::NotAvailable => "not-available",
            Lifecycle::Preview => "preview",
            Lifecycle::Released => "released",
            Lifecycle::OnByDefault => "on-by-default",
            Lifecycle::Mandatory => "mandatory",
        }
    }
}

impl FeatureDef {
    pub(crate) fn lifecycle(&self, env: Version) -> Lifecycle {
        if env < self.added {
            Lifecycle::NotAvailable
        } else if self.mandatory_from.is_some_and(|v| env >= v) {
            Lifecycle::Mandatory
        } else if self.on_by_default_from.is_some_and(|v| env >= v) {
            Lifecycle::OnByDefault
        } else if self.preview_until.is_some_and(|v| env < v) {
            Lifecycle::Preview
        } else {
            Lifecycle::Released
        }
    }

    /// Whether it can be turned off at this version.
    pub(crate) fn can_disable_at(&self, env: Version) -> bool {
        self.can_disable && self.lifecycle(env) != Lifecycle::Mandatory
    }
}

/// An environment file for an older version than the data file's (exit 3): an environment
/// never moves back.
pub(crate) fn older_environment(file: &str, data: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "version",
        format!(
            "the file is for environment version {file}, older than the data file's {data}: an environment never moves back"
        ),
    )
    .hint(
        Hint::from("apply it to a new data file (")
            .run(Cmd::new("").set_ph("data", "NEW.db").subcommand("apply").ph("FILE"))
            .then("), which starts at the file's version"),
    )
}

/// Finds a feature by key or by its exact name, in any case.
pub(crate) fn find(text: &str) -> Option<&'static FeatureDef> {
    let t = text.trim();
    CATALOGUE
        .iter()
        .find(|f| f.key.eq_ignore_ascii_case(t) || f.name.eq_ignore_ascii_case(t))
}

/// What the data file records for a feature (absent: never touched).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FeatureRecord {
    pub enabled: bool,
    pub enable_date: Option<DateTime<Utc>>,
    pub scheduled_date: Option<DateTime<Utc>>,
}

/// A feature as it stands now: definition, lifecycle and effective state.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Feature {
    pub key: &'static str,
    pub name: &'static str,
    pub module: &'static str,
    pub state: Lifecycle,
    pub enabled: bool,
    pub enable_date: Option<String>,
    pub scheduled_date: Option<String>,
    pub can_disable: bool,
    pub prerequisites: Vec<&'static str>,
    pub version_added: String,
    pub on_by_default_from: Option<String>,
    pub mandatory_from: Option<String>,
}

fn ts(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The effective state: mandatory features are on; a record decides otherwise; with no record
/// an on-by-default feature is on; a scheduled feature is on from its date.
pub(crate) fn effective(
    def: &'static FeatureDef,
    env: Version,
    record: Option<&FeatureRecord>,
    now: DateTime<Utc>,
) -> Feature {
    let state = def.lifecycle(env);
    let scheduled = record.filter(|r| !r.enabled).and_then(|r| r.scheduled_date);
    let (enabled, enable_date) = match (state, record) {
        (Lifecycle::NotAvailable, _) => (false, None),
        (Lifecycle::Mandatory, r) => (true, r.and_then(|r| r.enable_date)),
        (_, Some(r)) if r.enabled => (true, r.enable_date),
        (_, Some(r)) => match r.scheduled_date {
            Some(d) if d <= now => (true, Some(d)),
            _ => (false, None),
        },
        (Lifecycle::OnByDefault, None) => (true, None),
        (_, None) => (false, None),
    };
    Feature {
        key: def.key,
        name: def.name,
        module: def.module,
        state,
        enabled,
        enable_date: enable_date.map(ts),
        scheduled_date: scheduled.map(ts),
        can_disable: def.can_disable_at(env),
        prerequisites: def.prerequisites.to_vec(),
        version_added: def.added.to_string(),
        on_by_default_from: def.on_by_default_from.map(|v| v.to_string()),
        mandatory_from: def.mandatory_from.map(|v| v.to_string()),
    }
}

/// Whether a feature is on at a store, judged by what its channel database received (job
/// 1110): a feature never delivered is off there, whatever HQ says; a delivered one is on as
/// [`effective`] reads its record (a schedule by the clock, not by comparing text).
pub(crate) fn on_at_store(
    def: &'static FeatureDef,
    env: Version,
    delivered: Option<&FeatureRecord>,
    now: DateTime<Utc>,
) -> bool {
    delivered.is_some_and(|r| effective(def, env, Some(r), now).enabled)
}

/// Checks that a feature may be enabled (now, or on `when` for a schedule): it exists in this
/// version and each prerequisite is enabled (or, for a schedule, on by then). `is_on(key, when)`
/// answers for the prerequisites.
pub(crate) fn check_enable(
    def: &FeatureDef,
    env: Version,
    is_on: impl Fn(&str) -> bool,
) -> Result<(), Invalid> {
    if def.lifecycle(env) == Lifecycle::NotAvailable {
        return Err(Invalid::rule(format!(
            "feature {} comes with version {}; this environment is version {env}",
            def.key, def.added
        )));
    }
    let missing: Vec<&str> = def
        .prerequisites
        .iter()
        .copied()
        .filter(|p| !is_on(p))
        .collect();
    if !missing.is_empty() {
        return Err(Invalid::rule(format!(
            "feature {} requires features that are not enabled: {}",
            def.key,
            missing.join(", ")
        ))
        .hint(missing.iter().enumerate().fold(
            Hint::from("enable them first: "),
            |h, (i, m)| {
                let h = if i > 0 { h.then(", ") } else { h };
                h.run(Cmd::new("feature enable").arg(*m))
            },
        )));
    }
    Ok(())
}

/// Checks that a feature may be disabled: not mandatory, not one that cannot be disabled, and
/// no enabled feature requires it. `enabled_dependents` are the enabled features requiring it.
pub(crate) fn check_disable(
    def: &FeatureDef,
    env: Version,
    enabled_dependents: &[&str],
) -> Result<(), Invalid> {
    if def.lifecycle(env) == Lifecycle::Mandatory {
        let from = def.mandatory_from.unwrap_or(env);
        return Err(Invalid::rule(format!(
            "feature {} is mandatory from version {from} and cannot be disabled",
            def.key
        )));
    }
    if !def.can_disable {
        return Err(Invalid::rule(format!(
            "feature {} cannot be disabled once enabled",
            def.key
        )));
    }
    if !enabled_dependents.is_empty() {
        return Err(Invalid::rule(format!(
            "feature {} is required by enabled features: {}",
            def.key,
            enabled_dependents.join(", ")
        ))
        .hint("disable those first"));
    }
    Ok(())
}

/// The features that require `key`.
pub(crate) fn dependents(key: &str) -> Vec<&'static str> {
    CATALOGUE
        .iter()
        .filter(|f| f.prerequisites.contains(&key))
        .map(|f| f.key)
        .collect()
}

/// A feature an environment upgrade turns on, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Turned {
    pub key: &'static str,
    pub why: String,
}

/// What moving an environment from `from` to `to` does to features (DOMAIN.md 3): a feature
/// that becomes mandatory is turned on whatever was recorded; one that becomes on by default is
/// turned on unless an administrator decided its state (`recorded(key)` is `Some`); and every
/// feature turned on brings its prerequisites that are off. `recorded(key)` is the recorded
/// state (`None`: never touched).
pub(crate) fn upgrade(
    from: Version,
    to: Version,
    recorded: impl Fn(&str) -> Option<bool>,
) -> Vec<Turned> {
    upgrade_in(CATALOGUE, from, to, recorded)
}

fn upgrade_in(
    catalogue: &'static [FeatureDef],
    from: Version,
    to: Version,
    recorded: impl Fn(&str) -> Option<bool>,
) -> Vec<Turned> {
    let find = |key: &str| catalogue.iter().find(|d| d.key == key);
    let mut out: Vec<Turned> = Vec::new();
    for def in catalogue {
        let (before, after) = (def.lifecycle(from), def.lifecycle(to));
        let newly = |l: Lifecycle| after == l && before != l;
        let why = if newly(Lifecycle::Mandatory) && recorded(def.key) != Some(true) {
            format!("mandatory from {}", def.mandatory_from.unwrap_or(to))
        } else if newly(Lifecycle::OnByDefault)
            && before != Lifecycle::Mandatory
            && recorded(def.key).is_none()
        {
            format!(
                "on by default from {}",
                def.on_by_default_from.unwrap_or(to)
            )
        } else {
            continue;
        };
        out.push(Turned { key: def.key, why });
    }
    // Prerequisites, until none is missing.
    let mut i = 0;
    while i < out.len() {
        let key = out[i].key;
        let prerequisites = find(key).map_or(&[][..], |d| d.prerequisites);
        for p in prerequisites {
            let Some(def) = find(p) else { continue };
            let on = recorded(p) == Some(true)
                || def.lifecycle(to) == Lifecycle::Mandatory
                || out.iter().any(|t| t.key == *p);
            if !on && def.lifecycle(to) != Lifecycle::NotAvailable {
                out.push(Turned {
                    key: def.key,
                    why: format!("required by {key}"),
                });
            }
        }
        i += 1;
    }
    out
}

// ---- the rules of the feature use cases ----

/// A feature named that the catalogue does not have, with the keys of close ones.
pub(crate) fn unknown(text: &str) -> Invalid {
    // Suggest keys (what people type), whether the key or the name was close.
    let known = CATALOGUE.iter().flat_map(|f| [f.key, f.name]);
    let mut close: Vec<&str> = super::validate::close_matches(text, known)
        .iter()
        .filter_map(|m| find(m).map(|f| f.key))
        .collect();
    close.dedup();
    let mut e = Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("feature {text:?} does not exist"),
    );
    if !close.is_empty() {
        e = e.hint(format!("did you mean {}?", close.join(", ")));
    }
    e.hint(Hint::to(
        "name a feature by its key or its exact name; see",
        Cmd::new("feature list"),
    ))
}

/// A module named that has no features.
pub(crate) fn check_module(module: &str) -> Result<(), Invalid> {
    if CATALOGUE
        .iter()
        .any(|f| f.module.eq_ignore_ascii_case(module))
    {
        return Ok(());
    }
    let mut modules: Vec<&str> = CATALOGUE.iter().map(|f| f.module).collect();
    modules.dedup();
    Err(Invalid::refusal(
        Refusal::NotFound,
        "",
        format!("module {module:?} has no features"),
    )
    .hint(format!("the modules are: {}", modules.join(", "))))
}

/// A feature is scheduled while it is off, for a time after `now`.
pub(crate) fn check_schedule(
    def: &FeatureDef,
    enabled: bool,
    on: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Invalid> {
    if enabled {
        return Err(
            Invalid::rule(format!("feature {} is already enabled", def.key))
                .hint("there is nothing to schedule"),
        );
    }
    if on <= now {
        return Err(Invalid::new(
            "on",
            &on.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "the date is not in the future",
        )
        .hint(Hint::to(
            "to enable it now, use",
            Cmd::new("feature enable").arg(def.key),
        )));
    }
    Ok(())
}

/// An environment version as typed: three numbers such as `10.0.40`, without leading zeros.
pub(crate) fn parse_env_version(field: &str, text: &str) -> Result<Version, Invalid> {
    let parts: Vec<&str> = text.split('.').collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.parse::<u32>().is_ok());
    Version::parse(text).filter(|_| ok).ok_or_else(|| {
        Invalid::new(
            field,
            text,
            "an environment version is three numbers such as 10.0.40",
        )
    })
}

/// An environment never moves back.
pub(crate) fn never_back(from: Version, to: Version) -> Invalid {
    Invalid::refusal(
        Refusal::Invalid,
        "version",
        format!("the data file is at environment version {from}; an environment never moves back to {to}"),
    )
    .hint(Hint::to(
        "make a new data file at that version with",
        Cmd::new("")
            .set_ph("data", "NEW.db")
            .subcommand("init")
            .set_ph("version", "V"),
    ))
}

/// `init` at another version than the data file's: it changes nothing; forward is an upgrade.
pub(crate) fn init_at_other_version(path: &str, have: &str, asked: &str, newer: bool) -> Invalid {
    let e = Invalid::refusal(
        Refusal::Conflict,
        "version",
        format!(
            "{path} is an hq data file at environment version {have}, not {asked}; init changes nothing in an existing file"
        ),
    );
    if newer {
        e.hint(Hint::to(
            "move it forward with",
            Cmd::new("upgrade").set("version", asked),
        ))
    } else {
        e.hint(Hint::to(
            "an environment never moves back; make a new data file with",
            Cmd::new("")
                .set_ph("data", "NEW.db")
                .subcommand("init")
                .set("version", asked),
        ))
    }
}

/// A schedule names a time or cancels, one of the two.
pub(crate) fn schedule_needs_one() -> Invalid {
    Invalid::refusal(
        Refusal::Usage,
        "",
        format!(
            "give {} DATE or {}",
            super::fix::field("on"),
            super::fix::field("cancel")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_a_date_or_a_cancel() {
        assert_eq!(
            schedule_needs_one().to_string(),
            "give {field:on} DATE or {field:cancel}"
        );
    }

    #[test]
    fn versions_are_three_numbers_and_never_move_back() {
        assert_eq!(
            parse_env_version("version", "10.0.40").unwrap().to_string(),
            "10.0.40"
        );
        for bad in ["10.0", "10.0.x", "10..40", ""] {
            assert_eq!(
                parse_env_version("version", bad).unwrap_err().field,
                "version",
                "{bad}"
            );
        }
        let (a, b) = (
            Version::parse("10.0.40").unwrap(),
            Version::parse("10.0.41").unwrap(),
        );
        assert!(
            never_back(b, a)
                .to_string()
                .contains("never moves back to 10.0.40")
        );
        let up = init_at_other_version("t.db", "10.0.40", "10.0.41", true);
        assert_eq!(up.hints[0].commands().next().unwrap().path(), "upgrade");
        let down = init_at_other_version("t.db", "10.0.41", "10.0.40", false);
        assert_eq!(down.hints[0].commands().next().unwrap().path(), "init");
    }

    #[test]
    fn the_feature_use_cases_refusals_are_the_domains() {
        use super::super::validate::Refusal;
        let e = unknown("clientelling");
        assert_eq!(e.kind, Refusal::NotFound);
        assert!(
            format!("{:?}", e.hints).contains("did you mean clienteling?"),
            "{:?}",
            e.hints
        );
        assert!(check_module(CATALOGUE[0].module).is_ok());
        assert_eq!(check_module("Nowhere").unwrap_err().kind, Refusal::NotFound);
        let def = find("clienteling").unwrap();
        let now: DateTime<Utc> = "2026-06-01T00:00:00Z".parse().unwrap();
        let later: DateTime<Utc> = "2026-07-01T00:00:00Z".parse().unwrap();
        assert!(check_schedule(def, false, later, now).is_ok());
        assert!(
            check_schedule(def, true, later, now)
                .unwrap_err()
                .to_string()
                .contains("already enabled")
        );
        let e = check_schedule(def, false, now, now).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.value.as_str()),
            ("on", "2026-06-01T00:00:00Z")
        );
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-15T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn every_prerequisite_is_in_the_catalogue() {
        for f in CATALOGUE {
            for p in f.prerequisites {
                assert!(find(p).is_some(), "{} requires unknown {p}", f.key);
            }
        }
    }

    #[test]
    fn an_upgrade_turns_on_what_becomes_mandatory_or_on_by_default_with_prerequisites() {
        let v = |s: &str| Version::parse(s).unwrap();
        // 10.0.27 -> 10.0.36: customer-orders-performance becomes mandatory (10.0.28), even
        // when it was turned off; multiple-contacts on by default (10.0.36), when untouched.
        let turned = upgrade(v("10.0.27"), v("10.0.36"), |k| {
            (k == "customer-orders-performance").then_some(false)
        });
        let keys: Vec<&str> = turned.iter().map(|t| t.key).collect();
        assert_eq!(keys, ["multiple-contacts", "customer-orders-performance"]);
        assert_eq!(turned[1].why, "mandatory from 10.0.28");
        assert_eq!(turned[0].why, "on by default from 10.0.36");
        // Turned off on purpose before it became on by default: left off.
        let turned = upgrade(v("10.0.31"), v("10.0.36"), |k| {
            (k == "multiple-contacts").then_some(false)
        });
        assert!(turned.is_empty(), "{turned:?}");
        // Nothing changes within a version, or between versions where no feature moves.
        assert!(upgrade(v("10.0.36"), v("10.0.40"), |_| None).is_empty());
    }

    #[test]
    fn a_feature_turned_on_by_an_upgrade_brings_its_prerequisites() {
        static CAT: &[FeatureDef] = &[
            FeatureDef {
                key: "a",
                name: "A",
                module: RETAIL_AND_COMMERCE,
                added: Version(10, 0, 1),
                preview_until: None,
                on_by_default_from: Some(Version(10, 0, 5)),
                mandatory_from: None,
                can_disable: true,
                prerequisites: &["b", "c"],
            },
            FeatureDef {
                key: "b",
                name: "B",
                module: RETAIL_AND_COMMERCE,
                added: Version(10, 0, 1),
                preview_until: None,
                on_by_default_from: None,
                mandatory_from: None,
                can_disable: true,
                prerequisites: &["d"],
            },
            FeatureDef {
                key: "c",
                name: "C",
                module: RETAIL_AND_COMMERCE,
                added: Version(10, 0, 1),
                preview_until: None,
                on_by_default_from: None,
                mandatory_from: None,
                can_disable: true,
                prerequisites: &[],
            },
            FeatureDef {
                key: "d",
                name: "D",
                module: RETAIL_AND_COMMERCE,
                added: Version(10, 0, 1),
                preview_until: None,
                on_by_default_from: None,
                mandatory_from: None,
                can_disable: true,
                prerequisites: &[],
            },
        ];
        let turned = upgrade_in(CAT, Version(10, 0, 4), Version(10, 0, 5), |k| {
            (k == "c").then_some(true)
        });
        let got: Vec<(&str, &str)> = turned.iter().map(|t| (t.key, t.why.as_str())).collect();
        assert_eq!(
            got,
            [
                ("a", "on by default from 10.0.5"),
                ("b", "required by a"),
                ("d", "required by b")
            ]
        );
    }

    #[test]
    fn at_a_store_a_feature_is_on_only_as_delivered_and_a_schedule_by_the_clock() {
        let def = find("clienteling").unwrap();
        let v = Version(10, 0, 40);
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(!on_at_store(def, v, None, now()), "never delivered: off");
        let on = FeatureRecord {
            enabled: true,
            ..Default::default()
        };
        assert!(on_at_store(def, v, Some(&on), now()));
        // Scheduled for 10:00 UTC, written in another offset: on from then, not before.
        let scheduled = FeatureRecord {
            enabled: false,
            enable_date: None,
            scheduled_date: Some(at("2026-01-15T12:00:00+02:00")),
        };
        assert!(!on_at_store(
            def,
            v,
            Some(&scheduled),
            at("2026-01-15T09:59:59Z")
        ));
        assert!(on_at_store(
            def,
            v,
            Some(&scheduled),
            at("2026-01-15T10:00:00Z")
        ));
        // Delivered, but an on-by-default feature the store has no record of stays off.
        let mc = find("multiple-contacts").unwrap();
        assert!(!on_at_store(mc, v, None, now()));
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(Version::parse("10.0.40").unwrap() > Version::parse("10.0.9").unwrap());
        assert!(Version::parse("10.0").is_none());
        assert!(Version::parse("10.0.1.2").is_none());
    }

    #[test]
    fn lifecycle_follows_the_environment_version() {
        let mc = find("multiple-contacts").unwrap();
        assert_eq!(mc.lifecycle(Version(10, 0, 35)), Lifecycle::Released);
        assert_eq!(mc.lifecycle(Version(10, 0, 36)), Lifecycle::OnByDefault);
        assert_eq!(mc.lifecycle(Version(10, 0, 30)), Lifecycle::NotAvailable);
        let cop = find("customer-orders-performance").unwrap();
        assert_eq!(cop.lifecycle(Version(10, 0, 40)), Lifecycle::Mandatory);
        assert!(!cop.can_disable_at(Version(10, 0, 40)));
    }

    #[test]
    fn found_by_key_or_exact_name_in_any_case() {
        assert_eq!(find("CLIENTELING").unwrap().key, "clienteling");
        assert_eq!(
            find("enable enhanced async customer creation").unwrap().key,
            "enhanced-async-customers"
        );
        assert!(find("enhanced async").is_none());
    }

    #[test]
    fn on_by_default_is_on_without_a_record_and_off_when_disabled() {
        let mc = find("multiple-contacts").unwrap();
        let env = Version(10, 0, 40);
        assert!(effective(mc, env, None, now()).enabled);
        let off = FeatureRecord::default();
        assert!(!effective(mc, env, Some(&off), now()).enabled);
    }

    #[test]
    fn mandatory_is_on_whatever_the_record_says() {
        let cop = find("customer-orders-performance").unwrap();
        let off = FeatureRecord::default();
        assert!(effective(cop, Version(10, 0, 40), Some(&off), now()).enabled);
    }

    #[test]
    fn a_scheduled_feature_is_on_from_its_date() {
        let c = find("clienteling").unwrap();
        let env = Version(10, 0, 40);
        let later = FeatureRecord {
            enabled: false,
            enable_date: None,
            scheduled_date: Some(now() + chrono::Duration::days(1)),
        };
        assert!(!effective(c, env, Some(&later), now()).enabled);
        assert!(effective(c, env, Some(&later), now() + chrono::Duration::days(2)).enabled);
    }

    #[test]
    fn enabling_needs_every_prerequisite_and_names_the_missing_ones() {
        let f = find("async-customer-editing").unwrap();
        let env = Version(10, 0, 40);
        let err = check_enable(f, env, |k| k == "customer-orders-performance").unwrap_err();
        assert!(
            err.reason
                .contains("async-customer-addresses, enhanced-async-customers")
        );
        assert!(check_enable(f, env, |_| true).is_ok());
    }

    #[test]
    fn a_feature_newer_than_the_environment_cannot_be_enabled() {
        let f = find("async-customer-editing").unwrap();
        assert!(check_enable(f, Version(10, 0, 28), |_| true).is_err());
    }

    #[test]
    fn disabling_is_refused_for_mandatory_undisablable_and_required_features() {
        let env = Version(10, 0, 40);
        assert!(check_disable(find("customer-orders-performance").unwrap(), env, &[]).is_err());
        assert!(
            check_disable(
                find("customer-orders-performance").unwrap(),
                Version(10, 0, 26),
                &[]
            )
            .is_err()
        );
        let e = check_disable(
            find("enhanced-async-customers").unwrap(),
            env,
            &["async-customer-editing"],
        )
        .unwrap_err();
        assert!(e.reason.contains("async-customer-editing"));
        assert!(check_disable(find("clienteling").unwrap(), env, &[]).is_ok());
    }
}
