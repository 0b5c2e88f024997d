//! What to read, as git lists it: each `Listing` runs one git process on the feeding thread and
//! asks the `Feed` for every blob it names, as it streams (nothing is collected first).
//!
//! - `Staged`: `git diff --cached`, the lines the index adds over `HEAD`;
//! - `IndexFiles`: `git ls-files -s`, the whole staged content of the given paths;
//! - `Log`: `git log -p`, what each commit in a range added, merges included;
//! - `Tree`: `git ls-tree -r`, every file in a commit;
//! - `Objects`: `git rev-list --objects`, every blob reachable in history, once;
//! - `Given`: blobs already known (a second reading at the places provenance found).
//!
//! Diffs are made with git's own text/binary heuristics and attributes switched off (`--text`,
//! `--no-textconv`, `--no-ext-diff`), explicit side prefixes, no relative paths and no extra
//! context, so neither a `.gitattributes` in the scanned commits nor a user's settings can hide
//! a file or change its path.

use super::batch::{Feed, Wanted};
use super::Repo;
use crate::problems::Problem;
use crate::source::blob::Origin;
use crate::source::patch::{FileChange, PatchReader};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

/// Options of every diff we read.
const DIFF: &[&str] = &[
    "-p",
    "-U0",
    "--inter-hunk-context=0",
    "--full-index",
    "-M",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--text",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--no-relative",
];

/// Which blobs a scan reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    Staged,
    IndexFiles(Vec<PathBuf>),
    /// Commits reachable from `head` and from none of `not` (full ids), oldest first.
    Log {
        head: String,
        not: Vec<String>,
    },
    /// The tree of a commit (a full id).
    Tree(String),
    /// Every blob reachable from `head` (a full id), or from every ref when `None`.
    Objects {
        head: Option<String>,
    },
    Given(Vec<Wanted>),
}

/// A path a change touched: for noticing changes to the scanner's own configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub commit: Option<String>,
    pub path: String,
}

/// What running a listing met besides blobs.
#[derive(Debug, Default)]
pub struct Listed {
    pub problems: Vec<Problem>,
    /// Blobs history refers to that the object store lacks (`Objects`).
    pub missing: Vec<String>,
    /// Changes to the `watch`ed paths.
    pub touched: Vec<Touched>,
    /// Blobs not read because `skip` said so.
    pub skipped: u64,
}

/// How a listing runs: `skip` says which paths not to read (the project's allowlisted paths),
/// `watch` which paths to report changes to.
pub struct Options<'a> {
    pub skip: &'a (dyn Fn(&str) -> bool + Sync),
    pub watch: &'a [String],
}

impl Listing {
    /// Run the listing, asking `feed` for every blob; the feed is closed at the end.
    pub fn run(&self, repo: &Repo, mut feed: Feed, options: &Options<'_>) -> Listed {
        let mut listed = Listed::default();
        let result = match self {
            Listing::Staged => staged(repo, &mut feed, options, &mut listed),
            Listing::Log { head, not } => log(repo, head, not, &mut feed, options, &mut listed),
            Listing::IndexFiles(files) => index_files(repo, files, &mut feed, &mut listed),
            Listing::Tree(commit) => tree(repo, commit, &mut feed, options, &mut listed),
            Listing::Objects { head } => objects(repo, head.as_deref(), &mut feed, &mut listed),
            Listing::Given(wanted) => {
                for w in wanted {
                    if !feed.want(w.clone()) {
                        break;
                    }
                }
                Ok(())
            }
        };
        feed.close();
        if let Err(p) = result {
            listed.problems.push(p);
        }
        listed
    }
}

/// Commits a range may skip for missing objects before it gives up: a partial clone without
/// `--fetch` lacks every blob, and each skip runs `git log` again.
const MAX_SKIPPED: usize = 20;

