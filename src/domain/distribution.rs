//! Distribution (DOMAIN.md 9): the job catalogue, download sessions and their outcomes.
//!
//! A job is a numbered set of subjobs; a subjob copies one HQ table to its channel twin
//! `ch_<table>` (the same columns minus the change version and anything that must not leave
//! HQ). The catalogue is data: `hq job list` prints it, the runner reads it, and a test checks
//! it against the schema.

use serde::Serialize;

/// One HQ table copied to its channel table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Subjob {
    pub table: &'static str,
    /// The HQ table's primary key columns (the tombstones' row_key, in order).
    pub key: &'static [&'static str],
    /// The columns copied, key first as in the HQ table.
    pub columns: &'static [&'static str],
}

impl Subjob {
    /// The channel table, `ch_<table>`.
    pub(crate) fn channel_table(&self) -> String {
        format!("ch_{}", self.table)
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Job {
    pub number: u32,
    pub name: &'static str,
    pub subjobs: &'static [Subjob],
}

/// 9999 means every job.
pub(crate) const ALL_JOBS: u32 = 9999;

/// The catalogue, after DOMAIN.md 9. Client books, activities and notes are live (not
/// distributed); activity types are read live too. Address books (both kinds) travel with
/// 1060; a Key Vault secret travels by name, never with its reference.
pub const JOBS: &[Job] = &[
    Job {
        number: 1010,
        name: "Customers",
        subjobs: &[
            Subjob {
                table: "customer_groups",
                key: &["legal_entity", "id"],
                columns: &[
                    "legal_entity",
                    "id",
                    "description",
                    "payment_terms",
                    "dimensions",
                ],
            },
            Subjob {
                table: "customers",
                key: &["account"],
                columns: &super::customer::CUSTOMER_COLUMNS,
            },
            Subjob {
                table: "customer_addresses",
                key: &["account", "position"],
                // From the address's one definition.
                columns: super::customer::ADDRESS_COLUMNS,
            },
            Subjob {
                table: "customer_contacts",
                key: &["account", "position"],
                columns: &[
                    "account",
                    "position",
                    "kind",
                    "value",
                    "search_value",
                    "is_primary",
                    "marketing_opt_in",
                ],
            },
            Subjob {
                table: "customer_attribute_values",
                key: &["account", "attribute"],
                columns: &["account", "attribute", "value"],
            },
            Subjob {
                table: "customer_affiliations",
                key: &["account", "name"],
                columns: &["account", "name"],
            },
            Subjob {
                table: "customer_address_books",
                key: &["account", "address_book"],
                columns: &["account", "address_book"],
            },
        ],
    },
    Job {
        number: 1040,
        name: "Products",
        subjobs: &[
            Subjob {
                table: "attribute_types",
                key: &["name"],
                columns: &[
                    "name",
                    "kind",
                    "allowed_values",
                    "min_value",
                    "max_value",
                    "unit",
                ],
            },
            Subjob {
                table: "attributes",
                key: &["name"],
                columns: &[
                    "name",
                    "type_name",
                    "friendly_name",
                    "description",
                    "default_value",
                ],
            },
        ],
    },
    Job {
        number: 1060,
        name: "Staff",
        subjobs: &[
            Subjob {
                table: "workers",
                key: &["personnel_number"],
                columns: &["personnel_number", "name", "permission_group", "layout"],
            },
            Subjob {
                table: "worker_address_books",
                key: &["worker", "address_book"],
                columns: &["worker", "address_book", "position"],
            },
            Subjob {
                table: "permission_groups",
                key: &["id"],
                columns: &["id", "description"],
            },
            Subjob {
                table: "permission_group_operations",
                key: &["group_id", "operation"],
                columns: &["group_id", "operation"],
            },
            Subjob {
                table: "address_books",
                key: &["id"],
                columns: &["id", "name", "kind"],
            },
        ],
    },
    Job {
        number: 1070,
        name: "Channel configuration",
        subjobs: &[
            Subjob {
                table: "stores",
                key: &["number"],
                columns: super::org::Store::COLUMNS,
            },
            Subjob {
                table: "store_address_books",
                key: &["store", "address_book"],
                columns: &["store", "address_book", "position"],
            },
        ],
    },
    Job {
        number: 1090,
        name: "Registers",
        subjobs: &[
            Subjob {
                table: "registers",
                key: &["id"],
                columns: &["id", "store", "layout"],
            },
            Subjob {
                table: "screen_layouts",
                key: &["id"],
                columns: &["id", "name"],
            },
            Subjob {
                table: "layout_buttons",
                key: &["layout", "grid", "row_number", "column_number"],
                columns: &[
                    "layout",
                    "grid",
                    "row_number",
                    "column_number",
                    "operation",
                    "text",
                ],
            },
        ],
    },
    Job {
        number: 1110,
        name: "Global configuration",
        subjobs: &[
            Subjob {
                table: "features",
                key: &["key"],
                columns: &["key", "enabled", "enable_date", "scheduled_date"],
            },
            Subjob {
                table: "params",
                key: &["key"],
                columns: &["key", "value"],
            },
            Subjob {
                table: "number_sequence_refs",
                key: &["reference", "legal_entity"],
                columns: &["reference", "legal_entity", "number_sequence"],
            },
            Subjob {
                table: "keyvault_secrets",
                key: &["name"],
                columns: &["name", "description"],
            },
        ],
    },
    Job {
        number: 1150,
        name: "Catalog",
        subjobs: &[
            Subjob {
                table: "attribute_groups",
                key: &["name"],
                columns: &["name", "description"],
            },
            Subjob {
                table: "attribute_group_members",
                key: &["group_name", "attribute"],
                columns: &["group_name", "attribute", "display_order", "refinable"],
            },
        ],
    },
];

/// A job by number.
pub(crate) fn job(number: u32) -> Option<&'static Job> {
    JOBS.iter().find(|j| j.number == number)
}

/// The jobs a list of numbers means: 9999 expands to all; order is the catalogue's, each once.
pub(crate) fn expand(numbers: &[u32]) -> Result<Vec<&'static Job>, u32> {
    let mut want = Vec::new();
    for &n in numbers {
        if n == ALL_JOBS {
            want.extend(JOBS.iter().map(|j| j.number));
        } else if job(n).is_some() {
            want.push(n);
        } else {
            return Err(n);
        }
    }
    Ok(JOBS.iter().filter(|j| want.contains(&j.number)).collect())
}

