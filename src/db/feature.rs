//! SQL for feature states.

use super::Reader;
use chrono::{DateTime, Utc};

use super::WriteTx;
use crate::domain::feature::FeatureRecord;

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

fn parse(t: Option<String>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|d| d.with_timezone(&Utc))
}

fn text(d: Option<DateTime<Utc>>) -> Option<String> {
    d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

pub(crate) fn record(c: &Reader, key: &str) -> Res<Option<FeatureRecord>> {
    c.conn().row(
        "SELECT enabled, enable_date, scheduled_date FROM features WHERE key = ?1",
        &[&key],
        |r| {
            Ok(FeatureRecord {
                enabled: r.get(0)?,
                enable_date: parse(r.get(1)?),
                scheduled_date: parse(r.get(2)?),
            })
        },
    )
}

pub(crate) fn save(tx: &WriteTx, key: &str, rec: &FeatureRecord) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO features (key, enabled, enable_date, scheduled_date, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (key) DO UPDATE SET enabled = ?2, enable_date = ?3, scheduled_date = ?4,
             change_version = ?5",
        &[
            &key,
            &rec.enabled,
            &text(rec.enable_date),
            &text(rec.scheduled_date),
            &tx.version(),
        ],
    )?;
    Ok(())
}

/// A feature's state as a channel database received it (job 1110), if it did.
pub(crate) fn channel_record(
    c: &Reader,
    channel_db: &str,
    key: &str,
) -> Res<Option<FeatureRecord>> {
    c.conn().row(
        "SELECT enabled, enable_date, scheduled_date FROM ch_features WHERE ch_db = ?1 AND key = ?2",
        &[&channel_db, &key],
        |r| {
            Ok(FeatureRecord {
                enabled: r.get::<Option<bool>>(0)?.unwrap_or(false),
                enable_date: parse(r.get(1)?),
                scheduled_date: parse(r.get(2)?),
            })
        },
    )
}
