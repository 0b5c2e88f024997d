//! Parse `git diff`/`git log -p` patches made with `-U0 --full-index --text`, as a stream: for
//! every file a commit (or the index) changes, its path, its new blob and the line ranges it
//! added. Blobs are then scanned whole (so multi-line rules and the context line above a change
//! still work) and only findings on added lines are reported.
//!
//! Merge commits come as dense combined diffs (`--cc`): a file is shown only when the merge
//! result differs from every parent, and each line has one column per parent. A line is added
//! by the merge itself only when it is new against every parent (`+` in every column): a file
//! taken unchanged from one side adds nothing, a conflict resolution or a file new in the merge
//! adds its lines.
//!
//! Hunk bodies are skipped by their line counts, never by what the lines look like (an added
//! line that reads `+++ b/x` or `commit …` cannot derail the parser; a merge's hunk, which has
//! no such counts, by its column characters, which no header line starts with), and without
//! being kept in memory: a diff of a large file costs no more memory than its headers.

use std::io::{self, BufRead, Read};

/// Added line ranges that mean "every line".
pub const WHOLE: (usize, usize) = (1, usize::MAX);

/// Header lines longer than this are cut (what follows is not needed).
const MAX_HEADER: usize = 64 * 1024;

/// One file changed by one commit (or by the index).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileChange {
    /// Path after the change (for a deletion, the path deleted).
    pub path: String,
    /// Path before a rename or copy, or of a deleted file.
    pub old_path: Option<String>,
    /// The new blob id (full hex); none for a deletion.
    pub blob: Option<String>,
    /// The new mode, when the patch says it (`160000` is a submodule commit, not a blob).
    pub mode: Option<String>,
    /// Added line ranges, 1-based and inclusive.
    pub added: Vec<(usize, usize)>,
}

impl FileChange {
    /// Whether there is content to read: a blob (not a submodule) with added lines.
    pub fn adds_content(&self) -> bool {
        self.blob.is_some() && self.mode.as_deref() != Some("160000") && !self.added.is_empty()
    }
}

/// What one commit (or the index, `commit: None`) changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitChanges {
    pub commit: Option<String>,
    pub changes: Vec<FileChange>,
}

/// Reads a patch stream one commit at a time.
pub struct PatchReader<R> {
    input: R,
    line: Vec<u8>,
    /// `line` holds the next commit's header, read while finishing the previous commit.
    peeked: bool,
}

impl<R: BufRead> PatchReader<R> {
    pub fn new(input: R) -> Self {
        PatchReader {
            input,
            line: Vec::new(),
            peeked: false,
        }
    }