/// What the index adds over `HEAD` (`git diff --cached`). git stops a diff at a blob it cannot
/// read (an index entry whose object is gone, or a corrupt one; with rename detection, before
/// printing anything), and every entry after it would go unscanned. Then the entries are listed
/// without their contents, every blob id is checked at once, each missing one is named, a file
/// whose `HEAD` side alone is missing is scanned whole, and the entries not read yet are diffed
/// again, a bounded number of paths at a time.
fn staged(
    repo: &Repo,
    feed: &mut Feed,
    options: &Options<'_>,
    listed: &mut Listed,
) -> Result<(), Problem> {
    // Paths already handed to the scan (or named), so nothing is read twice.
    let mut done: HashSet<String> = HashSet::new();
    let failed = match changes(
        repo,
        &staged_args(&[]),
        feed,
        options,
        listed,
        &mut 0,
        Some(&mut done),
    ) {
        Ok(()) => return Ok(()),
        Err(p) => p,
    };
    let Some(first) = unreadable(&failed) else {
        return Err(failed);
    };
    let entries = repo.staged_entries()?;
    let ids: Vec<&str> = entries
        .iter()
        .flat_map(|e| [e.old.as_str(), e.new.as_str()])
        .filter(|id| !is_null(id))
        .collect();
    let mut missing = repo.missing_objects(&ids)?;
    // Present but unreadable (corrupt): known only once git fails to read it.
    missing.insert(first);
    // Pathspecs are read from the repository directory, which may be below the top.
    let up = "../".repeat(repo.prefix().matches('/').count());
    for _ in 0..MAX_SKIPPED {
        let mut rest: Vec<String> = Vec::new();
        for e in &entries {
            if done.contains(&e.path) {
                continue;
            }
            let label = || Origin::Index.label(&e.path);
            if missing.contains(&e.new) {
                done.insert(e.path.clone());
                listed.problems.push(Problem::new(
                    label(),
                    format!("blob {} is missing from the repository", e.new),
                ));
            } else if missing.contains(&e.old) {
                // `HEAD`'s side is gone, so there is no diff: the staged side is read whole.
                done.insert(e.path.clone());
                if is_null(&e.new) {
                    continue;
                }
                listed.problems.push(Problem::new(
                    format!("{} (HEAD)", e.path),
                    format!(
                        "blob {} is missing from the repository; the staged file is scanned whole",
                        e.old
                    ),
                ));
                if (options.skip)(&e.path) {
                    listed.skipped += 1;
                    continue;
                }
                let wanted = Wanted {
                    id: e.new.clone(),
                    path: e.path.clone(),
                    origin: Origin::Index,
                    lines: None,
                    seq: 0,
                };
                if !feed.want(wanted) {
                    return Ok(());
                }
            } else if !e.exact {
                // Arguments to git are UTF-8 here: this name cannot be asked for again.
                done.insert(e.path.clone());
                listed.problems.push(Problem::new(
                    label(),
                    "not scanned: its name is not UTF-8, and git stopped at a missing blob",
                ));
            } else {
                rest.push(format!("{up}{}", e.path));
            }
        }
        // Every pathspec is matched against every entry: a few hundred at a time.
        let mut failed = None;
        for chunk in rest.chunks(PATHSPECS) {
            let specs: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let args = staged_args(&specs);
            if let Err(p) = changes(repo, &args, feed, options, listed, &mut 0, Some(&mut done)) {
                failed = Some(p);
                break;
            }
        }
        let Some(failed) = failed else {
            return Ok(());
        };
        let Some(id) = unreadable(&failed) else {
            return Err(failed);
        };
        missing.insert(id);
    }
    Err(Problem::new(
        "git diff",
        format!(
            "stopped after {MAX_SKIPPED} unreadable objects; the rest of the index is not scanned"
        ),
    ))
}

/// git's id for "no object" (a side a change does not have).
fn is_null(id: &str) -> bool {
    id.bytes().all(|b| b == b'0')
}

/// Paths one staged diff is given at most.
const PATHSPECS: usize = 500;

