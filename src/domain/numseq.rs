//! Number sequences (DOMAIN.md 4): format, limits, and allocation.

use super::fix::{Cmd, FIELD, Hint, field};

use serde::{Deserialize, Serialize};

use super::model::{Check, Kind};
use super::validate::{Invalid, Refusal};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Shared,
    LegalEntity,
}

impl Scope {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Scope::Shared => "shared",
            Scope::LegalEntity => "legal-entity",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Scope> {
        match s {
            "shared" => Some(Scope::Shared),
            "legal-entity" => Some(Scope::LegalEntity),
            _ => None,
        }
    }
}

/// The references a number sequence can be assigned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Reference {
    /// Accounts receivable parameters: new customer accounts.
    CustomerAccount,
    /// Commerce parameters: *Client book identifier*.
    ClientBookId,
}

impl Reference {
    pub(crate) const ALL: [Reference; 2] = [Reference::CustomerAccount, Reference::ClientBookId];
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Reference::CustomerAccount => "customer_account",
            Reference::ClientBookId => "client_book_id",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Reference> {
        Reference::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl super::record::FieldValue for Scope {
    fn to_value(&self) -> super::record::Value {
        super::record::Value::Text(Some(self.as_str().to_string()))
    }
    /// Checked before (the field's choices), so anything else is the default.
    fn from_value(v: super::record::Value) -> Self {
        v.text().and_then(Scope::parse).unwrap_or_default()
    }
}

super::record::from_file_via_serde!(Scope);

super::record::record! {
    /// A number sequence: where customer accounts and client book ids come from.
    pub struct NumberSequence {
        code: String = "Number sequence", Kind::Key, required(), check(Check::Id),
            help("The sequence code");
        name: String = "Name", Kind::Text, defaulted(), check(Check::Name),
            help("A name for people [default: the code]");
        scope: Scope = "Scope", Kind::Choice(&["shared", "legal-entity"]), defaulted(), fixed(),
            help("shared, or legal-entity (one legal entity's) [default: legal-entity when \
                  a legal entity is given, else shared]");
        legal_entity: Option<String> = "Legal entity", Kind::Reference("legal_entities"),
            fixed(), help("The legal entity, for scope legal-entity");
        format: String = "Format", Kind::Text, required(), fixed(),
            help("Constant text and # digit placeholders, e.g. CB-#####");
        smallest: u64 = "Smallest", Kind::Count, defaulted(),
            help("The smallest number [default: 1]");
        largest: u64 = "Largest", Kind::Count, defaulted(),
            help("The largest number (it must fit the format, and not be below numbers \
                  handed out) [default: all the format's digits hold]");
        /// The next number to hand out; `largest + 1` once the sequence is used up.
        next: u64 = "Next", Kind::Count, defaulted(),
            help("The next number to hand out (never at or below a number in use unless \
                  forced) [default: smallest]");
        manual: bool = "Manual", Kind::Bool,
            help("Numbers are typed in by people, never allocated");
        continuous: bool = "Continuous", Kind::Bool, help("No gaps: a number is never skipped");
        stopped: bool = "Stopped", Kind::Bool, not_on_add(), help("Allocation is stopped");
    }
}

/// The count of `#` placeholders in a format, or an error when there are none.
pub(crate) fn digits(format: &str) -> Result<u32, Invalid> {
    let n = format.chars().filter(|c| *c == '#').count() as u32;
    if n == 0 {
        return Err(Invalid::new(
            "format",
            format,
            "a format needs at least one # digit placeholder",
        )
        .hint("for example CB-##### gives CB-00001"));
    }
    if n > 18 {
        return Err(Invalid::new(
            "format",
            format,
            "a format has at most 18 # digit placeholders",
        ));
    }
    if format.chars().any(char::is_control) || format.chars().count() > 40 {
        return Err(Invalid::new(
            "format",
            format,
            "a format is at most 40 characters on one line",
        ));
    }
    Ok(n)
}

/// The largest number a format can show.
pub(crate) fn capacity(digits: u32) -> u64 {
    10u64.pow(digits) - 1
}

/// Formats `n` into the `#` placeholders, zero-padded: `CB-#####` and 1 give `CB-00001`.
pub(crate) fn format_number(format: &str, n: u64) -> String {
    let d = format.chars().filter(|c| *c == '#').count();
    let text = format!("{n:0d$}");
    let mut digits = text.chars();
    format
        .chars()
        .map(|c| {
            if c == '#' {
                digits.next().unwrap_or('0')
            } else {
                c
            }
        })
        .collect()
}

/// The number a value of `format` shows, or `None` when the value is not of that format (the
/// inverse of [`format_number`]; constant text compares without case, as ids do).
pub(crate) fn parse_number(format: &str, value: &str) -> Option<u64> {
    let (f, v): (Vec<char>, Vec<char>) = (format.chars().collect(), value.chars().collect());
    if f.len() != v.len() {
        return None;
    }
    let mut n: u64 = 0;
    for (fc, vc) in f.iter().zip(&v) {
        if *fc == '#' {
            n = n.checked_mul(10)?.checked_add(vc.to_digit(10)? as u64)?;
        } else if !fc.eq_ignore_ascii_case(vc) {
            return None;
        }
    }
    Some(n)
}

impl NumberSequence {
    /// The smallest and largest value the format can show (`CB-00000`, `CB-99999`): every value
    /// of the format sorts between them, and among them text order is number order.
    pub(crate) fn value_range(&self) -> (String, String) {
        let cap = capacity(digits(&self.format).unwrap_or(1));
        (
            format_number(&self.format, 0),
            format_number(&self.format, cap),
        )
    }

    /// How many numbers it can still hand out (`next` to `largest`).
    pub(crate) fn remaining(&self) -> u64 {
        (self.largest + 1).saturating_sub(self.next)
    }

    /// Whether moving `next` to `next` would hand out again a number already in use, the
    /// highest of which is `highest_in_use`: then the reason, for a refusal.
    pub(crate) fn rewinds_past(&self, next: u64, highest_in_use: Option<u64>) -> Option<String> {
        let highest = highest_in_use?;
        (next <= highest).then(|| {
            format!(
                "next {next} would hand out again numbers of sequence {} that are in use, up to \
                 {highest}",
                self.code
            )
        })
    }

    /// Checks the limits against each other and the format (exit 3 naming the flag).
    pub(crate) fn check(&self) -> Result<(), Invalid> {
        let d = digits(&self.format)?;
        let cap = capacity(d);
        if self.largest > cap {
            return Err(Invalid::new(
                "largest",
                &self.largest.to_string(),
                format!(
                    "it does not fit the {d} digits of format {} (at most {cap})",
                    self.format
                ),
            )
            .hint(format!(
                "lower {}, or add # placeholders to {}",
                field("largest"),
                field("format")
            )));
        }
        if self.smallest > self.largest {
            return Err(Invalid::new(
                "smallest",
                &self.smallest.to_string(),
                format!("it is larger than {} ({})", field("largest"), self.largest),
            ));
        }
        if self.next < self.smallest || self.next > self.largest.saturating_add(1) {
            return Err(Invalid::new(
                "next",
                &self.next.to_string(),
                format!(
                    "it must be within {}..={} (smallest to largest)",
                    self.smallest, self.largest
                ),
            ));
        }
        match (self.scope, &self.legal_entity) {
            (Scope::LegalEntity, None) => Err(Invalid::new(
                "legal_entity",
                "",
                "a sequence with scope legal-entity needs its legal entity",
            )
            .hint(format!("give {FIELD} ID"))),
            (Scope::Shared, Some(le)) => Err(Invalid::new(
                "legal_entity",
                le,
                "a shared sequence belongs to no legal entity",
            )
            .hint(format!(
                "leave out {FIELD}, or use {} legal-entity",
                field("scope")
            ))),
            _ => Ok(()),
        }
    }

    /// The next value, formatted, and the sequence advanced past it; refused (never wrapping)
    /// when stopped, manual, or used up.
    pub(crate) fn allocate(&self) -> Result<(String, NumberSequence), Invalid> {
        if self.stopped {
            return Err(
                Invalid::rule(format!("number sequence {} is stopped", self.code)).hint(Hint::to(
                    "start it again with",
                    Cmd::new("numseq set")
                        .arg(&self.code)
                        .set("stopped", "false"),
                )),
            );
        }
        if self.manual {
            return Err(Invalid::rule(format!(
                "number sequence {} is manual: its numbers are typed in, not allocated",
                self.code
            ))
            .hint(Hint::to(
                "make it automatic with",
                Cmd::new("numseq set")
                    .arg(&self.code)
                    .set_eq("manual", "false"),
            )));
        }
        if self.next > self.largest {
            return Err(Invalid::rule(format!(
                "number sequence {} is used up: its largest number {} has been handed out",
                self.code, self.largest
            ))
            .hint(Hint::to(
                "raise it with",
                Cmd::new("numseq set")
                    .arg(&self.code)
                    .set_ph("largest", "N"),
            )));
        }
        let value = format_number(&self.format, self.next);
        let advanced = NumberSequence {
            next: self.next + 1,
            ..self.clone()
        };
        Ok((value, advanced))
    }
}

// ---- the rules of the use cases on number sequences, over loaded facts ----

impl NumberSequence {
    /// A `next` given by someone must be a number that can still be handed out.
    pub(crate) fn check_next_in_range(&self) -> Result<(), Invalid> {
        if self.next > self.largest {
            return Err(Invalid::new(
                "next",
                &self.next.to_string(),
                format!(
                    "it must be within {}..={} (smallest to largest)",
                    self.smallest, self.largest
                ),
            ));
        }
        Ok(())
    }

    /// A largest lowered below what was handed out is about `largest` (when `next` was not
    /// given too), before the checks of the whole.
    pub(crate) fn check_largest_lowered(&self, next_given: bool) -> Result<(), Invalid> {
        if !next_given && self.largest + 1 < self.next {
            return Err(Invalid::new(
                "largest",
                &self.largest.to_string(),
                format!(
                    "numbers up to {} have been handed out already",
                    self.next - 1
                ),
            ));
        }
        Ok(())
    }

    /// A sequence of one legal entity serves only that legal entity.
    pub(crate) fn check_serves(&self, legal_entity: &str) -> Result<(), Invalid> {
        if self.scope == Scope::LegalEntity
            && !self
                .legal_entity
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(legal_entity))
        {
            return Err(Invalid::rule(format!(
                "number sequence {} belongs to legal entity {}, so it cannot serve {legal_entity}",
                self.code,
                self.legal_entity.as_deref().unwrap_or("?")
            ))
            .hint("use a sequence of that legal entity, or a shared one"));
        }
        Ok(())
    }

    /// Moving `next` back to `why` numbers in use (the highest, `highest`, is `what` `value`),
    /// without `force`.
    pub(crate) fn rewind_refused(why: &str, what: &str, value: &str, highest: u64) -> Invalid {
        Invalid::refusal(Refusal::Conflict, "next", format!("{why} ({what} {value})")).hint(
            format!(
                "give {FIELD} {} or more, or {} to move it back anyway",
                highest + 1,
                field("force")
            ),
        )
    }

    /// The next number is in use already (`value`, for `reference`): move the sequence `past`
    /// every number in use.
    pub(crate) fn taken(&self, reference: Reference, value: &str, past: u64) -> Invalid {
        let what = match reference {
            Reference::CustomerAccount => "a customer has that account",
            Reference::ClientBookId => "a client book has that id",
        };
        Invalid::refusal(
            Refusal::Conflict,
            "",
            format!(
                "number sequence {} would hand out {value} for {}, but {what} already: the sequence is \
                 behind the numbers in use",
                self.code,
                reference.as_str()
            ),
        )
        .hint(Hint::to(
            "move it past them:",
            Cmd::new("numseq set")
                .arg(&self.code)
                .set("next", past.to_string()),
        ))
    }
}

impl Reference {
    /// A reference as typed (`customer-account` too).
    pub(crate) fn parse_given(text: &str) -> Result<Reference, Invalid> {
        Reference::parse(&text.trim().to_ascii_lowercase().replace('-', "_")).ok_or_else(|| {
            Invalid::new(
                "REFERENCE",
                text,
                format!(
                    "the references hq knows are {}",
                    Reference::ALL.map(|r| r.as_str()).join(", ")
                ),
            )
        })
    }

