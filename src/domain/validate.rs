//! Validation of the values a user types: identifiers, ISO codes, time zones, language tags.
//!
//! Each function takes the name of the field as the user wrote it (a flag such as
//! `--currency`, or a key in a file) so that the error names it, and returns the value in its
//! stored form (for example a country as ISO 3166 alpha-2, upper case).

use super::fix::{Cmd, Hint};
use std::fmt;
use std::str::FromStr;

/// What kind of refusal a rule makes; each face says it its way (the command line: an exit
/// code).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Refusal {
    /// The value or the change breaks a rule.
    #[default]
    Invalid,
    /// Something named does not exist.
    NotFound,
    /// It exists already, is still in use, or a one-per rule.
    Conflict,
    /// The request is incomplete or contradicts itself.
    Usage,
}

/// A refusal of the domain: a value that failed validation (the field, the value, why), or a
/// rule that refused a change, with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub kind: Refusal,
    pub field: String,
    pub value: String,
    pub reason: String,
    /// The reason is the whole message (it names the field as [`super::fix::FIELD`] itself).
    pub whole: bool,
    pub hints: Vec<super::Hint>,
    /// A list under the message (each reason something cannot be done).
    pub details: Box<[super::Hint]>,
}

impl Invalid {
    pub fn new(field: &str, value: &str, reason: impl Into<String>) -> Self {
        Invalid {
            kind: Refusal::Invalid,
            field: field.to_string(),
            value: value.to_string(),
            reason: reason.into(),
            whole: false,
            hints: Vec::new(),
            details: Box::default(),
        }
    }
    /// A rule that refused something, rather than one value: the reason is the whole message.
    pub fn rule(reason: impl Into<String>) -> Self {
        Invalid::new("", "", reason)
    }
    /// A refusal of this kind whose message is `message`, about `field` (said in the message
    /// as [`super::fix::FIELD`] when it is a field's name).
    pub fn refusal(kind: Refusal, field: &str, message: impl Into<String>) -> Self {
        Invalid {
            kind,
            whole: true,
            ..Invalid::new(field, "", message)
        }
    }
    /// The same refusal, of another kind.
    pub fn of_kind(mut self, kind: Refusal) -> Self {
        self.kind = kind;
        self
    }

    pub fn hint(mut self, hint: impl Into<super::Hint>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.whole {
            return f.write_str(&self.reason);
        }
        if self.field.is_empty() {
            return f.write_str(&self.reason);
        }
        if self.value.is_empty() {
            // Nothing was given (for example the last address book was removed).
            return write!(f, "{}: {}", self.field, self.reason);
        }
        write!(
            f,
            "invalid value {:?} for {}: {}",
            self.value, self.field, self.reason
        )
    }
}

impl std::error::Error for Invalid {}

/// A store number: 1 to 10 letters or digits (DOMAIN.md 1).
pub fn store_number(field: &str, value: &str) -> Result<String, Invalid> {
    alphanumeric(field, value, 10, "a store number")
}

/// A legal entity id: 1 to 4 letters or digits (DOMAIN.md 1).
pub fn legal_entity_id(field: &str, value: &str) -> Result<String, Invalid> {
    alphanumeric(field, value, 4, "a legal entity id")
}

fn alphanumeric(field: &str, value: &str, max: usize, what: &str) -> Result<String, Invalid> {
    let len = value.chars().count();
    if len == 0 || len > max || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Invalid::new(
            field,
            value,
            format!("{what} is 1 to {max} letters or digits"),
        )
        .hint(format!("use letters A-Z and digits only, at most {max}")));
    }
    Ok(value.to_string())
}

/// The longest id we accept for address books, channel databases and their groups.
pub const MAX_ID_LEN: usize = 30;

/// An id such as an address book or channel database: 1 to 30 characters, letters, digits,
/// `-`, `_` and `.`, starting with a letter or digit. (Our choice: HQ allows more, but ids are
/// typed on command lines and in files, where spaces and punctuation only cause quoting bugs.)
pub fn id(field: &str, value: &str) -> Result<String, Invalid> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let len = value.chars().count();
    let starts_ok = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if len == 0 || len > MAX_ID_LEN || !starts_ok || !value.chars().all(ok_char) {
        return Err(Invalid::new(
            field,
            value,
            format!(
                "an id is 1 to {MAX_ID_LEN} letters, digits, '-', '_' or '.', starting with a letter or digit"
            ),
        ));
    }
    Ok(value.to_string())
}

