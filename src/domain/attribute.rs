//! Attributes (DOMAIN.md 6): types, attributes with defaults, and groups with display order
//! and refinable flags. Values are validated against the type everywhere they are set.

use super::fix::{Cmd, Hint, field};
use serde::{Deserialize, Serialize};

use super::model::{Check, Kind};
use super::validate::{self, Invalid, Refusal};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    #[default]
    Text,
    Integer,
    Decimal,
    Boolean,
    Currency,
    Datetime,
    Reference,
}

impl AttributeKind {
    pub(crate) const ALL: [AttributeKind; 7] = [
        AttributeKind::Text,
        AttributeKind::Integer,
        AttributeKind::Decimal,
        AttributeKind::Boolean,
        AttributeKind::Currency,
        AttributeKind::Datetime,
        AttributeKind::Reference,
    ];
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Text => "text",
            AttributeKind::Integer => "integer",
            AttributeKind::Decimal => "decimal",
            AttributeKind::Boolean => "boolean",
            AttributeKind::Currency => "currency",
            AttributeKind::Datetime => "datetime",
            AttributeKind::Reference => "reference",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<AttributeKind> {
        AttributeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    fn numeric(self) -> bool {
        matches!(
            self,
            AttributeKind::Integer | AttributeKind::Decimal | AttributeKind::Currency
        )
    }
    /// Kinds customers cannot carry (DOMAIN.md 2: DateTime and Reference are not supported).
    pub(crate) fn supported_for_customers(self) -> bool {
        !matches!(self, AttributeKind::Datetime | AttributeKind::Reference)
    }
}

super::record::from_file_via_serde!(AttributeKind, Vec<GroupMember>);

super::record::record! {
    /// An attribute type: the kind of value its attributes hold, and what values are allowed.
    pub struct AttributeType {
        name: String = "Attribute type", Kind::Key, required(), check(Check::Id),
            help("The type's name");
        kind: AttributeKind = "Kind", Kind::Choice(&[
                "text", "integer", "decimal", "boolean", "currency", "datetime", "reference",
            ]), required(), fixed(), help("The kind of value");
        /// A fixed list of allowed values (text only); empty means any text.
        values: Vec<String> = "Allowed values", Kind::Text, many("value"), check(Check::Name),
            help("An allowed value (repeat for more; text only)");
        min: Option<f64> = "Smallest", Kind::Number, help("The smallest value (numbers only)");
        max: Option<f64> = "Largest", Kind::Number, help("The largest value (numbers only)");
        /// Unit of measure (integer and decimal only).
        unit: Option<String> = "Unit of measure", Kind::Text, check(Check::Name),
            help("Unit of measure (integer and decimal only)");
    }
}

impl super::record::FieldValue for AttributeKind {
    fn to_value(&self) -> super::record::Value {
        super::record::Value::Text(Some(self.as_str().to_string()))
    }
    /// Checked before (the field's choices), so anything else is the default.
    fn from_value(v: super::record::Value) -> Self {
        v.text().and_then(AttributeKind::parse).unwrap_or_default()
    }
}

impl AttributeType {
    /// The rules between kind, values, range and unit.
    pub(crate) fn check(&self) -> Result<(), Invalid> {
        let kind = self.kind.as_str();
        if !self.values.is_empty() && self.kind != AttributeKind::Text {
            return Err(Invalid::new(
                "value",
                &self.values[0],
                format!("a fixed list of values is only for text types, and this type is {kind}"),
            ));
        }
        if (self.min.is_some() || self.max.is_some()) && !self.kind.numeric() {
            let (flag, v) = match self.min {
                Some(m) => ("min", m),
                None => ("max", self.max.unwrap_or_default()),
            };
            return Err(Invalid::new(
                flag,
                &v.to_string(),
                format!(
                    "a range is only for integer, decimal and currency types, and this type is {kind}"
                ),
            ));
        }
        if self.unit.is_some()
            && !matches!(self.kind, AttributeKind::Integer | AttributeKind::Decimal)
        {
            return Err(Invalid::new(
                "unit",
                self.unit.as_deref().unwrap_or_default(),
                format!(
                    "a unit of measure is only for integer and decimal types, and this type is {kind}"
                ),
            ));
        }
        if self.kind == AttributeKind::Integer {
            for (flag, v) in [("min", self.min), ("max", self.max)] {
                if let Some(v) = v
                    && v.fract() != 0.0
                {
                    return Err(Invalid::new(
                        flag,
                        &v.to_string(),
                        "an integer type's range is whole numbers",
                    ));
                }
            }
        }
        if let (Some(min), Some(max)) = (self.min, self.max)
            && min > max
        {
            return Err(Invalid::new(
                "min",
                &min.to_string(),
                format!("it is larger than {} ({max})", field("max")),
            ));
        }
        let mut seen: Vec<&str> = Vec::new();
        for v in &self.values {
            if seen.iter().any(|s| s.eq_ignore_ascii_case(v)) {
                return Err(Invalid::new("value", v, "the value is listed twice"));
            }
            seen.push(v);
        }
        Ok(())
    }

