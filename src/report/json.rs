//! The JSON report: `{"version", "findings", "problems", "warnings", "summary"}`. Its shape is
//! documented in the README and is what `--baseline` will read back.

use super::Report;
use crate::finding::{Disclosure, Finding, Place};
use crate::pipeline::Summary;
use crate::problems::Problem;
use crate::source::git::CommitInfo;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    findings: Vec<JsonFinding<'a>>,
    problems: &'a [Problem],
    warnings: &'a [Problem],
    summary: &'a Summary,
    /// Every commit a finding or one of its other places names (`also[].commit`), by id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    commits: BTreeMap<&'a str, CommitInfo>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    description: &'a str,
    severity: &'a str,
    confidence: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    secret: String,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    /// The commit's author, email, date and message (git history only).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    commit_info: Option<CommitInfo>,
    #[serde(skip_serializing_if = "<[Place]>::is_empty")]
    also: &'a [Place],
    /// Shannon entropy of the secret, bits per byte (rounded to 0.01).
    entropy: f64,
    tags: &'a [String],
}

pub(super) fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let o = report.output;
    // A commit message may hold the very secret it added ("add key abc…"): redacted unless
    // revealed, like every other copy of a reported secret.
    let commits: BTreeMap<&str, CommitInfo> = o
        .commits
        .iter()
        .map(|(id, info)| {
            let mut info = info.clone();
            if report.disclosure == Disclosure::Redact {
                info.message = mask_secrets(&info.message, &o.findings);
            }
            (id.as_str(), info)
        })
        .collect();
    let tags: std::collections::HashMap<&str, &[String]> = report
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.tags.as_slice()))
        .collect();
    let doc = JsonReport {
        version: env!("CARGO_PKG_VERSION"),
        findings: o
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule_id: &f.rule_id,
                description: &f.description,
                severity: f.severity.as_str(),
                confidence: f.confidence.as_str(),
                path: &f.path,
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                secret: f.secret.show(report.disclosure),
                fingerprint: &f.fingerprint,
                commit: f.commit.as_deref(),
                commit_info: f.commit.as_deref().and_then(|c| commits.get(c)).cloned(),
                also: &f.also,
                entropy: (f.entropy() * 100.0).round() / 100.0,
                tags: tags.get(f.rule_id.as_str()).copied().unwrap_or(&[]),
            })
            .collect(),
        problems: &o.problems,
        warnings: &o.warnings,
        summary: &o.summary,
        commits,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    out.flush()
}

/// `text` with every reported secret (of at least 4 bytes, so a short one cannot mask common
/// words) replaced by its redacted form.
fn mask_secrets(text: &str, findings: &[Finding]) -> String {
    let mut text = text.to_string();
    let mut secrets: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.secret.expose().len() >= 4)
        .filter_map(|f| {
            let plain = std::str::from_utf8(f.secret.expose()).ok()?;
            Some((plain.to_string(), f.secret.show(Disclosure::Redact)))
        })
        .collect();
    // Longest first: a secret that contains another is masked whole.
    secrets.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    secrets.dedup();
    for (plain, shown) in secrets {
        if text.contains(&plain) {
            text = text.replace(&plain, &shown);
        }
    }
    text
}
