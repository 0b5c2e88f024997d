//! Every built-in rule's examples and negatives, and every filter's examples, through the full
//! scanner: the same code as `leakscan rules check`. All failures are listed at once.

use leakscan::rules::{self, check};

#[test]
fn every_builtin_rule_example_behaves() {
    let (set, problems) = rules::load(&[]);
    assert!(problems.is_empty(), "built-in rule problems: {problems:#?}");
    let (counts, failures) = check::check(&set);
    let listing: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} rule example failures:\n{}",
        failures.len(),
        listing.join("\n")
    );
    assert_eq!(counts.rules, set.rules().len());
    assert!(counts.examples >= counts.rules, "every rule has an example");
    assert!(
        counts.negatives >= counts.rules,
        "every rule has a negative"
    );
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let (set, _) = rules::load(&[]);
    let mut ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
    ids.extend(set.filters().iter().map(|f| f.id.as_str()));
    let before = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate ids");
}

/// A rule whose example does not produce its finding makes `check` fail, naming the example.
#[test]
fn check_reports_a_broken_example() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extra.toml");
    std::fs::write(
        &path,
        r#"
[[rule]]
id = "acme.key"
description = "ACME key"
keywords = ["acme_"]
regex = '''\b(?P<secret>acme_[a-z0-9]{20})\b'''
severity = "low"
  [[rule.example]]
  # 19 characters after the prefix: the regex wants 20, so the example cannot match.
  text = "key: acme_0123456789abcdefghi"
  secret = "acme_0123456789abcdefghi"
  [[rule.negative]]
  text = "acme_short"
"#,
    )
    .unwrap();
    let (set, problems) = rules::load(&[path]);
    assert!(problems.is_empty(), "{problems:?}");
    let (_, failures) = check::check(&set);
    let text: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        text,
        vec![format!(
            "{}: acme.key: example 1: expected exactly acme.key \"acme_0123456789abcdefghi\" at 1:6, got nothing",
            dir.path().join("extra.toml").display()
        )]
    );
}
