//! The one scanning loop: a `Worker` per thread turns each `Blob` (a file from the walker or an
//! object from git) into findings. Size, binary and UTF-16 decisions, the counts for the
//! summary, the line filter for changes and the commit on findings all happen here, once, for
//! every source. A worker keeps its counts, warnings and problems to itself and hands them to
//! the shared output once, when it is dropped, so the hot path takes no lock.

use super::ScanOutput;
use crate::finding::Finding;
use crate::problems::Problem;
use crate::rules::RuleSet;
use crate::scan::Scanner;
use crate::source::blob::{Blob, Body};
use crate::source::read::{classify, wide_lines, Text};
use std::sync::Mutex;

/// One thread's scanner and counts.
pub(crate) struct Worker<'a> {
    scanner: Scanner<'a>,
    max_size: u64,
    local: ScanOutput,
    shared: &'a Mutex<ScanOutput>,
}

impl<'a> Worker<'a> {
    pub(crate) fn new(rules: &'a RuleSet, max_size: u64, shared: &'a Mutex<ScanOutput>) -> Self {
        Worker {
            scanner: Scanner::new(rules),
            max_size,
            local: ScanOutput::default(),
            shared,
        }
    }

    /// This worker's own output: findings the caller keeps, and counts.
    pub(crate) fn local(&mut self) -> &mut ScanOutput {
        &mut self.local
    }

    /// Scan one blob: its findings (on the lines it says count, carrying its commit), or none,
    /// with the reason counted or recorded.
    pub(crate) fn scan(&mut self, blob: Blob<'_>) -> Vec<Finding> {
        let label = blob.label();
        let content = match blob.body {
            Body::Bytes(content) => content,
            Body::TooLarge(size) => {
                self.local.summary.skipped_oversized += 1;
                self.local.warnings.push(Problem::new(
                    label,
                    format!(
                        "skipped: {size} bytes is larger than --max-file-size ({})",
                        self.max_size
                    ),
                ));
                return Vec::new();
            }
            Body::Special => {
                self.local.summary.skipped_special += 1;
                return Vec::new();
            }
            Body::Failed(p) => {
                self.local.problems.push(p);
                return Vec::new();
            }
        };
        let raw = content.bytes();
        let classified = classify(raw);
        let text = match &classified {
            Text::Raw(t) => *t,
            Text::Decoded(t) => t.as_slice(),
            Text::Binary => {
                self.local.summary.skipped_binary += 1;
                return Vec::new();
            }
        };
        self.local.summary.files_scanned += 1;
        self.local.summary.bytes_scanned += text.len() as u64;
        let mut found = self.scanner.scan(text, &blob.path);
        if let Some(n) = self.scanner.capped() {
            self.local.warnings.push(super::capped_warning(&label, n));
        }
        if content.truncated() {
            self.local.problems.push(Problem::new(
                label,
                "truncated while being scanned; findings from it may be incomplete",
            ));
        }
        if let Some(lines) = &blob.lines {
            // git numbers the lines of the bytes as stored; findings, those of the text.
            let mapped;
            let lines = match classified {
                Text::Decoded(_) => {
                    mapped = wide_lines(raw, lines);
                    &mapped
                }
                _ => lines,
            };
            found.retain(|f| touches(f, lines));
        }
        if let Some(commit) = blob.origin.commit() {
            for f in &mut found {
                f.commit = Some(commit.to_string());
            }
        }
        crate::progress::note(text.len() as u64, found.len());
        found
    }
}

/// Whether any line of the finding's secret is in `lines`.
fn touches(f: &Finding, lines: &[(usize, usize)]) -> bool {
    lines
        .iter()
        .any(|&(start, end)| f.line <= end && f.end_line >= start)
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let mut local = std::mem::take(&mut self.local);
        local.summary.suppressed += self.scanner.allowed_inline();
        for (id, ms) in self
            .scanner
            .profile()
            .iter()
            .take(15)
            .filter(|(_, ms)| *ms > 0.5)
        {
            eprintln!("profile: {ms:>9.1} ms  {id}");
        }
        let mut shared = super::lock(self.shared);
        shared.findings.extend(local.findings);
        shared.problems.extend(local.problems);
        shared.warnings.extend(local.warnings);
        shared.summary.add(&local.summary);
    }
}
