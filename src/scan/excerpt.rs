//! The excerpt a finding shows: its line, cut around the secret, with every secret reported on
//! that line as a piece the reports redact (so a second copy of a secret is masked too), and
//! the bounded line context that line filters look at.

use super::Accepted;
use crate::finding::{printable, Excerpt, Piece, Secret};

/// How many bytes of context an excerpt shows on either side of the secret.
const EXCERPT_CONTEXT: usize = 60;

/// How far either side of a candidate `target = "line"` filters look: the line, but no more than
/// this (a one-line 2 MB bundle with 60,000 candidates must not be searched 60,000 times whole).
pub(super) const LINE_CONTEXT: usize = 4096;

/// The line of `this` secret, at most `EXCERPT_CONTEXT` bytes either side of it, with every
/// occurrence of every secret reported on that line as a secret piece: the same secret written
/// twice (`PASSWORD = "x"  # was x`) is masked twice. `all` is sorted by start and not
/// overlapping; only the few spans near `this` are looked at, so a line with thousands of
/// findings costs no more per finding than one with a single finding.
pub(super) fn excerpt(data: &[u8], this: &Accepted, all: &[Accepted]) -> Excerpt {
    let line = line_around(data, this.start, LINE_CONTEXT);
    let line_start = line.as_ptr() as usize - data.as_ptr() as usize;
    let line_end = line_start + line.len();
    let mut from = this.start.saturating_sub(EXCERPT_CONTEXT).max(line_start);
    let mut to = (this.end + EXCERPT_CONTEXT)
        .min(line_end)
        .max(this.end.min(line_end));
    // The reported spans that touch the window, and every other copy of their secrets in it;
    // a copy cut by the window's edge widens the window, so no part of a secret is shown.
    let first = all.partition_point(|a| a.end <= from);
    let near: Vec<&Accepted> = all[first..].iter().take_while(|a| a.start < to).collect();
    let mut spans: Vec<(usize, usize)> = near.iter().map(|a| (a.start, a.end)).collect();
    let mut secrets: Vec<&[u8]> = near.iter().map(|a| &data[a.start..a.end]).collect();
    secrets.sort_unstable();
    secrets.dedup();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let lo = from.saturating_sub(secret.len());
        let hi = (to + secret.len()).min(line_end);
        for at in memchr::memmem::find_iter(&data[lo..hi], secret) {
            spans.push((lo + at, lo + at + secret.len()));
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    for &(s, e) in &merged {
        if s < from && e > from {
            from = s;
        }
        if s < to && e > to {
            to = e;
        }
    }
    // Do not cut a UTF-8 sequence.
    while from > line_start && from < data.len() && data[from] & 0xC0 == 0x80 {
        from -= 1;
    }
    while to < line_end && data[to] & 0xC0 == 0x80 {
        to += 1;
    }
    let mut pieces = Vec::new();
    // Tabs read as spaces in an excerpt; every other control character is escaped.
    let text = |bytes: &[u8]| {
        Piece::Text(printable(
            &String::from_utf8_lossy(bytes).replace('\t', " "),
        ))
    };
    if from > line_start {
        pieces.push(Piece::Text("…".into()));
    }
    let mut cursor = from;
    for &(s, e) in merged.iter().filter(|&&(s, e)| e > from && s < to) {
        if s > cursor {
            pieces.push(text(&data[cursor..s]));
        }
        pieces.push(Piece::Secret {
            secret: Secret::new(&data[s..e]),
            this: s <= this.start && this.end <= e,
        });
        cursor = cursor.max(e);
    }
    if cursor < to {
        pieces.push(text(&data[cursor..to]));
    }
    if to < line_end {
        pieces.push(Piece::Text("…".into()));
    }
    Excerpt(pieces)
}

/// The line containing byte `at`, without its terminator, and at most `reach` bytes either side
/// of `at` on a longer line.
pub(super) fn line_around(data: &[u8], at: usize, reach: usize) -> &[u8] {
    let lo = at.saturating_sub(reach);
    let hi = (at + reach).min(data.len());
    let start = memchr::memrchr(b'\n', &data[lo..at]).map_or(lo, |i| lo + i + 1);
    let end = memchr::memchr(b'\n', &data[at..hi]).map_or(hi, |i| at + i);
    let line = &data[start..end];
    line.strip_suffix(b"\r").unwrap_or(line)
}
