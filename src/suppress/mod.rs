//! Suppression that users control, applied between the scanner and the reports:
//! `.leakscanignore` (fingerprints and path patterns, `ignore_file`), `--baseline` (a previous
//! JSON report, `baseline`) and the allowlists of `.leakscan.toml` (`Allowlist`). Inline
//! `leakscan:allow` comments are handled by the scanner, which has the text.
//!
//! Paths skipped here are never read; findings suppressed here are counted, not reported, and
//! do not count for the exit status.

mod baseline;
mod gitleaks_ignore;
mod ignore_file;

pub use baseline::Baseline;
pub use gitleaks_ignore::GitleaksIgnore;
pub use ignore_file::IgnoreFile;

use crate::finding::Finding;
use crate::problems::Problem;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use regex::bytes::{Regex, RegexBuilder};
use std::path::Path;

/// Paths (gitignore-style, relative to the scan root), regexes on the secret, and stopwords
/// (case-insensitive substrings of the secret). Any one of them allows a finding.
#[derive(Debug, Default)]
pub struct Allowlist {
    paths: Option<Gitignore>,
    /// Regexes on the path (gitleaks' allowlist `paths`).
    path_regexes: Vec<Regex>,
    regexes: Vec<Regex>,
    stopwords: Vec<String>,
}

impl Allowlist {
    /// Build an allowlist; a bad pattern comes back as `(line, message)`.
    pub fn new(
        root: &Path,
        paths: &[String],
        regexes: &[(String, usize)],
        stopwords: &[String],
    ) -> Result<Allowlist, (usize, String)> {
        let paths = if paths.is_empty() {
            None
        } else {
            let mut b = GitignoreBuilder::new(root);
            for p in paths {
                b.add_line(None, p)
                    .map_err(|e| (0, format!("bad path pattern `{p}`: {e}")))?;
            }
            Some(
                b.build()
                    .map_err(|e| (0, format!("bad path patterns: {e}")))?,
            )
        };
        let regexes = regexes
            .iter()
            .map(|(r, line)| {
                RegexBuilder::new(r).build().map_err(|_| {
                    let why = crate::problems::regex_error(r);
                    (*line, format!("allowlist: {why}"))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Allowlist {
            path_regexes: Vec::new(),
            paths,
            regexes,
            stopwords: stopwords.iter().map(|s| s.to_lowercase()).collect(),
        })
    }

    /// Add regexes on the path (a gitleaks allowlist's `paths`).
    pub fn add_path_regexes(&mut self, regexes: Vec<Regex>) {
        self.path_regexes.extend(regexes);
    }

    pub fn allows_path(&self, path: &Path) -> bool {
        self.paths
            .as_ref()
            .is_some_and(|g| g.matched_path_or_any_parents(path, false).is_ignore())
            || (!self.path_regexes.is_empty() && {
                let shown = crate::source::display_path(path);
                self.path_regexes
                    .iter()
                    .any(|r| r.is_match(shown.as_bytes()))
            })
    }

    fn allows(&self, f: &Finding) -> bool {
        let secret = f.secret.expose();
        self.allows_path(Path::new(&f.path))
            || self.regexes.iter().any(|r| r.is_match(secret))
            || (!self.stopwords.is_empty() && {
                let lower = String::from_utf8_lossy(secret).to_lowercase();
                self.stopwords.iter().any(|w| lower.contains(w.as_str()))
            })
    }
}

/// Everything that can suppress a finding or skip a path, for one scan.
#[derive(Debug, Default)]
pub struct Suppressor {
    pub ignore_file: Option<IgnoreFile>,
    /// A `.gitleaksignore` from a repository that used gitleaks.
    pub gitleaks_ignore: Option<GitleaksIgnore>,
    pub baseline: Option<Baseline>,
    pub allowlist: Allowlist,
    /// The allowlists of a gitleaks configuration.
    pub gitleaks_allowlist: Option<Allowlist>,
    pub rule_allowlists: Vec<(String, Allowlist)>,
    /// Commits whose findings are allowed (a gitleaks allowlist's `commits`).
    pub allowed_commits: Vec<String>,
}

impl Suppressor {
    /// Whether a file is excluded before it is read.
    pub fn skip_path(&self, path: &Path) -> bool {
        self.allowlist.allows_path(path)
            || self
                .gitleaks_allowlist
                .as_ref()
                .is_some_and(|a| a.allows_path(path))
            || self
                .ignore_file
                .as_ref()
                .is_some_and(|i| i.ignores_path(path))
    }

    /// Whether a finding is suppressed (by fingerprint, baseline or an allowlist).
    pub fn suppresses(&self, f: &Finding) -> bool {
        self.ignore_file
            .as_ref()
            .is_some_and(|i| i.ignores_fingerprint(&f.fingerprint, &f.legacy_fingerprint))
            || self
                .baseline
                .as_ref()
                .is_some_and(|b| b.contains(&f.fingerprint) || b.contains(&f.legacy_fingerprint))
            || self
                .gitleaks_ignore
                .as_ref()
                .is_some_and(|g| g.ignores(&f.path, f.line, f.commit.as_deref()))
            || f.commit.as_deref().is_some_and(|c| {
                self.allowed_commits
                    .iter()
                    .any(|a| !a.is_empty() && (c.starts_with(a.as_str()) || a.starts_with(c)))
            })
            || self.allowlist.allows(f)
            || self
                .gitleaks_allowlist
                .as_ref()
                .is_some_and(|a| a.allows(f))
            || self
                .rule_allowlists
                .iter()
                .any(|(id, a)| *id == f.rule_id && a.allows(f))
    }

    /// Drop suppressed findings; returns how many were dropped.
    pub fn apply(&self, findings: &mut Vec<Finding>) -> u64 {
        let before = findings.len();
        findings.retain(|f| !self.suppresses(f));
        (before - findings.len()) as u64
    }

    /// `.leakscanignore` entries that matched nothing, as warnings.
    pub fn stale(&self) -> Vec<Problem> {
        let mut out = self
            .ignore_file
            .as_ref()
            .map(|i| i.stale())
            .unwrap_or_default();
        out.extend(self.gitleaks_ignore.iter().flat_map(|g| g.warnings()));
        out
    }
}
