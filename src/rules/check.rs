//! `leakscan rules check` and the test suite's rule harness: one implementation. Every example
//! runs through the full scanner with the complete rule set (keywords, regex, filters, entropy,
//! verification, overlap merging) and must produce exactly its expected finding; every negative
//! must produce nothing; every filter example must produce nothing *because of that filter*.
//! All failures are collected, never just the first.

use super::RuleSet;
use crate::scan::{Rejection, Scanner};
use std::fmt;

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
            let found = scanner.scan(ex.text.as_bytes(), "example");
            let at = ex
                .text
                .find(&ex.secret)
                .expect("compile checked that the secret occurs in the text");
            let (line, column) = position(&ex.text, at);
            let ok = matches!(found.as_slice(), [f]
                if f.rule_id == rule.id
                    && f.secret.expose() == ex.secret.as_bytes()
                    && f.line == line
                    && f.column == column);
            if !ok {
                failures.push(fail(format!(
                    "example {}: expected exactly {} {:?} at {line}:{column}, got {}",
                    i + 1,
                    rule.id,
                    ex.secret,
                    describe(&found)
                )));
            }
        }
        for (i, neg) in rule.negatives.iter().enumerate() {
            counts.negatives += 1;
            let found = scanner.scan(neg.text.as_bytes(), "negative");
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
            let found = scanner.scan_traced(ex.text.as_bytes(), "example", &mut |_, why| {
                if let Rejection::Filter(list) = why {
                    silenced |= list.contains(&index);
                }
            });
            let message = if !found.is_empty() {
                Some(format!("expected no finding, got {}", describe(&found)))
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
    (counts, failures)
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
                "{} {:?} at {}:{}",
                f.rule_id,
                String::from_utf8_lossy(f.secret.expose()),
                f.line,
                f.column
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}