    /// Checks a value against this type and returns it in stored form. `field` names where the
    /// value came from (`--default`, or `NAME=VALUE`).
    pub(crate) fn check_value(&self, field: &str, value: &str) -> Result<String, Invalid> {
        let v = value.trim();
        let bad = |why: String| Invalid::new(field, value, why);
        match self.kind {
            AttributeKind::Text => {
                if self.values.is_empty() {
                    return validate::text(field, v, 250);
                }
                self.values
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(v))
                    .cloned()
                    .ok_or_else(|| {
                        bad(format!(
                            "type {} allows only: {}",
                            self.name,
                            self.values.join(", ")
                        ))
                    })
            }
            AttributeKind::Boolean => match v.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Ok("true".into()),
                "false" | "no" | "0" => Ok("false".into()),
                _ => Err(bad("a boolean is true or false".into())),
            },
            AttributeKind::Integer | AttributeKind::Decimal | AttributeKind::Currency => {
                let n: f64 = v
                    .parse()
                    .ok()
                    .filter(|n: &f64| n.is_finite())
                    .ok_or_else(|| bad(format!("type {} takes a number", self.name)))?;
                if self.kind == AttributeKind::Integer && n.fract() != 0.0 {
                    return Err(bad(format!("type {} takes a whole number", self.name)));
                }
                if self.min.is_some_and(|m| n < m) || self.max.is_some_and(|m| n > m) {
                    let range = match (self.min, self.max) {
                        (Some(a), Some(b)) => format!("from {a} to {b}"),
                        (Some(a), None) => format!("of at least {a}"),
                        (None, Some(b)) => format!("of at most {b}"),
                        (None, None) => "in its range".to_string(),
                    };
                    return Err(bad(format!("type {} takes numbers {range}", self.name)));
                }
                Ok(if self.kind == AttributeKind::Integer {
                    (n as i64).to_string()
                } else {
                    v.to_string()
                })
            }
            AttributeKind::Datetime => validate::date_time(field, v)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            AttributeKind::Reference => {
                if v.is_empty() {
                    return Err(bad("a reference must not be empty".into()));
                }
                validate::text(field, v, 250)
            }
        }
    }
}

super::record::record! {
    /// An attribute: a value customers (or client book entries) may hold, of a type.
    pub struct Attribute {
        name: String = "Attribute", Kind::Key, required(), check(Check::Id),
            help("The attribute's name");
        /// The attribute type's name.
        type_name as "type": String = "Attribute type", Kind::Reference("attribute_types"),
            required(), column("type_name"), help("The attribute type");
        friendly_name: Option<String> = "Friendly name", Kind::Text, check(Check::Text(250)),
            help("A name shown to people");
        description: Option<String> = "Description", Kind::Text, check(Check::Text(250)),
            help("A description");
        default: Option<String> = "Default value", Kind::Text, column("default_value"),
            help("The default value (checked against the type)");
    }
}

/// An attribute in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupMember {
    pub attribute: String,
    /// Lower shows first.
    pub order: i64,
    /// May be used to filter a client book.
    #[serde(default)]
    pub refinable: bool,
}

super::record::rows_field!(GroupMember);

super::record::record! {
    /// An attribute group: attributes shown together, in order, some refinable.
    pub struct AttributeGroup {
        name: String = "Attribute group", Kind::Key, required(), check(Check::Id),
            help("The group's name");
        description: String = "Description", Kind::Text, check(Check::Text(100)),
            help("A description for people");
        /// By display order, then name.
        attributes: Vec<GroupMember> = "Attributes", Kind::Reference("attributes"),
            many("attribute"), not_on_add(), set_by("attribute-group attribute add");
    }
}

/// Sorts members by display order (lower first), then by name.
pub(crate) fn sort_members(members: &mut [GroupMember]) {
    members.sort_by(|a, b| {
        a.order.cmp(&b.order).then_with(|| {
            a.attribute
                .to_ascii_lowercase()
                .cmp(&b.attribute.to_ascii_lowercase())
        })
    });
}

/// The first attribute of a group whose type customers cannot carry, as (attribute, kind).
pub(crate) fn unsupported_for_customers<'a>(
    members: impl IntoIterator<Item = (&'a str, AttributeKind)>,
) -> Option<(&'a str, AttributeKind)> {
    members
        .into_iter()
        .find(|(_, k)| !k.supported_for_customers())
}

