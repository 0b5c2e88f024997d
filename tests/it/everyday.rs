//! The everyday path and migration from gitleaks (issue 15): several reports from one scan,
//! the hints a gitleaks command line gets (exact messages), `leakscan git DIR`, and the commit
//! details JSON carries in git modes.

use crate::support::{talon, Repo, Tree, TALON_KEY};
use serde_json::Value;

fn json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("report written")).expect("JSON")
}

#[test]
fn one_scan_writes_several_reports() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&[
        "scan",
        "a.sh",
        "--format",
        "github",
        "--output",
        "sarif=r.sarif",
        "--output",
        "JSON=r.json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The --format report stays on stdout; each file gets its own format.
    assert!(
        out.stdout.starts_with("::error file=a.sh,line=1,col=26,"),
        "{}",
        out.stdout
    );
    let sarif = json(&t.path().join("r.sarif"));
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    let report = json(&t.path().join("r.json"));
    assert_eq!(report["findings"][0]["path"], "a.sh");
    assert_eq!(report["findings"][0]["column"], 26);
    // Redacted in every report.
    for name in ["r.sarif", "r.json"] {
        let text = std::fs::read_to_string(t.path().join(name)).unwrap();
        assert!(!text.contains(TALON_KEY), "{name} leaks the secret");
    }
}

#[test]
fn a_plain_output_takes_the_format_report_off_stdout() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&[
        "scan",
        "a.sh",
        "--format",
        "json",
        "--output",
        "main.json",
        "--output",
        "text=r.txt",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(json(&t.path().join("main.json"))["findings"][0]["line"], 1);
    let text = std::fs::read_to_string(t.path().join("r.txt")).unwrap();
    assert!(text.starts_with("a.sh:1:26: talon-one."), "{text}");
}

