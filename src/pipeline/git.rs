//! Scanning git: the index (`--staged`), what a range of commits added, a commit's tree, or the
//! whole history. A listing streams blob ids into one `git cat-file --batch`; its blobs go
//! through the one scanning loop (`Worker`) on every thread of rayon's pool, at most a
//! budget's worth of bytes in flight, so memory does not grow with the history.
//!
//! - Snapshots (the index, a tree) report every finding, like `scan`.
//! - A range reports the findings on lines its commits added (merges included), each secret
//!   once at the oldest commit that added it.
//! - History is read blob-first: every blob reachable from any ref (or from a range's head,
//!   when the range excludes nothing) is read and scanned once; only for the blobs with
//!   findings does a walk over the history's trees find the commits and paths that introduced
//!   them (and name the missing ones). A blob introduced at a path other than the one it was
//!   scanned under is scanned again there, so paths and fingerprints are that place's. Each
//!   secret is reported once, at its oldest place, with the others listed.

use super::history::{group, Hit};
use super::worker::Worker;
use super::ScanOutput;
use crate::problems::Problem;
use crate::rules::RuleSet;
use crate::source::blob::{short, Blob, Origin};
use crate::source::budget::Budget;
use crate::source::git::batch::{self, Wanted};
use crate::source::git::listing::{Listed, Listing, Options, Touched};
use crate::source::git::provenance::introductions;
use crate::source::git::{Plan, Repo};
use crate::suppress::Suppressor;
use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;
use std::time::Instant;

/// Bytes of blobs read ahead of the scanning threads: two 20 MB blobs at once, and far more
/// small ones than there are threads (the channel holds at most one batch per thread besides).
const BUDGET: u64 = 48 << 20;

/// How to scan, besides what.
pub struct GitScan<'a> {
    pub max_file_size: u64,
    /// Paths whose change in a range is reported as a change to the scanner's allowlist.
    pub watch: &'a [String],
}

/// Scan `plan` in `repo` with `rules`; `suppressor` skips paths and drops what the project
/// allows.
pub fn scan_git(
    repo: &Repo,
    plan: &Plan,
    rules: &RuleSet,
    suppressor: &Suppressor,
    how: &GitScan<'_>,
) -> ScanOutput {
    let started = Instant::now();
    let run = Run {
        repo,
        rules,
        suppressor,
        max_file_size: how.max_file_size,
    };
    let mut out = match plan {
        Plan::Staged => run.snapshot(&Listing::Staged),
        Plan::StagedFiles(files) => run.snapshot(&Listing::IndexFiles(files.clone())),
        Plan::Tree(commit) => run.snapshot(&Listing::Tree(commit.clone())),
        Plan::Changes { head, not, base } => {
            let listing = Listing::Log {
                head: head.clone(),
                not: not.clone(),
            };
            let (mut out, listed, hits) = run.read(&listing, how.watch, true);
            group(hits, suppressor, &mut out);
            out.warnings
                .extend(allowlist_changes(&listed.touched, Some(base)));
            out
        }
        Plan::History { head } => {
            let mut out = run.history(head.as_deref());
            if let Some(head) = head {
                // A range from a root commit: there is no base to read the configuration
                // from, so none was used; say so if the range brings its own.
                let touched = first_changes(repo, head, how.watch, &mut out.problems);
                out.warnings.extend(allowlist_changes(&touched, None));
            }
            out
        }
    };
    describe_commits(repo, &mut out);
    out.finish(started);
    if std::env::var_os("LEAKSCAN_PROFILE").is_some() {
        // Our own peak, apart from the git processes' (GNU time reports the largest of all).
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        if let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM:")) {
            eprintln!("profile: leakscan's own peak RSS: {}", peak[6..].trim());
        }
    }
    out
}

/// Author, date and message of every commit the findings name, for the JSON report. Only
/// commits with findings are asked about (one `git log --no-walk` per 500), so history length
/// costs nothing here. A failure is a warning: the findings stand without them.
fn describe_commits(repo: &Repo, out: &mut ScanOutput) {
    let ids: std::collections::BTreeSet<&str> = out
        .findings
        .iter()
        .flat_map(|f| {
            f.commit
                .iter()
                .chain(f.also.iter().filter_map(|p| p.commit.as_ref()))
        })
        .map(String::as_str)
        .collect();
    if ids.is_empty() {
        return;
    }
    let ids: Vec<&str> = ids.into_iter().collect();
    match repo.commit_infos(&ids) {
        Ok(infos) => out.commits.extend(infos),
        Err(p) => out.warnings.push(Problem::new(
            p.path,
            format!(
                "commit authors and messages left out of the report: {}",
                p.reason
            ),
        )),
    }
}

