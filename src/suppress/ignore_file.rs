//! `.leakscanignore` at the scan root: one entry per line. A line of 32 hex digits is a finding
//! fingerprint (a trailing `# comment` is allowed); any other line is a gitignore-style path
//! pattern relative to the root. `#` starts a comment line. Entries that match nothing in a scan
//! are reported as stale, so the file does not silently rot.

use crate::problems::Problem;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

#[derive(Debug)]
pub struct IgnoreFile {
    origin: String,
    /// fingerprint → (line, used)
    fingerprints: HashMap<String, (usize, AtomicBool)>,
    /// Entries that matched a finding only in the fingerprint form of earlier versions, with
    /// the current fingerprint to write instead: line → (old, new).
    legacy: Mutex<Vec<(usize, String, String)>>,
    /// One matcher per pattern, so a match can be traced to its line.
    patterns: Vec<(Gitignore, String, usize, AtomicBool)>,
}

impl IgnoreFile {
    /// Parse `text` (read from `origin`); patterns are relative to `root`.
    pub fn parse(origin: &str, text: &str, root: &Path) -> Result<IgnoreFile, Problem> {
        let mut fingerprints = HashMap::new();
        let mut patterns = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let head = line.split('#').next().unwrap_or("").trim();
            if head.len() == 32 && head.bytes().all(|b| b.is_ascii_hexdigit()) {
                fingerprints.insert(head.to_ascii_lowercase(), (i + 1, AtomicBool::new(false)));
                continue;
            }
            let mut b = GitignoreBuilder::new(root);
            b.add_line(None, line)
                .map_err(|e| Problem::new(format!("{origin}:{}", i + 1), e.to_string()))?;
            let g = b
                .build()
                .map_err(|e| Problem::new(format!("{origin}:{}", i + 1), e.to_string()))?;
            patterns.push((g, line.to_string(), i + 1, AtomicBool::new(false)));
        }
        Ok(IgnoreFile {
            origin: origin.to_string(),
            fingerprints,
            legacy: Mutex::new(Vec::new()),
            patterns,
        })
    }

    /// Load `path` (`--ignore-file`); patterns are relative to `root`.
    pub fn load(path: &Path, root: &Path) -> Result<IgnoreFile, Problem> {
        let shown = crate::source::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| Problem::io(&shown, &e))?;
        Self::parse(&shown, &text, root)
    }

    /// Load `<root>/.leakscanignore` if it exists.
    pub fn discover(root: &Path) -> Result<Option<IgnoreFile>, Problem> {
        let path = root.join(".leakscanignore");
        let shown = crate::source::display_path(&path);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&shown, &text, root).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Problem::io(shown, &e)),
        }
    }

    pub fn ignores_path(&self, path: &Path) -> bool {
        let mut hit = false;
        for (g, _, _, used) in &self.patterns {
            if g.matched_path_or_any_parents(path, false).is_ignore() {
                used.store(true, Ordering::Relaxed);
                hit = true;
            }
        }
        hit
    }

    /// Whether an entry holds the finding's fingerprint, or the fingerprint earlier versions
    /// gave it (`legacy`, which still matches and is noted so the entry can be updated).
    pub fn ignores_fingerprint(&self, fingerprint: &str, legacy: &str) -> bool {
        if let Some((_, used)) = self.fingerprints.get(fingerprint) {
            used.store(true, Ordering::Relaxed);
            return true;
        }
        match self.fingerprints.get(legacy) {
            Some((line, used)) => {
                used.store(true, Ordering::Relaxed);
                let mut old = self.legacy.lock().unwrap_or_else(|p| p.into_inner());
                old.push((*line, legacy.to_string(), fingerprint.to_string()));
                true
            }
            None => false,
        }
    }

    pub fn stale(&self) -> Vec<Problem> {
        let mut out: Vec<(usize, String)> = self
            .fingerprints
            .iter()
            .filter(|(_, (_, used))| !used.load(Ordering::Relaxed))
            .map(|(fp, (line, _))| (*line, fp.clone()))
            .chain(
                self.patterns
                    .iter()
                    .filter(|(_, _, _, used)| !used.load(Ordering::Relaxed))
                    .map(|(_, p, line, _)| (*line, p.clone())),
            )
            .collect();
        out.sort();
        let mut warnings: Vec<(usize, Problem)> = out
            .into_iter()
            .map(|(line, entry)| {
                let p = Problem::new(
                    format!("{}:{line}", self.origin),
                    format!("stale entry `{entry}` matched nothing in this scan"),
                );
                (line, p)
            })
            .collect();
        let mut old = self
            .legacy
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        old.sort();
        old.dedup();
        warnings.extend(old.into_iter().map(|(line, old, new)| {
            let p = Problem::new(
                format!("{}:{line}", self.origin),
                format!(
                    "`{old}` is a fingerprint of the old form (a fast hash of the secret); it still \
                     matches, write `{new}` instead"
                ),
            );
            (line, p)
        }));
        warnings.sort_by_key(|(line, _)| *line);
        warnings.into_iter().map(|(_, p)| p).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_patterns_and_staleness() {
        let text = "# fixtures\n\
                    0123456789abcdef0123456789ABCDEF  # revoked test key\n\
                    tests/fixtures/**\n\
                    *.examples.json\n";
        let f = IgnoreFile::parse(".leakscanignore", text, Path::new("")).unwrap();
        assert!(f.ignores_fingerprint("0123456789abcdef0123456789abcdef", "x"));
        assert!(!f.ignores_fingerprint("ffffffffffffffffffffffffffffffff", "x"));
        assert!(f.ignores_path(Path::new("tests/fixtures/a/key.pem")));
        assert!(!f.ignores_path(Path::new("src/main.rs")));
        let stale: Vec<String> = f.stale().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            stale,
            [".leakscanignore:4: stale entry `*.examples.json` matched nothing in this scan"]
        );
    }
}
