//! `leakscan rules check` and the test suite's rule harness: one implementation. Every example
//! runs through the full scanner with the complete rule set (keywords, regex, filters, entropy,
//! verification, overlap merging) and must produce exactly its expected finding; every negative
//! must produce nothing; every filter example must produce nothing *because of that filter*.
//! All failures are collected, never just the first.
//!
//! It sits above both `rules` and `scan` because it is a user of both: the rule set only
//! describes rules, and proving them takes the scanner.

use crate::finding::Confidence;
use crate::rules::{expand_parts, RuleSet, TokenKind};
use crate::scan::{Rejection, Scanner};
use std::fmt;

/// The path examples are scanned under when they name none: no extension and no directory,
/// so every generic form applies and no test or docs context lowers confidence.
pub const SNIPPET: &str = "snippet";

/// One example that did not behave as its rule file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailure {
    /// Rule file the rule or filter came from.
    pub origin: String,
    /// Rule or filter id.
    pub id: String,
    pub message: String,
}

impl fmt::Display for CheckFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.origin, self.id, self.message)
    }
}

/// What `check` looked at, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckCounts {
    pub rules: usize,
    pub filters: usize,
    pub examples: usize,
    pub negatives: usize,
    pub filter_examples: usize,
    pub parts: usize,
    pub part_examples: usize,
}

/// Run every example of every rule and filter in `set`.
pub fn check(set: &RuleSet) -> (CheckCounts, Vec<CheckFailure>) {
    let mut scanner = Scanner::new(set);
    let mut failures = Vec::new();
    let mut counts = CheckCounts {
        rules: set.rules().len(),
        filters: set.filters().len(),
        ..CheckCounts::default()
    };
    for rule in set.rules() {
        let fail = |message: String| CheckFailure {
            origin: rule.origin.clone(),
            id: rule.id.clone(),
            message,
        };
        if let Err(e) = rule.regex() {
            failures.push(fail(e.to_string()));
        }
        for (i, ex) in rule.examples.iter().enumerate() {
            counts.examples += 1;
            let path = ex.path.as_deref().unwrap_or(SNIPPET);
            let at = ex
                .text
                .find(&ex.secret)
                .expect("compile checked that the secret occurs in the text");
            let (line, column) = position(&ex.text, at);
            if rule.kind == TokenKind::Identifier {
                // An identifier is never a finding: it must match, and report nothing.
                let mut matched = false;
                let found = scanner.scan_traced(ex.text.as_bytes(), path, &mut |r, why| {
                    if let Rejection::Identifier { start, end } = why {
                        matched |= set.rules()[r].id == rule.id
                            && start == at
                            && end == at + ex.secret.len();
                    }
                });
                let own: Vec<_> = found
                    .iter()
                    .filter(|f| f.rule_id == rule.id)
                    .cloned()
                    .collect();
                if !matched || !own.is_empty() {
                    failures.push(fail(format!(
                        "example {}: expected identifier {} {:?} at {line}:{column} (matched, not reported), got {}",
                        i + 1,
                        rule.id,
                        ex.secret,
                        if own.is_empty() { "no match".to_string() } else { describe(&own) }
                    )));
                }
                continue;
            }
            let found = scanner.scan(ex.text.as_bytes(), path);
            // Unless the example says otherwise, it must be shown by default.
            let confidence_ok = |c: Confidence| match ex.confidence {
                Some(want) => c == want,
                None => c >= Confidence::Medium,
            };
            let ok = matches!(found.as_slice(), [f]
                if f.rule_id == rule.id
                    && f.secret.expose() == ex.secret.as_bytes()
                    && f.line == line
                    && f.column == column
                    && confidence_ok(f.confidence));
            if !ok {
                let place = ex
                    .path
                    .as_ref()
                    .map_or(String::new(), |p| format!(" (in {p})"));
                let want = ex
                    .confidence
                    .map_or(String::new(), |c| format!(" with {c} confidence"));
                failures.push(fail(format!(
                    "example {}{place}: expected exactly {} {:?} at {line}:{column}{want}, got {}",
                    i + 1,
                    rule.id,
                    ex.secret,
                    describe(&found)
                )));
            }
        }
        for (i, neg) in rule.negatives.iter().enumerate() {
            counts.negatives += 1;
            let path = neg.path.as_deref().unwrap_or(SNIPPET);
            let found = scanner.scan(neg.text.as_bytes(), path);
            if !found.is_empty() {
                failures.push(fail(format!(
                    "negative {}: expected no finding, got {}",
                    i + 1,
                    describe(&found)
                )));
            }
        }
    }
    for (index, filter) in set.filters().iter().enumerate() {
        if let Err(e) = filter.regex() {
            failures.push(CheckFailure {
                origin: filter.origin.clone(),
                id: filter.id.clone(),
                message: e.to_string(),
            });
        }
        for (i, ex) in filter.examples.iter().enumerate() {
            counts.filter_examples += 1;
            let mut silenced = false;
            let path = ex.path.as_deref().unwrap_or(SNIPPET);
            let found = scanner.scan_traced(ex.text.as_bytes(), path, &mut |_, why| match why {
                Rejection::Filter(list) | Rejection::Lowered(list) => {
                    silenced |= list.contains(&index);
                }
                _ => {}
            });
            // A dropping filter's example gives nothing; a lowering filter's gives findings
            // only at (or below) the confidence it sets.
            let unexpected: Vec<_> = found
                .iter()
                .filter(|f| filter.confidence.is_none_or(|c| f.confidence > c))
                .cloned()
                .collect();
            let message = if !unexpected.is_empty() {
                Some(format!(
                    "expected no finding{}, got {}",
                    filter
                        .confidence
                        .map_or(String::new(), |c| format!(" above {c} confidence")),
                    describe(&unexpected)
                ))
            } else if !silenced {
                Some(
                    "no rule matched this example, so it does not show the filter at work; \
                     use text that a rule would report without the filter"
                        .to_string(),
                )
            } else {
                None
            };
            if let Some(m) = message {
                failures.push(CheckFailure {
                    origin: filter.origin.clone(),
                    id: filter.id.clone(),
                    message: format!("example {}: {m}", i + 1),
                });
            }
        }
    }
    check_parts(set, &mut counts, &mut failures);
    (counts, failures)
}

