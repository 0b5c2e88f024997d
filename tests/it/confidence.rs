//! Confidence and one finding per secret, through the real binary: what the threshold hides and
//! says it hid, what `--confidence` shows, and how every report format lists the other places
//! of a repeated secret.

use crate::support::{Tree, TALON_KEY};

/// A random-looking token in a Go test (medium: real keys get pasted into tests), a word-like
/// password in the same test (low), code that only looks like an assignment (nothing).
fn tree() -> Tree {
    let t = Tree::new();
    t.file(
        "registry/auth_test.go",
        "package registry\n\
         \n\
         var cases = []AuthConfig{\n\
         \t{Username: \"docker-user\", Password: \"docker-pass\"},\n\
         \t{Token: \"jMRvtPNxrn3crTAGukpZ\"},\n\
         }\n\
         \n\
         func authOptions(opts *Options) Request {\n\
         \treturn Request{\n\
         \t\tPassword: &opts.Password,\n\
         \t\tSecret: &corev1.SecretVolumeSource{SecretName: \"pull-secret\"},\n\
         \t}\n\
         }\n",
    );
    t
}

#[test]
fn the_threshold_hides_weak_evidence_and_says_so() {
    let t = tree();
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        "registry/auth_test.go:5:11: generic.secret-assignment Hardcoded secret, token or API key assigned in code or config: jMRv… (medium confidence)\n"
    );
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 1 finding (1 high), 1 below the confidence threshold (--confidence low shows them) in 1 file (291 B); 0 problems; <time>"
    );
}

#[test]
fn confidence_low_shows_everything_and_high_only_provider_formats() {
    let t = tree();
    let out = t.leakscan(&["scan", "--confidence", "low", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let got: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["confidence"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("generic.password-assignment".into(), 4, "low".into()),
            ("generic.secret-assignment".into(), 5, "medium".into()),
        ]
    );
    assert_eq!(v["summary"]["below_confidence"], 0);

    let out = t.leakscan(&["scan", "--confidence", "high"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stderr.contains("2 below the confidence threshold"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_secret_in_several_places_is_one_finding_listing_the_others() {
    let t = Tree::new();
    let line = format!("Authorization: ApiKey-v1 {TALON_KEY}\n");
    t.file("a.sh", &line);
    t.file("b.sh", format!("# again\n{line}"));
    t.file("c/d.sh", &line);
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "a.sh:1:26: talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: 3f1c…\n      1 | Authorization: ApiKey-v1 3f1c…\n        = also at b.sh:2:26, c/d.sh:1:26\n"
    );
    assert!(
        out.stderr
            .contains("1 finding (1 high), 2 repeats listed with them in 3 files"),
        "{}",
        out.stderr
    );

    let out = t.leakscan(&["scan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let also = &v["findings"][0]["also"];
    assert_eq!(also.as_array().unwrap().len(), 2);
    assert_eq!(also[0]["path"], "b.sh");
    assert_eq!(also[0]["line"], 2);
    assert_eq!(also[1]["path"], "c/d.sh");
    assert_eq!(also[0]["fingerprint"].as_str().unwrap().len(), 32);
    assert_ne!(also[0]["fingerprint"], v["findings"][0]["fingerprint"]);
    assert_eq!(v["summary"]["repeats"], 2);

    // GitHub: an annotation on every place, so each copy is marked on the diff.
    let out = t.leakscan(&["scan", "--format", "github"]);
    let files: Vec<&str> = out
        .stdout
        .lines()
        .map(|l| l.split("file=").nth(1).unwrap().split(',').next().unwrap())
        .collect();
    assert_eq!(files, vec!["a.sh", "b.sh", "c/d.sh"]);

    // SARIF: the other places are relatedLocations, and the document still validates.
    let out = t.leakscan(&["scan", "--format", "sarif"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let result = &doc["runs"][0]["results"][0];
    let related = result["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(
        related[1]["physicalLocation"]["artifactLocation"]["uri"],
        "c/d.sh"
    );
    assert_eq!(result["rank"], 90.0);
    assert_eq!(result["level"], "error");
    assert_eq!(result["properties"]["confidence"], "high");
    if let Some(v) = crate::sarif::validator() {
        assert!(v.is_valid(&doc));
    }
}

#[test]
fn a_baseline_written_from_a_grouped_report_knows_every_place() {
    let t = Tree::new();
    let line = format!("Authorization: ApiKey-v1 {TALON_KEY}\n");
    t.file("a.sh", &line);
    t.file("b.sh", &line);
    let out = t.leakscan(&["scan", "--format", "json", "--output", "base.json"]);
    assert_eq!(out.code, 1, "{out:?}");
    // Only a.sh is scanned now: its copy in b.sh was the listed place, and is still known.
    t.file("c.sh", "");
    let out = t.leakscan(&["scan", "--baseline", "base.json", "b.sh"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("1 suppressed"), "{}", out.stderr);
}

#[test]
fn sarif_levels_follow_confidence() {
    let t = tree();
    let out = t.leakscan(&["scan", "--format", "sarif", "--confidence", "low"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let levels: Vec<(&str, f64)> = results
        .iter()
        .map(|r| (r["level"].as_str().unwrap(), r["rank"].as_f64().unwrap()))
        .collect();
    assert_eq!(levels, vec![("note", 30.0), ("warning", 60.0)]);
    if let Some(v) = crate::sarif::validator() {
        assert!(v.is_valid(&doc));
    }
}
