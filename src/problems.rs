//! Problems: anything that stopped part of a scan (a bad path, an unreadable file, a broken rule
//! file). They are reported on stderr as `PATH: reason`, counted, and turn the exit status into 2,
//! but they never abort the rest of the scan.

use serde::Serialize;
use std::fmt;

/// One thing that went wrong, named by where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The path (or rule file and line, or flag) the problem is about.
    pub path: String,
    /// What went wrong, in words a user can act on.
    pub reason: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// A problem from an I/O error, phrased like the shell would ("no such file or directory").
    pub fn io(path: impl Into<String>, err: &std::io::Error) -> Self {
        Problem::new(path, io_reason(err))
    }
}

impl fmt::Display for Problem {
    /// `PATH: reason`, control characters escaped: a file named `x\n::warning ...` must not
    /// print a line of its own (a forged workflow command in a CI log) or drive a terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clean = crate::finding::printable;
        write!(f, "{}: {}", clean(&self.path), clean(&self.reason))
    }
}

/// Lower-cased I/O error text without the " (os error N)" suffix, which helps nobody.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// A TOML file's syntax or type error as a problem at `origin:LINE:COLUMN`, without the values
/// the message would quote: a config or rule file that holds a secret (a stopword, a value put
/// in the wrong key) must not have it echoed to a CI log.
pub(crate) fn toml_problem(origin: &str, text: &str, err: &toml::de::Error) -> Problem {
    let at = match err.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("{origin}:{line}:{column}")
        }
        None => origin.to_string(),
    };
    Problem::new(at, without_quoted_values(err.message().trim()))
}

/// `invalid type: string "hunter2", expected a sequence` → `invalid type: string, expected a
/// sequence`: serde quotes the value it could not use in double quotes (names of fields and
/// variants, in backticks, stay: they say what to write).
pub(crate) fn without_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        let Some(len) = rest[open + 1..].find('"') else {
            break;
        };
        out.push_str(rest[..open].trim_end());
        rest = &rest[open + 1 + len + 1..];
    }
    out.push_str(rest);
    out
}

/// What is wrong with a regex, where, and nothing of the regex itself: `bad regex at column 12:
/// unclosed group`. The regex crate's own message prints the whole pattern, which may be (or
/// hold) a secret an allowlist was written for.
pub(crate) fn regex_error(pattern: &str) -> String {
    match regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
    {
        Err(regex_syntax::Error::Parse(e)) => {
            format!(
                "bad regex at column {}: {}",
                e.span().start.column,
                e.kind()
            )
        }
        Err(regex_syntax::Error::Translate(e)) => {
            format!(
                "bad regex at column {}: {}",
                e.span().start.column,
                e.kind()
            )
        }
        Err(_) => "bad regex".to_string(),
        // It parses, so what failed was building it: the size limits.
        Ok(_) => "bad regex: it compiles to more than the size limit allows".to_string(),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_do_not_echo_values() {
        assert_eq!(
            without_quoted_values("invalid type: string \"Xk9qmQ2vL7pR\", expected a sequence"),
            "invalid type: string, expected a sequence"
        );
        assert_eq!(
            without_quoted_values("unknown field `stopword`"),
            "unknown field `stopword`"
        );
        assert_eq!(without_quoted_values("no quotes here"), "no quotes here");
        let e = regex_error("Xk9qmQ2vL7(pR4wZtB8nY");
        assert_eq!(e, "bad regex at column 11: unclosed group");
        assert!(!e.contains("Xk9q"));
    }
}
