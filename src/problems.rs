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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
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