    /// The next commit's changes (a merge's: only what it adds over every parent), or `None`
    /// at the end of the stream.
    pub fn next_commit(&mut self) -> io::Result<Option<CommitChanges>> {
        let mut commit: Option<String> = None;
        let mut started = false;
        let mut changes = Vec::new();
        let mut file: Option<FileChange> = None;
        while self.next_line()? {
            if let Some(header) = self.line.strip_prefix(b"commit ") {
                let text = String::from_utf8_lossy(header);
                let id = text.split_whitespace().next().unwrap_or("").to_string();
                if started {
                    self.peeked = true;
                    break;
                }
                commit = Some(id);
                started = true;
                continue;
            }
            started = true;
            let path = if let Some(names) = self.line.strip_prefix(b"diff --git ") {
                Some(diff_git_path(names).unwrap_or_default())
            } else {
                // A merge's file: `diff --cc <path>`, no side prefixes.
                self.line.strip_prefix(b"diff --cc ").map(unquote)
            };
            if let Some(path) = path {
                changes.extend(file.take());
                file = Some(FileChange {
                    path,
                    ..FileChange::default()
                });
                continue;
            }
            let Some(f) = file.as_mut() else {
                continue;
            };
            let line = self.line.as_slice();
            if let Some(ids) = line.strip_prefix(b"index ") {
                // index <old>..<new>[ <mode>]; a merge's: index <old>,<old>..<new>
                let ids = String::from_utf8_lossy(ids);
                let mut parts = ids.split_whitespace();
                if let Some((_, new)) = parts.next().and_then(|r| r.split_once("..")) {
                    f.blob = (!new.bytes().all(|b| b == b'0')).then(|| new.to_string());
                }
                if let Some(mode) = parts.next() {
                    f.mode = Some(mode.to_string());
                }
            } else if let Some(mode) = line
                .strip_prefix(b"new file mode ")
                .or_else(|| line.strip_prefix(b"new mode "))
            {
                f.mode = Some(String::from_utf8_lossy(mode).trim().to_string());
            } else if let Some(p) = line.strip_prefix(b"--- ") {
                if p != b"/dev/null" {
                    f.old_path = strip_side(&unquote(trim_tab(p)), "a/");
                }
            } else if let Some(p) = line.strip_prefix(b"+++ ") {
                if p == b"/dev/null" {
                    f.blob = None;
                } else if let Some(path) = strip_side(&unquote(trim_tab(p)), "b/") {
                    f.path = path;
                }
            } else if let Some(p) = line
                .strip_prefix(b"rename to ")
                .or_else(|| line.strip_prefix(b"copy to "))
            {
                f.path = unquote(p);
            } else if let Some(p) = line
                .strip_prefix(b"rename from ")
                .or_else(|| line.strip_prefix(b"copy from "))
            {
                f.old_path = Some(unquote(p));
            } else if line.starts_with(b"Binary files ") {
                // Not printed with --text; if a git ever does, scan the whole blob rather than
                // nothing.
                f.added = vec![WHOLE];
            } else if line.starts_with(b"@@@") {
                let (parents, start) = combined_hunk_header(line);
                let mut added = Vec::new();
                self.combined_body(parents, start, &mut added)?;
                f.added.extend(added);
            } else if line.starts_with(b"@@ ") {
                let (removed, start, len) = hunk_header(line);
                if len > 0 {
                    f.added.push((start, start.saturating_add(len - 1)));
                }
                self.skip_body(removed.saturating_add(len))?;
            }
        }
        changes.extend(file.take());
        if !started {
            return Ok(None);
        }
        Ok(Some(CommitChanges { commit, changes }))
    }
    /// Read the next line (cut at `MAX_HEADER`) into `self.line`, without its newline; false at
    /// the end.
    fn next_line(&mut self) -> io::Result<bool> {
        if self.peeked {
            self.peeked = false;
            return Ok(true);
        }
        self.line.clear();
        let n = (&mut self.input)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', &mut self.line)?;
        if n == 0 {
            return Ok(false);
        }
        if self.line.last() == Some(&b'\n') {
            self.line.pop();
        } else if n == MAX_HEADER {
            self.input.skip_until(b'\n')?;
        }
        Ok(true)
    }

    /// Skip a hunk body of `lines` lines, and the `\ No newline at end of file` markers that
    /// may follow any of them.
    fn skip_body(&mut self, mut lines: usize) -> io::Result<()> {
        loop {
            let marker = match self.input.fill_buf()?.first() {
                None => return Ok(()),
                Some(&b) => b == b'\\',
            };
            if !marker && lines == 0 {
                return Ok(());
            }
            self.input.skip_until(b'\n')?;
            if !marker {
                lines -= 1;
            }
        }
    }

    /// A merge's hunk body (`--cc`): each line starts with one column per parent, `+` where
    /// the line is new against that parent, `-` where it was removed from it. Lines with no
    /// `-` are lines of the result (numbered from `start`); those with `+` in every column
    /// are the merge's own. A hunk has no counts that give its length, so its body is every
    /// following line that starts with a column character; nothing else can start one.
    fn combined_body(
        &mut self,
        parents: usize,
        start: usize,
        added: &mut Vec<(usize, usize)>,
    ) -> io::Result<()> {
        let mut line = start;
        let mut prefix = vec![0u8; parents];
        loop {
            let first = match self.input.fill_buf()?.first() {
                None => return Ok(()),
                Some(&b) => b,
            };
            if first == b'\\' {
                self.input.skip_until(b'\n')?;
                continue;
            }
            if !matches!(first, b' ' | b'+' | b'-') || parents == 0 {
                return Ok(());
            }
            self.input.read_exact(&mut prefix)?;
            if !prefix.ends_with(b"\n") {
                self.input.skip_until(b'\n')?;
            }
            if prefix.contains(&b'-') {
                continue;
            }
            if prefix.iter().all(|&b| b == b'+') {
                match added.last_mut() {
                    Some(last) if last.1.saturating_add(1) == line => last.1 = line,
                    _ => added.push((line, line)),
                }
            }
            line = line.saturating_add(1);
        }
    }
}

