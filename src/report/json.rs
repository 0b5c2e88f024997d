//! The JSON report: `{"version", "findings", "problems", "warnings", "summary"}`. Its shape is
//! documented in the README and is what `--baseline` will read back.

use super::Report;
use crate::finding::Place;
use crate::pipeline::Summary;
use crate::problems::Problem;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: &'static str,
    findings: Vec<JsonFinding<'a>>,
    problems: &'a [Problem],
    warnings: &'a [Problem],
    summary: &'a Summary,
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
    #[serde(skip_serializing_if = "<[Place]>::is_empty")]
    also: &'a [Place],
    /// Shannon entropy of the secret, bits per byte (rounded to 0.01).
    entropy: f64,
    tags: &'a [String],
}

pub(super) fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let o = report.output;
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
                also: &f.also,
                entropy: (f.entropy() * 100.0).round() / 100.0,
                tags: tags.get(f.rule_id.as_str()).copied().unwrap_or(&[]),
            })
            .collect(),
        problems: &o.problems,
        warnings: &o.warnings,
        summary: &o.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)?;
    out.flush()
}