/// What one scan needs, shared by its passes.
struct Run<'a> {
    repo: &'a Repo,
    rules: &'a RuleSet,
    suppressor: &'a Suppressor,
    max_file_size: u64,
}

impl Run<'_> {
    /// The index or a tree: every finding, like `scan`.
    fn snapshot(&self, listing: &Listing) -> ScanOutput {
        let (mut out, _, hits) = self.read(listing, &[], true);
        for hit in hits {
            let mut found = hit.findings;
            out.summary.suppressed += self.suppressor.apply(&mut found);
            out.findings.extend(found);
        }
        out
    }

    /// Blob-first history of `head` (or of every ref).
    fn history(&self, head: Option<&str>) -> ScanOutput {
        let t0 = Instant::now();
        let (mut out, listed, hits) = self.read(
            &Listing::Objects {
                head: head.map(str::to_string),
            },
            &[],
            false,
        );
        let mut ids: HashSet<String> = hits.iter().filter_map(|h| h.object.clone()).collect();
        ids.extend(listed.missing.iter().cloned());
        profile("blobs read and scanned", t0);
        let places = match introductions(self.repo, head, &ids) {
            Ok(places) => places,
            Err(p) => {
                out.problems.push(p);
                Default::default()
            }
        };
        for id in &listed.missing {
            let p = match places.get(id).and_then(|p| p.first()) {
                Some(at) => Problem::new(
                    Origin::Change(at.commit.clone()).label(&at.path),
                    format!("blob {id} is missing from the repository"),
                ),
                None => Problem::new(
                    format!("blob {id}"),
                    "missing from the repository (and from every commit's tree: a damaged tree?)",
                ),
            };
            out.problems.push(p);
        }
        profile("provenance", t0);
        // Each blob with findings, at each place that introduced it: where the path is the one
        // it was scanned under, its findings are that place's; elsewhere it is read and
        // scanned again, so paths (and so fingerprints, lock-file handling, allowlists) are
        // the place's own.
        let mut again = Vec::new();
        let mut placed = Vec::new();
        for hit in hits {
            let Some((id, at)) = hit
                .object
                .as_ref()
                .and_then(|id| places.get(id).map(|p| (id, p)))
            else {
                // Reachable only without a commit (a tag pointing at a blob or a tree).
                placed.push(Hit {
                    seq: u64::MAX,
                    ..hit
                });
                continue;
            };
            let scanned_as = hit.findings.first().map(|f| f.path.as_str());
            for at in at {
                if scanned_as == Some(at.path.as_str()) {
                    let mut findings = hit.findings.clone();
                    for f in &mut findings {
                        f.commit = Some(at.commit.clone());
                    }
                    placed.push(Hit {
                        seq: at.seq,
                        object: None,
                        findings,
                    });
                } else {
                    again.push(Wanted {
                        id: id.clone(),
                        path: at.path.clone(),
                        origin: Origin::Change(at.commit.clone()),
                        lines: None,
                        seq: at.seq,
                    });
                }
            }
        }
        let mut hits = placed;
        if !again.is_empty() {
            // Counts are the first pass's: this reads the same blobs again.
            let (second, _, more) = self.read(&Listing::Given(again), &[], false);
            out.problems.extend(second.problems);
            hits.extend(more);
        }
        profile("blobs with findings read again", t0);
        group(hits, self.suppressor, &mut out);
        out
    }

    /// Run `listing` through cat-file and the scanning threads: the counts, warnings and
    /// problems, what the listing met, and the findings. `skip_allowlisted`: leave paths the
    /// project allows unread (not in history's first pass, where a blob's path is only the
    /// first one git met).
    fn read(
        &self,
        listing: &Listing,
        watch: &[String],
        skip_allowlisted: bool,
    ) -> (ScanOutput, Listed, Vec<Hit>) {
        let shared = Mutex::new(ScanOutput::default());
        let hits: Mutex<Vec<Hit>> = Mutex::new(Vec::new());
        let suppressor = self.suppressor;
        let skip = move |path: &str| skip_allowlisted && suppressor.skip_path(Path::new(path));
        let options = Options { skip: &skip, watch };
        let (feed, answers) = match batch::start(self.repo) {
            Ok(pair) => pair,
            Err(p) => {
                let mut out = ScanOutput::default();
                out.problems.push(p);
                return (out, Listed::default(), Vec::new());
            }
        };
        let budget = Budget::new(BUDGET);
        let threads = rayon::current_num_threads();
        // Batches of small blobs (up to 64, or 1 MiB) or one large one.
        let (tx, rx) = sync_channel::<Vec<Blob<'static>>>(threads);
        let rx = Mutex::new(rx);
        let max = self.max_file_size;
        let listed = std::thread::scope(|s| {
            let listed = s.spawn(|| listing.run(self.repo, feed, &options));
            let read =
                s.spawn(move || answers.read(max, &budget, &mut |blobs| tx.send(blobs).is_ok()));
            // One worker per thread of the pool, each with its own scanner, pulling blobs as
            // they come; findings are rare, so the lock on `hits` is off the hot path.
            rayon::broadcast(|_| {
                let mut worker = Worker::new(self.rules, max, &shared);
                loop {
                    let next = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok(blobs) = next else { break };
                    for blob in blobs {
                        let seq = blob.seq;
                        let object = match &blob.origin {
                            Origin::Object(id) => Some(id.clone()),
                            _ => None,
                        };
                        let findings = worker.scan(blob);
                        if !findings.is_empty() {
                            let hit = Hit {
                                seq,
                                object,
                                findings,
                            };
                            hits.lock().unwrap_or_else(|p| p.into_inner()).push(hit);
                        }
                    }
                }
            });
            let mut listed = listed.join().unwrap_or_else(|_| Listed {
                problems: vec![Problem::new("git", "the listing thread panicked")],
                ..Listed::default()
            });
            match read.join() {
                Ok(Ok(missing)) => listed.missing.extend(missing),
                Ok(Err(p)) => listed.problems.push(p),
                Err(_) => listed
                    .problems
                    .push(Problem::new("git cat-file", "the reading thread panicked")),
            }
            listed
        });
        let mut out = shared.into_inner().unwrap_or_else(|p| p.into_inner());
        out.summary.skipped_allowlisted += listed.skipped;
        out.problems.extend(listed.problems.iter().cloned());
        let hits = hits.into_inner().unwrap_or_else(|p| p.into_inner());
        (out, listed, hits)
    }
}