/// A name or description shown to people: not blank, at most 100 characters, one line.
pub fn name(field: &str, value: &str) -> Result<String, Invalid> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Invalid::new(field, value, "it must not be empty"));
    }
    text(field, trimmed, 100)
}

/// Free text on one line, at most `max` characters (may be empty): no control character, no
/// character that reorders or hides text, and nothing shaped like a secret.
pub fn text(field: &str, value: &str, max: usize) -> Result<String, Invalid> {
    if value.chars().count() > max {
        return Err(Invalid::new(
            field,
            value,
            format!("it is longer than {max} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Invalid::new(
            field,
            value,
            "it contains a control character (such as a line break)",
        ));
    }
    if let Some(c) = value.chars().find(|c| is_hiding(*c)) {
        return Err(Invalid::new(
            field,
            value,
            format!(
                "it contains {}, which reorders or hides text where it is shown",
                escaped(c)
            ),
        ));
    }
    no_secret(field, value)?;
    Ok(value.trim().to_string())
}

/// Characters that make text show other than it is: bidi embeddings, overrides and isolates,
/// and invisible ones (zero-width space, word joiner, byte order mark). The joiners that
/// scripts and emoji need (U+200C, U+200D) are not among them.
pub fn is_hiding(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{2060}' | '\u{feff}')
}

/// `\u{202e}` for a character that must be shown escaped.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:04x}}}", c as u32)
}

/// Text as it may be shown on a terminal or in a log line: control, bidi and invisible
/// characters escaped (`\u{1b}`), everything else as it is.
pub fn visible(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() || is_hiding(c)) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() || is_hiding(c) {
                escaped(c)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Refuses a value shaped like a secret: a URL with a user and password in it
/// (`https://admin:pw@host/`), or a parameter such as `sig=`, `password=` or `token=` (a signed
/// URL, a connection string). The error does not repeat the value. hq keeps references to
/// secrets (Key Vault), never secrets.
pub fn no_secret(field: &str, value: &str) -> Result<(), Invalid> {
    // Most values (names, codes) hold neither shape: no need to look closer.
    if !value.contains('=') && !value.contains("://") {
        return Ok(());
    }
    let lower = value.to_ascii_lowercase();
    let credentials = lower.match_indices("://").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let authority = rest.split(['/', '?', '#', ' ']).next().unwrap_or("");
        authority.contains('@') && authority.split('@').next().is_some_and(|u| u.contains(':'))
    });
    const KEYS: [&str; 11] = [
        "sig=",
        "password=",
        "pwd=",
        "passwd=",
        "secret=",
        "client_secret=",
        "token=",
        "access_token=",
        "accountkey=",
        "sharedaccesskey=",
        "apikey=",
    ];
    let parameter = KEYS.iter().any(|k| {
        lower
            .match_indices(k)
            .any(|(i, _)| i == 0 || matches!(lower.as_bytes()[i - 1], b'?' | b'&' | b';' | b' '))
    });
    if credentials || parameter {
        return Err(Invalid::new(
            field,
            "",
            "it looks like it holds a secret (a password in a URL, a signature or key parameter); hq keeps references to secrets in Key Vault, never secrets, so it was not stored (nor repeated here)",
        )
        .hint(Hint::to(
            "give the value without the secret; keep secrets in Key Vault and name them with",
            Cmd::new("keyvault secret add")
                .ph("NAME")
                .set_ph("reference", "vault://VAULT/SECRET"),
        )));
    }
    Ok(())
}

/// An ISO 4217 currency code, stored in upper case.
pub fn currency(field: &str, value: &str) -> Result<String, Invalid> {
    let upper = value.trim().to_ascii_uppercase();
    match iso_currency::Currency::from_code(&upper) {
        Some(c) => Ok(c.code().to_string()),
        None => Err(
            Invalid::new(field, value, "it is not an ISO 4217 currency code")
                .hint("use a three-letter code such as USD, EUR or GBP"),
        ),
    }
}

/// An ISO 3166 country, alpha-2 or alpha-3 in any case, stored as alpha-2 upper case.
pub fn country(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let code = match v.len() {
        2 => isocountry::CountryCode::for_alpha2_caseless(v).ok(),
        3 => isocountry::CountryCode::for_alpha3_caseless(v).ok(),
        _ => None,
    };
    match code {
        Some(c) => Ok(c.alpha2().to_string()),
        None => Err(
            Invalid::new(field, value, "it is not an ISO 3166 country code")
                .hint("use a two- or three-letter code such as US, USA, GB or DEU"),
        ),
    }
}