#[test]
fn output_prefix_is_a_format_only_when_it_names_one() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&["scan", "a.sh", "-q", "--output", "out=1.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(t.path().join("out=1.txt").is_file());
    // `./sarif=x` is a file named `sarif=x` holding the --format (text) report.
    let out = t.leakscan(&["scan", "a.sh", "-q", "--output", "./sarif=x"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = std::fs::read_to_string(t.path().join("sarif=x")).unwrap();
    assert!(text.starts_with("a.sh:1:26:"), "{text}");
}

#[test]
fn two_reports_into_one_file_are_refused_before_scanning() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&[
        "scan",
        "a.sh",
        "--output",
        "r.json",
        "--output",
        "sarif=./r.json",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "r.json: named by two --output options; each report needs its own file\n"
    );
    assert!(!t.path().join("r.json").exists());
    let out = t.leakscan(&["scan", "a.sh", "--output", "sarif="]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with(
            "error: invalid value 'sarif=' for '--output <[FORMAT=]FILE>': a file name is needed \
             after the format (e.g. sarif=leakscan.sarif)\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn one_failed_report_does_not_stop_the_others() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&[
        "scan",
        "a.sh",
        "-q",
        "--output",
        "sarif=missing/r.sarif",
        "--output",
        "json=r.json",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "missing/r.sarif: cannot write the report: no such file or directory\n"
    );
    assert_eq!(
        json(&t.path().join("r.json"))["findings"][0]["path"],
        "a.sh"
    );
}

/// `leakscan ARGS`: exit 2 and exactly this clap error line, tip and pointer to --help.
fn assert_tip(args: &[&str], first: &str, tip: &str) {
    let out = Tree::new().leakscan(args);
    assert_eq!(out.code, 2, "{args:?}");
    assert_eq!(
        out.stderr,
        format!("{first}\n\n  tip: {tip}\n\nFor more information, try '--help'.\n"),
        "{args:?}"
    );
}

#[test]
fn gitleaks_command_lines_get_the_leakscan_equivalent() {
    assert_tip(
        &["detect", "--source", "."],
        "error: unrecognized subcommand 'detect'",
        "`gitleaks detect` is `leakscan git --all` for a repository's history, or `leakscan scan PATH` for files",
    );
    assert_tip(
        &["protect", "--staged"],
        "error: unrecognized subcommand 'protect'",
        "`gitleaks protect --staged` is `leakscan git --staged` (what is about to be committed)",
    );
    assert_tip(
        &["dir", "src"],
        "error: unrecognized subcommand 'dir'",
        "`gitleaks dir PATH` is `leakscan scan PATH`",
    );
    assert_tip(
        &["scan", "-f", "sarif", "."],
        "error: unexpected argument '-f' found",
        "the report format is `--format text|json|sarif|github`",
    );
    assert_tip(
        &["scan", "--report-path", "r.json"],
        "error: unexpected argument '--report-path' found",
        "the report file is `--output FILE`",
    );
    assert_tip(
        &["scan", "--redact"],
        "error: unexpected argument '--redact' found",
        "secrets are redacted by default; `--reveal` shows them",
    );
    assert_tip(
        &["scan", "--baseline-path", "b.json"],
        "error: unexpected argument '--baseline-path' found",
        "a previous JSON report is `--baseline FILE`",
    );
    // clap alone would offer `--no-ignore` and `--version` here.
    assert_tip(
        &["scan", "--no-git"],
        "error: unexpected argument '--no-git' found",
        "`leakscan scan PATH` reads files and never git; history is `leakscan git --all`",
    );
    assert_tip(
        &["scan", "--verbose"],
        "error: unexpected argument '--verbose' found",
        "leakscan always prints every finding in full; `--quiet` prints less",
    );
}

#[test]
fn format_names_are_case_insensitive() {
    let t = Tree::new();
    t.file("a.sh", talon(""));
    let out = t.leakscan(&["scan", "a.sh", "--format", "SARIF"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn git_with_a_repository_directory_says_use_repo() {
    let r = Repo::new();
    r.write("a.txt", "hello\n");
    r.commit("init");
    let outside = Tree::new();
    let dir = r.path().to_str().unwrap();
    let want = format!("{dir}: a repository, not a file in one; to scan it, use --repo {dir}\n");
    for args in [vec!["git", dir], vec!["git", "--all", dir]] {
        let out = outside.leakscan(&args);
        assert_eq!(out.code, 2, "{args:?}");
        assert_eq!(out.stderr, want, "{args:?}");
    }
    let out = r.leakscan(&["git", "--all", "."]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        ".: a repository, not a file in one; to scan it, use --repo .\n"
    );
    // A directory inside the repository with --all is not a repository: the old rule, named.
    r.write("docs/x.txt", "x\n");
    r.commit("docs");
    let out = r.leakscan(&["git", "--all", "docs"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "docs: file arguments go with --staged (the default) only; --range, --all and --github \
         scan whole commits\n"
    );
    // And `--repo DIR` scans it.
    let out = outside.leakscan(&["git", "--all", "--repo", dir]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn json_in_git_modes_carries_author_date_and_message_with_the_secret_redacted() {
    let r = Repo::new();
    r.write("README.md", "hello\n");
    r.commit("init");
    r.write("client.sh", talon(""));
    r.git(&[
        "-c",
        "user.name=Alice Example",
        "-c",
        "user.email=alice@example.test",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "placeholder",
    ]);
    r.git(&["add", "client.sh"]);
    let message = format!("Add the client\n\nkey was {TALON_KEY} before rotation");
    r.git(&[
        "-c",
        "user.name=Alice Example",
        "-c",
        "user.email=alice@example.test",
        "commit",
        "-q",
        "--date",
        "2024-03-01T12:00:00+01:00",
        "-m",
        &message,
    ]);
    let head = r.git(&["rev-parse", "HEAD"]);
    for args in [
        vec!["git", "--all", "--format", "json"],
        vec!["git", "--range", "HEAD~2..HEAD", "--format", "json"],
    ] {
        let out = r.leakscan(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains(TALON_KEY), "{args:?} leaks the secret");
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        let f = &v["findings"][0];
        assert_eq!(f["commit"], head.as_str(), "{args:?}");
        assert_eq!(f["author"], "Alice Example");
        assert_eq!(f["email"], "alice@example.test");
        assert_eq!(f["date"], "2024-03-01T12:00:00+01:00");
        let shown = f["message"].as_str().unwrap();
        assert!(
            shown.starts_with("Add the client\n\nkey was 3f1c")
                && shown.ends_with(" before rotation"),
            "{shown}"
        );
        assert_eq!(v["commits"][head.as_str()]["author"], "Alice Example");
        assert_eq!(
            f["tags"],
            serde_json::json!(["talon-one", "provider", "Talon.One"])
        );
    }
    // --reveal shows the message as it is.
    let out = r.leakscan(&["git", "--all", "--format", "json", "--reveal"]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["message"], message.as_str());
    // The index has no commit: no commit fields at all.
    r.write("new.sh", talon("ab"));
    r.git(&["add", "new.sh"]);
    let out = r.leakscan(&["git", "--staged", "--format", "json"]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let f = v["findings"][0].as_object().unwrap();
    for key in ["commit", "author", "email", "date", "message"] {
        assert!(!f.contains_key(key), "{key} in a --staged finding");
    }
    assert!(v.get("commits").is_none());
}

/// The `run:` script of the action's step named `name`, as written in action.yml.
fn action_step_script(name: &str) -> String {
    let action = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"),
    )
    .expect("action.yml");
    let mut lines = action
        .lines()
        .skip_while(|l| l.trim() != format!("- name: {name}"))
        .skip_while(|l| l.trim() != "run: |")
        .skip(1);
    let first = lines.next().expect("a run block");
    let indent = first.len() - first.trim_start().len();
    std::iter::once(first)
        .chain(lines.take_while(|l| l.trim().is_empty() || l.starts_with(&" ".repeat(indent))))
        .map(|l| format!("{}\n", l.get(indent..).unwrap_or("")))
        .collect()
}

#[test]
fn the_action_scans_once_for_annotations_sarif_and_the_job_summary() {
    let r = Repo::new();
    r.write("README.md", "hello\n");
    let base = r.commit("base");
    r.write("deploy.sh", talon(""));
    let head = r.commit("add deploy");
    let side = Tree::new();
    let event = side.file(
        "event.json",
        format!(
            r#"{{"pull_request": {{"number": 1,
                "base": {{"sha": "{base}", "repo": {{"fork": false}}}},
                "head": {{"sha": "{head}", "repo": {{"fork": false}}}}}}}}"#
        ),
    );
    // The binary the action installs, behind a wrapper that logs every run.
    let real = assert_cmd::cargo::cargo_bin("leakscan");
    let log = side.path().join("runs.log");
    let wrapper = side.file(
        "runner-temp/leakscan-bin/bin/leakscan",
        format!(
            "#!/usr/bin/env bash\necho run >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.display()
        ),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let sarif = side.path().join("out.sarif");
    let (outputs, summary) = (
        side.path().join("github-output"),
        side.path().join("summary.md"),
    );
    let out = std::process::Command::new("bash")
        .args(["-e", "-c", &action_step_script("Scan the event's commits")])
        .current_dir(r.path())
        .env("RUNNER_TEMP", side.path().join("runner-temp"))
        .env("SARIF_FILE", &sarif)
        .env("EXTRA_ARGS", "")
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("GITHUB_EVENT_PATH", &event)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "run\n", "one scan");
    assert!(
        stdout.starts_with("::error file=deploy.sh,line=1,col=26,"),
        "{stdout}"
    );
    let report = json(&sarif);
    let results = report["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "deploy.sh"
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        summary.matches("### leakscan: 1 finding").count(),
        1,
        "{summary}"
    );
    assert_eq!(std::fs::read_to_string(&outputs).unwrap(), "exit-code=1\n");
}

#[test]
fn the_action_uses_current_majors_of_the_actions_it_calls() {
    let action = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"),
    )
    .unwrap();
    let uses: Vec<&str> = action
        .lines()
        .filter_map(|l| l.trim().strip_prefix("uses: "))
        .collect();
    // upload-sarif v3 is deprecated in December 2026.
    assert_eq!(
        uses,
        ["actions/cache@v6", "github/codeql-action/upload-sarif@v4"]
    );
}
