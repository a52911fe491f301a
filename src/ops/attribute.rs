//! Attribute types, attributes and attribute groups (DOMAIN.md 6), and the attribute-group
//! Commerce parameters.

use crate::db::Reader;

use super::record::{Kept, KeptOne};
use super::{Applied, Mode, OpEnv, feature, in_use, mutate, params, save_changed};
use crate::db::{Db, WriteTx, attribute as db};
use crate::domain::attribute::{
    self as rules, Attribute, AttributeGroup, AttributeKind, AttributeType, GroupMember,
};
use crate::domain::params::AttributeParameters;
use crate::domain::record::Draft;
use crate::domain::{Change, Cmd, Hint};
use crate::error::Result;

// ---- types ----

pub(crate) fn get_type(c: &Reader, field: &str, name: &str) -> Result<AttributeType> {
    super::record::get(c, field, name)
}

impl Kept for AttributeType {
    const NOUN: &'static str = "attribute-type";
    const WHAT: &'static str = "attribute type";
    const CHANGE: &'static str = "attribute_type";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::attribute_type(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::attribute_types(c)?
            .into_iter()
            .map(|t| t.name)
            .collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_type(tx, r)
    }
    /// The rules between kind, values, range and unit; and the defaults of the attributes of
    /// this type must stay valid.
    fn settle(c: &Reader, new: &mut Self, old: Option<&Self>, _: &Draft<Self>) -> Result<()> {
        new.check()?;
        if let Some(old) = old {
            for a in db::attributes_of_type(c, &old.name)? {
                if let Some(d) = &a.default
                    && new.check_value("default", d).is_err()
                {
                    return Err(rules::default_disallowed(&a.name, d, &old.name).into());
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn types(c: &Reader) -> Result<Vec<AttributeType>> {
    db::attribute_types(c)
}

pub(crate) fn remove_type(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    name: &str,
) -> Result<Applied<AttributeType>> {
    mutate(db_, env, mode, |tx| {
        let t = get_type(tx, "NAME", name)?;
        let users: Vec<String> = db::attributes_of_type(tx, &t.name)?
            .into_iter()
            .map(|a| a.name)
            .collect();
        if let Some(err) = in_use("attribute-type", &t.name, &[("attributes", users)]) {
            return Err(err);
        }
        db::delete_type(tx, &t.name)?;
        let change = Change::delete("attribute_type", &t.name, &t);
        Ok((t, vec![change]))
    })
}

// ---- attributes ----

pub(crate) fn get(c: &Reader, field: &str, name: &str) -> Result<Attribute> {
    super::record::get(c, field, name)
}

impl Kept for Attribute {
    const NOUN: &'static str = "attribute";
    const WHAT: &'static str = "attribute";
    const CHANGE: &'static str = "attribute";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::attribute(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::attributes(c)?.into_iter().map(|a| a.name).collect())
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_attribute(tx, r)
    }
    /// Its type exists; its default fits the type (a new type must accept the default the
    /// attribute already has, and every group it is in must take the new type).
    fn settle(c: &Reader, new: &mut Self, old: Option<&Self>, _: &Draft<Self>) -> Result<()> {
        let t = get_type(c, "type", &new.type_name)?;
        new.type_name = t.name.clone();
        if let Some(d) = &new.default {
            new.default = Some(t.check_value("default", d)?);
        }
        if let Some(old) = old
            && new.type_name != old.type_name
        {
            check_groups_accept(c, &new.name, t.kind)?;
        }
        Ok(())
    }
}

pub(crate) fn list(c: &Reader) -> Result<Vec<Attribute>> {
    db::attributes(c)
}

pub(crate) fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    name: &str,
) -> Result<Applied<Attribute>> {
    mutate(db_, env, mode, |tx| {
        let a = get(tx, "NAME", name)?;
        let groups = db::groups_of_attribute(tx, &a.name)?;
        let first = groups.first().cloned().unwrap_or_default();
        if let Some(err) = in_use("attribute", &a.name, &[("attribute groups", groups)]) {
            return Err(err.hinted(Hint::to(
                "take it out with",
                Cmd::new("attribute-group attribute remove")
                    .arg(first)
                    .arg(&a.name),
            )));
        }
        db::delete_attribute(tx, &a.name)?;
        let change = Change::delete("attribute", &a.name, &a);
        Ok((a, vec![change]))
    })
}

// ---- groups ----

pub(crate) fn get_group(c: &Reader, field: &str, name: &str) -> Result<AttributeGroup> {
    super::record::get(c, field, name)
}

pub(crate) fn groups(c: &Reader) -> Result<Vec<AttributeGroup>> {
    db::groups(c)
}

impl Kept for AttributeGroup {
    const NOUN: &'static str = "attribute-group";
    const WHAT: &'static str = "attribute group";
    const CHANGE: &'static str = "attribute_group";
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        db::group(c, key)
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::groups(c)?.into_iter().map(|g| g.name).collect())
    }
    /// The group itself; its members are changed by their own commands.
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_group(tx, &r.name, &r.description)
    }
}

