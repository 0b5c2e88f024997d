//! Parse `git diff`/`git log -p` patches made with `-U0 --full-index --text`, as a stream: for
//! every file a commit (or the index) changes, its path, its new blob and the line ranges it
//! added. Blobs are then scanned whole (so multi-line rules and the context line above a change
//! still work) and only findings on added lines are reported.
//!
//! Merge commits come as one section per parent (`--diff-merges=separate`, each section starting
//! with the same `commit <id> <parents>` line). A line is added by the merge itself only when it
//! is added relative to every parent, so the sections' ranges are intersected: a file taken
//! unchanged from one side adds nothing, a conflict resolution or a file new in the merge adds
//! its lines. git prints no section for a parent the merge is identical to; fewer sections than
//! parents therefore means the merge adds nothing.
//!
//! Hunk bodies are skipped by their line counts, never by what the lines look like (an added
//! line that reads `+++ b/x` or `commit …` cannot derail the parser), and without being kept in
//! memory: a diff of a large file costs no more memory than its headers.

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
        let mut commit: Option<(String, usize)> = None;
        let mut sections: Vec<Vec<FileChange>> = Vec::new();
        let mut file: Option<FileChange> = None;
        while self.next_line()? {
            if let Some(header) = self.line.strip_prefix(b"commit ") {
                let text = String::from_utf8_lossy(header);
                let mut ids = text.split_whitespace();
                let id = ids.next().unwrap_or("").to_string();
                let parents = ids.count();
                match &commit {
                    Some((current, _)) if *current != id => {
                        self.peeked = true;
                        break;
                    }
                    None if !sections.is_empty() => {
                        self.peeked = true;
                        break;
                    }
                    Some(_) => {}
                    None => commit = Some((id, parents)),
                }
                flush(&mut file, &mut sections);
                sections.push(Vec::new());
                continue;
            }
            if self.line.starts_with(b"diff --git ") {
                flush(&mut file, &mut sections);
                file = Some(FileChange {
                    path: diff_git_path(&self.line["diff --git ".len()..]).unwrap_or_default(),
                    ..FileChange::default()
                });
                continue;
            }
            let Some(f) = file.as_mut() else {
                continue;
            };
            let line = self.line.as_slice();
            if let Some(ids) = line.strip_prefix(b"index ") {
                // index <old>..<new>[ <mode>]
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
            } else if line.starts_with(b"@@ ") {
                let (removed, start, len) = hunk_header(line);
                if len > 0 {
                    f.added.push((start, start.saturating_add(len - 1)));
                }
                self.skip_body(removed.saturating_add(len))?;
            }
        }
        flush(&mut file, &mut sections);
        if sections.is_empty() {
            return Ok(None);
        }
        let (id, parents) = match commit {
            Some((id, parents)) => (Some(id), parents),
            None => (None, 0),
        };
        let changes = if parents >= 2 {
            merge_additions(sections, parents)
        } else {
            sections.into_iter().flatten().collect()
        };
        Ok(Some(CommitChanges {
            commit: id,
            changes,
        }))
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

fn flush(file: &mut Option<FileChange>, sections: &mut Vec<Vec<FileChange>>) {
    if let Some(f) = file.take() {
        if sections.is_empty() {
            sections.push(Vec::new());
        }
        if let Some(last) = sections.last_mut() {
            last.push(f);
        }
    }
}

/// What a merge adds over every parent: each file's ranges in the first section intersected
/// with the same file's ranges in every other section.
fn merge_additions(sections: Vec<Vec<FileChange>>, parents: usize) -> Vec<FileChange> {
    if sections.len() < parents {
        return Vec::new();
    }
    let mut sections = sections.into_iter();
    let Some(first) = sections.next() else {
        return Vec::new();
    };
    let others: Vec<Vec<FileChange>> = sections.collect();
    first
        .into_iter()
        .filter(|f| f.blob.is_some())
        .filter_map(|mut f| {
            for section in &others {
                let theirs = section
                    .iter()
                    .find(|o| o.path == f.path)
                    .map(|o| o.added.as_slice())
                    .unwrap_or(&[]);
                f.added = intersect(&f.added, theirs);
            }
            (!f.added.is_empty()).then_some(f)
        })
        .collect()
}

/// The lines in both sorted, inclusive range lists.
fn intersect(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let start = a[i].0.max(b[j].0);
        let end = a[i].1.min(b[j].1);
        if start <= end {
            out.push((start, end));
        }
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
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
