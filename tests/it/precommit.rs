//! The pre-commit hooks, driven by the real `pre-commit` tool (installed by `.ci/run`) in a
//! temporary repository: a commit with a secret is blocked with the finding shown (redacted), a
//! clean commit passes, and `pre-commit run --all-files` finds a secret committed earlier and
//! says how many files it scanned.

use crate::support::{talon, Repo, TALON_KEY};
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool_available() -> bool {
    let ok = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        crate::support::skip(
            "precommit",
            "pre-commit is not installed (.ci/run installs it: pip install pre-commit)",
        );
    }
    ok
}

struct Hooked {
    repo: Repo,
    home: tempfile::TempDir,
    path: String,
}

impl Hooked {
    fn run(&self, program: &str, args: &[&str]) -> (i32, String) {
        let out = Command::new(program)
            .current_dir(self.repo.path())
            .env("PATH", &self.path)
            .env("PRE_COMMIT_HOME", self.home.path())
            .env_remove("GIT_DIR")
            .args(args)
            .output()
            .expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code().unwrap_or(-1), text)
    }
}

fn setup() -> Option<Hooked> {
    if !tool_available() {
        return None;
    }
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = Command::new("git")
        .current_dir(project)
        .args(["rev-parse", "HEAD"])
        .output()
        .unwrap();
    assert!(head.status.success(), "the project is a git checkout");
    let rev = String::from_utf8_lossy(&head.stdout).trim().to_string();
    let repo = Repo::new();
    repo.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: leakscan-system\n",
            project.display()
        ),
    );
    repo.write("README.md", "hello\n");
    repo.commit("init");
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("leakscan");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let hooked = Hooked {
        repo,
        home: tempfile::tempdir().unwrap(),
        path,
    };
    let (code, text) = hooked.run("pre-commit", &["install"]);
    assert_eq!(code, 0, "{text}");
    Some(hooked)
}

#[test]
fn pre_commit_blocks_secrets_passes_clean_commits_and_scans_all_files() {
    let Some(h) = setup() else { return };
    // A clean commit passes.
    h.repo.write("notes.txt", "nothing secret\n");
    h.repo.git(&["add", "notes.txt"]);
    let (code, text) = h.run("git", &["commit", "-q", "-m", "clean"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("leakscan (system)"), "{text}");
    assert!(
        text.contains("in 1 file"),
        "the hook says what it scanned: {text}"
    );

    // A commit with a secret is blocked, the finding shown redacted.
    h.repo
        .write("deploy.sh", format!("#!/bin/sh\n{}", talon("")));
    h.repo.git(&["add", "deploy.sh"]);
    let (code, text) = h.run("git", &["commit", "-q", "-m", "leak"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "deploy.sh:2:26: talon-one.api-key Talon.One API key in an `Authorization: ApiKey-v1` header: 3f1c…"
        ),
        "{text}"
    );
    assert!(
        !text.contains(&TALON_KEY[..12]),
        "the secret is redacted: {text}"
    );

    // Committed anyway (--no-verify): --all-files still finds it, in every tracked file.
    let (code, text) = h.run("git", &["commit", "-q", "--no-verify", "-m", "leak"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = h.run("pre-commit", &["run", "--all-files"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("deploy.sh:2:26: talon-one.api-key"), "{text}");
    assert!(
        text.contains("in 4 files"),
        "README, config, notes, deploy: {text}"
    );
}