// ---- the rules of the use cases on attributes, over loaded facts ----

/// A type change that its attributes' defaults would no longer satisfy.
pub(crate) fn default_disallowed(attribute: &str, default: &str, type_name: &str) -> Invalid {
    Invalid::rule(format!(
        "attribute {attribute} has the default {default:?}, which type {type_name} would no longer allow"
    ))
    .hint(Hint::to(
        "change its default first:",
        Cmd::new("attribute set")
            .arg(attribute)
            .set_ph("default", "VALUE"),
    ))
}

/// An attribute of the customer attribute group takes a type customers cannot carry.
pub(crate) fn customer_group_cannot_hold(
    attribute: &str,
    group: &str,
    kind: AttributeKind,
) -> Invalid {
    Invalid::rule(format!(
        "attribute {attribute} is in {group}, the customer attribute group, which cannot hold {} attributes",
        kind.as_str()
    ))
}

/// An attribute added to a group twice.
pub(crate) fn already_member(attribute: &str, group: &str) -> Invalid {
    Invalid::refusal(
        Refusal::Conflict,
        "",
        format!("attribute {attribute} is already in group {group}"),
    )
    .hint(Hint::to(
        "change it with",
        Cmd::new("attribute-group attribute set")
            .arg(group)
            .arg(attribute)
            .set_ph("order", "N"),
    ))
}

/// The customer attribute group takes only kinds customers can carry.
pub(crate) fn check_member_for_customers(
    group: &AttributeGroup,
    is_customer_group: bool,
    attribute: &str,
    kind: AttributeKind,
) -> Result<(), Invalid> {
    if is_customer_group && !kind.supported_for_customers() {
        return Err(Invalid::rule(format!(
            "group {} is the customer attribute group, and customers cannot carry {} attributes such as {attribute}",
            group.name,
            kind.as_str(),
        )));
    }
    Ok(())
}

/// The member of a group an attribute is, or the refusal.
pub(crate) fn member<'g>(
    group: &'g AttributeGroup,
    attribute: &str,
) -> Result<&'g GroupMember, Invalid> {
    group
        .attributes
        .iter()
        .find(|m| m.attribute.eq_ignore_ascii_case(attribute))
        .ok_or_else(|| {
            Invalid::refusal(
                Refusal::NotFound,
                "",
                format!("attribute {attribute:?} is not in group {}", group.name),
            )
        })
}

/// A group chosen as the customer attribute group while it holds an attribute customers cannot
/// carry (`attributes`: each member's name and kind).
pub(crate) fn check_customer_group<'a>(
    group: &str,
    attributes: impl IntoIterator<Item = (&'a str, AttributeKind)>,
) -> Result<(), Invalid> {
    if let Some((name, kind)) = unsupported_for_customers(attributes) {
        return Err(Invalid::new(
            "customer_attribute_group",
            group,
            format!(
                "attribute {name} is {}, and customers cannot carry datetime or reference attributes",
                kind.as_str()
            ),
        )
        .hint(
            Hint::from("take it out of the group (")
                .run(
                    Cmd::new("attribute-group attribute remove")
                        .arg(group)
                        .arg(name),
                )
                .then(") or pick another group"),
        ));
    }
    Ok(())
}