/// The subjob that carries an HQ table, with its job.
pub(crate) fn subjob_of_table(table: &str) -> Option<(&'static Job, &'static Subjob)> {
    JOBS.iter().find_map(|j| {
        j.subjobs
            .iter()
            .find(|s| s.table.eq_ignore_ascii_case(table))
            .map(|s| (j, s))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SessionStatus {
    Applied,
    Failed,
    /// Not produced by hq yet: reserved for runs stopped before they applied.
    Canceled,
}

impl SessionStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Applied => "applied",
            SessionStatus::Failed => "failed",
            SessionStatus::Canceled => "canceled",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<SessionStatus> {
        Some(match s {
            "applied" => SessionStatus::Applied,
            "failed" => SessionStatus::Failed,
            "canceled" => SessionStatus::Canceled,
            _ => return None,
        })
    }
}

/// What a session did to one channel table (or, for `job pending`, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub(crate) struct TableRows {
    pub table: String,
    pub upserted: u64,
    pub deleted: u64,
}

/// One download session: one job delivered to one channel database.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Session {
    pub id: i64,
    pub job: u32,
    pub channel_db: String,
    pub mode: String,
    pub status: SessionStatus,
    pub from_version: i64,
    pub to_version: i64,
    pub rows: Vec<TableRows>,
    pub started_at: String,
    pub finished_at: String,
    pub error: Option<String>,
}

impl Session {
    pub(crate) fn total_rows(&self) -> u64 {
        self.rows.iter().map(|r| r.upserted + r.deleted).sum()
    }
}

/// A job number that is not a distribution job.
pub(crate) fn unknown_job(n: u32) -> super::validate::Invalid {
    let known: Vec<String> = JOBS.iter().map(|j| j.number.to_string()).collect();
    super::validate::Invalid::refusal(
        super::validate::Refusal::Invalid,
        "JOB",
        format!("invalid value {n} for JOB: there is no distribution job {n}"),
    )
    .hint(super::fix::Hint::to(
        &format!("the jobs are {} and 9999 (all); see", known.join(", ")),
        super::fix::Cmd::new("job list"),
    ))
}

