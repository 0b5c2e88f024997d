//! `.leakscan.toml`, `.leakscanignore`, `.gitleaks.toml` and `.gitleaksignore` as a commit
//! holds them: what a pull request scan trusts (the base commit's), instead of the copies in
//! the commits being scanned or in the working tree, which the pull request itself could have
//! changed to allowlist its secrets.
//! Rule files such a config names (`[rules] paths`) come from the same commit: a rule file can
//! hold filters, which suppress findings too. They are copied into a temporary directory while
//! the rules load, and problems name them as `<commit>:<path>`.

use super::{GitleaksConfig, ProjectConfig};
use crate::problems::Problem;
use crate::source::blob::short;
use crate::source::git::Repo;
use crate::suppress::{GitleaksIgnore, IgnoreFile};
use std::path::{Component, Path};

/// Rule files copied out of a commit.
pub(super) struct Export {
    dir: tempfile::TempDir,
    label: String,
    /// The rule paths as the config names them (relative to the repository directory).
    pub(super) paths: Vec<String>,
}

impl Export {
    /// Name the commit, not the temporary directory, in problems about the copied files.
    pub(super) fn rename(&self, problems: &mut [Problem]) {
        let temp = format!("{}/", self.dir.path().to_string_lossy().replace('\\', "/"));
        for p in problems {
            if let Some(rest) = p.path.strip_prefix(&temp) {
                p.path = format!("{}:{rest}", self.label);
            }
        }
    }
}

/// The config in `commit` (the default when it has none), with the rule files it names
/// copied out of the same commit.
pub(super) fn config(
    repo: &Repo,
    commit: &str,
    root: &Path,
    problems: &mut Vec<Problem>,
) -> (ProjectConfig, Option<Export>) {
    let label = short(commit).to_string();
    let origin = format!("{label}:.leakscan.toml");
    let bytes = match repo.file_at(commit, ".leakscan.toml") {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return (ProjectConfig::default(), None),
        Err(p) => {
            problems.push(p);
            return (ProjectConfig::default(), None);
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        problems.push(Problem::new(origin, "not UTF-8"));
        return (ProjectConfig::default(), None);
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            problems.push(Problem::io("temporary directory", &e));
            return (ProjectConfig::default(), None);
        }
    };
    let config = match ProjectConfig::parse(&text, &origin, dir.path(), root) {
        Ok(c) => c,
        Err(mut ps) => {
            problems.append(&mut ps);
            return (ProjectConfig::default(), None);
        }
    };
    let mut paths = Vec::new();
    for path in &config.rule_paths {
        let Ok(rel) = path.strip_prefix(dir.path()) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        paths.push(rel.clone());
        match repo.files_at(commit, &rel) {
            Ok(files) => {
                for (name, content) in files {
                    if let Err(p) = write_inside(dir.path(), &name, &content, &label) {
                        problems.push(p);
                    }
                }
            }
            Err(p) => problems.push(p),
        }
    }
    (config, Some(Export { dir, label, paths }))
}

/// Write `content` to `dir/name`, refusing a name that would leave `dir`.
fn write_inside(dir: &Path, name: &str, content: &[u8], label: &str) -> Result<(), Problem> {
    let inside = Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside {
        return Err(Problem::new(
            format!("{label}:{name}"),
            "outside the repository directory: rule files are read from the commit only inside it",
        ));
    }
    let path = dir.join(name);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&path, content));
    written.map_err(|e| Problem::io(format!("{label}:{name}"), &e))
}

/// The `.leakscanignore` in `commit`, if it has one.
pub(super) fn ignore_file(
    repo: &Repo,
    commit: &str,
    root: &Path,
) -> Result<Option<IgnoreFile>, Problem> {
    match repo.file_at(commit, ".leakscanignore")? {
        None => Ok(None),
        Some(bytes) => IgnoreFile::parse(
            &format!("{}:.leakscanignore", short(commit)),
            &String::from_utf8_lossy(&bytes),
            root,
        )
        .map(Some),
    }
}

/// The `.gitleaksignore` in `commit`, if it has one.
pub(super) fn gitleaks_ignore(
    repo: &Repo,
    commit: &str,
) -> Result<Option<GitleaksIgnore>, Problem> {
    Ok(repo.file_at(commit, ".gitleaksignore")?.map(|bytes| {
        GitleaksIgnore::parse(
            &format!("{}:.gitleaksignore", short(commit)),
            &String::from_utf8_lossy(&bytes),
        )
    }))
}

/// The `.gitleaks.toml` in `commit`, if it has one, with the name problems give it.
pub(super) fn gitleaks(
    repo: &Repo,
    commit: &str,
    root: &Path,
    problems: &mut Vec<Problem>,
) -> Option<(String, GitleaksConfig)> {
    let origin = format!("{}:.gitleaks.toml", short(commit));
    let bytes = match repo.file_at(commit, ".gitleaks.toml") {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return None,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    match GitleaksConfig::parse(&String::from_utf8_lossy(&bytes), &origin, root) {
        Ok(c) => Some((origin, c)),
        Err(mut ps) => {
            problems.append(&mut ps);
            None
        }
    }
}