/// The client book attribute group is a Clienteling parameter.
pub(crate) fn check_client_book_group(clienteling_enabled: bool) -> Result<(), Invalid> {
    if !clienteling_enabled {
        return Err(Invalid::rule(
            "the client book attribute group is a Clienteling parameter, and the Clienteling feature is not enabled",
        )
        .hint(Hint::to(
            "enable it first:",
            Cmd::new("feature enable").arg("clienteling"),
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(kind: AttributeKind) -> AttributeType {
        AttributeType {
            name: "T".into(),
            kind,
            values: vec![],
            min: None,
            max: None,
            unit: None,
        }
    }

    #[test]
    fn values_only_for_text_ranges_only_for_numbers_units_only_for_integer_and_decimal() {
        let mut t = ty(AttributeKind::Integer);
        t.values = vec!["a".into()];
        assert_eq!(t.check().unwrap_err().field, "value");
        let mut t = ty(AttributeKind::Text);
        t.min = Some(1.0);
        assert_eq!(t.check().unwrap_err().field, "min");
        let mut t = ty(AttributeKind::Currency);
        t.unit = Some("kg".into());
        assert_eq!(t.check().unwrap_err().field, "unit");
        let mut t = ty(AttributeKind::Decimal);
        t.unit = Some("kg".into());
        t.min = Some(0.5);
        assert!(t.check().is_ok());
    }

    #[test]
    fn a_fixed_list_is_enforced_in_any_case() {
        let mut t = ty(AttributeKind::Text);
        t.values = vec!["Handbags".into(), "Shoes".into()];
        assert_eq!(t.check_value("default", "handbags").unwrap(), "Handbags");
        assert!(t.check_value("default", "Boats").is_err());
    }

    #[test]
    fn numbers_respect_kind_and_range() {
        let mut t = ty(AttributeKind::Integer);
        t.min = Some(1.0);
        t.max = Some(10.0);
        assert_eq!(t.check_value("v", "5").unwrap(), "5");
        assert!(t.check_value("v", "5.5").is_err());
        assert!(t.check_value("v", "11").is_err());
        assert!(t.check_value("v", "x").is_err());
        let d = ty(AttributeKind::Decimal);
        assert_eq!(d.check_value("v", "2.50").unwrap(), "2.50");
    }

    #[test]
    fn booleans_and_datetimes_are_normalized() {
        assert_eq!(
            ty(AttributeKind::Boolean).check_value("v", "Yes").unwrap(),
            "true"
        );
        assert!(
            ty(AttributeKind::Boolean)
                .check_value("v", "maybe")
                .is_err()
        );
        assert_eq!(
            ty(AttributeKind::Datetime)
                .check_value("v", "1990-04-01")
                .unwrap(),
            "1990-04-01T00:00:00Z"
        );
    }

    /// The refusals of the attribute use cases, one row each.
    #[test]
    fn the_attribute_use_cases_refusals_are_the_domains() {
        let g = AttributeGroup {
            name: "Clienteling".into(),
            description: String::new(),
            attributes: vec![GroupMember {
                attribute: "Birthday".into(),
                order: 1,
                refinable: true,
            }],
        };
        let cases: Vec<(Result<(), Invalid>, &str, Refusal, &str)> = vec![
            (
                Err(default_disallowed("Tier", "Gold", "Tiers")),
                "",
                Refusal::Invalid,
                "would no longer allow",
            ),
            (
                Err(customer_group_cannot_hold(
                    "Seen",
                    "Customer",
                    AttributeKind::Datetime,
                )),
                "",
                Refusal::Invalid,
                "cannot hold datetime attributes",
            ),
            (
                Err(already_member("Birthday", "Clienteling")),
                "",
                Refusal::Conflict,
                "already in group",
            ),
            (
                check_member_for_customers(&g, true, "Seen", AttributeKind::Reference),
                "",
                Refusal::Invalid,
                "customers cannot carry reference attributes",
            ),
            (
                member(&g, "Tier").map(|_| ()),
                "",
                Refusal::NotFound,
                "\"Tier\" is not in group Clienteling",
            ),
            (
                check_customer_group("Customer", [("Seen", AttributeKind::Datetime)]),
                "customer_attribute_group",
                Refusal::Invalid,
                "attribute Seen is datetime",
            ),
            (
                check_client_book_group(false),
                "",
                Refusal::Invalid,
                "Clienteling feature is not enabled",
            ),
        ];
        for (i, (got, field, kind, says)) in cases.into_iter().enumerate() {
            let e = got.expect_err(&format!("case {i} is refused"));
            assert_eq!((e.field.as_str(), e.kind), (field, kind), "case {i}: {e}");
            assert!(e.to_string().contains(says), "case {i}: {e}");
        }
        assert!(member(&g, "birthday").is_ok());
        assert!(check_member_for_customers(&g, false, "Seen", AttributeKind::Datetime).is_ok());
        assert!(check_customer_group("Customer", [("Tier", AttributeKind::Text)]).is_ok());
        assert!(check_client_book_group(true).is_ok());
    }

    #[test]
    fn members_sort_by_order_then_name() {
        let mut m = vec![
            GroupMember {
                attribute: "b".into(),
                order: 2,
                refinable: false,
            },
            GroupMember {
                attribute: "c".into(),
                order: 1,
                refinable: false,
            },
            GroupMember {
                attribute: "a".into(),
                order: 2,
                refinable: false,
            },
        ];
        sort_members(&mut m);
        let names: Vec<&str> = m.iter().map(|x| x.attribute.as_str()).collect();
        assert_eq!(names, ["c", "a", "b"]);
    }

    #[test]
    fn datetime_and_reference_are_not_for_customers() {
        let found = unsupported_for_customers([
            ("PreferredCategory", AttributeKind::Text),
            ("Birthday", AttributeKind::Datetime),
        ]);
        assert_eq!(found, Some(("Birthday", AttributeKind::Datetime)));
    }
}
