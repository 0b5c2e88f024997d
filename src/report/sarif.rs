//! SARIF 2.1.0 through serde-sarif's typed builders, shaped for GitHub code scanning: every rule
//! in `driver.rules` with a name, descriptions, help, `security-severity` and CWE-798 tags;
//! results with `ruleIndex`, a URI relative to the scan root (`uriBaseId: SRCROOT`, which
//! `originalUriBaseIds` maps to the root's `file://` URI), a 1-based region with an exclusive
//! `endColumn`, and `partialFingerprints`. Messages never contain the secret unless the user
//! asked for it.

use super::{Report, RuleInfo};
use crate::finding::{Confidence, Disclosure, Finding, Severity};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run, Sarif, Tool, ToolComponent,
};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFO_URI: &str = "https://github.com/leakscan/leakscan";

pub(super) fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let index: HashMap<&str, usize> = report
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let base = Base::new(report.base);
    let results: Vec<SarifResult> = report
        .output
        .findings
        .iter()
        .map(|f| {
            result(
                f,
                index.get(f.rule_id.as_str()).copied(),
                report.disclosure,
                &base,
            )
        })
        .collect();
    let notifications: Vec<Notification> = report
        .output
        .problems
        .iter()
        .map(|p| {
            Notification::builder()
                .message(text(&p.to_string()))
                .level(serde_json::json!("error"))
                .build()
        })
        .collect();
    let invocation = Invocation::builder()
        .execution_successful(report.output.problems.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let driver = ToolComponent::builder()
        .name("leakscan")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .information_uri(INFO_URI)
        .rules(report.rules.iter().map(descriptor).collect::<Vec<_>>())
        .build();
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    if let Some(root) = &base.uri {
        let mut ids = BTreeMap::new();
        ids.insert(
            BASE_ID.to_string(),
            ArtifactLocation::builder().uri(root.clone()).build(),
        );
        run.original_uri_base_ids = Some(ids);
    }
    let sarif = Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)?;
    out.flush()
}

fn descriptor(rule: &RuleInfo) -> ReportingDescriptor {
    let mut extra = BTreeMap::new();
    extra.insert(
        "security-severity".to_string(),
        serde_json::json!(security_severity(rule.severity)),
    );
    extra.insert("precision".to_string(), serde_json::json!("high"));
    extra.insert(
        "severity".to_string(),
        serde_json::json!(rule.severity.as_str()),
    );
    let format_docs = rule
        .help
        .as_ref()
        .map(|url| format!(" The format is documented at {url}."))
        .unwrap_or_default();
    let help = format!(
        "{}. Remove the secret from the file (and its history), revoke and rotate it, and load it \
         at run time from the environment or a secret manager instead.{format_docs}",
        rule.description
    );
    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(camel_name(&rule.id))
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.description.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(format!(
                    "{} (severity: {}).",
                    rule.description,
                    rule.severity.as_str()
                ))
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(help.clone())
                .markdown(help)
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec![
                    "security".to_string(),
                    "external/cwe/cwe-798".to_string(),
                ])
                .additional_properties(extra)
                .build(),
        )
        .build();
    descriptor.help_uri = rule.help.clone();
    descriptor
}

/// The `uriBaseId` of every result location: GitHub resolves it against the checkout.
const BASE_ID: &str = "SRCROOT";

/// The scan root as an absolute directory and its `file://` URI (ending in `/`).
struct Base {
    dir: Option<std::path::PathBuf>,
    uri: Option<String>,
}

impl Base {
    fn new(root: Option<&std::path::Path>) -> Base {
        let dir = root.and_then(|r| std::fs::canonicalize(r).ok());
        let uri = dir.as_ref().map(|d| {
            let path = d.to_string_lossy().replace('\\', "/");
            let path = path.trim_end_matches('/');
            let encoded = encode(path);
            if encoded.starts_with('/') {
                format!("file://{encoded}/")
            } else {
                format!("file:///{encoded}/")
            }
        });
        Base { dir, uri }
    }

    /// A report path as (URI, base id): relative to the root when it is under it, however the
    /// path was given (`/home/ci/repo/src/a.py`, `repo/src/a.py`, `src/a.py` all give
    /// `src/a.py`); otherwise relative as given, or an absolute `file://` URI.
    fn locate(&self, path: &str) -> (String, Option<&'static str>) {
        if let Some(dir) = &self.dir {
            let p = std::path::Path::new(path);
            let absolute = if p.is_absolute() {
                Some(p.to_path_buf())
            } else {
                std::env::current_dir().ok().map(|cwd| cwd.join(p))
            };
            let relative = absolute.as_ref().and_then(|a| {
                let a = std::fs::canonicalize(a).unwrap_or_else(|_| a.clone());
                a.strip_prefix(dir)
                    .ok()
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
            });
            if let Some(r) = relative.filter(|r| !r.is_empty()) {
                return (encode(&r), Some(BASE_ID));
            }
        }
        (uri(path), None)
    }
}

