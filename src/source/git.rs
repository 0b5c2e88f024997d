//! Git as a source, through the `git` command line (not a Rust git library: that would double
//! the build time). A handful of processes per scan, never one per file: one `git diff`,
//! `git log` or `git ls-files` to learn what changed, and one `git cat-file --batch` that
//! streams every blob.

use super::patch::{self, FileChange};
use crate::problems::Problem;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Diff options shared by every patch we read: no context (we only need added line numbers;
/// context comes from scanning the whole blob), full blob ids, renames followed, and nothing a
/// user's config could swap in (external diff drivers, textconv filters, colour).
const PATCH_ARGS: &[&str] = &[
    "-p",
    "-U0",
    "--full-index",
    "-M",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
];

/// A repository to read from.
pub struct Repo {
    dir: PathBuf,
}

/// Added line ranges that mean "every line".
pub const WHOLE: (usize, usize) = (1, usize::MAX);

impl Repo {
    /// Check that `git` runs and that `dir` is inside a work tree.
    pub fn open(dir: &Path) -> Result<Repo, Problem> {
        let repo = Repo {
            dir: dir.to_path_buf(),
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

    /// Files added or changed in the index relative to HEAD (or to nothing before the first
    /// commit). Deletions, unmerged paths, intent-to-add entries and pure renames add nothing.
    pub fn staged(&self) -> Result<Vec<FileChange>, Problem> {
        let mut args = vec!["diff", "--cached"];
        args.extend_from_slice(PATCH_ARGS);
        Ok(patch::parse(&self.run(&args)?))
    }

    /// The full staged content of `files` (as pre-commit passes them): every line counts.
    pub fn staged_files(&self, files: &[PathBuf]) -> Result<Vec<FileChange>, Problem> {
        let mut args: Vec<String> = ["ls-files", "-s", "-z", "--"].map(String::from).to_vec();
        args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
        let out = self.run(&args.iter().map(String::as_str).collect::<Vec<_>>())?;
        // <mode> <blob> <stage>\t<path>; stage 0 only (unmerged paths have stages 1-3), and
        // no submodules (mode 160000: a commit, not a blob).
        Ok(whole_files(&out, |meta| match meta {
            [mode, blob, "0"] if *mode != "160000" => Some(blob.to_string()),
            _ => None,
        }))
    }

    /// What every commit in `range` (`A..B`, or a single revision meaning its own commit)
    /// added, oldest first. `extra` adds `git log` arguments (e.g. `--all`).
    pub fn log(&self, revisions: &[&str]) -> Result<Vec<FileChange>, Problem> {
        let mut args = vec!["log", "--reverse", "--format=commit %H"];
        args.extend_from_slice(PATCH_ARGS);
        args.extend_from_slice(revisions);
        args.push("--");
        Ok(patch::parse(&self.run(&args)?))
    }

    /// Every file in the tree of `rev`, whole.
    pub fn tree(&self, rev: &str) -> Result<Vec<FileChange>, Problem> {
        let out = self.run(&["ls-tree", "-r", "-z", "--full-tree", rev])?;
        // <mode> <type> <blob>\t<path>
        Ok(whole_files(&out, |meta| match meta {
            [_, "blob", blob] => Some(blob.to_string()),
            _ => None,
        }))
    }

    /// The full id of commit `rev`, or a problem saying it is unknown (and, in a shallow clone,
    /// how to fetch it).
    pub fn commit(&self, rev: &str) -> Result<String, Problem> {
        let spec = format!("{rev}^{{commit}}");
        match self.run(&["rev-parse", "--verify", "--quiet", &spec]) {
            Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_string()),
            Err(_) if self.is_shallow() => Err(Problem::new(
                rev,
                "unknown revision: this is a shallow clone that does not contain it; fetch it \
                 with `git fetch --unshallow` (or `git fetch --deepen=N`, or check out with \
                 `fetch-depth: 0`)",
            )),
            Err(_) => Err(Problem::new(rev, "unknown revision")),
        }
    }

    pub fn is_shallow(&self) -> bool {
        self.run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|o| o.starts_with(b"true"))
    }

    /// Fetch `revs` from `origin` (only for `--fetch`, the one way leakscan causes network
    /// traffic, done by git and only when asked).
    pub fn fetch(&self, revs: &[&str]) -> Result<(), Problem> {
        let mut args = vec!["fetch", "--no-tags", "--quiet", "origin"];
        args.extend_from_slice(revs);
        self.run(&args).map(|_| ())
    }

    /// Stream the blobs `ids` through one `git cat-file --batch`, calling `each(id, bytes)` for
    /// every blob no larger than `max_size` (larger ones get `Err(size)`). Non-blob ids
    /// (submodule commits) and missing objects are skipped.
    pub fn read_blobs(
        &self,
        ids: &[String],
        max_size: u64,
        mut each: impl FnMut(&str, Result<&[u8], u64>),
    ) -> Result<(), Problem> {
        let mut child = self
            .command(&["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_problem)?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let list: Vec<u8> = ids
            .iter()
            .flat_map(|id| format!("{id}\n").into_bytes())
            .collect();
        // Feed ids from a thread so a full stdout pipe can never deadlock us.
        let writer = std::thread::spawn(move || stdin.write_all(&list));
        let mut out = BufReader::with_capacity(1 << 16, child.stdout.take().expect("piped stdout"));
        let mut header = Vec::new();
        let mut buf = Vec::new();
        for _ in ids {
            header.clear();
            if out.read_until(b'\n', &mut header).map_err(|e| git_io(&e))? == 0 {
                break;
            }
            let text = String::from_utf8_lossy(&header);
            let fields: Vec<&str> = text.split_whitespace().collect();
            let [id, kind, size] = fields.as_slice() else {
                continue; // "<id> missing"
            };
            let size: u64 = size
                .parse()
                .map_err(|_| Problem::new("git cat-file", "bad header"))?;
            if *kind == "blob" && size <= max_size {
                buf.clear();
                (&mut out)
                    .take(size)
                    .read_to_end(&mut buf)
                    .map_err(|e| git_io(&e))?;
                each(id, Ok(&buf));
            } else {
                std::io::copy(&mut (&mut out).take(size), &mut std::io::sink())
                    .map_err(|e| git_io(&e))?;
                if *kind == "blob" {
                    each(id, Err(size));
                }
            }
            let mut newline = [0u8; 1];
            out.read_exact(&mut newline).map_err(|e| git_io(&e))?;
        }
        drop(out);
        let _ = writer.join();
        let _ = child.wait();
        Ok(())
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(&self.dir).args(args);
        // Paths verbatim (not octal-quoted) where git allows it; no pager, no prompts.
        cmd.env("GIT_PAGER", "cat").env("GIT_TERMINAL_PROMPT", "0");
        cmd
    }

    /// Run git, returning stdout, or its first stderr line as a problem.
    fn run(&self, args: &[&str]) -> Result<Vec<u8>, Problem> {
        let out = self
            .command(args)
            .stdin(Stdio::null())
            .output()
            .map_err(spawn_problem)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            let first = err.lines().next().unwrap_or("failed").trim();
            let first = first.strip_prefix("fatal: ").unwrap_or(first);
            Err(Problem::new(format!("git {}", args[0]), first.to_string()))
        }
    }
}

/// Parse NUL-separated `<fields>\t<path>` entries (`ls-files -s -z`, `ls-tree -z`) into
/// whole-file changes; `blob_of` picks the blob id from the space-separated fields, or skips.
fn whole_files(out: &[u8], blob_of: impl Fn(&[&str]) -> Option<String>) -> Vec<FileChange> {
    out.split(|&b| b == 0)
        .filter_map(|entry| {
            let text = String::from_utf8_lossy(entry);
            let (meta, path) = text.split_once('\t')?;
            let blob = blob_of(&meta.split(' ').collect::<Vec<_>>())?;
            Some(FileChange {
                commit: None,
                path: path.to_string(),
                blob,
                added: vec![WHOLE],
            })
        })
        .collect()
}

fn spawn_problem(e: std::io::Error) -> Problem {
    if e.kind() == std::io::ErrorKind::NotFound {
        Problem::new("git", "git is not installed or not on PATH")
    } else {
        Problem::io("git", &e)
    }
}

fn git_io(e: &std::io::Error) -> Problem {
    Problem::io("git cat-file", e)
}
