//! SARIF output validates against the SARIF 2.1.0 schema and meets GitHub code scanning's
//! expectations (rule metadata, relative URIs, 1-based regions, fingerprints, no secrets).

use crate::support::{Tree, TALON_KEY};
use std::path::PathBuf;

fn schema_path() -> PathBuf {
    // The project's copy of the schema lives beside the repository, in ../shared.
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-2.1.0.json")
}

/// The schema's validator, loaded once for the whole test binary (and a skip said once).
pub(crate) fn validator() -> Option<&'static jsonschema::Validator> {
    static VALIDATOR: std::sync::OnceLock<Option<jsonschema::Validator>> =
        std::sync::OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            let path = schema_path();
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    // In CI the schema must be there: a skipped validation is a failed one.
                    crate::support::skip(
                        "SARIF schema validation",
                        &format!("{}: {e}", path.display()),
                    );
                    return None;
                }
            };
            let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
            Some(jsonschema::validator_for(&schema).expect("schema compiles"))
        })
        .as_ref()
}

fn sarif_of(tree: &Tree, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["scan", "--format", "sarif"];
    args.extend_from_slice(extra);
    let out = tree.leakscan(&args);
    serde_json::from_str(&out.stdout).expect("SARIF is JSON")
}

fn assert_valid(doc: &serde_json::Value) {
    if let Some(v) = validator() {
        let errors: Vec<String> = v
            .iter_errors(doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF schema errors:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn sarif_validates_and_fits_code_scanning() {
    let t = Tree::new();
    t.file(
        "src/deploy dir/run.sh",
        format!("#!/bin/sh\ncurl -H \"Authorization: ApiKey-v1 {TALON_KEY}\" https://x\n"),
    );
    let doc = sarif_of(&t, &[]);
    assert_valid(&doc);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let (set, _) = leakscan::rules::load(&[]);
    assert_eq!(rules.len(), set.rules().len());
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for r in rules {
        for key in ["name", "shortDescription", "fullDescription", "help"] {
            assert!(!r[key].is_null(), "rule {} lacks {key}", r["id"]);
        }
        let sev: f64 = r["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&sev));
        assert_eq!(
            r["properties"]["tags"],
            serde_json::json!(["security", "external/cwe/cwe-798"])
        );
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "talon-one.api-key");
    let index = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "talon-one.api-key");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "src/deploy%20dir/run.sh");
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 2, "startColumn": 35, "endLine": 2, "endColumn": 89})
    );
    assert_eq!(
        r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap()
            .len(),
        32
    );
    let text = serde_json::to_string(&doc).unwrap();
    assert!(
        !text.contains(&TALON_KEY[..8]),
        "the secret is not in the SARIF file"
    );
}

#[test]
fn sarif_with_problems_and_no_results_validates() {
    let t = Tree::new();
    t.file("ok.txt", "nothing");
    let doc = sarif_of(&t, &["ok.txt", "missing.txt"]);
    assert_valid(&doc);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert_eq!(
        inv["toolExecutionNotifications"][0]["message"]["text"],
        "missing.txt: no such file or directory"
    );
}

/// The validator really rejects a broken document (a test that cannot fail proves nothing).
#[test]
fn schema_check_can_fail() {
    if let Some(v) = validator() {
        let bad = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
        assert!(!v.is_valid(&bad), "a run without a tool must be rejected");
    }
}

/// However the scan root is named (absolute, relative, with a trailing slash), SARIF URIs are
/// relative to it, under `uriBaseId` `SRCROOT`, which `originalUriBaseIds` maps to the root:
/// code scanning then finds the file in the repository whatever path was scanned.
#[test]
fn uris_are_relative_to_the_scan_root_whatever_path_was_given() {
    let t = Tree::new();
    t.file(
        "repo/src/run.sh",
        format!("curl -H \"Authorization: ApiKey-v1 {TALON_KEY}\" https://x\n"),
    );
    let absolute = t.path().join("repo").canonicalize().unwrap();
    let absolute = absolute.to_str().unwrap();
    for root in [absolute, "repo", "repo/"] {
        let out = t.leakscan(&["scan", "--format", "sarif", root]);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let run = &doc["runs"][0];
        let artifact = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uri"], "src/run.sh", "{root}");
        assert_eq!(artifact["uriBaseId"], "SRCROOT", "{root}");
        assert_eq!(
            run["originalUriBaseIds"]["SRCROOT"]["uri"],
            format!("file://{absolute}/"),
            "{root}"
        );
        assert_valid(&doc);
    }
}
