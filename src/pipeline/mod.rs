//! Connects a source to the scanner and collects what comes out: walk → read → scan →
//! findings, problems, and the counts for the summary. Files and git objects are both `Blob`s,
//! scanned by the one loop in `worker`: each walker thread (and each git scanning thread) owns
//! one `Worker` and hands its results back once, when it finishes, so the hot path takes no
//! locks. `git` feeds the same loop with blobs from the index, changes and history.

pub mod git;
mod history;
mod worker;

use crate::finding::Finding;
use crate::problems::Problem;
use crate::rules::RuleSet;
use crate::source::blob::{Blob, Origin};
use crate::source::display_path;
use crate::source::read::Reader;
use crate::source::walk::{walk, Entry, WalkOptions};
use crate::suppress::Suppressor;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use worker::Worker;

/// What a scan needs to know.
#[derive(Debug, Clone)]
pub struct ScanJob {
    pub roots: Vec<PathBuf>,
    pub max_file_size: u64,
    /// Files at least this large are memory-mapped (`read::MMAP_THRESHOLD` by default).
    pub mmap_threshold: u64,
    pub walk: WalkOptions,
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub findings: usize,
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub skipped_binary: u64,
    pub skipped_oversized: u64,
    pub skipped_symlink: u64,
    pub skipped_special: u64,
    /// Files skipped by a `.leakscanignore` pattern or an allowlisted path.
    pub skipped_allowlisted: u64,
    /// Files and directories `.gitignore`/`.ignore`/`.git/info/exclude` kept out of the walk
    /// (`--no-ignore` scans them).
    pub skipped_ignored: u64,
    /// Findings dropped by inline comments, `.leakscanignore`, the baseline or allowlists.
    pub suppressed: u64,
    /// Findings below the `--confidence` threshold: not reported, not counted for the exit
    /// status.
    pub below_confidence: u64,
    /// Repeats of a reported secret in the same file, listed with it (`also`) rather than
    /// reported again.
    pub repeats: u64,
    pub problems: usize,
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

impl Summary {
    pub(crate) fn add(&mut self, other: &Summary) {
        self.files_scanned += other.files_scanned;
        self.bytes_scanned += other.bytes_scanned;
        self.skipped_binary += other.skipped_binary;
        self.skipped_oversized += other.skipped_oversized;
        self.skipped_symlink += other.skipped_symlink;
        self.skipped_special += other.skipped_special;
        self.skipped_allowlisted += other.skipped_allowlisted;
        self.skipped_ignored += other.skipped_ignored;
        self.suppressed += other.suppressed;
    }
}

/// Everything a scan produced, sorted and ready to report.
#[derive(Debug, Default)]
pub struct ScanOutput {
    pub findings: Vec<Finding>,
    /// Errors: each makes the exit status 2.
    pub problems: Vec<Problem>,
    /// Files skipped for a reason the user should see (oversized), and changes to the
    /// scanner's allowlist in a pull request, without failing the run.
    pub warnings: Vec<Problem>,
    pub summary: Summary,
    /// Author, date and message of every commit a finding (or one of its other places) names,
    /// by id; empty outside git history.
    pub commits: std::collections::BTreeMap<String, crate::source::git::CommitInfo>,
}

impl ScanOutput {
    /// Sort everything (walk order is random, output must not be) and fill in the totals.
    pub(crate) fn finish(&mut self, started: Instant) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.problems
            .sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
        self.warnings
            .sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
        self.summary.findings = self.findings.len();
        self.summary.problems = self.problems.len();
        self.summary.elapsed = started.elapsed();
    }
}

/// Scan every file under `job.roots` with `rules`; `suppressor` skips paths and drops
/// findings the project has allowed.
pub fn scan_paths(job: &ScanJob, rules: &RuleSet, suppressor: &Suppressor) -> ScanOutput {
    let started = Instant::now();
    let collected = Mutex::new(ScanOutput::default());
    let mut roots = Vec::new();
    for root in &job.roots {
        // Name a missing path ourselves: the walker's message would not say which argument.
        match std::fs::symlink_metadata(root) {
            Ok(_) => roots.push(root.clone()),
            Err(e) => lock(&collected)
                .problems
                .push(Problem::io(display_path(root), &e)),
        }
    }
    let stats = walk(&roots, &job.walk, || {
        FileVisitor {
            worker: Worker::new(rules, job.max_file_size, &collected),
            reader: Reader::new(job.max_file_size, job.mmap_threshold),
            suppressor,
        }
        .into_visitor()
    });
    let mut out = collected.into_inner().unwrap_or_else(|p| p.into_inner());
    out.summary.skipped_ignored = stats.ignored;
    out.finish(started);
    out
}

/// The warning for a blob with more matches than the scanner reports.
pub(crate) fn capped_warning(path: &str, matches: usize) -> Problem {
    Problem::new(
        path,
        format!(
            "{matches} findings; only the first {} are reported (the file looks machine-generated)",
            crate::scan::MAX_FINDINGS_PER_BLOB
        ),
    )
}

pub(crate) fn lock<'a>(m: &'a Mutex<ScanOutput>) -> std::sync::MutexGuard<'a, ScanOutput> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One walker thread's visitor: paths the project allows are skipped unread; every other file
/// goes through the one scanning loop (`Worker`), and what the project suppresses is dropped.
struct FileVisitor<'a> {
    worker: Worker<'a>,
    reader: Reader,
    suppressor: &'a Suppressor,
}

impl<'a> FileVisitor<'a> {
    fn into_visitor(mut self) -> impl FnMut(Entry<'_>) + Send + 'a {
        move |entry| self.visit(entry)
    }

    fn visit(&mut self, entry: Entry<'_>) {
        let local = self.worker.local();
        match entry {
            Entry::Problem(p) => local.problems.push(p),
            Entry::Symlink(_) => local.summary.skipped_symlink += 1,
            Entry::File(path, _) if self.suppressor.skip_path(path) => {
                local.summary.skipped_allowlisted += 1;
            }
            Entry::File(path, regular) => {
                let shown = display_path(path);
                let body = self.reader.read(path, &shown, regular);
                let mut found = self.worker.scan(Blob::new(shown, Origin::File, body));
                let local = self.worker.local();
                local.summary.suppressed += self.suppressor.apply(&mut found);
                local.findings.extend(found);
            }
        }
    }
}
