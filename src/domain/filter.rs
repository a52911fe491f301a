//! Filters on attribute values (DOMAIN.md 7: "target customers by using customer and client
//! book attributes to filter the client book"): `NAME=VALUE`, `NAME!=VALUE`, `NAME>=VALUE`,
//! `NAME<=VALUE`, `NAME>VALUE`, `NAME<VALUE`, a range `NAME=A..B` (either end may be left
//! open), several values `NAME=A,B` (any of them); and dates coming up, `NAME:30d` (the
//! day and month in the next 30 days, whatever the year).
//!
//! A value is read by the attribute's type and compared as that type: a date as a date, a
//! number as a number (`2400.00` is `2400`), text without regard to case; a value the type
//! cannot hold, or text outside a type's fixed list, is refused listing what is allowed.

use chrono::{Datelike, NaiveDate};

use super::attribute::{AttributeKind, AttributeType};
use super::fix::{Cmd, Hint};
use super::validate::{Invalid, Refusal};

/// How a value compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Ge,
    Le,
    Gt,
    Lt,
}

impl Cmp {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Cmp::Ge => ">=",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
}

/// A value as its type compares it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Typed {
    /// Text (and references, fixed-list values in their listed spelling).
    Text(String),
    Number(f64),
    /// A calendar date, `YYYY-MM-DD`.
    Date(String),
    Bool(bool),
}

/// What a filter asks of an attribute's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Test {
    /// Equal to any of these.
    AnyOf(Vec<Typed>),
    /// Set, and none of these.
    NoneOf(Vec<Typed>),
    Compare(Cmp, Typed),
    /// From, to (both included); an end left open is `None`.
    Between(Option<Typed>, Option<Typed>),
}

/// One filter, read: the attribute (as its definition spells it), its type, the test.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    pub attribute: String,
    pub kind: AttributeKind,
    pub test: Test,
    /// The type has a fixed list, so a text value is spelled as stored.
    pub fixed_list: bool,
}

