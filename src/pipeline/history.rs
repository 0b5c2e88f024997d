//! One finding per secret in git history. The same secret is found in every version of a file
//! that keeps it, in copies, and in both the branch commit and the merge that brought it in;
//! reporting each would bury the one thing to act on. Findings are grouped by rule and secret;
//! within a group each place (a fingerprint: rule, path, secret and which copy in the file) is
//! kept once, at its oldest commit. Suppression applies place by place, so a secret that is
//! allowlisted in `tests/fixtures/` is still reported where it also appears in `src/`. The
//! oldest place left is the finding; the others are listed in its `also`, as `present` lists
//! the repeats of a secret in one scan (which then finds nothing left to fold).

use super::ScanOutput;
use crate::finding::Finding;
use crate::suppress::Suppressor;
use std::collections::HashSet;

/// Findings from one blob, and where that blob sits in history.
#[derive(Debug)]
pub(crate) struct Hit {
    /// Order of the commit in history, oldest first (`u64::MAX`: unknown).
    pub seq: u64,
    /// The blob's id, for blobs read before their commits are known (`--all`).
    pub object: Option<String>,
    pub findings: Vec<Finding>,
}

/// Group `hits` into one finding per secret (with its other places in `out.also`), dropping
/// what `suppressor` suppresses.
pub(crate) fn group(hits: Vec<Hit>, suppressor: &Suppressor, out: &mut ScanOutput) {
    let mut all: Vec<(u64, Finding)> = hits
        .into_iter()
        .flat_map(|h| h.findings.into_iter().map(move |f| (h.seq, f)))
        .collect();
    all.sort_by(|(sa, a), (sb, b)| {
        (&a.rule_id, a.secret.expose(), sa, &a.path, a.line, a.column).cmp(&(
            &b.rule_id,
            b.secret.expose(),
            sb,
            &b.path,
            b.line,
            b.column,
        ))
    });
    let mut rest = all.into_iter().peekable();
    while let Some((seq, first)) = rest.next() {
        let mut places = vec![(seq, first)];
        while let Some((_, next)) = rest.peek() {
            let (_, head) = &places[0];
            if next.rule_id != head.rule_id || next.secret.expose() != head.secret.expose() {
                break;
            }
            if let Some(p) = rest.next() {
                places.push(p);
            }
        }
        report(places, suppressor, out);
    }
}

/// One secret's places (sorted oldest first) → one finding, or none if every place is
/// suppressed.
fn report(places: Vec<(u64, Finding)>, suppressor: &Suppressor, out: &mut ScanOutput) {
    let mut seen = HashSet::new();
    let mut kept: Vec<(u64, Finding)> = Vec::new();
    for (seq, f) in places {
        if !seen.insert(f.fingerprint.clone()) {
            continue;
        }
        if suppressor.suppresses(&f) {
            out.summary.suppressed += 1;
            continue;
        }
        kept.push((seq, f));
    }
    let mut kept = kept.into_iter();
    let Some((_, mut primary)) = kept.next() else {
        return;
    };
    for (_, f) in kept {
        primary.absorb(f);
    }
    out.findings.push(primary);
}
