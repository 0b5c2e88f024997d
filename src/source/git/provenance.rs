//! Where history's blobs came from: for a few blob ids (those with findings, and those missing
//! from the object store), every place they were introduced, from one walk over the history's
//! trees (`git log --raw`: object ids and paths, never blob contents, so it also works when the
//! blobs themselves are missing). Oldest first: parents before children (`--date-order`), so the
//! first place is the commit that introduced the blob. Merges are compared with their first
//! parent, which shows what a merge itself brought in.

use super::Repo;
use crate::problems::Problem;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};

/// A commit that added a blob at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    pub commit: String,
    pub path: String,
    /// The commit's position in the walk, oldest first.
    pub seq: u64,
}

/// For each of `ids`, the first commit that added it at each path it ever had, oldest first.
/// `head`: the history of that commit; `None`: every ref.
pub fn introductions(
    repo: &Repo,
    head: Option<&str>,
    ids: &HashSet<String>,
) -> Result<HashMap<String, Vec<Introduction>>, Problem> {
    let mut found: HashMap<String, Vec<Introduction>> = HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let mut args = vec![
        "log",
        "--date-order",
        "--reverse",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--root",
        "--diff-merges=first-parent",
        "--format=commit %H",
        "-z",
    ];
    match head {
        Some(h) => args.extend_from_slice(&["--end-of-options", h]),
        None => args.push("--all"),
    }
    args.push("--");
    let mut stream = repo.spawn(&args)?;
    let Some(stdout) = stream.stdout() else {
        return stream.finish(true).map(|_| found);
    };
    let mut input = BufReader::with_capacity(1 << 16, stdout);
    let mut token = Vec::new();
    let mut commit = String::new();
    let mut seq = 0;
    // The id of the entry whose path is the next token, when it is one of `ids`.
    let mut pending: Option<String> = None;
    let mut expect_path = false;
    // -z: `commit <id>\0`, then `\n:<modes> <old> <new> <status>\0<path>\0` per entry.
    while input.read_until(0, &mut token).is_ok_and(|n| n > 0) {
        if token.last() == Some(&0) {
            token.pop();
        }
        let text = token.strip_prefix(b"\n").unwrap_or(&token);
        if expect_path {
            expect_path = false;
            if let Some(id) = pending.take() {
                let path = String::from_utf8_lossy(text).into_owned();
                let places = found.entry(id).or_default();
                if !places.iter().any(|p| p.path == path) {
                    places.push(Introduction {
                        commit: commit.clone(),
                        path,
                        seq,
                    });
                }
            }
        } else if let Some(id) = text.strip_prefix(b"commit ") {
            commit = String::from_utf8_lossy(id).trim().to_string();
            seq += 1;
        } else if let Some(meta) = text.strip_prefix(b":") {
            expect_path = true;
            let meta = String::from_utf8_lossy(meta);
            let fields: Vec<&str> = meta.split(' ').collect();
            if let [_, mode, _, new, status] = fields.as_slice() {
                let adds = !status.starts_with('D') && *mode != "160000";
                if adds && ids.contains(*new) {
                    pending = Some(new.to_string());
                }
            }
        }
        token.clear();
    }
    drop(input);
    stream.finish(false)?;
    Ok(found)
}
