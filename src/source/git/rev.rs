//! Revisions as a user (or a GitHub event) gives them, checked before git ever sees them. git
//! reads an argument that starts with `-` as an option wherever it appears, so a revision such
//! as `--upload-pack=CMD` passed to `git fetch` would run CMD: no revision may start with `-`.
//! Every command also puts `--end-of-options` before revisions, and once resolved, only full
//! hex object ids reach git.

use std::fmt;

/// A revision that is safe to hand to git (`main`, `HEAD~2`, `v1.0`, a commit id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rev(String);

impl Rev {
    /// Check `text`; the error says why it is not a revision.
    pub fn parse(text: &str) -> Result<Rev, String> {
        if text.is_empty() {
            return Err("an empty revision".into());
        }
        if text.starts_with('-') {
            return Err(format!(
                "`{text}` is not a revision: it starts with `-`, which git would take for an option"
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(format!(
                "`{}` is not a revision: it contains a control character",
                text.escape_debug()
            ));
        }
        Ok(Rev(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `A..B` → the two revisions; the error says what was expected.
pub fn parse_range(text: &str) -> Result<(Rev, Rev), String> {
    let expected = || format!("expected A..B, got `{text}`");
    let (base, head) = text.split_once("..").ok_or_else(expected)?;
    if base.is_empty() || head.is_empty() || head.starts_with('.') {
        return Err(expected());
    }
    Ok((Rev::parse(base)?, Rev::parse(head)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_control_characters_are_not_revisions() {
        assert_eq!(Rev::parse("HEAD~2").unwrap().as_str(), "HEAD~2");
        assert_eq!(
            Rev::parse(":/fix the bug").unwrap().as_str(),
            ":/fix the bug"
        );
        assert_eq!(
            Rev::parse("--upload-pack=touch x").unwrap_err(),
            "`--upload-pack=touch x` is not a revision: it starts with `-`, which git would take for an option"
        );
        assert_eq!(
            Rev::parse("a\nb").unwrap_err(),
            "`a\\nb` is not a revision: it contains a control character"
        );
        assert!(Rev::parse("").is_err());
    }

    #[test]
    fn ranges() {
        let (a, b) = parse_range("origin/main..HEAD").unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("origin/main", "HEAD"));
        assert_eq!(
            parse_range("HEAD").unwrap_err(),
            "expected A..B, got `HEAD`"
        );
        assert_eq!(
            parse_range("a...b").unwrap_err(),
            "expected A..B, got `a...b`"
        );
        assert_eq!(parse_range("..b").unwrap_err(), "expected A..B, got `..b`");
        assert!(parse_range("-x..HEAD")
            .unwrap_err()
            .contains("starts with `-`"));
        assert!(parse_range("HEAD..-q")
            .unwrap_err()
            .contains("starts with `-`"));
    }
}