impl Filter {
    /// The one value it asks equality with, when an index of the stored values can find it (a
    /// value spelled as stored: an entry of a fixed list).
    pub(crate) fn stored_equal(&self) -> Option<&str> {
        match &self.test {
            Test::AnyOf(values) if values.len() == 1 && self.fixed_list => match &values[0] {
                Typed::Text(s) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Dates coming up: the attribute's day and month within the next `days` days.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Upcoming {
    pub attribute: String,
    pub days: u32,
}

/// At most this far ahead (a year: every day comes up once).
pub(crate) const MAX_DAYS: u32 = 366;

/// An attribute a filter may name: its name, its type, and whether it may filter here (a
/// client book filters by refinable attributes only).
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub attribute: String,
    pub of_group: String,
    pub ty: AttributeType,
    pub refinable: bool,
}

/// Splits `NAME<op>VALUE` at its operator (the first of `!=`, `>=`, `<=`, `=`, `>`, `<`).
pub(crate) fn split(field: &str, text: &str) -> Result<(String, &'static str, String), Invalid> {
    let at = text.find(['=', '!', '<', '>']);
    let bad = || {
        Invalid::new(field, text, "expected NAME=VALUE (or !=, >=, <=, >, <)")
            .hint("for example AnnualSpend>=1000, Birthday=1990-01-01..1990-12-31 or PreferredCategory=Shoes,Bags")
    };
    let Some(i) = at else { return Err(bad()) };
    let name = text[..i].trim();
    let rest = &text[i..];
    let op = ["!=", ">=", "<=", "=", ">", "<"]
        .into_iter()
        .find(|op| rest.starts_with(op))
        .ok_or_else(bad)?;
    if name.is_empty() {
        return Err(bad());
    }
    Ok((name.to_string(), op, rest[op.len()..].trim().to_string()))
}

/// The attribute a filter names, among those it may name (names compare without regard to
/// case): one that is not there is not found, with the closest names; one that is there but not
/// refinable is refused saying so.
pub(crate) fn attribute<'a>(
    field: &str,
    name: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate, Invalid> {
    let refinable: Vec<&str> = candidates
        .iter()
        .filter(|c| c.refinable)
        .map(|c| c.attribute.as_str())
        .collect();
    let list = if refinable.is_empty() {
        "none".to_string()
    } else {
        refinable.join(", ")
    };
    match candidates
        .iter()
        .find(|c| c.attribute.eq_ignore_ascii_case(name))
    {
        Some(c) if c.refinable => Ok(c),
        Some(c) => Err(Invalid::new(
            field,
            name,
            format!(
                "attribute {} is not refinable in the attribute group {}, so client books cannot be filtered by it (refinable: {list})",
                c.attribute, c.of_group
            ),
        )
        .hint(
            Hint::to(
                "make it refinable with",
                Cmd::new("attribute-group attribute set")
                    .arg(&c.of_group)
                    .arg(&c.attribute)
                    .switch("refinable"),
            )
            .then(", then run job 1150"),
        )),
        None => {
            let close =
                super::validate::close_matches(name, candidates.iter().map(|c| c.attribute.as_str()));
            let mut e = Invalid::new(
                field,
                name,
                format!("no attribute of that name can filter here (refinable: {list})"),
            )
            .of_kind(Refusal::NotFound);
            if !close.is_empty() {
                e = e.hint(format!("did you mean {}?", close.join(", ")));
            }
            Err(e)
        }
    }
}

/// A filter `NAME<op>VALUE` on the attribute `c`, its value read by the attribute's type.
pub(crate) fn parse(field: &str, text: &str, c: &Candidate) -> Result<Filter, Invalid> {
    let (_, op, value) = split(field, text)?;
    let kind = c.ty.kind;
    let one = |v: &str| typed(field, text, v, &c.ty);
    let ordered = matches!(
        kind,
        AttributeKind::Integer
            | AttributeKind::Decimal
            | AttributeKind::Currency
            | AttributeKind::Datetime
    );
    let unordered = || {
        Invalid::new(
            field,
            text,
            format!(
                "attribute {} is of type {} ({}), which compares only with = and !=",
                c.attribute,
                c.ty.name,
                kind.as_str()
            ),
        )
    };
    let test = match op {
        "=" if value.contains("..") => {
            if !ordered {
                return Err(unordered());
            }
            let (a, b) = value.split_once("..").unwrap_or_default();
            let end = |v: &str| (!v.trim().is_empty()).then(|| one(v)).transpose();
            let (from, to) = (end(a)?, end(b)?);
            if from.is_none() && to.is_none() {
                return Err(Invalid::new(
                    field,
                    text,
                    "a range needs at least one end, as A..B, A.. or ..B",
                ));
            }
            if let (Some(f), Some(t)) = (&from, &to)
                && after(f, t)
            {
                return Err(Invalid::new(field, text, "the range ends before it starts")
                    .hint("write the smaller end first: A..B"));
            }
            Test::Between(from, to)
        }
        "=" | "!=" => {
            let values = value.split(',').map(&one).collect::<Result<Vec<_>, _>>()?;
            if op == "=" {
                Test::AnyOf(values)
            } else {
                Test::NoneOf(values)
            }
        }
        cmp => {
            if !ordered {
                return Err(unordered());
            }
            let cmp = match cmp {
                ">=" => Cmp::Ge,
                "<=" => Cmp::Le,
                ">" => Cmp::Gt,
                _ => Cmp::Lt,
            };
            Test::Compare(cmp, one(&value)?)
        }
    };
    Ok(Filter {
        attribute: c.attribute.clone(),
        kind,
        test,
        fixed_list: kind == AttributeKind::Text && !c.ty.values.is_empty(),
    })
}

fn after(a: &Typed, b: &Typed) -> bool {
    match (a, b) {
        (Typed::Number(x), Typed::Number(y)) => x > y,
        (Typed::Date(x), Typed::Date(y)) => x > y,
        _ => false,
    }
}

/// One value read by the attribute type `ty`.
fn typed(field: &str, text: &str, value: &str, ty: &AttributeType) -> Result<Typed, Invalid> {
    let v = value.trim();
    let bad = |why: String| Invalid::new(field, text, why);
    Ok(match ty.kind {
        AttributeKind::Text if !ty.values.is_empty() => Typed::Text(
            ty.values
                .iter()
                .find(|a| a.eq_ignore_ascii_case(v))
                .cloned()
                .ok_or_else(|| {
                    bad(format!(
                        "{v:?} is not one of the values of type {}: {}",
                        ty.name,
                        ty.values.join(", ")
                    ))
                })?,
        ),
        AttributeKind::Text | AttributeKind::Reference => {
            if v.is_empty() {
                return Err(bad("give a value to compare with".into()));
            }
            Typed::Text(v.to_string())
        }
        AttributeKind::Boolean => match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Typed::Bool(true),
            "false" | "no" | "0" => Typed::Bool(false),
            _ => return Err(bad(format!("type {} is true or false", ty.name))),
        },
        AttributeKind::Integer | AttributeKind::Decimal | AttributeKind::Currency => {
            // A unit of measure (or, for money, a currency code) may follow the number.
            let number = match v.rsplit_once(' ') {
                Some((n, unit))
                    if ty
                        .unit
                        .as_deref()
                        .is_some_and(|u| u.eq_ignore_ascii_case(unit))
                        || (ty.kind == AttributeKind::Currency
                            && super::validate::currency("", unit).is_ok()) =>
                {
                    n.trim()
                }
                _ => v,
            };
            // No thousands separators: a comma separates values (`NAME=A,B`).
            let n: f64 = number
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| {
                    let unit = match (ty.unit.as_deref(), ty.kind) {
                        (Some(u), _) => format!(", as 2400 or 2400 {u}"),
                        (None, AttributeKind::Currency) => ", as 2400 or 2400 USD".to_string(),
                        (None, _) => String::new(),
                    };
                    bad(format!(
                        "type {} ({}) compares numbers{unit}",
                        ty.name,
                        ty.kind.as_str()
                    ))
                })?;
            if ty.kind == AttributeKind::Integer && n.fract() != 0.0 {
                return Err(bad(format!(
                    "type {} (integer) takes whole numbers",
                    ty.name
                )));
            }
            Typed::Number(n)
        }
        AttributeKind::Datetime => {
            let day = v.get(..10).unwrap_or(v);
            let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                bad(format!(
                    "type {} (datetime) compares dates, as 1990-03-10",
                    ty.name
                ))
            })?;
            Typed::Date(d.format("%Y-%m-%d").to_string())
        }
    })
}

