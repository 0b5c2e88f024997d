//! Properties over generated inputs (proptest): the read and mmap paths agree; no report of
//! any finding shows more of a secret than redaction allows unless `--reveal`; JSON and SARIF
//! always parse and SARIF always validates against the 2.1.0 schema. (Offset → line/column
//! round trips are a property test in `src/location.rs`, where the index lives.)

use leakscan::finding::{Excerpt, Piece};
use leakscan::pipeline::ScanOutput;
use leakscan::report::{self, Report, ReportFormat, RuleInfo};
use leakscan::source::blob::Body;
use leakscan::source::read::Reader;
use leakscan::{rules, Disclosure, Finding, Scanner, Secret, Severity};
use proptest::prelude::*;

const TALON: &str =
    "Authorization: ApiKey-v1 3f1c9a0be27d4c5e8a6b1f2d3c4e5a6b7c8d9e0f1a2b3c4d5e6f7a";

fn findings_of(content: &[u8]) -> Vec<(String, usize, usize)> {
    let (set, _) = rules::load(&[]);
    Scanner::new(&set)
        .scan(content, "f.txt")
        .into_iter()
        .map(|f| (f.rule_id, f.start, f.end))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn read_and_mmap_give_identical_bytes_and_findings(
        before in proptest::collection::vec(any::<u8>().prop_filter("text", |b| *b != 0), 0..3000),
        after in proptest::collection::vec(any::<u8>().prop_filter("text", |b| *b != 0), 0..3000),
        with_secret in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        let mut content = before.clone();
        if with_secret {
            content.extend_from_slice(b"\n");
            content.extend_from_slice(TALON.as_bytes());
            content.extend_from_slice(b"\n");
        }
        content.extend_from_slice(&after);
        std::fs::write(&path, &content).unwrap();
        let mut read = Reader::new(u64::MAX, u64::MAX);
        let mut mapped = Reader::new(u64::MAX, 0);
        let (a, b) = match (read.read(&path, "f", true), mapped.read(&path, "f", true)) {
            (Body::Bytes(a), Body::Bytes(b)) => (a.bytes().to_vec(), b.bytes().to_vec()),
            (a, b) => panic!("{a:?} / {b:?}"),
        };
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(findings_of(&a), findings_of(&b));
        if with_secret {
            prop_assert!(findings_of(&a).iter().any(|f| f.0.starts_with("talon-one.")));
        }
    }
}

/// A scan output holding one finding per secret, all at the same place.
fn output_of(
    secrets: &[String],
    path: &str,
    severity: Severity,
    line: usize,
    column: usize,
) -> ScanOutput {
    let mut output = ScanOutput::default();
    for s in secrets {
        output
            .findings
            .push(finding(s, path, severity, line, column));
    }
    output.summary.findings = output.findings.len();
    output
}

fn finding(secret: &str, path: &str, severity: Severity, line: usize, column: usize) -> Finding {
    let secret = Secret::new(secret.as_bytes());
    Finding {
        rule_id: "test.rule".into(),
        description: "a test rule".into(),
        severity,
        confidence: leakscan::Confidence::High,
        path: path.into(),
        line,
        column,
        end_line: line,
        end_column: column + secret.expose().len(),
        start: 10,
        end: 10 + secret.expose().len(),
        fingerprint: leakscan::finding::fingerprint("test.rule", path, secret.expose(), 0),
        legacy_fingerprint: String::new(),
        excerpt: Excerpt(vec![
            Piece::Text("key = \"".into()),
            Piece::Secret {
                secret: secret.clone(),
                this: true,
            },
            Piece::Text("\"".into()),
        ]),
        secret,
        commit: None,
        also: Vec::new(),
    }
}

/// Every report of `output`, concatenated: text, JSON, SARIF, annotations, the job summary.
fn all_reports(output: &ScanOutput, disclosure: Disclosure) -> Vec<(ReportFormat, String)> {
    let rules = [RuleInfo {
        id: "test.rule".into(),
        description: "a test rule".into(),
        severity: Severity::High,
        provider: Some("Test".into()),
        help: Some("https://example.com/token-format".into()),
        tags: vec!["test".into(), "provider".into(), "Test".into()],
    }];
    let mut out = Vec::new();
    for color in [false, true] {
        for format in [
            ReportFormat::Text,
            ReportFormat::Json,
            ReportFormat::Sarif,
            ReportFormat::Github,
        ] {
            let report = Report {
                output,
                rules: &rules,
                disclosure,
                color,
                base: None,
            };
            let mut buf = Vec::new();
            report::write(format, &report, &mut buf).unwrap();
            out.push((format, String::from_utf8(buf).unwrap()));
        }
    }
    let report = Report {
        output,
        rules: &rules,
        disclosure,
        color: false,
        base: None,
    };
    out.push((ReportFormat::Text, report::step_summary(&report)));
    out
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Low),
        Just(Severity::Medium),
        Just(Severity::High),
        Just(Severity::Critical)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Secrets from an alphabet (upper case and digits) that the rest of a report (lower-case
    /// ids, hex fingerprints, paths) does not use, so any five characters of one that show up
    /// came from the secret.
    #[test]
    fn no_report_shows_more_than_redaction_allows(
        secrets in proptest::collection::vec("[A-Z][A-Z0-9]{7,79}", 1..4),
        path in "[a-z/._ -]{1,30}|[^\u{0}]{1,20}",
        sev in severity(),
        line in 1usize..100_000,
        column in 1usize..500,
    ) {
        let output = output_of(&secrets, &path, sev, line, column);
        for (format, text) in all_reports(&output, Disclosure::Redact) {
            for s in &secrets {
                let chars: Vec<char> = s.chars().collect();
                for w in chars.windows(5) {
                    let w: String = w.iter().collect();
                    if w.chars().any(|c| c.is_ascii_uppercase()) && !path.contains(&w) {
                        prop_assert!(!text.contains(&w), "{format:?} shows {w} of {s}:\n{text}");
                    }
                }
                // At most the first four characters, and only of a secret of 16 or more.
                if s.len() < 16 {
                    prop_assert!(!text.contains(&s[..4]) || path.contains(&s[..4]) ,
                        "{format:?} shows the start of a short secret:\n{text}");
                }
            }
        }
        // Revealed, the whole secret is in every format that carries secrets.
        for (format, text) in all_reports(&output, Disclosure::Reveal) {
            if format != ReportFormat::Json || text.contains("\"secret\"") {
                prop_assert!(text.contains(&secrets[0]), "{format:?} under --reveal:\n{text}");
            }
        }
    }

    #[test]
    fn json_and_sarif_parse_and_sarif_validates(
        secrets in proptest::collection::vec("[ -~]{1,60}", 0..4),
        path in "[^\u{0}]{1,40}",
        sev in severity(),
        line in 1usize..100_000,
        column in 1usize..500,
        reveal in any::<bool>(),
    ) {
        let output = output_of(&secrets, &path, sev, line, column);
        let disclosure = if reveal { Disclosure::Reveal } else { Disclosure::Redact };
        let validator = crate::sarif::validator();
        for (format, text) in all_reports(&output, disclosure) {
            match format {
                ReportFormat::Json => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    prop_assert_eq!(v["findings"].as_array().unwrap().len(), secrets.len());
                }
                ReportFormat::Sarif => {
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                    if let Some(validator) = &validator {
                        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
                        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
                    }
                }
                _ => {}
            }
        }
    }
}