/// `git diff --cached` of `paths` (every entry when empty).
fn staged_args<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["diff", "--cached"];
    args.extend_from_slice(DIFF);
    args.push("--");
    args.extend_from_slice(paths);
    args
}

/// The object id in git's "unable to read <id>".
fn unreadable(p: &Problem) -> Option<String> {
    p.reason
        .strip_prefix("unable to read ")
        .map(|id| id.trim().to_string())
}

/// What the commits reachable from `head` and from none of `not` added, oldest first. `git log
/// -p` stops at a blob it cannot read; the commit that needed it is then named (with the path)
/// and skipped, and the log runs again for the rest of the range. Commits it had already
/// passed are read again only when they are not ancestors of the skipped one, and give the
/// same findings, which history grouping merges.
fn log(
    repo: &Repo,
    head: &str,
    not: &[String],
    feed: &mut Feed,
    options: &Options<'_>,
    listed: &mut Listed,
) -> Result<(), Problem> {
    let mut not: Vec<String> = not.iter().map(|n| format!("^{n}")).collect();
    let mut seq = 0;
    for _ in 0..=MAX_SKIPPED {
        let mut args = vec![
            "log",
            "--reverse",
            "--date-order",
            "--format=commit %H %P",
            "--root",
            // A merge as a dense combined diff: only what differs from every parent.
            "--cc",
        ];
        args.extend_from_slice(DIFF);
        args.extend(["--end-of-options", head]);
        args.extend(not.iter().map(String::as_str));
        args.push("--");
        let failed = match changes(repo, &args, feed, options, listed, &mut seq, None) {
            Ok(()) => return Ok(()),
            Err(p) => p,
        };
        let Some(blob) = failed.reason.strip_prefix("unable to read ") else {
            return Err(failed);
        };
        let Some((commit, path)) = repo.first_change_with(head, &not, blob.trim())? else {
            return Err(failed);
        };
        listed.problems.push(Problem::new(
            Origin::Change(commit.clone()).label(&path),
            format!("blob {} is missing from the repository", blob.trim()),
        ));
        not.push(format!("^{commit}"));
    }
    Err(Problem::new(
        "git log",
        format!(
            "stopped after skipping {MAX_SKIPPED} commits for missing objects (a partial clone? \
             --fetch lets git fetch them)"
        ),
    ))
}

/// Stream a patch (`git diff` or `git log -p`): every change that adds content is read, with
/// its added lines. `seq` numbers the commits, oldest first.
fn changes(
    repo: &Repo,
    args: &[&str],
    feed: &mut Feed,
    options: &Options<'_>,
    listed: &mut Listed,
    seq: &mut u64,
    mut fed: Option<&mut HashSet<String>>,
) -> Result<(), Problem> {
    let mut stream = repo.spawn(args)?;
    let Some(stdout) = stream.stdout() else {
        return stream.finish(true);
    };
    let mut patch = PatchReader::new(BufReader::with_capacity(1 << 16, stdout));
    let mut stopped = false;
    loop {
        let commit = match patch.next_commit() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => {
                listed
                    .problems
                    .push(Problem::io(format!("git {}", args[0]), &e));
                stopped = true;
                break;
            }
        };
        *seq += 1;
        for change in commit.changes {
            note_touched(&change, commit.commit.as_deref(), options.watch, listed);
            if !change.adds_content() {
                continue;
            }
            if (options.skip)(&change.path) {
                listed.skipped += 1;
                continue;
            }
            let FileChange {
                path, blob, added, ..
            } = change;
            let origin = match &commit.commit {
                Some(c) => Origin::Change(c.clone()),
                None => Origin::Index,
            };
            if let Some(fed) = fed.as_deref_mut() {
                fed.insert(path.clone());
            }
            let wanted = Wanted {
                id: blob.unwrap_or_default(),
                path,
                origin,
                lines: Some(added),
                seq: *seq,
            };
            if !feed.want(wanted) {
                stopped = true;
                break;
            }
        }
        if stopped || !feed.flush() {
            stopped = true;
            break;
        }
    }
    drop(patch);
    stream.finish(stopped)
}

