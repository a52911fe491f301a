//! `hq diff FILE`: what differs between an environment file and the data file.

use rusqlite::Connection;

use crate::domain::envdiff::{self, Difference};
use crate::error::Result;

pub fn diff(c: &Connection, path: &std::path::Path) -> Result<Vec<Difference>> {
    let desired = super::envfile::read(path)?;
    let current = super::export::export(c)?;
    Ok(envdiff::diff(&current, &desired))
}
