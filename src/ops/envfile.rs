//! Reading an environment file (docs/environment-file.md) with errors that point at
//! file:line:column, name the key, and suggest the known key a typo is close to.

use crate::domain::envfile::EnvFile;
use crate::domain::validate::close_matches;
use crate::error::{ErrorKind, HqError, Result};

/// Line and column (1-based) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Parses environment-file text; `name` is what errors call the file.
pub fn parse(name: &str, text: &str) -> Result<EnvFile> {
    toml::from_str::<EnvFile>(text).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                format!("{name}:{line}:{col}")
            }
            None => name.to_string(),
        };
        let message = e.message().trim().to_string();
        let mut err = HqError::invalid(format!("{place}: {message}"));
        // serde: "unknown field `curency`, expected one of `id`, `name`, ..."
        if let Some(rest) = message.strip_prefix("unknown field `")
            && let Some((field, tail)) = rest.split_once('`')
        {
            let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
            let close = close_matches(field, known.iter().copied());
            if !close.is_empty() {
                err = err.hinted(format!("did you mean `{}`?", close.join("` or `")));
            }
        }
        err.hinted("the keys are documented in docs/environment-file.md")
    })
}

/// Reads and parses an environment file.
pub fn read(path: &std::path::Path) -> Result<EnvFile> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    })?;
    parse(&name, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_line_and_column_and_suggest_close_keys() {
        let text = "version = \"10.0.40\"\n\n[[legal_entities]]\nid = \"USRT\"\nname = \"x\"\ncountry = \"US\"\nlanguage = \"en-US\"\ncountr = \"US\"\n";
        let e = parse("env.toml", text).unwrap_err();
        assert!(
            e.message
                .starts_with("env.toml:8:1: unknown field `countr`"),
            "{}",
            e.message
        );
        assert!(
            e.hints
                .iter()
                .any(|h| h.contains("did you mean `country`?")),
            "{:?}",
            e.hints
        );
        let e = parse("env.toml", "version = 10\n").unwrap_err();
        assert!(e.message.starts_with("env.toml:1:11:"), "{}", e.message);
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
