//! The real binary in temporary trees: exit codes, formats, problems, walking rules.

use crate::support::{Tree, BEARER, TALON_KEY};

fn talon_line() -> String {
    format!("curl -H \"Authorization: ApiKey-v1 {TALON_KEY}\" https://demo.talon.one/v1/sessions\n")
}

const TALON_TEXT: &str =
    "talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: 3f1c…";

#[test]
fn clean_tree_exits_0() {
    let t = Tree::new();
    t.file("README.md", "hello");
    let out = t.leakscan(&["scan", "."]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 0 findings in 1 file (5 B); 0 problems; <time>"
    );
}

#[test]
fn findings_exit_1_with_exact_position() {
    let t = Tree::new();
    t.file("deploy.sh", format!("#!/bin/sh\n{}", talon_line()));
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.findings(), format!("deploy.sh:2:35: {TALON_TEXT}\n"));
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 1 finding (1 high) in 1 file (135 B); 0 problems; <time>"
    );
}

#[test]
fn crlf_and_multibyte_columns() {
    let t = Tree::new();
    t.file(
        "notes.txt",
        format!("ℹ️ intro\r\nℹ️ Authorization: ApiKey-v1 {TALON_KEY}\r\n"),
    );
    let out = t.leakscan(&["scan", "notes.txt"]);
    assert_eq!(out.findings(), format!("notes.txt:2:29: {TALON_TEXT}\n"));
}