fn result(
    f: &Finding,
    rule_index: Option<usize>,
    disclosure: Disclosure,
    base: &Base,
) -> SarifResult {
    let message = match disclosure {
        Disclosure::Redact => format!("{} ({})", f.description, f.rule_id),
        Disclosure::Reveal => format!(
            "{} ({}): {}",
            f.description,
            f.rule_id,
            f.secret.show(Disclosure::Reveal)
        ),
    };
    let location = place(
        base,
        &f.path,
        (f.line, f.column),
        (f.end_line, f.end_column),
    );
    // The other places the same secret was found, so code scanning shows them with the alert.
    let related: Vec<Location> = f
        .also
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut l = place(
                base,
                &p.path,
                (p.line, p.column),
                (p.end_line, p.end_column),
            );
            l.id = Some(i as i64);
            l.message = Some(text("The same secret"));
            l
        })
        .collect();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert("primaryLocationLineHash".to_string(), f.fingerprint.clone());
    let mut properties = BTreeMap::new();
    properties.insert(
        "severity".to_string(),
        serde_json::json!(f.severity.as_str()),
    );
    properties.insert(
        "confidence".to_string(),
        serde_json::json!(f.confidence.as_str()),
    );
    if let Some(commit) = &f.commit {
        properties.insert("commit".to_string(), serde_json::json!(commit));
    }
    let builder = SarifResult::builder()
        .properties(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        )
        .rule_id(f.rule_id.clone())
        .level(level(f.severity, f.confidence))
        .rank(rank(f.confidence))
        .message(text(&message))
        .locations(vec![location])
        .partial_fingerprints(fingerprints);
    let mut result = match rule_index {
        Some(i) => builder.rule_index(i as i64).build(),
        None => builder.build(),
    };
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    result
}

/// A location: a path and a 1-based region with an exclusive end column.
fn place(
    base: &Base,
    path: &str,
    (line, column): (usize, usize),
    (end_line, end_column): (usize, usize),
) -> Location {
    let (uri, base_id) = base.locate(path);
    let mut artifact = ArtifactLocation::builder().uri(uri).build();
    artifact.uri_base_id = base_id.map(str::to_string);
    let region = Region::builder()
        .start_line(line as i64)
        .start_column(column as i64)
        .end_line(end_line as i64)
        .end_column(end_column as i64)
        .build();
    Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(artifact)
                .region(region)
                .build(),
        )
        .build()
}

/// SARIF `rank` (0-100, how likely the result is a true positive): what the confidence says.
fn rank(confidence: Confidence) -> f64 {
    match confidence {
        Confidence::High => 90.0,
        Confidence::Medium => 60.0,
        Confidence::Low => 30.0,
    }
}

fn text(s: &str) -> Message {
    Message::builder().text(s.to_string()).build()
}

/// `error` for a severe secret leakscan is sure of; one step down for medium confidence, to
/// `note` for low confidence (shown only with `--confidence low`).
fn level(severity: Severity, confidence: Confidence) -> ResultLevel {
    match (severity, confidence) {
        (_, Confidence::Low) | (Severity::Low, _) => ResultLevel::Note,
        (Severity::Critical | Severity::High, Confidence::High) => ResultLevel::Error,
        _ => ResultLevel::Warning,
    }
}

/// GitHub buckets `security-severity` as critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low.
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

/// `talon-one.api-key` → `TalonOneApiKey`.
fn camel_name(id: &str) -> String {
    id.split(['.', '-'])
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A URI reference for a report path: relative paths stay relative (code scanning resolves
/// them against the checkout), absolute ones become `file://` URIs; bytes outside the
/// unreserved set are percent-encoded.
fn uri(path: &str) -> String {
    if path.starts_with('/') {
        format!("file://{}", encode(path))
    } else {
        encode(path)
    }
}

/// Percent-encode every byte outside the unreserved set (and `/`).
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(camel_name("talon-one.api-key"), "TalonOneApiKey");
        assert_eq!(uri("src/a b.rs"), "src/a%20b.rs");
        assert_eq!(uri("/tmp/x.env"), "file:///tmp/x.env");
    }
}