/// The Commerce parameters that name a group.
fn parameters_using(c: &Reader, group: &str) -> Result<Vec<String>> {
    let p = params::load(c)?;
    let mut out = Vec::new();
    if p.customer_attribute_group
        .as_deref()
        .is_some_and(|g| g.eq_ignore_ascii_case(group))
    {
        out.push("customer attribute group".to_string());
    }
    if p.client_book_attribute_group
        .as_deref()
        .is_some_and(|g| g.eq_ignore_ascii_case(group))
    {
        out.push("client book attribute group".to_string());
    }
    Ok(out)
}

pub(crate) fn remove_group(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    name: &str,
) -> Result<Applied<AttributeGroup>> {
    mutate(db_, env, mode, |tx| {
        let g = get_group(tx, "NAME", name)?;
        let used = parameters_using(tx, &g.name)?;
        if let Some(err) = in_use(
            "attribute-group",
            &g.name,
            &[("the Commerce parameters", used)],
        ) {
            return Err(err.hinted(Hint::to(
                "change the parameter first with",
                Cmd::new("param set"),
            )));
        }
        db::delete_group(tx, &g.name)?;
        let change = Change::delete("attribute_group", &g.name, &g);
        Ok((g, vec![change]))
    })
}

/// Refuses an attribute kind that a group it is in cannot carry (the customer attribute group
/// takes no datetime or reference attributes).
fn check_groups_accept(c: &Reader, attribute: &str, kind: AttributeKind) -> Result<()> {
    if kind.supported_for_customers() {
        return Ok(());
    }
    let p = params::load(c)?;
    if let Some(g) = p.customer_attribute_group
        && db::groups_of_attribute(c, attribute)?
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&g))
    {
        return Err(rules::customer_group_cannot_hold(attribute, &g, kind).into());
    }
    Ok(())
}

pub(crate) fn add_member(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    group: &str,
    attribute: &str,
    order: i64,
    refinable: bool,
) -> Result<Applied<AttributeGroup>> {
    mutate(db_, env, mode, |tx| {
        let old = get_group(tx, "GROUP", group)?;
        let a = get(tx, "ATTRIBUTE", attribute)?;
        if old
            .attributes
            .iter()
            .any(|m| m.attribute.eq_ignore_ascii_case(&a.name))
        {
            return Err(rules::already_member(&a.name, &old.name).into());
        }
        let kind = get_type(tx, "type", &a.type_name)?.kind;
        let p = params::load(tx)?;
        rules::check_member_for_customers(
            &old,
            p.customer_attribute_group
                .as_deref()
                .is_some_and(|g| g.eq_ignore_ascii_case(&old.name)),
            &a.name,
            kind,
        )?;
        let m = GroupMember {
            attribute: a.name.clone(),
            order,
            refinable,
        };
        db::upsert_member(tx, &old.name, &m)?;
        let new = get_group(tx, "GROUP", &old.name)?;
        let key = format!("{}/{}", old.name, a.name);
        Ok((
            new,
            vec![Change::create("attribute_group_member", &key, &m)],
        ))
    })
}

pub(crate) fn set_member(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    group: &str,
    attribute: &str,
    order: Option<i64>,
    refinable: Option<bool>,
) -> Result<Applied<AttributeGroup>> {
    mutate(db_, env, mode, |tx| {
        let g = get_group(tx, "GROUP", group)?;
        let old = rules::member(&g, attribute)?.clone();
        let mut new = old.clone();
        if let Some(o) = order {
            new.order = o;
        }
        if let Some(r) = refinable {
            new.refinable = r;
        }
        let key = format!("{}/{}", g.name, old.attribute);
        let changes = save_changed("attribute_group_member", &key, &old, &new, || {
            db::upsert_member(tx, &g.name, &new)
        })?;
        Ok((get_group(tx, "GROUP", &g.name)?, changes))
    })
}

pub(crate) fn remove_member(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    group: &str,
    attribute: &str,
) -> Result<Applied<AttributeGroup>> {
    mutate(db_, env, mode, |tx| {
        let g = get_group(tx, "GROUP", group)?;
        let m = rules::member(&g, attribute)?.clone();
        db::delete_member(tx, &g.name, &m.attribute)?;
        let key = format!("{}/{}", g.name, m.attribute);
        Ok((
            get_group(tx, "GROUP", &g.name)?,
            vec![Change::delete("attribute_group_member", &key, &m)],
        ))
    })
}

