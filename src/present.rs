//! What the user asked to see, decided after suppression and before the reports: findings
//! below the `--confidence` threshold are counted, not reported; a secret found several times
//! by one rule is one finding that lists its other places (`Finding::also`): the user's unit
//! of work is a secret (revoke it, then remove every copy), so a token pasted into twenty test
//! cases in four files is one thing to read, with every place still listed.
//! Both happen here, once, for files and git alike, so every report format agrees.

use crate::finding::{Confidence, Finding};
use crate::pipeline::ScanOutput;
use std::collections::HashMap;

/// Apply the confidence threshold and fold repeats, keeping the summary in step.
pub fn select(output: &mut ScanOutput, min: Confidence) {
    let before = output.findings.len();
    output.findings.retain(|f| f.confidence >= min);
    output.summary.below_confidence += (before - output.findings.len()) as u64;
    let before = output.findings.len();
    output.findings = fold_repeats(std::mem::take(&mut output.findings));
    output.summary.repeats += (before - output.findings.len()) as u64;
    output.summary.findings = output.findings.len();
}

/// One finding per (rule, secret): the first in report order, with the others as `also`. The
/// confidence of the group is the highest of its members.
fn fold_repeats(findings: Vec<Finding>) -> Vec<Finding> {
    let mut first: HashMap<(String, Vec<u8>), usize> = HashMap::new();
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let key = (f.rule_id.clone(), f.secret.expose().to_vec());
        match first.get(&key) {
            Some(&i) => out[i].absorb(f),
            None => {
                first.insert(key, out.len());
                out.push(f);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Excerpt, Secret, Severity};

    fn finding(path: &str, line: usize, secret: &str, confidence: Confidence) -> Finding {
        Finding {
            rule_id: "generic.secret-assignment".into(),
            description: "d".into(),
            severity: Severity::High,
            confidence,
            path: path.into(),
            line,
            column: 5,
            end_line: line,
            end_column: 5 + secret.len(),
            start: 0,
            end: secret.len(),
            secret: Secret::new(secret.as_bytes()),
            fingerprint: format!("fp-{path}-{line}"),
            legacy_fingerprint: String::new(),
            commit: None,
            excerpt: Excerpt::default(),
            also: Vec::new(),
        }
    }

    #[test]
    fn threshold_counts_what_it_hides() {
        let mut out = ScanOutput {
            findings: vec![
                finding("a.go", 1, "Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4", Confidence::High),
                finding("a.go", 2, "squirrel!", Confidence::Low),
                finding("b.go", 3, "Lm3Xq8Zv1Wr6Kt9Yp4Nb7Hs2", Confidence::Medium),
            ],
            ..ScanOutput::default()
        };
        select(&mut out, Confidence::Medium);
        assert_eq!(out.findings.len(), 2);
        assert_eq!(out.summary.below_confidence, 1);
        assert_eq!(out.summary.findings, 2);
        select(&mut out, Confidence::High);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.summary.below_confidence, 2);
    }

    #[test]
    fn repeats_fold_into_the_first() {
        let s = "6337ff461c94fd3fa32ba3b1ff4125";
        let findings = vec![
            finding("runners_test.go", 180, s, Confidence::Medium),
            finding("runners_test.go", 230, s, Confidence::Medium),
            finding(
                "runners_test.go",
                262,
                "205086a8e3b9a2b818ffac9b89d102",
                Confidence::Medium,
            ),
            finding("runners_test.go", 412, s, Confidence::Medium),
            finding("other_test.go", 9, s, Confidence::Medium),
        ];
        let mut out = ScanOutput {
            findings,
            ..ScanOutput::default()
        };
        select(&mut out, Confidence::Low);
        let lines: Vec<(&str, usize, Vec<usize>)> = out
            .findings
            .iter()
            .map(|f| {
                (
                    f.path.as_str(),
                    f.line,
                    f.also.iter().map(|p| p.line).collect(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ("runners_test.go", 180, vec![230, 412, 9]),
                ("runners_test.go", 262, vec![]),
            ]
        );
        assert_eq!(
            out.findings[0].also[1].fingerprint,
            "fp-runners_test.go-412"
        );
        assert_eq!(out.findings[0].also[2].path, "other_test.go");
        assert_eq!(out.summary.repeats, 3);
        assert_eq!(out.summary.findings, 2);
    }
}
