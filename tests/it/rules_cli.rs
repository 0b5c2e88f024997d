//! `leakscan rules list` filters (`--family`, `--severity`, `--confidence`) and `rules show`,
//! on a rule file of the test's own (exact output) and on the built-ins.

use crate::support::Tree;

/// Three rules in two families: a secret with a checksum, an identifier, and a context rule of
/// medium confidence.
const RULES: &str = r#"
[[rule]]
id = "acme.token"
description = "ACME token (acme_ + 20)"
provider = "ACME Corp"
help = "https://acme.example/docs/tokens"
keywords = ["acme_"]
regex = '''\b(?P<secret>acme_[A-Za-z0-9]{20})\b'''
severity = "high"
verify = "crc32-base62"
  [[rule.example]]
  text = '''ACME_TOKEN=acme_k3m9q2w7x5z1v81n5HFZ'''
  secret = "acme_k3m9q2w7x5z1v81n5HFZ"
  [[rule.negative]]
  text = '''ACME_TOKEN=acme_<token>'''

[[rule]]
id = "acme.key-id"
description = "ACME key id"
provider = "ACME Corp"
kind = "identifier"
keywords = ["akid"]
regex = '''\b(?P<secret>AKID[0-9]{8})\b'''
severity = "low"
  [[rule.example]]
  text = '''key_id: AKID20240607'''
  secret = "AKID20240607"
  [[rule.negative]]
  text = '''key_id: AKID'''

[[rule]]
id = "zeta.secret"
description = "Zeta secret next to a Zeta name"
keywords = ["zeta"]
regex = '''zeta_secret=(?P<secret>[0-9a-f]{16})'''
severity = "medium"
confidence = "medium"
  [[rule.example]]
  text = '''zeta_secret=0123456789abcdef'''
  secret = "0123456789abcdef"
  [[rule.negative]]
  text = '''zeta_secret=${ZETA}'''
"#;

fn tree() -> Tree {
    let t = Tree::new();
    t.file("extra.toml", RULES);
    t
}

fn list(t: &Tree, filters: &[&str]) -> crate::support::Output {
    let mut args = vec![
        "rules",
        "list",
        "--no-builtin-rules",
        "--rules",
        "extra.toml",
    ];
    args.extend(filters);
    t.leakscan(&args)
}

#[test]
fn list_shows_provider_kind_confidence_and_severity() {
    let t = tree();
    let out = list(&t, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "\
acme.token                                   ACME Corp secret     high   high     ACME token (acme_ + 20)
acme.key-id                                  ACME Corp identifier high   low      ACME key id
zeta.secret                                  -         secret     medium medium   Zeta secret next to a Zeta name
"
    );
}

#[test]
fn list_filters_by_family_severity_and_confidence() {
    let t = tree();
    let ids = |filters: &[&str]| -> Vec<String> {
        let out = list(&t, filters);
        assert_eq!(out.code, 0, "{out:?}");
        out.stdout
            .lines()
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--family", "acme"]), ["acme.token", "acme.key-id"]);
    assert_eq!(ids(&["--family", "zeta"]), ["zeta.secret"]);
    assert_eq!(ids(&["--severity", "low"]), ["acme.key-id"]);
    assert_eq!(
        ids(&["--severity", "low", "--severity", "medium"]),
        ["acme.key-id", "zeta.secret"]
    );
    assert_eq!(ids(&["--confidence", "medium"]), ["zeta.secret"]);
    assert_eq!(
        ids(&[
            "--family",
            "acme",
            "--confidence",
            "high",
            "--severity",
            "high"
        ]),
        ["acme.token"]
    );
    assert!(ids(&["--family", "acme", "--confidence", "medium"]).is_empty());
}

#[test]
fn list_rejects_an_unknown_family_and_value() {
    let t = tree();
    let out = list(&t, &["--family", "acmee"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "leakscan: no rule family `acmee` (see `leakscan rules list`)\n"
    );
    let out = list(&t, &["--severity", "urgent"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("invalid value 'urgent'"), "{out:?}");
}

#[test]
fn list_json_is_filtered_and_names_the_check() {
    let t = tree();
    let out = list(&t, &["--format", "json", "--family", "acme"]);
    assert_eq!(out.code, 0, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "acme.token");
    assert_eq!(rows[0]["verify"], "crc32-base62");
    assert_eq!(rows[0]["kind"], "secret");
    assert_eq!(rows[1]["kind"], "identifier");
    assert_eq!(rows[1]["verify"], serde_json::Value::Null);
}

#[test]
fn show_prints_a_rule_with_its_examples() {
    let t = tree();
    let out = t.leakscan(&[
        "rules",
        "show",
        "acme.token",
        "--no-builtin-rules",
        "--rules",
        "extra.toml",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        r"id           acme.token
description  ACME token (acme_ + 20)
provider     ACME Corp
kind         secret
severity     high
confidence   high
help         https://acme.example/docs/tokens
keywords     acme_
regex        \b(?P<secret>acme_[A-Za-z0-9]{20})\b
min_entropy  -
verify       crc32-base62
scope        line
origin       extra.toml

example 1:
  ACME_TOKEN=acme_k3m9q2w7x5z1v81n5HFZ
  secret: acme_k3m9q2w7x5z1v81n5HFZ

negative 1:
  ACME_TOKEN=acme_<token>
"
    );
}

#[test]
fn show_suggests_the_closest_id() {
    let t = tree();
    let args = |id| {
        t.leakscan(&[
            "rules",
            "show",
            id,
            "--no-builtin-rules",
            "--rules",
            "extra.toml",
        ])
    };
    let out = args("acme.tokn");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "leakscan: no rule `acme.tokn`; did you mean `acme.token`?\n"
    );
    let out = args("nothing.like-it");
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "leakscan: no rule `nothing.like-it` (see `leakscan rules list`)\n"
    );
}

#[test]
fn builtin_family_listing() {
    let t = Tree::new();
    let out = t.leakscan(&["rules", "list", "--family", "dynatrace"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "\
dynatrace.api-token                          Dynatrace secret     high   high     Dynatrace API token (`dt0c01.`)
dynatrace.platform-token                     Dynatrace secret     high   high     Dynatrace platform or OAuth client secret (`dt0s01.`)
"
    );
    let out = t.leakscan(&["rules", "show", "github.classic-pat"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with(
        "id           github.classic-pat\ndescription  GitHub classic personal access token (ghp_)\nprovider     GitHub\nkind         secret\n"
    ));
    assert!(out.stdout.contains("\nverify       crc32-base62\n"));
}

/// The test's own rule file passes `rules check` (its token example carries a valid CRC32).
#[test]
fn the_test_rules_check() {
    let t = tree();
    let out = t.leakscan(&[
        "rules",
        "check",
        "--no-builtin-rules",
        "--rules",
        "extra.toml",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("rules check: 3 rules, "), "{out:?}");
    assert!(out.stdout.ends_with("; 0 failures\n"), "{out:?}");
}
