//! Broken rule files: each fixture under `tests/fixtures/bad-rules/` must be rejected with a
//! problem that names the file and the line, while the built-in rules still load.

use leakscan::rules;
use std::path::PathBuf;

fn problems_for(name: &str) -> Vec<String> {
    let path = PathBuf::from("tests/fixtures/bad-rules").join(name);
    let (set, problems) = rules::load(&[path]);
    // The built-ins are unaffected by a broken extra file.
    assert!(set.rules().iter().any(|r| r.id == "talon-one.api-key"));
    problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn each_broken_rule_file_is_named_with_its_line() {
    let cases: &[(&str, &str)] = &[
        (
            "bad-id.toml",
            "tests/fixtures/bad-rules/bad-id.toml:3: rule `NoFamily`: id `NoFamily` must look like `family.name` (lower-case letters, digits, `-`)",
        ),
        (
            "bad-severity.toml",
            "tests/fixtures/bad-rules/bad-severity.toml:7:12: unknown variant `urgent`, expected one of `low`, `medium`, `high`, `critical`",
        ),
        (
            "duplicate-id.toml",
            "tests/fixtures/bad-rules/duplicate-id.toml:3: duplicate id `jwt.token` (first defined at rules/jwt.toml:5)",
        ),
        (
            "missing-secret-group.toml",
            "tests/fixtures/bad-rules/missing-secret-group.toml:6: rule `fixture.no-secret`: regex has no named group `secret` (write `(?P<secret>...)`)",
        ),
        (
            "no-examples.toml",
            "tests/fixtures/bad-rules/no-examples.toml:3: rule `fixture.no-examples`: needs at least one [[rule.example]]",
        ),
        (
            "syntax-error.toml",
            "tests/fixtures/bad-rules/syntax-error.toml:2:8: unclosed array table, expected `]`",
        ),
        (
            "two-groups.toml",
            "tests/fixtures/bad-rules/two-groups.toml:6: rule `fixture.two-groups`: named groups are `secret` (exactly one) and `name` or `name_<form>` (the name the value is assigned to); this regex also has `prefix`",
        ),
    ];
    for (file, expected) in cases {
        assert_eq!(problems_for(file), vec![expected.to_string()], "{file}");
    }
}

#[test]
fn unknown_keys_are_errors() {
    let got = problems_for("unknown-key.toml");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with(
            "tests/fixtures/bad-rules/unknown-key.toml:8:1: unknown field `min_entropi`, expected one of"
        ),
        "{got:?}"
    );
}

#[test]
fn bad_regex_names_file_line_and_reason() {
    let got = problems_for("bad-regex.toml");
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with(
            "tests/fixtures/bad-rules/bad-regex.toml:6: rule `fixture.bad-regex`: bad regex at column 16: unclosed character class"
        ),
        "{got:?}"
    );
    assert!(got[0].contains("unclosed character class"), "{got:?}");
}

#[test]
fn every_fixture_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir("tests/fixtures/bad-rules")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bad-id.toml",
            "bad-regex.toml",
            "bad-severity.toml",
            "duplicate-id.toml",
            "missing-secret-group.toml",
            "no-examples.toml",
            "syntax-error.toml",
            "two-groups.toml",
            "unknown-key.toml"
        ]
    );
}
