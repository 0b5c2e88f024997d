//! Git as a source, through the `git` command line (not a Rust git library: that would double
//! the build time). A handful of processes per scan, never one per file: one listing (`git diff
//! --cached`, `git log -p`, `git ls-files`, `git ls-tree` or `git rev-list --objects`) streamed
//! into one `git cat-file --batch` that streams every blob (`batch`), and for history one
//! `git log --raw` walk that finds where the blobs with findings came from (`provenance`).
//!
//! Every git process is started by `Repo::command`, which pins the settings that would change
//! what we read: diff prefixes and quoting, relative diffs, root diffs, signatures in log
//! output, pathspec magic, replace refs, lazy fetches in partial clones. Revisions are checked
//! (`rev`) and follow `--end-of-options`.

pub mod batch;
pub mod listing;
pub mod mode;
pub mod provenance;
pub mod rev;

use crate::problems::Problem;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::thread::JoinHandle;

pub use mode::{Base, GitMode, Plan, Trusted};
pub use rev::Rev;

/// Settings of the user's (or the system's) git config that would change the paths in diff
/// output, hide files from it, drop the root commit's diff, or add text to log output. Explicit
/// flags on each command say the same; both, so that neither alone has to be right.
const PINNED: &[&str] = &[
    "core.quotePath=true",
    "diff.noprefix=false",
    "diff.mnemonicPrefix=false",
    "diff.srcPrefix=a/",
    "diff.dstPrefix=b/",
    "diff.relative=false",
    "log.showRoot=true",
    "log.showSignature=false",
];

/// Environment variables that would change how git reads our arguments or runs diffs.
const UNSET: &[&str] = &[
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
    "GIT_LITERAL_PATHSPECS",
];

/// Who made a commit a finding names, and why: what gitleaks users script against (JSON
/// `author`, `email`, `date`, `message`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CommitInfo {
    pub author: String,
    pub email: String,
    /// Author date, ISO 8601 with the author's offset (`2024-03-01T12:00:00+01:00`).
    pub date: String,
    pub message: String,
}

/// A repository to read from.
#[derive(Debug, Clone)]
pub struct Repo {
    dir: PathBuf,
    /// Whether git may fetch (`--fetch`): lazily fetched objects of a partial clone included.
    network: bool,
}

impl Repo {
    /// Check that `git` runs and that `dir` is inside a repository. Without `network`, no git
    /// process this `Repo` starts will contact a remote.
    pub fn open(dir: &Path, network: bool) -> Result<Repo, Problem> {
        let repo = Repo {
            dir: dir.to_path_buf(),
            network,
        };
        repo.run(&["rev-parse", "--git-dir"]).map_err(|p| {
            if p.path == "git" {
                p
            } else {
                Problem::new(super::display_path(dir), "not a git repository")
            }
        })?;
        Ok(repo)
    }

