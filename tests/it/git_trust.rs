//! Issue 13: a pull request cannot allowlist its own secrets. Ranges and pull request scans
//! read `.leakscan.toml`, `.leakscanignore` and the rule files that config names from the base
//! commit, report a change to them as a warning, and `--config`/`--ignore-file` are explicit.
//! Each of these failed before the git source was rebuilt.

use crate::git_attacks::{pull_request, range};
use crate::git_support::{f, found, github, short, summary, talon_at, Found};
use crate::support::{talon, Repo, Tree};

/// The fingerprint `leakscan scan` gives the one finding in `content` at `path`.
fn fingerprint_of(path: &str, content: &str) -> String {
    let t = Tree::new();
    t.file(path, content);
    let out = t.leakscan(&["scan", "--format", "json", path]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    v["findings"][0]["fingerprint"]
        .as_str()
        .unwrap_or_else(|| panic!("no finding: {out:?}"))
        .to_string()
}

/// The warning a range that changes `name` gets.
fn allowlist_warning(name: &str, commit: &str, base: &str) -> String {
    format!(
        "{name} (commit {}): this pull request changes the scanner's allowlist; the scan read it from the base commit {} instead\n",
        short(commit),
        short(base)
    )
}

/// A pull request that adds its own allowlist (`.leakscan.toml` allowing every path, a
/// `.leakscanignore` of `*` or holding its secret's fingerprint, a `.gitleaksignore` naming its
/// secret's place, a `.gitleaks.toml` allowing every path) does not silence its own scan: they
/// are read from the base commit, and the change is reported.
#[test]
fn a_pull_request_cannot_allowlist_its_own_secret() {
    let fingerprint = fingerprint_of("key.txt", &talon("d1"));
    for (name, text) in [
        (
            ".leakscan.toml",
            "[allowlist]\npaths = [\"**\"]\n".to_string(),
        ),
        (".leakscanignore", "*\n".to_string()),
        (".leakscanignore", format!("{fingerprint}\n")),
        // A gitleaks fingerprint, FILE:RULE:LINE: every finding at that file and line.
        (".gitleaksignore", "key.txt:generic-api-key:1\n".to_string()),
        (
            ".gitleaks.toml",
            "title = \"pr\"\n[allowlist]\npaths = ['''.*''']\n".to_string(),
        ),
    ] {
        let r = Repo::new();
        r.write("a.txt", "base\n");
        let base = r.commit("base");
        r.write(name, &text);
        r.write("key.txt", talon("d1"));
        let head = r.commit("pr");
        let out = range(&r, &base, &head);
        assert_eq!(
            (out.code, found(&out)),
            (1, vec![talon_at("key.txt", 1, &head)]),
            "{name}: {out:?}"
        );
        assert_eq!(out.stderr, allowlist_warning(name, &head, &base), "{name}");
        let run = pull_request(&r, &base, &head);
        assert_eq!(
            (run.out.code, found(&run.out)),
            (1, vec![talon_at("key.txt", 1, &head)]),
            "{name}"
        );
        assert_eq!(run.out.stderr, allowlist_warning(name, &head, &base));
        assert!(
            run.summary
                .contains("this pull request changes the scanner's allowlist"),
            "{name}: {}",
            run.summary
        );
    }
}

/// What the base commit allows stays allowed in the pull request; what the pull request adds
/// to the allowlist (and the working tree's copy) is not used.
#[test]
fn pull_requests_use_the_base_commits_allowlist() {
    let r = Repo::new();
    r.write(".leakscan.toml", "[allowlist]\npaths = [\"fixtures/**\"]\n");
    let base = r.commit("base");
    r.write(
        ".leakscan.toml",
        "[allowlist]\npaths = [\"fixtures/**\", \"src/**\"]\n",
    );
    r.write("fixtures/key.txt", talon("f1"));
    r.write("src/key.txt", talon("51"));
    let head = r.commit("pr");
    let out = range(&r, &base, &head);
    assert_eq!(
        (out.code, found(&out)),
        (1, vec![talon_at("src/key.txt", 1, &head)]),
        "{out:?}"
    );
    // Allowlisted paths are not even read.
    assert_eq!(summary(&out, "skipped_allowlisted"), 1);
    assert_eq!(
        out.stderr,
        allowlist_warning(".leakscan.toml", &head, &base)
    );
}

/// `--config FILE` names the configuration; `.leakscanignore` is then read only when
/// `--ignore-file` names it, and `--no-ignore-file` turns the discovered one off.
#[test]
fn config_and_ignore_file_flags_are_explicit() {
    let t = Tree::new();
    t.file("key.txt", talon("d2"));
    t.file(".leakscanignore", "*.txt\n");
    t.file("empty.toml", "");
    let paths = |out: &crate::support::Output| -> Vec<Found> { found(out) };
    let out = t.leakscan(&["scan", "--format", "json", "--config", "empty.toml"]);
    assert_eq!(
        (out.code, paths(&out)),
        (1, vec![talon_at("key.txt", 1, "")])
    );
    let out = t.leakscan(&[
        "scan",
        "--format",
        "json",
        "--config",
        "empty.toml",
        "--ignore-file",
        ".leakscanignore",
    ]);
    assert_eq!((out.code, paths(&out)), (0, vec![]), "{out:?}");
    let out = t.leakscan(&["scan", "--format", "json", "--no-ignore-file"]);
    assert_eq!(
        (out.code, paths(&out)),
        (1, vec![talon_at("key.txt", 1, "")])
    );
    let out = t.leakscan(&["scan", "--format", "json"]);
    assert_eq!((out.code, paths(&out)), (0, vec![]));

    let r = Repo::new();
    r.write(".leakscanignore", "*.txt\n");
    r.write("empty.toml", "");
    r.commit("base");
    r.write("key.txt", talon("d3"));
    r.git(&["add", "key.txt"]);
    let out = r.leakscan(&["git", "--format", "json", "--config", "empty.toml"]);
    assert_eq!(
        (out.code, paths(&out)),
        (1, vec![talon_at("key.txt", 1, "")])
    );
    let out = r.leakscan(&["git", "--format", "json", "--no-ignore-file"]);
    assert_eq!(
        (out.code, paths(&out)),
        (1, vec![talon_at("key.txt", 1, "")])
    );
}

const ACME_RULE: &str = r#"[[rule]]
id = "acme.token"
description = "ACME token"
keywords = ["acme_"]
regex = '''\b(?P<secret>acme_[0-9a-f]{32})\b'''
severity = "high"

  [[rule.example]]
  text = "token = acme_0123456789abcdef0123456789abcdef"
  secret = "acme_0123456789abcdef0123456789abcdef"

  [[rule.negative]]
  text = "token = acme_xyz"
"#;

/// A filter that silences every secret.
const SILENCE: &str = r#"
[[filter]]
id = "acme.silence"
description = "Silences every secret"
target = "secret"
regex = '''.'''

  [[filter.example]]
  text = "token = acme_0123456789abcdef0123456789abcdef"
"#;

/// Rule files named by the base commit's config come from the base commit too: a rule file
/// can hold filters, and a pull request could add one that silences everything.
#[test]
fn rule_files_of_the_base_config_come_from_the_base_commit() {
    let r = Repo::new();
    r.write(".leakscan.toml", "[rules]\npaths = [\"security\"]\n");
    r.write("security/acme.toml", ACME_RULE);
    let base = r.commit("base");
    r.write("security/acme.toml", format!("{ACME_RULE}{SILENCE}"));
    r.write("token.txt", "ACME=acme_9f8e7d6c5b4a39281706f5e4d3c2b1a0\n");
    r.write("key.txt", talon("d4"));
    let head = r.commit("pr");
    let out = range(&r, &base, &head);
    assert_eq!(
        (out.code, found(&out)),
        (
            1,
            vec![
                talon_at("key.txt", 1, &head),
                // The filter's own example holds a token.
                f("acme.token", "security/acme.toml", 22, &head),
                f("acme.token", "token.txt", 1, &head)
            ]
        ),
        "{out:?}"
    );
    assert_eq!(
        out.stderr,
        allowlist_warning("security/acme.toml", &head, &base)
    );
    // As annotations: the finding, then the warning.
    let run = github(
        &r,
        "pull_request.json",
        &[("BASE_SHA", &base), ("HEAD_SHA", &head)],
        &["--format", "github"],
    );
    let warning = run.out.stdout.lines().last().unwrap_or("").to_string();
    assert_eq!(
        warning,
        format!(
            "::warning title=leakscan::{}",
            allowlist_warning("security/acme.toml", &head, &base).trim_end()
        )
    );
    // A broken rule file in the base commit is named by commit and path.
    r.write("security/acme.toml", "[[rule]]\nid = 1\n");
    let broken = r.commit("broken");
    r.write("other.txt", "x\n");
    let next = r.commit("next");
    let out = range(&r, &broken, &next);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with(&format!("{}:security/acme.toml:2:", short(&broken))),
        "{}",
        out.stderr
    );
}

/// Files named by flags (`--baseline`, `--config`, `--ignore-file`) are read as given, also in a
/// pull request scan; when the pull request changes one of them, the scan says so.
#[test]
fn a_change_to_a_file_a_flag_names_is_reported() {
    let r = Repo::new();
    r.write("baseline.json", "{\"findings\": []}\n");
    let base = r.commit("base");
    let fingerprint = fingerprint_of("key.txt", &talon("d5"));
    r.write("key.txt", talon("d5"));
    r.write(
        "baseline.json",
        format!("{{\"findings\": [{{\"fingerprint\": \"{fingerprint}\"}}]}}\n"),
    );
    let head = r.commit("pr");
    let out = r.leakscan(&[
        "git",
        "--range",
        &format!("{base}..{head}"),
        "--format",
        "json",
        "--baseline",
        "baseline.json",
    ]);
    assert_eq!((out.code, found(&out)), (0, vec![]), "{out:?}");
    assert_eq!(out.stderr, allowlist_warning("baseline.json", &head, &base));
}
