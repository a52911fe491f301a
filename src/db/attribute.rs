//! SQL for attribute types, attributes and attribute groups.

use super::Reader;
use super::error::{from_json, parsed, to_json};
use super::sql;

use super::WriteTx;
use crate::domain::attribute::{
    Attribute, AttributeGroup, AttributeKind, AttributeType, GroupMember, sort_members,
};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

/// The columns [`type_from`] reads, in its order.
const TYPE_COLUMNS: &str = "name, kind, allowed_values, min_value, max_value, unit";

fn type_from(r: &sql::Row) -> Res<AttributeType> {
    let name: String = r.get(0)?;
    let kind: String = r.get(1)?;
    let values: String = r.get(2)?;
    let at = |column| ("attribute_types", name.as_str(), column);
    Ok(AttributeType {
        kind: parsed(
            AttributeKind::parse(&kind),
            at("kind"),
            &kind,
            "a kind of attribute",
        )?,
        values: from_json(at("allowed_values"), &values)?,
        min: r.get(3)?,
        max: r.get(4)?,
        unit: r.get(5)?,
        name,
    })
}

pub(crate) fn attribute_type(c: &Reader, name: &str) -> Res<Option<AttributeType>> {
    c.conn().row(
        &format!("SELECT {TYPE_COLUMNS} FROM attribute_types WHERE name = ?1"),
        &[&name],
        type_from,
    )
}

pub(crate) fn attribute_types(c: &Reader) -> Res<Vec<AttributeType>> {
    c.conn().rows(
        &format!("SELECT {TYPE_COLUMNS} FROM attribute_types ORDER BY name"),
        &[],
        type_from,
    )
}

pub(crate) fn upsert_type(tx: &WriteTx, t: &AttributeType) -> Res<()> {
    let values = to_json(&t.values)?;
    tx.conn().exec(
        "INSERT INTO attribute_types (name, kind, allowed_values, min_value, max_value, unit, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (name) DO UPDATE SET kind = ?2, allowed_values = ?3, min_value = ?4,
             max_value = ?5, unit = ?6, change_version = ?7",
        &[&t.name, &t.kind.as_str(), &values, &t.min, &t.max, &t.unit, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_type(tx: &WriteTx, name: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM attribute_types WHERE name = ?1", &[&name])?;
    Ok(())
}

pub(crate) fn attribute(c: &Reader, name: &str) -> Res<Option<Attribute>> {
    super::record::find(c, "attributes", name)
}

pub(crate) fn attributes(c: &Reader) -> Res<Vec<Attribute>> {
    super::record::all(c, "attributes")
}

pub(crate) fn attributes_of_type(c: &Reader, type_name: &str) -> Res<Vec<Attribute>> {
    Ok(attributes(c)?
        .into_iter()
        .filter(|a| a.type_name.eq_ignore_ascii_case(type_name))
        .collect())
}

pub(crate) fn upsert_attribute(tx: &WriteTx, a: &Attribute) -> Res<()> {
    super::record::upsert(tx, "attributes", a)
}

pub(crate) fn delete_attribute(tx: &WriteTx, name: &str) -> Res<()> {
    tx.conn()
        .exec("DELETE FROM attributes WHERE name = ?1", &[&name])?;
    Ok(())
}

/// The groups an attribute is in.
pub(crate) fn groups_of_attribute(c: &Reader, name: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT group_name FROM attribute_group_members WHERE attribute = ?1 ORDER BY group_name",
        &[&name],
    )
}

fn members(c: &Reader, group: &str) -> Res<Vec<GroupMember>> {
    let mut out = c.conn().rows(
        "SELECT m.attribute, m.display_order, m.refinable FROM attribute_group_members m
         WHERE m.group_name = ?1",
        &[&group],
        |r| {
            Ok(GroupMember {
                attribute: r.get(0)?,
                order: r.get(1)?,
                refinable: r.get(2)?,
            })
        },
    )?;
    sort_members(&mut out);
    Ok(out)
}

pub(crate) fn group(c: &Reader, name: &str) -> Res<Option<AttributeGroup>> {
    let found: Option<(String, String)> = c.conn().row(
        "SELECT name, description FROM attribute_groups WHERE name = ?1",
        &[&name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match found {
        Some((name, description)) => Ok(Some(AttributeGroup {
            attributes: members(c, &name)?,
            name,
            description,
        })),
        None => Ok(None),
    }
}

pub(crate) fn groups(c: &Reader) -> Res<Vec<AttributeGroup>> {
    let names = c
        .conn()
        .texts("SELECT name FROM attribute_groups ORDER BY name", &[])?;
    let mut out = Vec::new();
    for n in names {
        if let Some(g) = group(c, &n)? {
            out.push(g);
        }
    }
    Ok(out)
}

pub(crate) fn upsert_group(tx: &WriteTx, name: &str, description: &str) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO attribute_groups (name, description, change_version) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET description = ?2, change_version = ?3",
        &[&name, &description, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_group(tx: &WriteTx, name: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM attribute_group_members WHERE group_name = ?1",
        &[&name],
    )?;
    tx.conn()
        .exec("DELETE FROM attribute_groups WHERE name = ?1", &[&name])?;
    Ok(())
}

pub(crate) fn upsert_member(tx: &WriteTx, group: &str, m: &GroupMember) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO attribute_group_members (group_name, attribute, display_order, refinable, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (group_name, attribute) DO UPDATE SET display_order = ?3, refinable = ?4,
             change_version = ?5",
        &[&group, &m.attribute, &m.order, &m.refinable, &tx.version()],
    )?;
    Ok(())
}

pub(crate) fn delete_member(tx: &WriteTx, group: &str, attribute: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM attribute_group_members WHERE group_name = ?1 AND attribute = ?2",
        &[&group, &attribute],
    )?;
    Ok(())
}