    /// The full id of commit `rev`, or a problem saying it is unknown (and, in a shallow clone,
    /// how to fetch it).
    pub fn commit(&self, rev: &Rev) -> Result<String, Problem> {
        let spec = format!("{rev}^{{commit}}");
        match self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ]) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_string()),
            Err(_) if self.is_shallow() => Err(Problem::new(
                rev.as_str(),
                "unknown revision: this is a shallow clone that does not contain it; fetch it \
                 with `git fetch --unshallow` (or `git fetch --deepen=N`, or check out with \
                 `fetch-depth: 0`)",
            )),
            Err(_) => Err(Problem::new(rev.as_str(), "unknown revision")),
        }
    }

    /// The parents recorded in commit `id` (none for a root commit). Read from the commit
    /// object itself, so a shallow clone's cut-off commit still names its parents.
    pub fn parents(&self, id: &str) -> Result<Vec<String>, Problem> {
        let out = self.run(&["cat-file", "commit", id])?;
        Ok(out
            .split(|&b| b == b'\n')
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.strip_prefix(b"parent "))
            .map(|p| String::from_utf8_lossy(p).trim().to_string())
            .collect())
    }

    /// Whether object `id` is in the object store.
    pub fn has_object(&self, id: &str) -> bool {
        self.run(&["cat-file", "-e", id]).is_ok()
    }

    pub fn is_shallow(&self) -> bool {
        self.run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|o| o.starts_with(b"true"))
    }

    /// Fetch `what` (revisions, or object ids) from `origin`: only for `--fetch`, the one way
    /// leakscan causes network traffic, done by git and only when asked.
    pub fn fetch(&self, what: &[&str]) -> Result<(), Problem> {
        let mut args = vec![
            "fetch",
            "--no-tags",
            "--quiet",
            "origin",
            "--end-of-options",
        ];
        args.extend_from_slice(what);
        self.run(&args).map(|_| ())
    }

    /// Fetch the rest of a shallow clone's history (for `--fetch`).
    pub fn unshallow(&self) -> Result<(), Problem> {
        self.run(&["fetch", "--no-tags", "--quiet", "--unshallow", "origin"])
            .map(|_| ())
    }

    /// The content of `path` (relative to the repository directory) in commit `id`, or `None`
    /// when the commit has no such file.
    pub fn file_at(&self, id: &str, path: &str) -> Result<Option<Vec<u8>>, Problem> {
        let spec = format!("{id}:./{path}");
        let blob = match self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ]) {
            Ok(out) => String::from_utf8_lossy(&out).trim().to_string(),
            Err(_) => return Ok(None),
        };
        self.run(&["cat-file", "blob", &blob]).map(Some)
    }

    /// Every file under `path` (a file or a directory, relative to the repository directory) in
    /// commit `id`, as `(path, content)`; empty when there is none.
    pub fn files_at(&self, id: &str, path: &str) -> Result<Vec<(String, Vec<u8>)>, Problem> {
        let out = self.run(&["ls-tree", "-r", "-z", "--end-of-options", id, "--", path])?;
        let mut files = Vec::new();
        for entry in out.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let text = String::from_utf8_lossy(entry);
            let Some((meta, name)) = text.split_once('\t') else {
                continue;
            };
            if let [_, "blob", blob] = meta.split(' ').collect::<Vec<_>>().as_slice() {
                files.push((name.to_string(), self.run(&["cat-file", "blob", blob])?));
            }
        }
        Ok(files)
    }

    /// The commits in the history of `head` that change any of `paths`, oldest first.
    pub fn commits_touching(&self, head: &str, paths: &[String]) -> Result<Vec<String>, Problem> {
        let mut args = vec!["rev-list", "--reverse", "--end-of-options", head, "--"];
        args.extend(paths.iter().map(String::as_str));
        let out = self.run(&args)?;
        Ok(String::from_utf8_lossy(&out)
            .split_whitespace()
            .map(str::to_string)
            .collect())
    }

    /// The index's changes over `HEAD`, read without their contents (no rename detection,
    /// which would read them), so a missing blob does not stop it.
    pub(crate) fn staged_entries(&self) -> Result<Vec<StagedEntry>, Problem> {
        let out = self.run(&[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-relative",
            "--",
        ])?;
        let mut entries = Vec::new();
        let mut tokens = out.split(|&b| b == 0);
        // `:<old mode> <new mode> <old id> <new id> <status>\0<path>\0`.
        while let Some(token) = tokens.next() {
            let Some(meta) = token.strip_prefix(b":") else {
                continue;
            };
            let meta = String::from_utf8_lossy(meta);
            let fields: Vec<&str> = meta.split(' ').collect();
            let [_, _, old, new, _] = fields.as_slice() else {
                continue;
            };
            let path = tokens.next().unwrap_or_default();
            entries.push(StagedEntry {
                path: String::from_utf8_lossy(path).into_owned(),
                exact: std::str::from_utf8(path).is_ok(),
                old: old.to_string(),
                new: new.to_string(),
            });
        }
        Ok(entries)
    }

    /// Which of `ids` the object store does not have (one `cat-file --batch-check`).
    pub(crate) fn missing_objects(&self, ids: &[&str]) -> Result<HashSet<String>, Problem> {
        let mut child = self
            .command(&["cat-file", "--batch-check"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_problem)?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Problem::new(
                "git cat-file",
                "could not connect to its pipes",
            ));
        };
        let mut missing = HashSet::new();
        std::thread::scope(|s| {
            // Written on the side: git answers as it reads, and a full pipe would stall both.
            s.spawn(move || {
                for id in ids {
                    if writeln!(stdin, "{id}").is_err() {
                        break;
                    }
                }
            });
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_suffix(" missing") {
                    missing.insert(id.to_string());
                }
            }
        });
        let _ = child.wait();
        Ok(missing)
    }

    /// The oldest commit among those reachable from `head` and not from the `^`-prefixed
    /// `not` whose change involves blob `id`, with its path: found from tree entries alone
    /// (`--find-object`), so it works when the blob itself is missing.
    pub fn first_change_with(
        &self,
        head: &str,
        not: &[String],
        id: &str,
    ) -> Result<Option<(String, String)>, Problem> {
        let find = format!("--find-object={id}");
        let mut args = vec![
            "log",
            "--reverse",
            "--date-order",
            "--format=commit %H",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--root",
            "--diff-merges=separate",
            "-z",
            &find,
            "--end-of-options",
            head,
        ];
        args.extend(not.iter().map(String::as_str));
        args.push("--");
        let out = self.run(&args)?;
        let mut commit = None;
        let mut tokens = out.split(|&b| b == 0);
        while let Some(token) = tokens.next() {
            let token = token.strip_prefix(b"\n").unwrap_or(token);
            if let Some(c) = token.strip_prefix(b"commit ") {
                commit = Some(String::from_utf8_lossy(c).trim().to_string());
            } else if token.starts_with(b":") {
                let path = tokens.next().unwrap_or_default();
                if let Some(c) = commit {
                    return Ok(Some((c, String::from_utf8_lossy(path).into_owned())));
                }
            }
        }
        Ok(None)
    }

    /// Author, author date and message of each of `ids` (full commit ids), asked in chunks so
    /// no command line grows with the number of findings. Fields are NUL-separated and records
    /// end in NUL+RS: neither can occur in a name, an email or a message git stores.
    pub fn commit_infos(&self, ids: &[&str]) -> Result<Vec<(String, CommitInfo)>, Problem> {
        let mut infos = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut args = vec![
                "log",
                "--no-walk=unsorted",
                "--no-mailmap",
                "--format=%H%x00%an%x00%ae%x00%aI%x00%B%x00%x1e",
                "--end-of-options",
            ];
            args.extend(chunk.iter().copied());
            let out = self.run(&args)?;
            for record in out.split(|&b| b == 0x1e) {
                let text = String::from_utf8_lossy(record);
                let mut fields = text.trim_start_matches('\n').split('\0');
                let (Some(id), Some(author), Some(email), Some(date), Some(message)) = (
                    fields.next(),
                    fields.next(),
                    fields.next(),
                    fields.next(),
                    fields.next(),
                ) else {
                    continue;
                };
                infos.push((
                    id.to_string(),
                    CommitInfo {
                        author: author.to_string(),
                        email: email.to_string(),
                        date: date.to_string(),
                        message: message.trim_end().to_string(),
                    },
                ));
            }
        }
        Ok(infos)
    }

    /// The repository directory's path from the top of the work tree (`sub/`, or empty): diffs
    /// name files from the top.
    pub fn prefix(&self) -> String {
        self.run(&["rev-parse", "--show-prefix"])
            .map(|o| String::from_utf8_lossy(&o).trim().to_string())
            .unwrap_or_default()
    }

    /// A git command with every setting pinned that would change what we read.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir);
        for setting in PINNED {
            cmd.args(["-c", setting]);
        }
        // Arguments after `--` are paths, never pathspec magic (`:!*` would exclude all).
        cmd.args(["--literal-pathspecs", "--no-replace-objects"]);
        cmd.args(args);
        for var in UNSET {
            cmd.env_remove(var);
        }
        cmd.env("GIT_PAGER", "cat").env("GIT_TERMINAL_PROMPT", "0");
        if !self.network {
            // A partial clone fetches missing objects on demand (git 2.44+ honours this).
            cmd.env("GIT_NO_LAZY_FETCH", "1");
        }
        cmd
    }

    /// Run git, returning stdout, or its first stderr line as a problem.
    pub(crate) fn run(&self, args: &[&str]) -> Result<Vec<u8>, Problem> {
        let out = self
            .command(args)
            .stdin(Stdio::null())
            .output()
            .map_err(spawn_problem)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(git_problem(args, &out.stderr))
        }
    }

    /// Start git with its stdout streamed to the caller; stderr is collected on the side.
    pub(crate) fn spawn(&self, args: &[&str]) -> Result<Stream, Problem> {
        let mut child = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_problem)?;
        let stdout = child.stdout.take();
        if let Some(out) = &stdout {
            widen_pipe(out);
        }
        let stderr = drain(&mut child);
        Ok(Stream {
            child,
            stdout,
            stderr,
            args: args.iter().map(|a| a.to_string()).collect(),
        })
    }
}

