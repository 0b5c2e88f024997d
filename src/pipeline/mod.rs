//! Connects a source to the scanner and collects what comes out: walk → read → scan →
//! findings, problems, and the counts for the summary. Each walker thread owns one `Scanner`
//! and one read buffer and hands its results back once, when it finishes, so the hot path takes
//! no locks. `git` does the same for blobs from the index and from history.

pub mod git;

use crate::finding::Finding;
use crate::problems::Problem;
use crate::rules::RuleSet;
use crate::scan::Scanner;
use crate::source::display_path;
use crate::source::read::{Outcome, Reader};
use crate::source::walk::{walk, Entry, WalkOptions};
use crate::suppress::Suppressor;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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
    /// Files skipped for a reason the user should see (oversized), without failing the run.
    pub warnings: Vec<Problem>,
    pub summary: Summary,
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
        Worker {
            scanner: Scanner::new(rules),
            reader: Reader::new(job.max_file_size, job.mmap_threshold),
            local: ScanOutput::default(),
            shared: &collected,
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

fn lock<'a>(m: &'a Mutex<ScanOutput>) -> std::sync::MutexGuard<'a, ScanOutput> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One walker thread's state. Its results join the shared output when it is dropped.
struct Worker<'a> {
    scanner: Scanner<'a>,
    reader: Reader,
    local: ScanOutput,
    shared: &'a Mutex<ScanOutput>,
    suppressor: &'a Suppressor,
}

impl<'a> Worker<'a> {
    fn into_visitor(mut self) -> impl FnMut(Entry<'_>) + Send + 'a {
        move |entry| self.visit(entry)
    }

    fn visit(&mut self, entry: Entry<'_>) {
        match entry {
            Entry::Problem(p) => self.local.problems.push(p),
            Entry::Symlink(_) => self.local.summary.skipped_symlink += 1,
            Entry::File(path, _) if self.suppressor.skip_path(path) => {
                self.local.summary.skipped_allowlisted += 1;
            }
            Entry::File(path, regular) => {
                let shown = display_path(path);
                let max = self.reader.max_size;
                match self.reader.read(path, &shown, regular) {
                    Outcome::Text(content) => {
                        let data = content.bytes();
                        self.local.summary.files_scanned += 1;
                        self.local.summary.bytes_scanned += data.len() as u64;
                        let mut found = self.scanner.scan(data, &shown);
                        crate::progress::note(data.len() as u64, found.len());
                        if let Some(n) = self.scanner.capped() {
                            self.local.warnings.push(capped_warning(&shown, n));
                        }
                        if content.truncated() {
                            self.local.problems.push(Problem::new(
                                &shown,
                                "truncated while being scanned; findings from it may be incomplete",
                            ));
                        }
                        self.local.summary.suppressed += self.suppressor.apply(&mut found);
                        self.local.findings.extend(found);
                    }
                    Outcome::Binary => self.local.summary.skipped_binary += 1,
                    Outcome::Special => self.local.summary.skipped_special += 1,
                    Outcome::TooLarge(size) => {
                        self.local.summary.skipped_oversized += 1;
                        self.local.warnings.push(Problem::new(
                            shown,
                            format!("skipped: {size} bytes is larger than --max-file-size ({max})"),
                        ));
                    }
                    Outcome::Failed(p) => self.local.problems.push(p),
                }
            }
        }
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        let mut shared = lock(self.shared);
        let mut local = std::mem::take(&mut self.local);
        local.summary.suppressed += self.scanner.allowed_inline();
        for (id, ms) in self
            .scanner
            .profile()
            .iter()
            .take(15)
            .filter(|(_, ms)| *ms > 0.5)
        {
            eprintln!("profile: {ms:>9.1} ms  {id}");
        }
        shared.findings.extend(local.findings);
        shared.problems.extend(local.problems);
        shared.warnings.extend(local.warnings);
        shared.summary.add(&local.summary);
    }
}
