//! Helpers shared by the integration tests: temp trees and running the real binary.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary directory with files written into it.
pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Self {
        Tree {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A tree on tmpfs (`/dev/shm`) where there is one: creating 100,000 files takes 2 s
    /// there and 85 s on this machine's disk-backed /tmp.
    pub fn in_memory() -> Self {
        let shm = Path::new("/dev/shm");
        match shm.is_dir().then(|| tempfile::tempdir_in(shm)) {
            Some(Ok(dir)) => Tree { dir },
            _ => Tree::new(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `contents` to `rel`, creating parent directories.
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// `leakscan ARGS...` run inside the tree, so reported paths are relative.
    pub fn leakscan(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// The text report's finding lines, without the source excerpt under each.
    pub fn findings(&self) -> String {
        self.stdout
            .lines()
            .filter(|l| !is_excerpt(l))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    /// stderr without the summary line's timing, which varies run to run.
    pub fn stderr_stable(&self) -> String {
        self.stderr
            .lines()
            .map(|l| match (l.starts_with("leakscan: "), l.rfind("; ")) {
                (true, Some(i)) if l.ends_with('s') => format!("{}; <time>", &l[..i]),
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::cargo_bin("leakscan")
        .expect("binary built")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("run leakscan");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Synthetic secrets used across tests (never real keys).
pub const TALON_KEY: &str = "3f1c9a0be27d4c5e8a6b1f2d3c4e5a6b7c8d9e0f1a2b3c4d5e6f7a";
pub const BEARER: &str = "pm_7Fq2LxW9dKc4RzT8vB1nY6sH3jQ0aEuM";

/// A temporary git repository driven through the real `git` command.
pub struct Repo {
    pub tree: Tree,
}

impl Repo {
    pub fn new() -> Self {
        let r = Repo { tree: Tree::new() };
        r.git(&["init", "-q", "-b", "main"]);
        r.git(&["config", "user.email", "dev@example.test"]);
        r.git(&["config", "user.name", "Dev"]);
        r.git(&["config", "commit.gpgsign", "false"]);
        r
    }

    pub fn path(&self) -> &Path {
        self.tree.path()
    }

    /// Run git in the repository; panics on failure; returns trimmed stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .current_dir(self.path())
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        self.tree.file(rel, contents);
    }

    /// Stage everything and commit; returns the commit id.
    pub fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }

    pub fn leakscan(&self, args: &[&str]) -> Output {
        self.tree.leakscan(args)
    }
}

/// `Authorization: ApiKey-v1 <key><suffix>` plus a newline; each (hex!) suffix gives another
/// secret.
pub fn talon(suffix: &str) -> String {
    format!("Authorization: ApiKey-v1 {TALON_KEY}{suffix}\n")
}

/// The places listed on an `= also at a.txt:1:26, b.txt:4:28` line of the text report.
pub fn also_places(line: &str) -> Option<Vec<String>> {
    let list = line.trim_start().strip_prefix("= also at ")?;
    let list = list.split(" and ").next().unwrap_or(list);
    Some(
        list.split(", ")
            .map(|p| p.split(" (commit").next().unwrap_or(p).to_string())
            .collect(),
    )
}

/// An excerpt line of the text report: `   LINE | source`.
pub fn is_excerpt(line: &str) -> bool {
    line.split_once(" |")
        .is_some_and(|(n, _)| n.starts_with(' ') && n.trim().parse::<usize>().is_ok())
}

/// A test that cannot run here (a tool or `../shared` missing) says so where it is seen: on the
/// terminal, past the test harness's output capture, so it never passes as an `ok` in silence.
/// Under `CI` it fails instead: CI installs everything (.ci/run), so a skip there is a bug.
pub fn skip(test: &str, reason: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {reason}, and CI is set: this is a failure, not a skip"
    );
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}