/// `NAME:30d` (or `NAME:30`): the attribute's day and month within the next 30 days.
pub(crate) fn parse_upcoming(
    field: &str,
    text: &str,
    candidates: &[Candidate],
) -> Result<Upcoming, Invalid> {
    let bad = |why: &str| {
        Invalid::new(field, text, why.to_string())
            .hint("for example Birthday:30d (the next 30 days)")
    };
    let (name, days) = text
        .split_once(':')
        .ok_or_else(|| bad("expected NAME:DAYSd"))?;
    let days: u32 = days
        .trim()
        .trim_end_matches(['d', 'D'])
        .parse()
        .map_err(|_| bad("expected NAME:DAYSd, a whole number of days"))?;
    if days == 0 || days > MAX_DAYS {
        return Err(bad(&format!("the days ahead are 1 to {MAX_DAYS}")));
    }
    let c = attribute(field, name.trim(), candidates)?;
    if c.ty.kind != AttributeKind::Datetime {
        return Err(Invalid::new(
            field,
            text,
            format!(
                "attribute {} is of type {} ({}); dates coming up need a datetime attribute",
                c.attribute,
                c.ty.name,
                c.ty.kind.as_str()
            ),
        ));
    }
    Ok(Upcoming {
        attribute: c.attribute.clone(),
        days,
    })
}

/// The days of the next `days` days from `today` (today included) as `MM-DD`, soonest first.
/// A date on 29 February comes up on 28 February in a year without one (listed with it).
pub(crate) fn upcoming_days(today: NaiveDate, days: u32) -> Vec<Vec<String>> {
    (0..days.min(MAX_DAYS))
        .filter_map(|i| today.checked_add_days(chrono::Days::new(u64::from(i))))
        .map(|d| {
            let mut day = vec![d.format("%m-%d").to_string()];
            let leap = NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some();
            if !leap && d.month() == 2 && d.day() == 28 {
                day.push("02-29".to_string());
            }
            day
        })
        .collect()
}

