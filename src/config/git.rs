//! `GitSettings`: everything `leakscan git` needs, built once from its flags and, with
//! `--github`, from the GitHub Actions environment (the event, the job summary file). Every
//! revision is checked here (`Rev`), before any git process runs.

use super::{OutputSettings, ProjectSettings};
use crate::cli::GitArgs;
use crate::github::Target;
use crate::problems::Problem;
use crate::source::git::rev::parse_range;
use crate::source::git::{Base, GitMode};
use std::path::{Component, Path, PathBuf};

/// Everything `leakscan git` needs.
#[derive(Debug, Clone)]
pub struct GitSettings {
    /// The repository directory (`--repo`); also the scan root of the configuration.
    pub repo: PathBuf,
    pub target: Target,
    pub max_file_size: u64,
    /// `--fetch`: git may fetch what a shallow or partial clone lacks.
    pub fetch: bool,
    pub output: OutputSettings,
    pub project: ProjectSettings,
    /// `$GITHUB_STEP_SUMMARY`, with `--github`.
    pub step_summary: Option<PathBuf>,
}

impl GitSettings {
    pub fn from_args(args: &GitArgs) -> Result<Self, Problem> {
        // `leakscan git DIR` (gitleaks' `--source DIR` habit): DIR is a repository, not a file
        // in the current one. Said before anything else fails on it ("not a git repository").
        if let Some(dir) = args.files.iter().find(|f| f.join(".git").exists()) {
            let shown = crate::source::display_path(dir);
            return Err(Problem::new(
                &shown,
                format!("a repository, not a file in one; to scan it, use --repo {shown}"),
            ));
        }
        if let Some(file) = args.files.first() {
            if args.range.is_some() || args.all || args.github {
                return Err(Problem::new(
                    crate::source::display_path(file),
                    "file arguments go with --staged (the default) only; --range, --all and \
                     --github scan whole commits",
                ));
            }
        }
        if args.max_file_size == 0 {
            return Err(Problem::new("--max-file-size", "must be at least 1 byte"));
        }
        let target = if args.github {
            github_target()?
        } else if let Some(range) = &args.range {
            let (base, head) = parse_range(range).map_err(|why| Problem::new("--range", why))?;
            Target::Scan(GitMode::Range {
                base: Base::Commit(base),
                head,
            })
        } else if args.all {
            Target::Scan(GitMode::All)
        } else if args.files.is_empty() {
            Target::Scan(GitMode::Staged)
        } else {
            Target::Scan(GitMode::StagedFiles(args.files.clone()))
        };
        Ok(GitSettings {
            repo: args.repo.clone(),
            target,
            max_file_size: args.max_file_size,
            fetch: args.fetch,
            // Report paths (SARIF's SRCROOT) are relative to the repository directory.
            output: OutputSettings {
                base: Some(args.repo.clone()),
                ..OutputSettings::from_args(&args.output)?
            },
            project: ProjectSettings::from_args(&args.rules, &args.suppress),
            step_summary: args
                .github
                .then(|| std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from))
                .flatten(),
        })
    }

    /// Paths (from the top of the work tree, as diffs name them) whose change in a pull
    /// request changes what the scan allows: the default config and ignore file, and the files
    /// the flags name when they are inside the repository. `prefix` is the repository
    /// directory's own path from the top (`git rev-parse --show-prefix`).
    pub fn watched(&self, prefix: &str) -> Vec<String> {
        let mut watched = vec![
            format!("{prefix}.leakscan.toml"),
            format!("{prefix}.leakscanignore"),
            format!("{prefix}.gitleaksignore"),
            format!("{prefix}.gitleaks.toml"),
        ];
        let explicit = [
            self.project.config.as_deref(),
            match &self.project.ignore_file {
                super::IgnoreFileChoice::File(f) => Some(f.as_path()),
                _ => None,
            },
            self.project.baseline.as_deref(),
        ];
        for path in explicit.into_iter().flatten() {
            if let Some(inside) = inside(&self.repo, path) {
                watched.push(format!("{prefix}{inside}"));
            }
        }
        watched
    }
}

/// `path` (relative to the current directory) relative to `repo`, when it is inside it.
fn inside(repo: &Path, path: &Path) -> Option<String> {
    let repo = parts(repo)?;
    let path = parts(path)?;
    let rest = path.strip_prefix(repo.as_slice())?;
    (!rest.is_empty()).then(|| rest.join("/"))
}

/// A relative path's names, without `.`; `None` for an absolute path or one with `..`.
fn parts(path: &Path) -> Option<Vec<String>> {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// What the GitHub Actions event asks to scan.
fn github_target() -> Result<Target, Problem> {
    let name = std::env::var("GITHUB_EVENT_NAME").map_err(|_| {
        Problem::new(
            "GITHUB_EVENT_NAME",
            "not set (is this a GitHub Actions run?)",
        )
    })?;
    let path = std::env::var_os("GITHUB_EVENT_PATH").ok_or_else(|| {
        Problem::new(
            "GITHUB_EVENT_PATH",
            "not set (is this a GitHub Actions run?)",
        )
    })?;
    let shown = PathBuf::from(&path).to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&path).map_err(|e| Problem::io(&shown, &e))?;
    let event: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Problem::new(&shown, format!("not JSON: {e}")))?;
    crate::github::resolve(&name, &event).map_err(|why| Problem::new(shown, why))
}

#[cfg(test)]
mod tests {
    use super::inside;
    use std::path::Path;

    #[test]
    fn flag_paths_inside_the_repository() {
        assert_eq!(
            inside(Path::new("."), Path::new("base.json")).as_deref(),
            Some("base.json")
        );
        assert_eq!(
            inside(Path::new("."), Path::new("./ci/base.json")).as_deref(),
            Some("ci/base.json")
        );
        assert_eq!(
            inside(Path::new("repo"), Path::new("repo/x.toml")).as_deref(),
            Some("x.toml")
        );
        assert_eq!(inside(Path::new("repo"), Path::new("other/x.toml")), None);
        assert_eq!(inside(Path::new("."), Path::new("../x.toml")), None);
        assert_eq!(inside(Path::new("."), Path::new("/etc/x.toml")), None);
    }
}
