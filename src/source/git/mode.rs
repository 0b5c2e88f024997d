//! What part of a repository to scan: `GitMode`, as the flags or a GitHub event say it, and
//! `Plan`, the same resolved to commit ids (fetching what a shallow clone lacks, when
//! `--fetch` allows it), together with whose configuration the scan may trust.

use super::{Repo, Rev};
use crate::problems::Problem;
use crate::source::blob::short;
use std::path::PathBuf;

/// What to scan, before anything is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitMode {
    /// Lines added in the index relative to HEAD.
    Staged,
    /// The whole staged content of these files.
    StagedFiles(Vec<PathBuf>),
    /// What the commits reachable from `head` and not from `base` added.
    Range { base: Base, head: Rev },
    /// Every blob reachable from any ref.
    All,
    /// Every file in the tree of a revision.
    Tree(Rev),
}

/// Where a range starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// After this commit (`A` of `A..B`).
    Commit(Rev),
    /// At this commit: after its parents (a push's first commit); a root commit has none, and
    /// the range is then its whole history.
    ParentsOf(Rev),
}

/// What to scan, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Staged,
    StagedFiles(Vec<PathBuf>),
    /// The tree of a commit.
    Tree(String),
    /// What the commits reachable from `head` and from none of `not` added; `base` is the
    /// commit whose configuration is trusted.
    Changes {
        head: String,
        not: Vec<String>,
        base: String,
    },
    /// Every blob in the history of `head` (a range that excludes nothing: a push starting at
    /// a root commit) or, with `None`, of every ref.
    History {
        head: Option<String>,
    },
}

/// Whose `.leakscan.toml` and `.leakscanignore` a scan may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trusted {
    /// The working tree's: the user's own checkout.
    WorkTree,
    /// A commit's: the base of a range, never the commits being scanned.
    Commit(String),
    /// None: a range with no base commit.
    Nothing,
}

impl Plan {
    pub fn trusted(&self) -> Trusted {
        match self {
            Plan::Changes { base, .. } => Trusted::Commit(base.clone()),
            Plan::History { head: Some(_) } => Trusted::Nothing,
            _ => Trusted::WorkTree,
        }
    }
}

impl GitMode {
    /// Resolve revisions to commit ids; with `fetch`, fetch the ones a shallow clone lacks.
    pub fn resolve(&self, repo: &Repo, fetch: bool) -> Result<Plan, Problem> {
        Ok(match self {
            GitMode::Staged => Plan::Staged,
            GitMode::StagedFiles(files) => Plan::StagedFiles(files.clone()),
            GitMode::All => Plan::History { head: None },
            GitMode::Tree(rev) => Plan::Tree(commit(repo, rev, fetch)?),
            GitMode::Range {
                base: Base::Commit(base),
                head,
            } => {
                let head = commit(repo, head, fetch)?;
                let base = commit(repo, base, fetch)?;
                Plan::Changes {
                    head,
                    not: vec![base.clone()],
                    base,
                }
            }
            GitMode::Range {
                base: Base::ParentsOf(first),
                head,
            } => {
                let head = commit(repo, head, fetch)?;
                let first = commit(repo, first, fetch)?;
                let parents = repo.parents(&first)?;
                for p in &parents {
                    present(repo, p, &first, fetch)?;
                }
                match parents.first() {
                    None => Plan::History { head: Some(head) },
                    Some(base) => Plan::Changes {
                        head,
                        base: base.clone(),
                        not: parents,
                    },
                }
            }
        })
    }
}

/// The commit id of `rev`, fetching it first when allowed and missing.
fn commit(repo: &Repo, rev: &Rev, fetch: bool) -> Result<String, Problem> {
    match repo.commit(rev) {
        Ok(id) => Ok(id),
        Err(_) if fetch => {
            repo.fetch(&[rev.as_str()])?;
            if repo.is_shallow() {
                // The range needs the commits between base and head too.
                let _ = repo.unshallow();
            }
            repo.commit(rev)
        }
        Err(p) => Err(p),
    }
}

/// Check that `parent` (of `child`) is in the repository: a shallow clone cuts history off
/// below its oldest commits.
fn present(repo: &Repo, parent: &str, child: &str, fetch: bool) -> Result<(), Problem> {
    if repo.has_object(parent) {
        return Ok(());
    }
    if fetch {
        repo.fetch(&[parent])?;
        if repo.has_object(parent) {
            return Ok(());
        }
    }
    Err(Problem::new(
        parent,
        format!(
            "parent of {} is not in this shallow clone; fetch it with --fetch (or check out with \
             `fetch-depth: 0`)",
            short(child)
        ),
    ))
}
