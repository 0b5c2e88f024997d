//! Suppression that users control: inline comments, `.leakscanignore`, `--baseline`,
//! `.leakscan.toml` (disabled rules, global and per-rule allowlists), and stale entries.

use crate::support::{Tree, TALON_KEY};

fn header(key_suffix: &str) -> String {
    format!("Authorization: ApiKey-v1 {TALON_KEY}{key_suffix}\n")
}

fn paths_found(stdout: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("json");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}:{}", f["path"].as_str().unwrap(), f["line"]))
        .collect()
}

#[test]
fn inline_allow_and_allow_next_line() {
    let t = Tree::new();
    t.file(
        "a.sh",
        format!("X={}  # leakscan:allow", header("").trim_end()),
    );
    t.file(
        "b.json",
        format!("// leakscan:allow-next-line\n{}", header("")),
    );
    t.file(
        "c.sh",
        format!("# leakscan:allow-next-line\n\n{}", header("")),
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!(
        paths_found(&out.stdout),
        ["c.sh:3"],
        "only the unmarked line"
    );
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn leakscanignore_fingerprints_paths_and_stale_entries() {
    let t = Tree::new();
    t.file("keep.txt", header("aa"));
    t.file("known.txt", header("bb"));
    t.file("tests/fixtures/key.txt", header("cc"));
    let first = t.leakscan(&["scan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&first.stdout).unwrap();
    let known = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "known.txt")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    t.file(
        ".leakscanignore",
        format!(
            "# reviewed 2026-11\n{known}  # revoked fixture key\nffffffffffffffffffffffffffffffff\ntests/fixtures/\n*.bak\n"
        ),
    );
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        "keep.txt:1:26: talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: 3f1c…\n"
    );
    assert_eq!(
        out.stderr_stable(),
        ".leakscanignore:3: stale entry `ffffffffffffffffffffffffffffffff` matched nothing in this scan\n\
         .leakscanignore:5: stale entry `*.bak` matched nothing in this scan\n\
         leakscan: 1 finding (1 high), 1 suppressed in 3 files (294 B); skipped 1 allowlisted; 0 problems; <time>"
    );
}

#[test]
fn baseline_reports_only_new_findings_even_after_lines_move() {
    let t = Tree::new();
    t.file("a.sh", header("aa"));
    let base = t.leakscan(&["scan", "--format", "json", "--output", "base.json"]);
    assert_eq!(base.code, 1);
    // Lines inserted above the known secret, and a new secret added.
    t.file(
        "a.sh",
        format!("# moved\n# down\n{}{}", header("aa"), header("bb")),
    );
    let out = t.leakscan(&["scan", "--baseline", "base.json", "--format", "json"]);
    assert_eq!(out.code, 1);
    assert_eq!(paths_found(&out.stdout), ["a.sh:4"]);
    // Only known findings: exit 0.
    t.file("a.sh", format!("# moved\n{}", header("aa")));
    let out = t.leakscan(&["scan", "--baseline", "base.json"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{out:?}");
    // A broken baseline is a problem, named.
    t.file("bad.json", "{\"nope\": 1}");
    let out = t.leakscan(&["scan", "--baseline", "bad.json", "a.sh"]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .starts_with("bad.json: not a leakscan JSON report: no `findings` array\n"));
}

#[test]
fn project_config_disables_rules_and_allowlists() {
    let t = Tree::new();
    t.file("app.py", "api_key = \"Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4sandbox\"\n");
    t.file("docs/guide.md", header("aa"));
    t.file("src/deploy.sh", header("bb"));
    t.file("src/db.env", "DB_PASSWORD=Qx7!mZ2pLw\n");
    t.file(
        ".leakscan.toml",
        "[rules]\ndisable = [\"generic.config-password\", \"generic.env-password\"]\n\n[allowlist]\nstopwords = [\"SANDBOX\"]\n\n[[allowlist.rule]]\nid = \"talon-one.api-key\"\npaths = [\"docs/**\"]\n",
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!(
        paths_found(&out.stdout),
        ["src/deploy.sh:1"],
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 1);
}

#[test]
fn broken_config_is_named_with_its_line() {
    let t = Tree::new();
    t.file("a.sh", header("aa"));
    t.file(
        ".leakscan.toml",
        "[rules]\ndisable = [\"talon-one.api-kye\"]\n",
    );
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with(".leakscan.toml:2: unknown rule id `talon-one.api-kye`; did you mean `talon-one.api-key`?\n"),
        "{}",
        out.stderr
    );
    t.file(".leakscan.toml", "[allowlist]\npath = [\"docs\"]\n");
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with(".leakscan.toml:2:1: unknown field `path`, expected one of"),
        "{}",
        out.stderr
    );
    t.file("other.toml", "[allowlist]\nregexes = [\"(unclosed\"]\n");
    let out = t.leakscan(&["scan", "--config", "other.toml", "a.sh"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("other.toml:2: allowlist: bad regex at column 1: unclosed group\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn generic_rules_skip_lock_files_but_provider_rules_do_not() {
    let t = Tree::new();
    t.file(
        "package-lock.json",
        format!(
            "{{\"token\": \"Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4\",\n \"x\": \"{}\"}}\n",
            header("aa").trim_end()
        ),
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!(paths_found(&out.stdout), ["package-lock.json:2"]);
}

/// A repository moving from gitleaks keeps what it accepted: `.gitleaksignore` fingerprints
/// (`FILE:RULE:LINE`) suppress leakscan's findings at that file and line, whatever the rule;
/// what matches nothing, or is no fingerprint, is a warning.
#[test]
fn gitleaksignore_entries_suppress_by_file_and_line() {
    let t = Tree::new();
    t.file(
        "a.sh",
        format!("# demo\nAuthorization: ApiKey-v1 {TALON_KEY}\n"),
    );
    t.file(
        ".gitleaksignore",
        "a.sh:generic-api-key:2\nold.sh:generic-api-key:9\nnonsense\n",
    );
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        ".gitleaksignore:2: stale entry: nothing was found at old.sh:9\n\
         .gitleaksignore:3: not a gitleaks fingerprint (FILE:RULE:LINE or COMMIT:FILE:RULE:LINE); ignored\n\
         leakscan: 0 findings, 1 suppressed in 2 files (144 B); 0 problems; <time>"
    );
}

/// A `.gitleaks.toml` at the root: its allowlists apply, its custom rules run as `gitleaks.*`,
/// and what leakscan does not use is said.
#[test]
fn a_gitleaks_config_is_used_and_what_is_not_is_said() {
    let t = Tree::new();
    t.file(
        ".gitleaks.toml",
        r#"title = "acme"
[extend]
useDefault = true

[allowlist]
paths = ['''(^|/)testdata/''']
stopwords = ["sandbox"]

[[rules]]
id = "acme-token"
description = "Acme deploy token"
regex = '''acme_dt_([a-z0-9]{24})'''
keywords = ["acme_dt_"]
"#,
    );
    t.file("deploy.sh", "TOKEN=acme_dt_q8zr3vlx9wm2kp7yb4nc1hd6\n");
    t.file(
        "testdata/fixture.sh",
        format!("Authorization: ApiKey-v1 {TALON_KEY}\n"),
    );
    t.file("ci.env", "API_KEY=sandbox-Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4\n");
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        "deploy.sh:1:15: gitleaks.acme-token Acme deploy token (gitleaks rule `acme-token`): q8zr…\n"
    );
    assert_eq!(
        out.stderr_stable(),
        ".gitleaks.toml: gitleaks configuration: using 1 allowlist path regexes, 1 stopwords, 1 rules (as gitleaks.*)\n\
         .gitleaks.toml: not used: [extend] (leakscan's own rules always apply)\n\
         leakscan: 1 finding (1 high), 1 suppressed in 3 files (314 B); skipped 1 allowlisted; 0 problems; <time>"
    );
}