/// How many days from `today` until `date`'s day and month come up next (0: today); 29
/// February comes up on the 28th in a year without one.
pub(crate) fn days_until(today: NaiveDate, date: &str) -> Option<u32> {
    let d = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let in_year = |y: i32| {
        NaiveDate::from_ymd_opt(y, d.month(), d.day()).or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
    };
    let this = in_year(today.year())?;
    let next = if this >= today {
        this
    } else {
        in_year(today.year() + 1)?
    };
    u32::try_from((next - today).num_days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(name: &str, kind: AttributeKind) -> AttributeType {
        AttributeType {
            name: name.into(),
            kind,
            ..Default::default()
        }
    }

    fn cand(attribute: &str, ty: AttributeType, refinable: bool) -> Candidate {
        Candidate {
            attribute: attribute.into(),
            of_group: "Clienteling".into(),
            ty,
            refinable,
        }
    }

    fn all() -> Vec<Candidate> {
        let mut interests = ty("Interests", AttributeKind::Text);
        interests.values = vec!["Handbags".into(), "Shoes".into(), "Bags".into()];
        let mut money = ty("Money", AttributeKind::Currency);
        money.unit = Some("USD".into());
        vec![
            cand("PreferredCategory", interests, true),
            cand("AnnualSpend", money, true),
            cand("Birthday", ty("Date", AttributeKind::Datetime), true),
            cand("Visits", ty("Count", AttributeKind::Integer), true),
            cand("Vip", ty("Flag", AttributeKind::Boolean), true),
            cand("Notes", ty("Free", AttributeKind::Text), false),
        ]
    }

    fn read(text: &str) -> Result<Filter, Invalid> {
        let cs = all();
        let (name, _, _) = split("filter", text)?;
        let c = attribute("filter", &name, &cs)?;
        parse("filter", text, c)
    }

    #[test]
    fn values_are_read_by_their_attributes_type() {
        let f = read("birthday=1990-03-10").unwrap();
        assert_eq!(f.attribute, "Birthday");
        assert_eq!(f.test, Test::AnyOf(vec![Typed::Date("1990-03-10".into())]));
        // A stored datetime compares by its date.
        let f = read("Birthday=1990-03-10T00:00:00Z").unwrap();
        assert_eq!(f.test, Test::AnyOf(vec![Typed::Date("1990-03-10".into())]));
        // 2400.00 is 2400; a unit may follow.
        assert_eq!(
            read("AnnualSpend=2400.00").unwrap().test,
            Test::AnyOf(vec![Typed::Number(2400.0)])
        );
        assert_eq!(
            read("AnnualSpend>=1000 usd").unwrap().test,
            Test::Compare(Cmp::Ge, Typed::Number(1000.0))
        );
        // A comma separates values, never thousands.
        assert_eq!(
            read("AnnualSpend=1,000").unwrap().test,
            Test::AnyOf(vec![Typed::Number(1.0), Typed::Number(0.0)])
        );
        assert!(read("AnnualSpend>=1,000").is_err());
        assert_eq!(
            read("Vip=yes").unwrap().test,
            Test::AnyOf(vec![Typed::Bool(true)])
        );
        // A fixed list's value in its listed spelling; several are any of them.
        assert_eq!(
            read("PreferredCategory=shoes,BAGS").unwrap().test,
            Test::AnyOf(vec![
                Typed::Text("Shoes".into()),
                Typed::Text("Bags".into())
            ])
        );
    }

    #[test]
    fn operators_and_ranges() {
        assert_eq!(
            read("Visits<3").unwrap().test,
            Test::Compare(Cmp::Lt, Typed::Number(3.0))
        );
        assert_eq!(
            read("Visits!=0").unwrap().test,
            Test::NoneOf(vec![Typed::Number(0.0)])
        );
        assert_eq!(
            read("Birthday=1990-01-01..1990-12-31").unwrap().test,
            Test::Between(
                Some(Typed::Date("1990-01-01".into())),
                Some(Typed::Date("1990-12-31".into()))
            )
        );
        assert_eq!(
            read("AnnualSpend=1000..").unwrap().test,
            Test::Between(Some(Typed::Number(1000.0)), None)
        );
    }

    #[test]
    fn what_a_type_cannot_hold_is_refused_naming_what_is_allowed() {
        let e = read("PreferredCategory=Hats").unwrap_err();
        assert_eq!(e.field, "filter");
        assert!(e.reason.contains("Handbags, Shoes, Bags"), "{}", e.reason);
        let e = read("Birthday=March").unwrap_err();
        assert!(e.reason.contains("compares dates"), "{}", e.reason);
        let e = read("AnnualSpend=lots").unwrap_err();
        assert!(
            e.reason.contains("compares numbers, as 2400 or 2400 USD"),
            "{}",
            e.reason
        );
        let e = read("Visits=2.5").unwrap_err();
        assert!(e.reason.contains("whole numbers"), "{}", e.reason);
        let e = read("PreferredCategory>=Shoes").unwrap_err();
        assert!(
            e.reason.contains("compares only with = and !="),
            "{}",
            e.reason
        );
        let e = read("Visits=9..3").unwrap_err();
        assert!(e.reason.contains("ends before it starts"), "{}", e.reason);
        let e = read("Visits=..").unwrap_err();
        assert!(e.reason.contains("at least one end"), "{}", e.reason);
        let e = read("Visits").unwrap_err();
        assert!(e.reason.contains("expected NAME=VALUE"), "{}", e.reason);
    }

    #[test]
    fn an_unknown_attribute_is_not_found_with_a_suggestion_and_a_non_refinable_one_says_so() {
        let e = read("Birthdy=1990-03-10").unwrap_err();
        assert_eq!(e.kind, Refusal::NotFound);
        assert!(format!("{:?}", e.hints).contains("did you mean Birthday?"));
        let e = read("Notes=x").unwrap_err();
        assert_eq!(e.kind, Refusal::Invalid);
        assert!(e.reason.contains("is not refinable"), "{}", e.reason);
    }

    #[test]
    fn upcoming_dates_wrap_the_year_and_29_february_comes_on_the_28th_without_one() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Across the year's end, soonest first.
        let days = upcoming_days(d(2026, 12, 30), 4);
        assert_eq!(
            days,
            vec![
                vec!["12-30".to_string()],
                vec!["12-31".to_string()],
                vec!["01-01".to_string()],
                vec!["01-02".to_string()]
            ]
        );
        // 2027 has no 29 February: those birthdays come on the 28th.
        let days = upcoming_days(d(2027, 2, 27), 3);
        assert_eq!(days[1], vec!["02-28".to_string(), "02-29".to_string()]);
        assert_eq!(days[2], vec!["03-01".to_string()]);
        // 2028 has one.
        let days = upcoming_days(d(2028, 2, 28), 2);
        assert_eq!(
            days,
            vec![vec!["02-28".to_string()], vec!["02-29".to_string()]]
        );
        assert_eq!(days_until(d(2027, 2, 27), "1992-02-29T00:00:00Z"), Some(1));
        assert_eq!(days_until(d(2026, 12, 30), "1990-01-02"), Some(3));
        assert_eq!(days_until(d(2028, 2, 27), "1992-02-29"), Some(2));
        assert_eq!(days_until(d(2026, 3, 1), "1992-02-29"), Some(364));
        assert_eq!(days_until(d(2026, 5, 1), "1970-05-01T00:00:00Z"), Some(0));
        let cs = all();
        let u = parse_upcoming("upcoming", "birthday:30d", &cs).unwrap();
        assert_eq!((u.attribute.as_str(), u.days), ("Birthday", 30));
        let e = parse_upcoming("upcoming", "Visits:30d", &cs).unwrap_err();
        assert!(
            e.reason.contains("need a datetime attribute"),
            "{}",
            e.reason
        );
        let e = parse_upcoming("upcoming", "Birthday:400d", &cs).unwrap_err();
        assert!(e.reason.contains("1 to 366"), "{}", e.reason);
    }
}