/// Every part compiles, matches each of its examples whole and none of its negatives.
fn check_parts(set: &RuleSet, counts: &mut CheckCounts, failures: &mut Vec<CheckFailure>) {
    let library: std::collections::HashMap<&str, &str> = set
        .parts()
        .iter()
        .map(|p| (p.id.as_str(), p.pattern.as_str()))
        .collect();
    for part in set.parts() {
        counts.parts += 1;
        let fail = |message: String| CheckFailure {
            origin: part.origin.clone(),
            id: format!("part {}", part.id),
            message,
        };
        let whole = expand_parts(&format!("^(?:{{{{{}}}}})$", part.id), &library).and_then(|p| {
            regex::bytes::RegexBuilder::new(&p)
                .unicode(false)
                .build()
                .map_err(|e| format!("bad regex: {e}"))
        });
        let regex = match whole {
            Ok(r) => r,
            Err(e) => {
                failures.push(fail(e));
                continue;
            }
        };
        for ex in &part.examples {
            counts.part_examples += 1;
            if !regex.is_match(ex.as_bytes()) {
                failures.push(fail(format!(
                    "example {ex:?} does not match the part whole"
                )));
            }
        }
        for neg in &part.negatives {
            counts.part_examples += 1;
            if regex.is_match(neg.as_bytes()) {
                failures.push(fail(format!("negative {neg:?} matches the part whole")));
            }
        }
    }
}

/// 1-based line and character column of byte `at` in `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

fn describe(found: &[crate::finding::Finding]) -> String {
    if found.is_empty() {
        return "nothing".into();
    }
    found
        .iter()
        .map(|f| {
            format!(
                "{} {:?} at {}:{} ({} confidence)",
                f.rule_id,
                String::from_utf8_lossy(f.secret.expose()),
                f.line,
                f.column,
                f.confidence
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