    /// Nothing is assigned to this reference in `legal_entity`.
    pub(crate) fn unassigned(self, legal_entity: &str) -> Invalid {
        Invalid::rule(format!(
            "no number sequence is assigned to {} in legal entity {legal_entity}",
            self.as_str()
        ))
        .hint(Hint::to(
            "assign one with",
            Cmd::new("numseq assign")
                .arg(self.as_str())
                .ph("CODE")
                .set("legal_entity", legal_entity),
        ))
    }
}

/// The legal entity an assignment is for when none is given: the only one there is.
pub(crate) fn only_legal_entity(all: &[String]) -> Result<String, Invalid> {
    match all {
        [only] => Ok(only.clone()),
        [] => Err(Invalid::refusal(
            Refusal::NotFound,
            "",
            "there is no legal entity to assign the reference in",
        )
        .hint(Hint::to("create one with", Cmd::new("legal-entity add")))),
        _ => Err(Invalid::refusal(
            Refusal::Usage,
            "legal_entity",
            format!("missing {FIELD}: references are per legal entity, and there are several"),
        )
        .hint(format!("give {FIELD} ID"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The refusals of the number sequence use cases, one row each: the field, the kind and
    /// words it must say.
    #[test]
    fn the_number_sequence_use_cases_refusals_are_the_domains() {
        let mut usrt = seq("C-###", 5, 999);
        usrt.scope = Scope::LegalEntity;
        usrt.legal_entity = Some("USRT".into());
        let cases: Vec<(Result<(), Invalid>, &str, Refusal, &str)> = vec![
            (
                seq("C-###", 1000, 999).check_next_in_range(),
                "next",
                Refusal::Invalid,
                "within 1..=999",
            ),
            (
                seq("C-###", 50, 10).check_largest_lowered(false),
                "largest",
                Refusal::Invalid,
                "up to 49",
            ),
            (
                usrt.check_serves("DEMF"),
                "",
                Refusal::Invalid,
                "cannot serve DEMF",
            ),
            (
                Err(NumberSequence::rewind_refused(
                    "it rewinds",
                    "account",
                    "100007",
                    100007,
                )),
                "next",
                Refusal::Conflict,
                "it rewinds (account 100007)",
            ),
            (
                Err(usrt.taken(Reference::CustomerAccount, "C-005", 12)),
                "",
                Refusal::Conflict,
                "a customer has that account",
            ),
            (
                Reference::parse_given("invoice").map(|_| ()),
                "REFERENCE",
                Refusal::Invalid,
                "customer_account",
            ),
            (
                Err(Reference::ClientBookId.unassigned("USRT")),
                "",
                Refusal::Invalid,
                "client_book_id in legal entity USRT",
            ),
            (
                only_legal_entity(&[]).map(|_| ()),
                "",
                Refusal::NotFound,
                "no legal entity",
            ),
            (
                only_legal_entity(&["USRT".into(), "DEMF".into()]).map(|_| ()),
                "legal_entity",
                Refusal::Usage,
                "there are several",
            ),
        ];
        for (i, (got, field, kind, says)) in cases.into_iter().enumerate() {
            let e = got.expect_err(&format!("case {i} is refused"));
            assert_eq!((e.field.as_str(), e.kind), (field, kind), "case {i}: {e}");
            assert!(e.to_string().contains(says), "case {i}: {e}");
        }
        assert!(usrt.check_serves("usrt").is_ok());
        assert!(seq("C-###", 50, 10).check_largest_lowered(true).is_ok());
        assert_eq!(
            Reference::parse_given("customer-account"),
            Ok(Reference::CustomerAccount)
        );
        assert_eq!(only_legal_entity(&["USRT".into()]), Ok("USRT".into()));
        let hint = &usrt.taken(Reference::CustomerAccount, "C-005", 12).hints[0];
        assert!(hint.commands().next().unwrap().sets("next"));
    }

    fn seq(format: &str, next: u64, largest: u64) -> NumberSequence {
        NumberSequence {
            code: "S".into(),
            name: "S".into(),
            scope: Scope::Shared,
            legal_entity: None,
            format: format.into(),
            smallest: 1,
            largest,
            next,
            manual: false,
            continuous: false,
            stopped: false,
        }
    }

    #[test]
    fn formats_pad_with_zeros_into_the_placeholders() {
        assert_eq!(format_number("CB-#####", 1), "CB-00001");
        assert_eq!(format_number("######", 100001), "100001");
        assert_eq!(format_number("A##-##", 123), "A01-23");
    }

    #[test]
    fn values_parse_back_to_their_numbers_by_format() {
        assert_eq!(parse_number("CB-#####", "CB-00042"), Some(42));
        assert_eq!(parse_number("CB-#####", "cb-00042"), Some(42));
        assert_eq!(parse_number("######", "100007"), Some(100007));
        assert_eq!(parse_number("A##-##", "A01-23"), Some(123));
        assert_eq!(parse_number("CB-#####", "CB-0042"), None, "too short");
        assert_eq!(parse_number("######", "1000071"), None, "too long");
        assert_eq!(parse_number("CB-#####", "XB-00042"), None, "other text");
        assert_eq!(parse_number("######", "10000A"), None, "not a digit");
        for n in [0, 1, 99_999] {
            assert_eq!(
                parse_number("CB-#####", &format_number("CB-#####", n)),
                Some(n)
            );
        }
    }

    #[test]
    fn remaining_counts_next_to_largest() {
        assert_eq!(seq("##", 1, 99).remaining(), 99);
        assert_eq!(seq("##", 99, 99).remaining(), 1);
        assert_eq!(seq("##", 100, 99).remaining(), 0);
    }

    #[test]
    fn next_at_or_below_a_number_in_use_rewinds() {
        let s = seq("######", 100008, 999_999);
        let why = s.rewinds_past(100006, Some(100007)).unwrap();
        assert!(why.contains("in use, up to 100007"), "{why}");
        assert!(s.rewinds_past(100007, Some(100007)).is_some());
        assert!(s.rewinds_past(100008, Some(100007)).is_none());
        assert!(s.rewinds_past(1, None).is_none());
        assert_eq!(
            seq("CB-#####", 1, 99_999).value_range(),
            ("CB-00000".to_string(), "CB-99999".to_string())
        );
    }

    #[test]
    fn a_format_needs_a_placeholder() {
        assert!(digits("CB-").is_err());
        assert_eq!(digits("CB-#####").unwrap(), 5);
    }

    #[test]
    fn largest_must_fit_the_digits() {
        let err = seq("CB-#####", 1, 1_000_000).check().unwrap_err();
        assert_eq!(err.field, "largest");
        assert!(seq("CB-#####", 1, 99_999).check().is_ok());
    }

    #[test]
    fn next_must_be_within_the_limits() {
        assert!(seq("#####", 0, 99).check().is_err());
        assert!(seq("#####", 101, 99).check().is_err());
    }

    #[test]
    fn allocation_advances_by_one_and_never_wraps() {
        let s = seq("CB-#", 8, 9);
        let (a, s) = s.allocate().unwrap();
        assert_eq!(a, "CB-8");
        let (b, s) = s.allocate().unwrap();
        assert_eq!(b, "CB-9");
        let err = s.allocate().unwrap_err();
        assert!(err.reason.contains("used up"));
    }

    #[test]
    fn stopped_and_manual_sequences_refuse_allocation() {
        let mut s = seq("#", 1, 9);
        s.stopped = true;
        assert!(s.allocate().unwrap_err().reason.contains("stopped"));
        s.stopped = false;
        s.manual = true;
        assert!(s.allocate().unwrap_err().reason.contains("manual"));
    }

    #[test]
    fn scope_and_legal_entity_agree() {
        let mut s = seq("#", 1, 9);
        s.legal_entity = Some("USRT".into());
        assert!(s.check().is_err());
        s.scope = Scope::LegalEntity;
        assert!(s.check().is_ok());
        s.legal_entity = None;
        assert!(s.check().is_err());
    }
}
