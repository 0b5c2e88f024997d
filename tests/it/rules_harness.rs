//! Every built-in rule's examples and negatives, and every filter's examples, through the full
//! scanner: the same code as `leakscan rules check`. All failures are listed at once.

use leakscan::rule_check;
use leakscan::rules;

#[test]
fn every_builtin_rule_example_behaves() {
    let (set, problems) = rules::load(&[]);
    assert!(problems.is_empty(), "built-in rule problems: {problems:#?}");
    let (counts, failures) = rule_check::check(&set);
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
    let (_, failures) = rule_check::check(&set);
    let text: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        text,
        vec![format!(
            "{}: acme.key: example 1: expected exactly acme.key \"acme_0123456789abcdefghi\" at 1:6, got nothing",
            dir.path().join("extra.toml").display()
        )]
    );
}

/// Scans load the built-ins without their example tables (`build.rs` strips them, to halve
/// the TOML a one-file scan parses): that copy must hold exactly the same rules and filters.
#[test]
fn builtins_for_scans_are_the_complete_builtins_without_examples() {
    let (complete, problems) = rules::load(&[]);
    assert!(problems.is_empty(), "{problems:#?}");
    let (lean, problems) = rules::load_from(&[], rules::Builtins::ForScan);
    assert!(problems.is_empty(), "{problems:#?}");
    let rule = |r: &rules::Rule| {
        format!(
            "{} {:?} {:?} {:?} {:?} {} {} {} {}",
            r.id,
            r.description,
            r.severity,
            r.keywords,
            r.min_entropy,
            r.generic,
            r.precedence,
            r.origin,
            r.pattern
        )
    };
    let filter = |f: &rules::Filter| {
        format!(
            "{} {:?} {:?} {:?} {} {}",
            f.id, f.description, f.target, f.rules, f.origin, f.pattern
        )
    };
    let a: Vec<String> = complete.rules().iter().map(rule).collect();
    let b: Vec<String> = lean.rules().iter().map(rule).collect();
    assert_eq!(a, b);
    let a: Vec<String> = complete.filters().iter().map(filter).collect();
    let b: Vec<String> = lean.filters().iter().map(filter).collect();
    assert_eq!(a, b);
    assert!(lean
        .rules()
        .iter()
        .all(|r| r.examples.is_empty() && r.negatives.is_empty()));
    assert!(lean.filters().iter().all(|f| f.examples.is_empty()));
}

/// Built-in rules skip the load-time lints that need examples or a parsed regex (scans load
/// them without examples, and parse regexes on first use); this holds them to those rules.
#[test]
fn every_builtin_rule_has_examples_negatives_and_a_sound_regex() {
    let (set, _) = rules::load(&[]);
    for r in set.rules() {
        assert!(!r.examples.is_empty(), "{}: no [[rule.example]]", r.id);
        assert!(!r.negatives.is_empty(), "{}: no [[rule.negative]]", r.id);
        assert!(r.regex().is_ok(), "{}: {:?}", r.id, r.regex().err());
    }
    for f in set.filters() {
        assert!(!f.examples.is_empty(), "{}: no [[filter.example]]", f.id);
        assert!(f.regex().is_ok(), "{}: {:?}", f.id, f.regex().err());
    }
}

/// A built-in (trusted) rule is parsed only on first use: if one were broken, the scan must
/// skip it without a panic, and `rules check` must name it.
#[test]
fn a_broken_trusted_rule_is_skipped_by_scans_and_named_by_check() {
    let text = r#"
[[rule]]
id = "acme.no-group"
description = "no secret group"
keywords = ["acme_"]
regex = '''\bacme_[a-z0-9]{20}\b'''
severity = "low"

[[filter]]
id = "acme.bad-filter"
description = "broken regex"
target = "secret"
regex = '''(unclosed'''
"#;
    let (set, problems) = leakscan::RuleSet::compile(&[rules::RuleSource {
        name: "builtin.toml".into(),
        text,
        trusted: true,
        examples_required: true,
    }]);
    assert!(
        problems.is_empty(),
        "trusted rules are not parsed at load: {problems:?}"
    );
    let found = leakscan::Scanner::new(&set).scan(b"k = acme_0123456789abcdefghij\n", "x");
    assert!(found.is_empty());
    let (_, failures) = rule_check::check(&set);
    let text: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert_eq!(text.len(), 2, "{text:#?}");
    assert!(text[0].starts_with("builtin.toml: acme.no-group: regex has no named group `secret`"));
    assert!(text[1].starts_with("builtin.toml: acme.bad-filter: bad regex"));
}

/// The built-ins a scan loads come from code generated by `build.rs`, not from parsing their
/// text; a problem that points into them (a user's rule reusing a built-in id) must still
/// name the same file and line.
#[test]
fn problems_name_the_same_built_in_line_either_way() {
    let fixture = std::path::PathBuf::from("tests/fixtures/bad-rules/duplicate-id.toml");
    let (_, complete) = rules::load(std::slice::from_ref(&fixture));
    let (_, for_scan) = rules::load_from(&[fixture], rules::Builtins::ForScan);
    let text = |ps: &[leakscan::problems::Problem]| -> Vec<String> {
        ps.iter().map(|p| p.to_string()).collect()
    };
    assert_eq!(text(&complete), text(&for_scan));
    assert!(text(&for_scan)[0].ends_with("(first defined at rules/jwt.toml:5)"));
}