/// An IANA time zone name such as `America/Chicago`, stored in its canonical spelling.
pub fn time_zone(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let found = chrono_tz::Tz::from_str(v).ok().or_else(|| {
        // Accept any case ("america/chicago"): people type zones from memory.
        chrono_tz::TZ_VARIANTS
            .iter()
            .copied()
            .find(|tz| tz.name().eq_ignore_ascii_case(v))
    });
    match found {
        Some(tz) => Ok(tz.name().to_string()),
        None => Err(Invalid::new(field, value, "it is not an IANA time zone")
            .hint("use a name from the tz database such as America/Chicago, Europe/London or UTC")),
    }
}

/// A BCP 47 language tag such as `en-US`, stored with the conventional case
/// (language lower, script title, region upper).
///
/// The primary language subtag must be an ISO 639 code of two or three letters: BCP 47 also
/// reserves five- to eight-letter subtags, but none is registered, and accepting them would let
/// `english` pass as a language.
pub fn language(field: &str, value: &str) -> Result<String, Invalid> {
    // The last tag read and its canonical form: an import gives the same few tags in every
    // row, and parsing one is a tenth of checking a customer.
    thread_local! {
        static LAST: std::cell::RefCell<(String, String)> = const {
            std::cell::RefCell::new((String::new(), String::new()))
        };
    }
    if let Some(known) = LAST.with_borrow(|(given, canonical)| {
        (!given.is_empty() && given == value).then(|| canonical.clone())
    }) {
        return Ok(known);
    }
    let canonical = language_tag(field, value)?;
    LAST.with_borrow_mut(|last| *last = (value.to_string(), canonical.clone()));
    Ok(canonical)
}

fn language_tag(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let bad = || {
        Invalid::new(field, value, "it is not a BCP 47 language tag")
            .hint("use a tag such as en-US, fr-CA or nl")
    };
    let tag = oxilangtag::LanguageTag::parse(v).map_err(|_| bad())?;
    let primary = tag.primary_language();
    if !(2..=3).contains(&primary.len()) {
        return Err(bad());
    }
    let canonical: Vec<String> = v
        .split('-')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part.to_ascii_lowercase()
            } else if part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()) {
                part.to_ascii_uppercase()
            } else if part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()) {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            } else {
                part.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(canonical.join("-"))
}

