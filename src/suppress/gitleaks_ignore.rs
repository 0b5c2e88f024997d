//! `.gitleaksignore` at the scan root, read so a repository moving from gitleaks keeps what it
//! accepted. gitleaks writes one fingerprint a line: `FILE:RULE:LINE`, or in git mode
//! `COMMIT:FILE:RULE:LINE`. leakscan's rules are not gitleaks' rules, so an entry is mapped by
//! what both tools agree on, the file and the line (and the commit when it names one): every
//! leakscan finding there is suppressed. Lines that are no fingerprint, and entries that matched
//! nothing, are warnings.

use crate::problems::Problem;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug)]
struct Entry {
    commit: Option<String>,
    path: String,
    line: usize,
    /// Its line in `.gitleaksignore`, for messages.
    at: usize,
    used: AtomicBool,
}

#[derive(Debug)]
pub struct GitleaksIgnore {
    origin: String,
    entries: Vec<Entry>,
    /// Lines that are not a gitleaks fingerprint: (line, why).
    unreadable: Vec<(usize, &'static str)>,
}

impl GitleaksIgnore {
    pub fn parse(origin: &str, text: &str) -> GitleaksIgnore {
        let mut entries = Vec::new();
        let mut unreadable = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match fingerprint(line) {
                Some((commit, path, number)) => entries.push(Entry {
                    commit,
                    path,
                    line: number,
                    at: i + 1,
                    used: AtomicBool::new(false),
                }),
                None => unreadable.push((
                    i + 1,
                    "not a gitleaks fingerprint (FILE:RULE:LINE or COMMIT:FILE:RULE:LINE); ignored",
                )),
            }
        }
        GitleaksIgnore {
            origin: origin.to_string(),
            entries,
            unreadable,
        }
    }

    /// Load `<root>/.gitleaksignore` if it exists.
    pub fn discover(root: &Path) -> Result<Option<GitleaksIgnore>, Problem> {
        let path = root.join(".gitleaksignore");
        let shown = crate::source::display_path(&path);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(Self::parse(&shown, &text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Problem::io(shown, &e)),
        }
    }

    /// Whether an entry names this place (any rule: the rule ids are gitleaks').
    pub fn ignores(&self, path: &str, line: usize, commit: Option<&str>) -> bool {
        let mut hit = false;
        for e in &self.entries {
            let commit_ok = match (&e.commit, commit) {
                (None, _) => true,
                (Some(want), Some(have)) => {
                    have.starts_with(want.as_str()) || want.starts_with(have)
                }
                (Some(_), None) => false,
            };
            if commit_ok && e.line == line && same_path(&e.path, path) {
                e.used.store(true, Ordering::Relaxed);
                hit = true;
            }
        }
        hit
    }

    /// Unreadable lines and entries that matched nothing, as warnings.
    pub fn warnings(&self) -> Vec<Problem> {
        let mut out: Vec<(usize, String)> = self
            .unreadable
            .iter()
            .map(|(at, why)| (*at, why.to_string()))
            .collect();
        out.extend(
            self.entries
                .iter()
                .filter(|e| !e.used.load(Ordering::Relaxed))
                .map(|e| {
                    (
                        e.at,
                        format!("stale entry: nothing was found at {}:{}", e.path, e.line),
                    )
                }),
        );
        out.sort();
        out.into_iter()
            .map(|(at, why)| Problem::new(format!("{}:{at}", self.origin), why))
            .collect()
    }
}

/// `(commit, file, line)` from `[COMMIT:]FILE:RULE:LINE`; the file may itself hold colons.
fn fingerprint(text: &str) -> Option<(Option<String>, String, usize)> {
    let (rest, line) = text.rsplit_once(':')?;
    let line: usize = line.parse().ok().filter(|&n| n > 0)?;
    let (rest, _rule) = rest.rsplit_once(':')?;
    let (commit, path) = match rest.split_once(':') {
        Some((head, tail))
            if (7..=40).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            (Some(head.to_ascii_lowercase()), tail)
        }
        _ => (None, rest),
    };
    (!path.is_empty())
        .then(|| (commit, path.to_string()))
        .map(|(c, p)| (c, p, line))
}

/// gitleaks writes paths relative to where it ran, leakscan relative to its root or as given:
/// `./a/b` and `a/b` are the same file.
fn same_path(a: &str, b: &str) -> bool {
    a.trim_start_matches("./") == b.trim_start_matches("./")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_map_by_file_line_and_commit() {
        let text = "# accepted\n\
                    config/app.env:generic-api-key:3\n\
                    1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c:deploy/run.sh:aws-access-token:12\n\
                    not a fingerprint\n\
                    docs/old.md:generic-api-key:40\n";
        let g = GitleaksIgnore::parse(".gitleaksignore", text);
        assert!(g.ignores("config/app.env", 3, None));
        assert!(g.ignores("./config/app.env", 3, Some("abc")));
        assert!(!g.ignores("config/app.env", 4, None));
        assert!(g.ignores(
            "deploy/run.sh",
            12,
            Some("1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c")
        ));
        assert!(!g.ignores(
            "deploy/run.sh",
            12,
            Some("ffffffffffffffffffffffffffffffffffffffff")
        ));
        assert!(!g.ignores("deploy/run.sh", 12, None));
        let warnings: Vec<String> = g.warnings().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            warnings,
            [
                ".gitleaksignore:4: not a gitleaks fingerprint (FILE:RULE:LINE or COMMIT:FILE:RULE:LINE); ignored",
                ".gitleaksignore:5: stale entry: nothing was found at docs/old.md:40",
            ]
        );
    }

    #[test]
    fn a_path_with_colons_is_kept_whole() {
        assert_eq!(
            fingerprint("c:/repo/a.txt:rule:7"),
            Some((None, "c:/repo/a.txt".to_string(), 7))
        );
    }
}