/// One change of the index over `HEAD`: its path and the blob ids before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StagedEntry {
    pub path: String,
    /// Whether `path` is the name as git has it (not a lossy rendering of a non-UTF-8 one),
    /// so it can be given back to git as a path.
    pub exact: bool,
    pub old: String,
    pub new: String,
}

/// A running git process whose stdout is read as it comes.
pub(crate) struct Stream {
    child: Child,
    stdout: Option<ChildStdout>,
    stderr: Option<JoinHandle<Vec<u8>>>,
    args: Vec<String>,
}

impl Stream {
    /// Its stdout (once).
    pub(crate) fn stdout(&mut self) -> Option<ChildStdout> {
        self.stdout.take()
    }

    /// Wait for it: a problem with git's first stderr line if it failed. `stopped_early` says
    /// the caller stopped reading before the end, so the process is killed instead of waited
    /// for (it would block on a full pipe).
    pub(crate) fn finish(mut self, stopped_early: bool) -> Result<(), Problem> {
        drop(self.stdout.take());
        if stopped_early {
            let _ = self.child.kill();
        }
        let status = self.child.wait();
        let err = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        match status {
            Ok(s) if s.success() || stopped_early => Ok(()),
            Ok(_) => {
                let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
                Err(git_problem(&args, &err))
            }
            Err(e) => Err(Problem::io("git", &e)),
        }
    }
}