/// `param set --customer-attribute-group` / `--client-book-attribute-group` ('' clears).
impl KeptOne for AttributeParameters {
    const NOUN: &'static str = "param";
    const WHAT: &'static str = "the parameters";
    fn load(c: &Reader) -> Result<Self> {
        let p = params::load(c)?;
        Ok(AttributeParameters {
            customer_attribute_group: p.customer_attribute_group,
            client_book_attribute_group: p.client_book_attribute_group,
        })
    }
    fn save(tx: &WriteTx, _old: &Self, new: &Self) -> Result<Vec<Change>> {
        let before = params::load(tx)?;
        let after = crate::domain::params::Parameters {
            customer_attribute_group: new.customer_attribute_group.clone(),
            client_book_attribute_group: new.client_book_attribute_group.clone(),
            ..before.clone()
        };
        save_changed("commerce_parameters", "", &before, &after, || {
            crate::db::params::save(tx, &after)
        })
    }
    /// A group named anew exists (kept as spelled there); the customer attribute group holds
    /// no attribute customers cannot carry; the client book attribute group is a Clienteling
    /// parameter.
    fn settle(c: &Reader, env: &OpEnv, new: &mut Self, old: &Self) -> Result<()> {
        if new.customer_attribute_group != old.customer_attribute_group
            && let Some(g) = &new.customer_attribute_group
        {
            let group = get_group(c, "customer_attribute_group", g)?;
            let mut kinds = Vec::new();
            for m in &group.attributes {
                let a = get(c, "ATTRIBUTE", &m.attribute)?;
                kinds.push((m.attribute.clone(), get_type(c, "type", &a.type_name)?.kind));
            }
            rules::check_customer_group(&group.name, kinds.iter().map(|(n, k)| (n.as_str(), *k)))?;
            new.customer_attribute_group = Some(group.name);
        }
        if new.client_book_attribute_group != old.client_book_attribute_group
            && let Some(g) = &new.client_book_attribute_group
        {
            let group = get_group(c, "client_book_attribute_group", g)?;
            rules::check_client_book_group(feature::is_enabled(c, env.now, "clienteling")?)?;
            new.client_book_attribute_group = Some(group.name);
        }
        Ok(())
    }
}

/// What attribute filters may name: the members of `groups` (a group's name and members), each
/// with its type; `refinable_only` keeps the refinable flag (a client book), else every member
/// may filter (`customer list`). A member whose attribute or type is gone is left out.
pub(crate) fn filter_candidates(
    c: &Reader,
    groups: &[(String, Vec<GroupMember>)],
    refinable_only: bool,
) -> Result<Vec<crate::domain::filter::Candidate>> {
    let mut out: Vec<crate::domain::filter::Candidate> = Vec::new();
    for (group, members) in groups {
        for m in members {
            if out
                .iter()
                .any(|x| x.attribute.eq_ignore_ascii_case(&m.attribute))
            {
                continue;
            }
            let Some(at) = db::attribute(c, &m.attribute)? else {
                continue;
            };
            let Some(ty) = db::attribute_type(c, &at.type_name)? else {
                continue;
            };
            out.push(crate::domain::filter::Candidate {
                attribute: at.name,
                of_group: group.clone(),
                ty,
                refinable: m.refinable || !refinable_only,
            });
        }
    }
    Ok(out)
}

/// Filters as typed (`NAME<op>VALUE`) and dates coming up (`NAME:30d`), read against
/// `candidates`: exit 3 for a value the type cannot hold, exit 4 for an unknown attribute.
pub(crate) fn read_filters(
    candidates: &[crate::domain::filter::Candidate],
    filters: &[String],
    upcoming: Option<&str>,
    field: &str,
) -> Result<(
    Vec<crate::domain::filter::Filter>,
    Option<crate::domain::filter::Upcoming>,
)> {
    use crate::domain::filter;
    let mut out = Vec::new();
    for text in filters {
        let (name, _, _) = filter::split(field, text)?;
        let c = filter::attribute(field, &name, candidates)?;
        out.push(filter::parse(field, text, c)?);
    }
    let upcoming = upcoming
        .map(|u| filter::parse_upcoming("upcoming", u, candidates))
        .transpose()?;
    Ok((out, upcoming))
}

/// Every attribute as a filter may name it (`customer list --attribute`): any attribute, with
/// its type.
pub(crate) fn all_candidates(c: &Reader) -> Result<Vec<crate::domain::filter::Candidate>> {
    let types = db::attribute_types(c)?;
    Ok(db::attributes(c)?
        .into_iter()
        .filter_map(|a| {
            let ty = types
                .iter()
                .find(|t| t.name.eq_ignore_ascii_case(&a.type_name))?
                .clone();
            Some(crate::domain::filter::Candidate {
                attribute: a.name,
                of_group: String::new(),
                ty,
                refinable: true,
            })
        })
        .collect())
}
