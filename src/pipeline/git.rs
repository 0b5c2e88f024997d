//! Scanning git: the index (`--staged`), a commit range, the whole history, or a commit's tree.
//! Each unique blob is read once through one `git cat-file --batch` and scanned whole, on as many
//! threads as there are cores; a change
//! reports only the findings on lines it added, attributed to its commit; a secret introduced
//! once is reported once, at the oldest commit that added it.

use super::{ScanOutput, Summary};
use crate::finding::Finding;
use crate::problems::Problem;
use crate::rules::RuleSet;
use crate::scan::Scanner;
use crate::source::git::Repo;
use crate::source::patch::FileChange;
use crate::source::read::{decode_wide, is_binary};
use crate::suppress::Suppressor;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

/// What part of the repository to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitMode {
    /// Lines added in the index relative to HEAD.
    Staged,
    /// The whole staged content of these files.
    StagedFiles(Vec<PathBuf>),
    /// Commits in `base..head` (every commit reachable from `head` when `base` is none).
    Range { base: Option<String>, head: String },
    /// Every commit reachable from any ref.
    All,
    /// Every file in the tree of a revision.
    Tree(String),
}

/// A git scan.
#[derive(Debug, Clone)]
pub struct GitJob {
    pub repo: PathBuf,
    pub mode: GitMode,
    pub max_file_size: u64,
    /// Allow `git fetch` of missing commits (the only network leakscan ever causes).
    pub fetch: bool,
}

/// Scan `job` with `rules`.
pub fn scan_git(job: &GitJob, rules: &RuleSet, suppressor: &Suppressor) -> ScanOutput {
    let started = Instant::now();
    let mut out = ScanOutput::default();
    match Repo::open(&job.repo).and_then(|repo| {
        let changes = changes(&repo, job)?;
        scan_changes(
            &repo,
            &changes,
            job.max_file_size,
            rules,
            suppressor,
            &mut out,
        )
    }) {
        Ok(()) => {}
        Err(p) => out.problems.push(p),
    }
    out.finish(started);
    out
}

fn changes(repo: &Repo, job: &GitJob) -> Result<Vec<FileChange>, Problem> {
    match &job.mode {
        GitMode::Staged => repo.staged(),
        GitMode::StagedFiles(files) => repo.staged_files(files),
        GitMode::All => repo.log(&["--all"]),
        GitMode::Tree(rev) => {
            let id = resolve(repo, rev, job.fetch)?;
            repo.tree(&id)
        }
        GitMode::Range { base, head } => {
            let head = resolve(repo, head, job.fetch)?;
            match base {
                Some(base) => {
                    let base = resolve(repo, base, job.fetch)?;
                    let range = format!("{base}..{head}");
                    repo.log(&[&range])
                }
                None => repo.log(&[&head]),
            }
        }
    }
}

/// The commit id of `rev`, fetching it first when allowed and missing.
fn resolve(repo: &Repo, rev: &str, fetch: bool) -> Result<String, Problem> {
    match repo.commit(rev) {
        Ok(id) => Ok(id),
        Err(_) if fetch => {
            let plain = rev.trim_end_matches('^');
            repo.fetch(&[plain])?;
            if repo.is_shallow() {
                // The range needs the commits between base and head too.
                let _ = repo.fetch(&["--unshallow"]);
            }
            repo.commit(rev)
        }
        Err(p) => Err(p),
    }
}

fn scan_changes(
    repo: &Repo,
    changes: &[FileChange],
    max_file_size: u64,
    rules: &RuleSet,
    suppressor: &Suppressor,
    out: &mut ScanOutput,
) -> Result<(), Problem> {
    // Blob id → the changes that point at it, in order; ids in first-seen order.
    let mut users: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut ids: Vec<String> = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        if suppressor.skip_path(Path::new(&c.path)) {
            out.summary.skipped_allowlisted += 1;
            continue;
        }
        let entry = users.entry(c.blob.as_str()).or_default();
        if entry.is_empty() {
            ids.push(c.blob.clone());
        }
        entry.push(i);
    }
    let mut per_change: Vec<Vec<Finding>> = vec![Vec::new(); changes.len()];
    let mut summary = Summary::default();
    let mut warnings = Vec::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // git streams blobs on this thread; scanner threads take them from a bounded queue, so
    // memory stays bounded and reading overlaps scanning.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(&str, Vec<u8>)>(threads * 4);
    let rx = Mutex::new(rx);
    let users = &users;
    let read = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let rx = &rx;
                scope.spawn(move || {
                    let mut scanner = Scanner::new(rules);
                    let mut found: Vec<(usize, Vec<Finding>)> = Vec::new();
                    loop {
                        let next = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                        let Ok((id, data)) = next else { break };
                        scan_blob(&mut scanner, &data, &users[id], changes, &mut found);
                    }
                    (found, scanner.allowed_inline())
                })
            })
            .collect();
        let read = repo.read_blobs(&ids, max_file_size, |id, content| {
            let Some((key, indices)) = users.get_key_value(id) else {
                return;
            };
            match content {
                Err(size) => {
                    summary.skipped_oversized += 1;
                    warnings.push(Problem::new(
                        changes[indices[0]].path.clone(),
                        format!(
                            "skipped: {size} bytes is larger than --max-file-size ({max_file_size})"
                        ),
                    ));
                }
                Ok(data) if is_binary(data) && decode_wide(data).is_none() => {
                    summary.skipped_binary += 1
                }
                Ok(data) => {
                    let decoded = decode_wide(data);
                    let data = decoded.as_deref().unwrap_or(data);
                    summary.files_scanned += 1;
                    summary.bytes_scanned += data.len() as u64;
                    crate::progress::note(data.len() as u64, 0);
                    // A send fails only if every worker is gone, i.e. has panicked.
                    let _ = tx.send((key, data.to_vec()));
                }
            }
        });
        drop(tx);
        for w in workers {
            if let Ok((found, allowed)) = w.join() {
                summary.suppressed += allowed;
                for (i, f) in found {
                    per_change[i] = f;
                }
            }
        }
        read
    });
    read?;
    // Oldest first: the first change to add a secret introduced it.
    let mut seen: HashSet<String> = HashSet::new();
    let mut findings = Vec::new();
    for f in per_change.into_iter().flatten() {
        if seen.insert(f.fingerprint.clone()) {
            findings.push(f);
        }
    }
    summary.suppressed += suppressor.apply(&mut findings);
    out.findings = findings;
    out.warnings.extend(warnings);
    out.summary.add(&summary);
    Ok(())
}

/// Scan one blob once per path it appears under (fingerprints and lock-file handling depend on
/// the path) and keep, for each change, the findings on lines that change added.
fn scan_blob(
    scanner: &mut Scanner<'_>,
    data: &[u8],
    indices: &[usize],
    changes: &[FileChange],
    out: &mut Vec<(usize, Vec<Finding>)>,
) {
    let mut by_path: HashMap<&str, Vec<Finding>> = HashMap::new();
    for &i in indices {
        let c = &changes[i];
        let found = by_path
            .entry(c.path.as_str())
            .or_insert_with(|| scanner.scan(data, &c.path));
        let kept: Vec<Finding> = found
            .iter()
            .filter(|f| on_added_line(f, &c.added))
            .map(|f| Finding {
                commit: c.commit.clone(),
                ..f.clone()
            })
            .collect();
        out.push((i, kept));
    }
}

/// Whether any line of the finding's secret was added by the change.
fn on_added_line(f: &Finding, added: &[(usize, usize)]) -> bool {
    added
        .iter()
        .any(|&(start, end)| f.line <= end && f.end_line >= start)
}