/// What git streams to us (every blob of a history from cat-file, the listings, the patches)
/// comes through a pipe. With Linux's default 64 KiB, git and the reading thread wake each
/// other for every 64 KiB; a 1 MiB pipe (the most an unprivileged process may ask for by
/// default) lets each side run longer: `git --all` on the requests history went from 730 to
/// 502 ms and from 11,954 to 4,676 context switches. Best effort: a refusal leaves the pipe
/// as it was.
#[cfg(target_os = "linux")]
pub(crate) fn widen_pipe(pipe: &std::process::ChildStdout) {
    use std::os::fd::AsRawFd;
    // SAFETY: F_SETPIPE_SZ on a pipe descriptor we own changes only its capacity.
    unsafe {
        libc::fcntl(pipe.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20);
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn widen_pipe(_: &std::process::ChildStdout) {}

/// Read a child's stderr on a thread (so a chatty git never blocks on a full pipe), keeping
/// the first 4 KiB.
pub(crate) fn drain(child: &mut Child) -> Option<JoinHandle<Vec<u8>>> {
    let mut stderr = child.stderr.take()?;
    Some(std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut chunk) {
            if n == 0 {
                break;
            }
            let room = 4096usize.saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..n.min(room)]);
        }
        kept
    }))
}

/// `git <subcommand>: <first line of stderr>`.
pub(crate) fn git_problem(args: &[&str], stderr: &[u8]) -> Problem {
    let err = String::from_utf8_lossy(stderr);
    let first = err
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("failed")
        .trim();
    let first = first
        .strip_prefix("fatal: ")
        .or_else(|| first.strip_prefix("error: "))
        .unwrap_or(first);
    let what = args.first().copied().unwrap_or("");
    Problem::new(format!("git {what}"), first.to_string())
}

pub(crate) fn spawn_problem(e: std::io::Error) -> Problem {
    if e.kind() == std::io::ErrorKind::NotFound {
        Problem::new("git", "git is not installed or not on PATH")
    } else {
        Problem::io("git", &e)
    }
}
