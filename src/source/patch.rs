//! Parse `git diff`/`git log` patches made with `-U0 --full-index`: for every file a commit (or
//! the index) changes, the new blob's id, its path, and the line ranges it added. Blobs are then
//! scanned whole (so multi-line rules and the context line above a change still work) and only
//! findings on added lines are reported.
//!
//! Hunk bodies are consumed by their line counts, never by what the lines look like, so an added
//! line that reads `+++ b/x` or `commit …` cannot derail the parser.

/// One file changed by one commit (or by the index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The commit (for `git log` output), none for the index.
    pub commit: Option<String>,
    /// Path in that commit.
    pub path: String,
    /// The new blob id (full hex).
    pub blob: String,
    /// Added line ranges, 1-based and inclusive.
    pub added: Vec<(usize, usize)>,
}

/// Parse a whole patch stream. Lines `commit <sha>` (from `--format='commit %H'`) set the commit
/// for the files that follow.
pub fn parse(text: &[u8]) -> Vec<FileChange> {
    let mut out = Vec::new();
    let mut commit: Option<String> = None;
    let mut current: Option<FileChange> = None;
    let mut lines = text.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        if let Some(sha) = line.strip_prefix(b"commit ") {
            flush(&mut current, &mut out);
            commit = Some(String::from_utf8_lossy(sha).trim().to_string());
        } else if line.starts_with(b"diff --git ") {
            flush(&mut current, &mut out);
            current = Some(FileChange {
                commit: commit.clone(),
                path: String::new(),
                blob: String::new(),
                added: Vec::new(),
            });
        } else if let Some(c) = current.as_mut() {
            if let Some(ids) = line.strip_prefix(b"index ") {
                // index <old>..<new>[ <mode>]
                let ids = String::from_utf8_lossy(ids);
                if let Some((_, new)) = ids
                    .split_whitespace()
                    .next()
                    .and_then(|r| r.split_once(".."))
                {
                    c.blob = new.to_string();
                }
            } else if let Some(p) = line.strip_prefix(b"+++ ") {
                c.path = match p {
                    b"/dev/null" => String::new(),
                    _ => strip_side(&unquote(trim_tab(p))),
                };
            } else if line.starts_with(b"@@ ") {
                let (removed, added_start, added_len) = hunk_header(line);
                if added_len > 0 {
                    c.added.push((added_start, added_start + added_len - 1));
                }
                // Skip the hunk body by its counts; `\ No newline` markers may follow any line.
                let mut body = removed + added_len;
                while body > 0 {
                    match lines.peek() {
                        Some(l) if l.starts_with(b"\\") => {
                            lines.next();
                        }
                        Some(_) => {
                            lines.next();
                            body -= 1;
                        }
                        None => break,
                    }
                }
                while lines.peek().is_some_and(|l| l.starts_with(b"\\")) {
                    lines.next();
                }
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut Option<FileChange>, out: &mut Vec<FileChange>) {
    if let Some(c) = current.take() {
        // Deleted files (`+++ /dev/null`), pure renames and mode changes add no content.
        let zero = c.blob.bytes().all(|b| b == b'0');
        if !c.path.is_empty() && !c.blob.is_empty() && !zero {
            out.push(c);
        }
    }
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

fn trim_tab(p: &[u8]) -> &[u8] {
    // git appends a TAB to `+++` paths that contain spaces.
    p.strip_suffix(b"\t").unwrap_or(p)
}

/// Drop the `b/` side prefix.
fn strip_side(p: &str) -> String {
    p.strip_prefix("b/").unwrap_or(p).to_string()
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
mod tests {
    use super::*;

    const LOG: &str = "commit 229bfd58df75c30ee2f3fe24ba825785cfc31ed5

diff --git a/a.txt b/a.txt
new file mode 100644
index 0000000000000000000000000000000000000000..ce013625030ba8dba906f756967f9e9ca394464a
--- /dev/null
+++ b/a.txt
@@ -0,0 +1 @@
+hello
commit 11f57987196a7498b23bb4938dcb54973b453d1c

diff --git a/a.txt b/b.txt
similarity index 50%
rename from a.txt
rename to b.txt
index ce013625030ba8dba906f756967f9e9ca394464a..94954abda49de8615a048f8d2e64b5de848e27a1 100644
--- a/a.txt
+++ b/b.txt
@@ -1,0 +2,3 @@ hello
+world
++++ b/not-a-header
+commit 0000000000000000000000000000000000000000
\\ No newline at end of file
diff --git \"a/sp ace\\\"q.txt\" \"b/sp ace\\\"q.txt\"
new file mode 100644
index 0000000000000000000000000000000000000000..587be6b4c3f93f93c489c0111bba5596147a26cb
--- /dev/null
+++ \"b/sp ace\\\"q.txt\"\t
@@ -0,0 +1 @@
+x
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index 587be6b4c3f93f93c489c0111bba5596147a26cb..0000000000000000000000000000000000000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/old.txt b/new.txt
similarity index 100%
rename from old.txt
rename to new.txt
";

    #[test]
    fn parses_commits_renames_quoting_and_deletions() {
        let changes = parse(LOG.as_bytes());
        let c1 = "229bfd58df75c30ee2f3fe24ba825785cfc31ed5".to_string();
        let c2 = "11f57987196a7498b23bb4938dcb54973b453d1c".to_string();
        assert_eq!(
            changes,
            vec![
                FileChange {
                    commit: Some(c1),
                    path: "a.txt".into(),
                    blob: "ce013625030ba8dba906f756967f9e9ca394464a".into(),
                    added: vec![(1, 1)],
                },
                FileChange {
                    commit: Some(c2.clone()),
                    path: "b.txt".into(),
                    blob: "94954abda49de8615a048f8d2e64b5de848e27a1".into(),
                    added: vec![(2, 4)],
                },
                FileChange {
                    commit: Some(c2),
                    path: "sp ace\"q.txt".into(),
                    blob: "587be6b4c3f93f93c489c0111bba5596147a26cb".into(),
                    added: vec![(1, 1)],
                },
            ]
        );
    }

    #[test]
    fn hunk_headers() {
        assert_eq!(hunk_header(b"@@ -0,0 +1 @@"), (0, 1, 1));
        assert_eq!(hunk_header(b"@@ -3,2 +3,0 @@ fn x()"), (2, 3, 0));
        assert_eq!(hunk_header(b"@@ -10 +12,4 @@"), (1, 12, 4));
    }

    #[test]
    fn unquotes_octal_utf8() {
        assert_eq!(unquote(b"\"b/\\303\\251t\\303\\251.txt\""), "b/été.txt");
        assert_eq!(unquote(b"plain/path"), "plain/path");
        assert_eq!(unquote(b"\"tab\\there\""), "tab\there");
    }
}