/// A table that channel databases do not have (given as `table`, in channel database `cdb`).
/// `hq job retry` of a session that does not exist (exit 4).
pub(crate) fn session_not_found(id: i64) -> super::validate::Invalid {
    super::validate::Invalid::refusal(
        super::validate::Refusal::NotFound,
        "SESSION",
        format!("there is no download session {id}"),
    )
    .hint(super::fix::Hint::to(
        "see the sessions, newest first, with",
        super::fix::Cmd::new("job sessions"),
    ))
}

/// `hq job retry` of a session that did not fail (exit 5): only a failed one is retried.
pub(crate) fn session_not_failed(s: &Session) -> super::validate::Invalid {
    super::validate::Invalid::refusal(
        super::validate::Refusal::Conflict,
        "SESSION",
        format!(
            "session {} was {} (job {} to channel database {}); only a failed session is retried",
            s.id,
            s.status.as_str(),
            s.job,
            s.channel_db
        ),
    )
    .hint(super::fix::Hint::to(
        "carry what is waiting now with",
        super::fix::Cmd::new("job run")
            .arg(s.job.to_string())
            .set("channel_db", &s.channel_db),
    ))
}

pub(crate) fn unknown_table(table: &str, cdb: &str) -> super::validate::Invalid {
    let name = table.strip_prefix("ch_").unwrap_or(table);
    let known: Vec<&str> = JOBS
        .iter()
        .flat_map(|j| j.subjobs.iter().map(|s| s.table))
        .collect();
    let close = super::validate::close_matches(name, known.iter().copied());
    let mut e = super::validate::Invalid::refusal(
        super::validate::Refusal::NotFound,
        "table",
        format!(
            "channel databases have no table {table:?} (given by {})",
            super::fix::FIELD
        ),
    );
    if !close.is_empty() {
        e = e.hint(format!("did you mean {}?", close.join(", ")));
    }
    e.hint(super::fix::Hint::to(
        "see the tables with",
        super::fix::Cmd::new("channel-db contents").arg(cdb),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_jobs_and_tables_are_refused_with_what_exists() {
        let e = unknown_job(1234);
        assert_eq!(e.field, "JOB");
        assert!(format!("{:?}", e.hints).contains("1010"), "{:?}", e.hints);
        let e = unknown_table("customer_adresses", "Default");
        assert_eq!(
            (e.field.as_str(), e.kind),
            ("table", super::super::validate::Refusal::NotFound)
        );
        assert!(format!("{:?}", e.hints).contains("did you mean customer_addresses?"));
    }

    #[test]
    fn all_jobs_expands_to_the_catalogue_in_order_each_once() {
        let all: Vec<u32> = expand(&[1110, 9999])
            .unwrap()
            .iter()
            .map(|j| j.number)
            .collect();
        assert_eq!(all, [1010, 1040, 1060, 1070, 1090, 1110, 1150]);
        let some: Vec<u32> = expand(&[1150, 1040])
            .unwrap()
            .iter()
            .map(|j| j.number)
            .collect();
        assert_eq!(some, [1040, 1150]);
        assert_eq!(expand(&[1234]).unwrap_err(), 1234);
    }

    #[test]
    fn each_table_is_carried_by_one_job_and_keys_are_columns() {
        let mut seen = std::collections::HashSet::new();
        for j in JOBS {
            for s in j.subjobs {
                assert!(seen.insert(s.table), "{} is in two jobs", s.table);
                for k in s.key {
                    assert!(s.columns.contains(k), "{}: key {k} is not copied", s.table);
                }
            }
        }
        assert_eq!(
            subjob_of_table("features").map(|(j, _)| j.number),
            Some(1110)
        );
        assert!(
            subjob_of_table("activity_types").is_none(),
            "activity types are read live"
        );
        assert!(
            !subjob_of_table("keyvault_secrets")
                .unwrap()
                .1
                .columns
                .contains(&"reference"),
            "a secret's reference never leaves HQ"
        );
    }
}