#[test]
fn missing_path_is_named_and_the_rest_still_scanned() {
    let t = Tree::new();
    t.file("present.sh", talon_line());
    let out = t.leakscan(&["scan", "present.sh", "missing.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.findings(), format!("present.sh:1:35: {TALON_TEXT}\n"));
    assert_eq!(
        out.stderr_stable(),
        "missing.txt: no such file or directory\n\
         leakscan: 1 finding (1 high) in 1 file (125 B); 1 problem; <time>"
    );
}

#[test]
fn broken_rule_file_is_named_with_line_and_scan_goes_on() {
    let t = Tree::new();
    t.file("app.sh", talon_line());
    t.file(
        "rules/bad.toml",
        "[[rule]]\nid = \"acme.key\"\ndescription = \"x\"\nkeywords = [\"acme\"]\nregex = '''(acme'''\nseverity = \"high\"\n[[rule.example]]\ntext = \"acme\"\nsecret = \"acme\"\n[[rule.negative]]\ntext = \"x\"\n",
    );
    let out = t.leakscan(&["scan", "--rules", "rules/bad.toml", "app.sh"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.findings(), format!("app.sh:1:35: {TALON_TEXT}\n"));
    assert!(
        out.stderr.starts_with(
            "rules/bad.toml:5: rule `acme.key`: bad regex at column 1: unclosed group\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn binary_files_are_skipped_and_counted() {
    let t = Tree::new();
    let mut blob = b"\x00\x01\x02ELF".to_vec();
    blob.extend_from_slice(talon_line().as_bytes());
    t.file("blob.bin", blob);
    t.file("ok.txt", "nothing here");
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 0 findings in 1 file (12 B); skipped 1 binary; 0 problems; <time>"
    );
}

#[test]
fn oversized_files_are_named_but_not_an_error() {
    let t = Tree::new();
    t.file("big.txt", talon_line());
    let out = t.leakscan(&["scan", "--max-file-size", "10"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        "big.txt: skipped: 125 bytes is larger than --max-file-size (10)\n\
         leakscan: 0 findings in 0 files (0 B); skipped 1 oversized; 0 problems; <time>"
    );
}

#[test]
fn hidden_files_are_scanned_but_dot_git_never() {
    let t = Tree::new();
    t.file(".env", "SOCIALEYE_API_KEY=se_4Kq9Xz2Wm7Lt1Rv8Yb3Hp6\n");
    t.file(".github/workflows/ci.yml", talon_line());
    t.file(".git/config", talon_line());
    let out = t.leakscan(&["scan", "--no-ignore"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.findings(),
        format!(
            ".env:1:19: generic.config-secret Hardcoded secret, token or API key in a plaintext config line: se_4… (medium confidence)\n\
             .github/workflows/ci.yml:1:35: {TALON_TEXT}\n"
        )
    );
}

#[test]
fn gitignored_files_are_skipped_unless_no_ignore_or_named() {
    let t = Tree::new();
    t.file(".gitignore", "secret.txt\n");
    t.file("secret.txt", talon_line());
    let out = t.leakscan(&["scan"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{out:?}");
    let out = t.leakscan(&["scan", "--no-ignore"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.findings(), format!("secret.txt:1:35: {TALON_TEXT}\n"));
    let out = t.leakscan(&["scan", "secret.txt"]);
    assert_eq!(out.code, 1, "an explicitly named file is always scanned");
    assert_eq!(out.findings(), format!("secret.txt:1:35: {TALON_TEXT}\n"));
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let t = Tree::new();
    let outside = Tree::new();
    let target = outside.file("key.sh", talon_line());
    std::os::unix::fs::symlink(&target, t.path().join("link.sh")).unwrap();
    t.file("ok.txt", "fine");
    let out = t.leakscan(&["scan"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr_stable(),
        "leakscan: 0 findings in 1 file (4 B); skipped 1 symlink; 0 problems; <time>"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let t = Tree::new();
    t.file("a.sh", talon_line());
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "", "machine formats print no summary on stderr");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = &v["findings"][0];
    let expected = serde_json::json!({
        "rule_id": "talon-one.api-key",
        "description": "Talon.One API key in an `Authorization: ApiKey-v1` header",
        "severity": "high",
        "confidence": "high",
        "path": "a.sh",
        "line": 1,
        "column": 35,
        "end_line": 1,
        "end_column": 89,
        "secret": "3f1c…",
        "fingerprint": f["fingerprint"],
        "entropy": 3.94,
        "tags": ["talon-one", "provider", "Talon.One"],
    });
    assert_eq!(f, &expected);
    assert_eq!(f["fingerprint"].as_str().unwrap().len(), 32);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["problems"], serde_json::json!([]));
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["summary"]["files_scanned"], 1);
    assert_eq!(v["summary"]["findings"], 1);
}

#[test]
fn fingerprint_survives_lines_inserted_above() {
    let t = Tree::new();
    t.file("a.sh", talon_line());
    let before = t.leakscan(&["scan", "--format", "json"]);
    t.file("a.sh", format!("# new\n# lines\n{}", talon_line()));
    let after = t.leakscan(&["scan", "--format", "json"]);
    let fp = |s: &str| {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        (
            v["findings"][0]["fingerprint"].clone(),
            v["findings"][0]["line"].clone(),
        )
    };
    let (fp1, line1) = fp(&before.stdout);
    let (fp2, line2) = fp(&after.stdout);
    assert_eq!(fp1, fp2);
    assert_eq!((line1, line2), (serde_json::json!(1), serde_json::json!(3)));
}

#[test]
fn multi_line_secret_reports_its_end() {
    let t = Tree::new();
    // The body is base64 of a 95-byte DER SEQUENCE (a key must decode to DER to be reported).
    t.file(
        "id_rsa",
        "-----BEGIN RSA PRIVATE KEY-----\n\
         MF0CAQACWCpNyhglMLsdbRMs3tYjey7ZHj9yH8sZcRdElNZJPJ1cNGC+MSAeaf7a\n\
         oO7ouZl/XHwpmf2v5ZMlPNZUr0361xQnoK6z/ukjL4ryIR+e5JHFsQvstVY7/B4\n\
         -----END RSA PRIVATE KEY-----\n",
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["rule_id"], "private-key.pem");
    assert_eq!(
        (&f["line"], &f["column"], &f["end_line"], &f["end_column"]),
        (
            &serde_json::json!(2),
            &serde_json::json!(1),
            &serde_json::json!(3),
            // the last body line has 63 characters; the end column is exclusive
            &serde_json::json!(64)
        )
    );
}

/// No output format carries the secret unless `--reveal`; with it, each does.
#[test]
fn secrets_are_redacted_unless_revealed() {
    let t = Tree::new();
    t.file("a.sh", talon_line());
    t.file(
        "b.py",
        format!("requests.get(u, headers={{\"Authorization\": \"Bearer {BEARER}\"}})\n"),
    );
    for format in ["text", "json", "sarif"] {
        let out = t.leakscan(&["scan", "--format", format]);
        assert_eq!(out.code, 1);
        for secret in [TALON_KEY, BEARER, &TALON_KEY[..8], &BEARER[..8]] {
            assert!(!out.stdout.contains(secret), "{format} leaks {secret}");
            assert!(
                !out.stderr.contains(secret),
                "{format} leaks {secret} on stderr"
            );
        }
        let out = t.leakscan(&["scan", "--reveal", "--format", format]);
        assert!(out.stdout.contains(TALON_KEY), "{format} --reveal");
        assert!(out.stdout.contains(BEARER), "{format} --reveal");
    }
}

#[test]
fn output_file_is_written_whole() {
    let t = Tree::new();
    t.file("a.sh", talon_line());
    let out = t.leakscan(&[
        "scan",
        "a.sh",
        "--format",
        "json",
        "--output",
        "report.json",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let report = std::fs::read_to_string(t.path().join("report.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["findings"][0]["path"], "a.sh");
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, ["a.sh", "report.json"]);
}

#[test]
fn bad_flags_exit_2() {
    let t = Tree::new();
    let out = t.leakscan(&["scan", "--format", "xml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid value 'xml' for '--format"),
        "{}",
        out.stderr
    );
    let out = t.leakscan(&["scan", "--threads", "0"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "--threads: must be at least 1\n");
    let out = t.leakscan(&["scna"]);
    assert_eq!(out.code, 2);
}

#[test]
fn rules_list_and_check() {
    let t = Tree::new();
    let (set, _) = leakscan::rules::load(&[]);
    let out = t.leakscan(&["rules", "list"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), set.rules().len());
    assert!(out
        .stdout
        .lines()
        .any(|l| l.starts_with("talon-one.api-key ")
            && l.ends_with(" high     Talon.One API key in an `Authorization: ApiKey-v1` header")));
    let out = t.leakscan(&["rules", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), set.rules().len());
    let out = t.leakscan(&["rules", "check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.ends_with("; 0 failures\n"), "{}", out.stdout);
}

#[test]
fn rules_check_fails_on_a_bad_example() {
    let t = Tree::new();
    t.file(
        "extra.toml",
        "[[rule]]\nid = \"acme.key\"\ndescription = \"ACME key\"\nkeywords = [\"acme_\"]\nregex = '''\\b(?P<secret>acme_[a-z0-9]{20})\\b'''\nseverity = \"low\"\n[[rule.example]]\ntext = \"acme_0123456789\"\nsecret = \"acme_0123456789\"\n[[rule.negative]]\ntext = \"x\"\n",
    );
    let out = t.leakscan(&["rules", "check", "--rules", "extra.toml"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.starts_with(
        "extra.toml: acme.key: example 1: expected exactly acme.key \"acme_0123456789\" at 1:1, got nothing\n"
    ));
    assert!(out.stdout.ends_with("; 1 failure\n"));
}

#[cfg(unix)]
#[test]
fn broken_pipe_exits_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let t = Tree::new();
    // A different key in each file: one secret in many files is one finding.
    for i in 0..2000 {
        let line = talon_line().replace(&TALON_KEY[..4], &format!("{i:04x}"));
        t.file(&format!("f{i}.sh"), line);
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leakscan"))
        .current_dir(t.path())
        .args(["scan", "--threads", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the next write gets EPIPE.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("talon-one.api-key"));
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}