/// With `LEAKSCAN_PROFILE` set, say on stderr when a phase of a history scan ended.
fn profile(phase: &str, started: Instant) {
    if std::env::var_os("LEAKSCAN_PROFILE").is_some() {
        eprintln!(
            "profile: {:>9.1} ms  git history: {phase}",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// For each of `watch` that the history of `head` changes, the first commit that does.
fn first_changes(
    repo: &Repo,
    head: &str,
    watch: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<Touched> {
    let mut touched = Vec::new();
    for path in watch {
        match repo.commits_touching(head, std::slice::from_ref(path)) {
            Ok(commits) => touched.extend(commits.into_iter().next().map(|c| Touched {
                commit: Some(c),
                path: path.clone(),
            })),
            Err(p) => problems.push(p),
        }
    }
    touched
}

/// A warning per change to the scanner's allowlist in a range: it was not used, and the
/// reviewer should look at it.
fn allowlist_changes(touched: &[Touched], base: Option<&str>) -> Vec<Problem> {
    let mut seen = HashSet::new();
    touched
        .iter()
        .filter(|t| seen.insert((t.path.clone(), t.commit.clone())))
        .map(|t| {
            let at = match &t.commit {
                Some(c) => format!("{} (commit {})", t.path, short(c)),
                None => t.path.clone(),
            };
            let used = match base {
                Some(b) => format!("the scan read it from the base commit {} instead", short(b)),
                None => "the range has no base commit, so the scan read none".to_string(),
            };
            Problem::new(
                at,
                format!("this pull request changes the scanner's allowlist; {used}"),
            )
        })
        .collect()
}