/// Every commit of a whole patch (for tests and the fuzzer).
pub fn parse(text: &[u8]) -> Vec<CommitChanges> {
    let mut reader = PatchReader::new(text);
    let mut out = Vec::new();
    while let Ok(Some(c)) = reader.next_commit() {
        out.push(c);
    }
    out
}

/// `@@@ -a,b -c,d +e,f @@@ …` (one `-` range per parent) → (parents, e).
fn combined_hunk_header(line: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.split_whitespace();
    let parents = parts.next().map_or(0, |at| at.len().saturating_sub(1));
    let start = parts
        .find_map(|p| p.strip_prefix('+'))
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (parents, start)
}

/// `@@ -a[,b] +c[,d] @@ …` → (b, c, d); counts default to 1.
fn hunk_header(line: &[u8]) -> (usize, usize, usize) {
    let text = String::from_utf8_lossy(line);
    let mut parts = text.split_whitespace().skip(1);
    let range = |s: Option<&str>, sign: char| -> (usize, usize) {
        let s = s.and_then(|s| s.strip_prefix(sign)).unwrap_or("0,0");
        match s.split_once(',') {
            Some((start, len)) => (start.parse().unwrap_or(0), len.parse().unwrap_or(0)),
            None => (s.parse().unwrap_or(0), 1),
        }
    };
    let (_, removed) = range(parts.next(), '-');
    let (start, len) = range(parts.next(), '+');
    (removed, start, len)
}

/// The path of `a/P b/P` (the `diff --git` line's names), when it can be told: for files whose
/// patch has no `+++` line (an empty new file, a mode change, a pure rename).
fn diff_git_path(names: &[u8]) -> Option<String> {
    if names.starts_with(b"\"") {
        // Quoted names: the second quoted string is the new side.
        let close = names[1..]
            .windows(2)
            .position(|w| w[0] == b'"' && w[1] == b' ')?
            + 1;
        return strip_side(&unquote(&names[close + 2..]), "b/");
    }
    // Unquoted `a/P b/P` with the same P on both sides: the halves split at the middle.
    let half = names.len().checked_sub(1)? / 2;
    let (old, new) = (&names[..half], &names[half + 1..]);
    let p = old.strip_prefix(b"a/")?;
    (new.strip_prefix(b"b/")? == p).then(|| String::from_utf8_lossy(p).into_owned())
}

fn trim_tab(p: &[u8]) -> &[u8] {
    // git appends a TAB to `---`/`+++` paths that contain spaces.
    p.strip_suffix(b"\t").unwrap_or(p)
}

/// Drop the side prefix (`a/`, `b/`) that every patch is made with; `None` if it is missing
/// (then the line is not one we asked git for).
fn strip_side(p: &str, side: &str) -> Option<String> {
    p.strip_prefix(side).map(str::to_string)
}

/// Undo git's C-style quoting of unusual path names (`"b/sp ace\"q.txt"`, octal UTF-8 bytes).
pub fn unquote(p: &[u8]) -> String {
    let Some(inner) = p.strip_prefix(b"\"").and_then(|p| p.strip_suffix(b"\"")) else {
        return String::from_utf8_lossy(p).into_owned();
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        if inner[i] != b'\\' || i + 1 == inner.len() {
            out.push(inner[i]);
            i += 1;
            continue;
        }
        let rest = &inner[i + 1..];
        let octal = rest
            .iter()
            .take(3)
            .take_while(|d| (b'0'..=b'7').contains(d))
            .count();
        if octal > 0 {
            let value = rest[..octal]
                .iter()
                .fold(0u32, |v, d| v * 8 + u32::from(d - b'0'));
            out.push(value as u8);
            i += 1 + octal;
            continue;
        }
        out.push(match rest[0] {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'v' => 11,
            other => other,
        });
        i += 2;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
