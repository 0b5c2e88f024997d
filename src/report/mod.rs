//! Reports: findings (plus problems and the summary) → text, JSON, SARIF or GitHub annotations. Reporters see only
//! what a scan produced and a little rule metadata; secrets reach them as `Secret`, which
//! redacts unless the disclosure is `Reveal`.

mod github;
mod json;
mod sarif;
mod text;

use crate::finding::{Disclosure, Severity};
use crate::pipeline::ScanOutput;
use crate::rules::RuleSet;
use std::io::{self, Write};

pub use github::step_summary;
pub use text::summary_line;

/// Which format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
    Github,
}

/// What a rule looks like to a reporter.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub description: String,
    pub severity: Severity,
    pub provider: Option<String>,
    /// Where the format is documented (SARIF `helpUri`).
    pub help: Option<String>,
    /// The rule's family, `provider` or `generic`, and the provider's name: what gitleaks users
    /// script against as a rule's tags.
    pub tags: Vec<String>,
}

impl RuleInfo {
    pub fn all(rules: &RuleSet) -> Vec<RuleInfo> {
        rules
            .rules()
            .iter()
            .map(|r| {
                let family = r.id.split('.').next().unwrap_or(&r.id).to_string();
                let mut tags = vec![
                    family,
                    if r.generic { "generic" } else { "provider" }.to_string(),
                ];
                tags.extend(r.provider.iter().cloned());
                // A generic rule's family is `generic` too: each tag once.
                let mut seen = std::collections::HashSet::new();
                tags.retain(|t| seen.insert(t.clone()));
                RuleInfo {
                    id: r.id.clone(),
                    description: r.description.clone(),
                    severity: r.severity,
                    provider: r.provider.clone(),
                    help: r.help.clone(),
                    tags,
                }
            })
            .collect()
    }
}

/// Everything a reporter may use.
pub struct Report<'a> {
    pub output: &'a ScanOutput,
    pub rules: &'a [RuleInfo],
    pub disclosure: Disclosure,
    /// ANSI colour in the text format.
    pub color: bool,
    /// The directory report paths are relative to (the scan root, the repository): SARIF gives
    /// URIs relative to it under `uriBaseId` `SRCROOT`, whatever path was scanned.
    pub base: Option<&'a std::path::Path>,
}

/// Write `report` in `format` to `out`.
pub fn write(format: ReportFormat, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Text => text::write(report, out),
        ReportFormat::Json => json::write(report, out),
        ReportFormat::Sarif => sarif::write(report, out),
        ReportFormat::Github => github::write(report, out),
    }
}