/// Before reading more of a listing: when what git has printed so far is used up (the next
/// read may wait for git), send the ids asked for so far. False once cat-file has gone.
fn ready<R>(input: &BufReader<R>, feed: &mut Feed) -> bool {
    !input.buffer().is_empty() || feed.flush()
}

/// One NUL-terminated record of `ls-files -s -z` or `ls-tree -z`: `<fields>\t<path>`.
struct Record(String);

impl Record {
    /// The space-separated fields and the path; `None` for a record without a tab.
    fn split(&self) -> Option<(Vec<&str>, &str)> {
        let (meta, path) = self.0.split_once('\t')?;
        Some((meta.split(' ').collect(), path))
    }
}

/// The next record, `None` at the end of the output; `entry` is the reused buffer.
fn next_record<R: Read>(input: &mut BufReader<R>, entry: &mut Vec<u8>) -> Option<Record> {
    entry.clear();
    if !input.read_until(0, entry).is_ok_and(|n| n > 0) {
        return None;
    }
    if entry.last() == Some(&0) {
        entry.pop();
    }
    Some(Record(String::from_utf8_lossy(entry).into_owned()))
}

fn note_touched(change: &FileChange, commit: Option<&str>, watch: &[String], listed: &mut Listed) {
    for path in std::iter::once(&change.path).chain(change.old_path.as_ref()) {
        // A watched path is a file, or a directory of rule files.
        let under = |w: &String| {
            path.strip_prefix(w.as_str())
                .is_some_and(|r| r.starts_with('/'))
        };
        if watch.iter().any(|w| w == path || under(w)) {
            listed.touched.push(Touched {
                commit: commit.map(str::to_string),
                path: path.clone(),
            });
            return;
        }
    }
}

/// The whole staged content of `files` (stage 0; a submodule is not a blob). A path that is
/// not in the index is a problem: a pre-commit hook that scanned nothing must not pass.
fn index_files(
    repo: &Repo,
    files: &[PathBuf],
    feed: &mut Feed,
    listed: &mut Listed,
) -> Result<(), Problem> {
    let mut args: Vec<String> = ["ls-files", "-s", "-z", "--"].map(String::from).to_vec();
    args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let wanted_paths: Vec<String> = files.iter().map(|f| normal(f)).collect();
    let mut matched = vec![false; files.len()];
    let mut unmerged = vec![false; files.len()];
    let mut stream = repo.spawn(&args)?;
    let Some(stdout) = stream.stdout() else {
        return stream.finish(true);
    };
    let mut input = BufReader::new(stdout);
    let mut entry = Vec::new();
    let mut stopped = false;
    // <mode> <blob> <stage>\t<path>\0
    while !stopped && ready(&input, feed) {
        let Some(record) = next_record(&mut input, &mut entry) else {
            break;
        };
        let Some((fields, path)) = record.split() else {
            continue;
        };
        let [mode, blob, stage] = fields.as_slice() else {
            continue;
        };
        let normal_path = normal(Path::new(path));
        for (i, w) in wanted_paths.iter().enumerate() {
            if covers(w, &normal_path) {
                if *stage == "0" {
                    matched[i] = true;
                } else {
                    unmerged[i] = true;
                }
            }
        }
        if *stage != "0" || *mode == "160000" {
            continue;
        }
        stopped = !feed.want(Wanted {
            id: blob.to_string(),
            path: path.to_string(),
            origin: Origin::Index,
            lines: None,
            seq: 0,
        });
    }
    drop(input);
    for (i, f) in files.iter().enumerate() {
        if !matched[i] {
            let reason = if unmerged[i] {
                "unmerged in the index (resolve the conflict first)"
            } else {
                "not in the index"
            };
            listed
                .problems
                .push(Problem::new(f.to_string_lossy(), reason));
        }
    }
    stream.finish(stopped)
}