/// The known values closest to `value`, for "did you mean" hints: same text in another case,
/// a prefix, or an edit distance of at most two.
pub fn close_matches<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let v = value.to_ascii_lowercase();
    let mut scored: Vec<(usize, String)> = known
        .into_iter()
        .filter_map(|k| {
            let kl = k.to_ascii_lowercase();
            let d = edit_distance(&v, &kl);
            let prefix = !v.is_empty() && (kl.starts_with(&v) || v.starts_with(&kl));
            (d <= 2 || prefix).then(|| (d, k.to_string()))
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, k) in scored {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&k)) {
            out.push(k);
        }
    }
    out.truncate(3);
    out
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A date (`2026-12-01`, meaning its start in UTC) or an RFC 3339 time.
pub fn date_time(field: &str, value: &str) -> Result<chrono::DateTime<chrono::Utc>, Invalid> {
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .ok_or_else(|| {
            Invalid::new(field, value, "it is not a date")
                .hint("use YYYY-MM-DD, or an RFC 3339 time such as 2026-12-01T06:00:00Z")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_refused_without_repeating_them() {
        for v in [
            "https://admin:Secr3t@contoso-kv.vault.azure.net/",
            "https://store.example.com/x?sv=2024&sig=abc123",
            "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=xyz",
            "password=hunter2",
            "see https://x.example.com/?token=t",
        ] {
            let e = no_secret("url", v).unwrap_err();
            assert!(e.reason.contains("looks like it holds a secret"), "{v}");
            assert!(
                !e.to_string().contains("Secr3t") && !e.to_string().contains(v),
                "{e}"
            );
        }
        for v in [
            "https://contoso-kv.vault.azure.net/",
            "Passwords are never stored",
            "mail admin@contoso.com about the token",
            "design=classic",
        ] {
            assert!(no_secret("name", v).is_ok(), "{v}");
        }
        assert!(text("description", "Reset your password=now", 100).is_err());
    }

    #[test]
    fn text_refuses_characters_that_reorder_or_hide_it_and_shows_them_escaped() {
        for c in ['\u{202e}', '\u{200b}', '\u{feff}', '\u{2066}'] {
            let v = format!("Ada{c}Lovelace");
            let e = text("name", &v, 100).unwrap_err();
            assert!(e.reason.contains("reorders or hides"), "{c:?}");
            assert!(e.to_string().contains(&escaped(c)), "{e}");
        }
        assert!(text("name", "x\u{1b}[8m", 100).is_err());
        // The joiners scripts and emoji need stay.
        assert!(text("name", "\u{1f469}\u{200d}\u{1f4bb}", 100).is_ok());
        assert_eq!(
            visible("a\u{1b}[8m\nb\u{202e}"),
            "a\\u{001b}[8m\\u{000a}b\\u{202e}"
        );
        assert_eq!(visible("plain"), "plain");
    }

    #[test]
    fn store_numbers_are_one_to_ten_alphanumerics() {
        assert_eq!(store_number("number", "HOUSTON").unwrap(), "HOUSTON");
        assert!(store_number("number", "HOU STON!").is_err());
        assert!(store_number("number", "ABCDEFGHIJK").is_err());
        assert!(store_number("number", "").is_err());
        assert!(store_number("number", "ABCDEFGHIJ").is_ok());
    }

    #[test]
    fn legal_entity_ids_are_at_most_four() {
        assert!(legal_entity_id("ID", "USRT").is_ok());
        assert!(legal_entity_id("ID", "USRTX").is_err());
        assert!(legal_entity_id("ID", "U-1").is_err());
    }

    #[test]
    fn ids_allow_dashes_but_not_spaces() {
        assert!(id("ID", "HOUSTON-CUST").is_ok());
        assert!(id("ID", "-X").is_err());
        assert!(id("ID", "A B").is_err());
        assert!(id("ID", &"A".repeat(31)).is_err());
    }

    #[test]
    fn currency_is_iso_4217() {
        assert_eq!(currency("currency", "usd").unwrap(), "USD");
        let err = currency("currency", "USDX").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid value \"USDX\" for currency: it is not an ISO 4217 currency code"
        );
    }

    #[test]
    fn country_accepts_alpha2_and_alpha3_and_stores_alpha2() {
        assert_eq!(country("country", "US").unwrap(), "US");
        assert_eq!(country("country", "usa").unwrap(), "US");
        assert_eq!(country("country", "DEU").unwrap(), "DE");
        assert!(country("country", "ZZ").is_err());
        assert!(country("country", "U").is_err());
    }

    #[test]
    fn time_zone_is_iana() {
        assert_eq!(
            time_zone("time_zone", "America/Chicago").unwrap(),
            "America/Chicago"
        );
        assert_eq!(
            time_zone("time_zone", "america/chicago").unwrap(),
            "America/Chicago"
        );
        assert!(time_zone("time_zone", "Mars/Olympus").is_err());
    }

    #[test]
    fn language_is_bcp47_with_canonical_case() {
        assert_eq!(language("language", "en-us").unwrap(), "en-US");
        assert_eq!(language("language", "zh-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(language("language", "nl").unwrap(), "nl");
        assert!(language("language", "english!!").is_err());
        assert!(language("language", "english").is_err());
        // The last tag read is remembered by its exact text, never by a near one.
        assert_eq!(language("language", "en-us").unwrap(), "en-US");
        assert_eq!(language("language", "en-us").unwrap(), "en-US");
        assert_eq!(language("language", "EN-us").unwrap(), "en-US");
        assert_eq!(language("language", "fr-ca").unwrap(), "fr-CA");
        assert!(language("language", "en-us!").is_err());
        assert!(
            language("other", "english")
                .unwrap_err()
                .to_string()
                .contains("other")
        );
    }

    #[test]
    fn names_are_trimmed_and_not_blank() {
        assert_eq!(name("name", "  Houston ").unwrap(), "Houston");
        assert!(name("name", "   ").is_err());
        assert!(name("name", "a\nb").is_err());
    }

    #[test]
    fn close_matches_suggest_typos_and_prefixes() {
        let known = ["HOUSTON", "SEATTLE", "SANFRAN"];
        assert_eq!(close_matches("HOUSTN", known), vec!["HOUSTON"]);
        assert_eq!(close_matches("sea", known), vec!["SEATTLE"]);
        assert!(close_matches("BOSTON1", ["ZZZZZZZ"]).is_empty());
    }
}
