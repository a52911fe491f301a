//! Number sequences (DOMAIN.md 4): format, limits, and allocation.

use serde::{Deserialize, Serialize};

use super::validate::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Shared,
    LegalEntity,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Shared => "shared",
            Scope::LegalEntity => "legal-entity",
        }
    }
    pub fn parse(s: &str) -> Option<Scope> {
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
pub enum Reference {
    /// Accounts receivable parameters: new customer accounts.
    CustomerAccount,
    /// Commerce parameters: *Client book identifier*.
    ClientBookId,
}

impl Reference {
    pub const ALL: [Reference; 2] = [Reference::CustomerAccount, Reference::ClientBookId];
    pub fn as_str(self) -> &'static str {
        match self {
            Reference::CustomerAccount => "customer_account",
            Reference::ClientBookId => "client_book_id",
        }
    }
    pub fn parse(s: &str) -> Option<Reference> {
        Reference::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberSequence {
    pub code: String,
    pub name: String,
    pub scope: Scope,
    pub legal_entity: Option<String>,
    pub format: String,
    pub smallest: u64,
    pub largest: u64,
    /// The next number to hand out; `largest + 1` once the sequence is used up.
    pub next: u64,
    pub manual: bool,
    pub continuous: bool,
    pub stopped: bool,
}

/// The count of `#` placeholders in a format, or an error when there are none.
pub fn digits(format: &str) -> Result<u32, Invalid> {
    let n = format.chars().filter(|c| *c == '#').count() as u32;
    if n == 0 {
        return Err(Invalid::new(
            "--format",
            format,
            "a format needs at least one # digit placeholder",
        )
        .hint("for example CB-##### gives CB-00001"));
    }
    if n > 18 {
        return Err(Invalid::new(
            "--format",
            format,
            "a format has at most 18 # digit placeholders",
        ));
    }
    if format.chars().any(char::is_control) || format.chars().count() > 40 {
        return Err(Invalid::new(
            "--format",
            format,
            "a format is at most 40 characters on one line",
        ));
    }
    Ok(n)
}

/// The largest number a format can show.
pub fn capacity(digits: u32) -> u64 {
    10u64.pow(digits) - 1
}

/// Formats `n` into the `#` placeholders, zero-padded: `CB-#####` and 1 give `CB-00001`.
pub fn format_number(format: &str, n: u64) -> String {
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

impl NumberSequence {
    /// Checks the limits against each other and the format (exit 3 naming the flag).
    pub fn check(&self) -> Result<(), Invalid> {
        let d = digits(&self.format)?;
        let cap = capacity(d);
        if self.largest > cap {
            return Err(Invalid::new(
                "--largest",
                &self.largest.to_string(),
                format!(
                    "it does not fit the {d} digits of format {} (at most {cap})",
                    self.format
                ),
            )
            .hint("lower --largest, or add # placeholders to --format"));
        }
        if self.smallest > self.largest {
            return Err(Invalid::new(
                "--smallest",
                &self.smallest.to_string(),
                format!("it is larger than --largest ({})", self.largest),
            ));
        }
        if self.next < self.smallest || self.next > self.largest.saturating_add(1) {
            return Err(Invalid::new(
                "--next",
                &self.next.to_string(),
                format!(
                    "it must be within {}..={} (smallest to largest)",
                    self.smallest, self.largest
                ),
            ));
        }
        match (self.scope, &self.legal_entity) {
            (Scope::LegalEntity, None) => Err(Invalid::new(
                "--legal-entity",
                "",
                "a sequence with scope legal-entity needs its legal entity",
            )
            .hint("give --legal-entity ID")),
            (Scope::Shared, Some(le)) => Err(Invalid::new(
                "--legal-entity",
                le,
                "a shared sequence belongs to no legal entity",
            )
            .hint("leave out --legal-entity, or use --scope legal-entity")),
            _ => Ok(()),
        }
    }

    /// The next value, formatted, and the sequence advanced past it; refused (never wrapping)
    /// when stopped, manual, or used up.
    pub fn allocate(&self) -> Result<(String, NumberSequence), Invalid> {
        if self.stopped {
            return Err(
                Invalid::rule(format!("number sequence {} is stopped", self.code)).hint(format!(
                    "start it again with `hq numseq set {} --no-stopped`",
                    self.code
                )),
            );
        }
        if self.manual {
            return Err(Invalid::rule(format!(
                "number sequence {} is manual: its numbers are typed in, not allocated",
                self.code
            ))
            .hint(format!(
                "make it automatic with `hq numseq set {} --manual=false`",
                self.code
            )));
        }
        if self.next > self.largest {
            return Err(Invalid::rule(format!(
                "number sequence {} is used up: its largest number {} has been handed out",
                self.code, self.largest
            ))
            .hint(format!(
                "raise it with `hq numseq set {} --largest N`",
                self.code
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_format_needs_a_placeholder() {
        assert!(digits("CB-").is_err());
        assert_eq!(digits("CB-#####").unwrap(), 5);
    }

    #[test]
    fn largest_must_fit_the_digits() {
        let err = seq("CB-#####", 1, 1_000_000).check().unwrap_err();
        assert_eq!(err.field, "--largest");
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