/// A path with `.` and `a/..` resolved and `/` separators, for comparing a FILE argument with
/// the paths `ls-files` prints.
fn normal(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// Whether argument `arg` (normalised) names `path`: the path itself, or a directory above it.
fn covers(arg: &str, path: &str) -> bool {
    arg.is_empty() || path == arg || path.strip_prefix(arg).is_some_and(|r| r.starts_with('/'))
}

/// Every blob in the tree of `commit`.
fn tree(
    repo: &Repo,
    commit: &str,
    feed: &mut Feed,
    options: &Options<'_>,
    listed: &mut Listed,
) -> Result<(), Problem> {
    let mut stream = repo.spawn(&[
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        "--end-of-options",
        commit,
    ])?;
    let Some(stdout) = stream.stdout() else {
        return stream.finish(true);
    };
    let mut input = BufReader::new(stdout);
    let mut entry = Vec::new();
    let mut stopped = false;
    // <mode> <type> <id>\t<path>\0
    while !stopped && ready(&input, feed) {
        let Some(record) = next_record(&mut input, &mut entry) else {
            break;
        };
        let Some((fields, path)) = record.split() else {
            continue;
        };
        let [_, "blob", id] = fields.as_slice() else {
            continue;
        };
        if (options.skip)(path) {
            listed.skipped += 1;
            continue;
        }
        stopped = !feed.want(Wanted {
            id: id.to_string(),
            path: path.to_string(),
            origin: Origin::Tree(commit.to_string()),
            lines: None,
            seq: 0,
        });
    }
    drop(input);
    stream.finish(stopped)
}

/// Every blob reachable from `head` (or every ref), each once, with the first path git met it
/// at (a hint for the scan; provenance finds the real places later). Missing blobs (a damaged
/// repository, a partial clone) are listed by `--missing=print` as `?<id>` and collected.
fn objects(
    repo: &Repo,
    head: Option<&str>,
    feed: &mut Feed,
    listed: &mut Listed,
) -> Result<(), Problem> {
    let mut args = vec![
        "rev-list",
        "--objects",
        "--filter=object:type=blob",
        "--filter-provided-objects",
        "--missing=print",
    ];
    match head {
        Some(h) => args.extend_from_slice(&["--end-of-options", h]),
        None => args.push("--all"),
    }
    let mut stream = repo.spawn(&args)?;
    let Some(stdout) = stream.stdout() else {
        return stream.finish(true);
    };
    let mut input = BufReader::with_capacity(1 << 16, stdout);
    let mut line = Vec::new();
    let mut stopped = false;
    while !stopped && ready(&input, feed) && input.read_until(b'\n', &mut line).is_ok_and(|n| n > 0)
    {
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        let text = String::from_utf8_lossy(&line).into_owned();
        line.clear();
        if let Some(id) = text.strip_prefix('?') {
            listed.missing.push(id.to_string());
            continue;
        }
        let (id, path) = text.split_once(' ').unwrap_or((text.as_str(), ""));
        // A blob reachable without a path (a tag pointing at it) is named by its id.
        let path = if path.is_empty() { id } else { path };
        stopped = !feed.want(Wanted {
            id: id.to_string(),
            path: path.to_string(),
            origin: Origin::Object(id.to_string()),
            lines: None,
            seq: 0,
        });
    }
    drop(input);
    stream.finish(stopped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_arguments_cover_paths_and_directories() {
        assert_eq!(normal(Path::new("./src/../a.txt")), "a.txt");
        assert_eq!(normal(Path::new("src/")), "src");
        assert_eq!(normal(Path::new(".")), "");
        assert!(covers("src", "src/a.txt"));
        assert!(covers("src/a.txt", "src/a.txt"));
        assert!(!covers("src", "srcx/a.txt"));
        assert!(covers("", "a.txt"));
        assert!(!covers(":!*", "a.txt"));
    }
}
