//! Inline suppression: `leakscan:allow` on a finding's line, or `leakscan:allow-next-line` on
//! the line above it (for formats where a trailing comment is impossible, such as JSON or a
//! PEM block). The marker works in any comment syntax because it is matched as plain text.
//! gitleaks' `gitleaks:allow` works as `leakscan:allow` does, so a repository moving over keeps
//! its inline suppressions.
//!
//! A marker speaks for its own line, or, on a line longer than `SHORT_LINE` (a one-line JSON
//! document, a minified bundle), only for the statement around it: findings within
//! `STATEMENT_REACH` bytes. One `leakscan:allow` anywhere in a one-line file must not switch off
//! every finding in it. Every search here is bounded, so thousands of findings on one long line
//! cost no more each than one.

const ALLOW: &[u8] = b"leakscan:allow";
const GITLEAKS_ALLOW: &[u8] = b"gitleaks:allow";
const NEXT_LINE: &[u8] = b"-next-line";

/// Lines up to this long are one statement for a marker.
const SHORT_LINE: usize = 1024;
/// On longer lines, how far from a finding a marker may be.
const STATEMENT_REACH: usize = 256;

/// Whether the finding at `start..end` is allowed by a marker.
pub(crate) fn allowed(data: &[u8], start: usize, end: usize) -> bool {
    let here = region(data, start, end);
    if markers(&data[here.0..here.1]).any(|next_line| !next_line) {
        return true;
    }
    // The line above: the whole of it when short, its end otherwise.
    let Some(above_end) = line_start(data, start).and_then(|s| s.checked_sub(1)) else {
        return false;
    };
    let above_end = if above_end > 0 && data[above_end - 1] == b'\r' {
        above_end - 1
    } else {
        above_end
    };
    let above = region(data, above_end, above_end);
    markers(&data[above.0..above.1]).any(|next_line| next_line)
}

/// The start of the line holding `at`, if it is within `SHORT_LINE` bytes.
fn line_start(data: &[u8], at: usize) -> Option<usize> {
    let lo = at.saturating_sub(SHORT_LINE);
    match memchr::memrchr(b'\n', &data[lo..at]) {
        Some(i) => Some(lo + i + 1),
        None if lo == 0 => Some(0),
        None => None,
    }
}

/// The line holding `start..end` when it is short; on a long line, the stretch of it within
/// `STATEMENT_REACH` of the span.
fn region(data: &[u8], start: usize, end: usize) -> (usize, usize) {
    let hi = (end + SHORT_LINE).min(data.len());
    let line_end = match memchr::memchr(b'\n', &data[end..hi]) {
        Some(i) => Some(end + i),
        None if hi == data.len() => Some(hi),
        None => None,
    };
    match (line_start(data, start), line_end) {
        (Some(s), Some(e)) if e - s <= SHORT_LINE => (s, e),
        (s, e) => (
            s.unwrap_or(0).max(start.saturating_sub(STATEMENT_REACH)),
            e.unwrap_or(data.len()).min(end + STATEMENT_REACH),
        ),
    }
}

/// Each marker in `text`: true for `leakscan:allow-next-line`, false for `leakscan:allow` (and
/// gitleaks' `gitleaks:allow`, which has no next-line form).
fn markers(text: &[u8]) -> impl Iterator<Item = bool> + '_ {
    memchr::memmem::find_iter(text, ALLOW)
        .map(move |i| text[i + ALLOW.len()..].starts_with(NEXT_LINE))
        .chain(memchr::memmem::find_iter(text, GITLEAKS_ALLOW).map(|_| false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the finding at the first `x` of `text` is allowed.
    fn check(text: &str) -> bool {
        let at = text.find("\"x").map(|i| i + 1).unwrap();
        allowed(text.as_bytes(), at, at + 1)
    }

    #[test]
    fn same_line_and_next_line() {
        assert!(check("key = \"x\"  # leakscan:allow"));
        assert!(check("// leakscan:allow-next-line\nkey = \"x\""));
        assert!(check("// leakscan:allow-next-line\r\nkey = \"x\""));
        assert!(!check("key = \"x\""));
        // allow-next-line does not allow its own line, nor two lines down
        assert!(!check("key = \"x\" # leakscan:allow-next-line"));
        assert!(!check("# leakscan:allow-next-line\n\nkey = \"x\""));
        // plain allow on the line above allows nothing
        assert!(!check("# leakscan:allow\nkey = \"x\""));
        // gitleaks' marker, for repositories moving over
        assert!(check("key = \"x\"  # gitleaks:allow"));
        assert!(!check("# gitleaks:allow\nkey = \"x\""));
    }

    #[test]
    fn on_a_long_line_a_marker_allows_only_its_statement() {
        let filler = "\"pad\": 1, ".repeat(300);
        // Far from the marker: reported.
        let far = format!("{{\"a\": \"x\", {filler}\"note\": \"leakscan:allow\"}}");
        assert!(!check(&far));
        // Next to it: allowed.
        let near = format!("{{{filler}\"a\": \"x\", \"note\": \"leakscan:allow\"}}");
        assert!(check(&near));
        // A marker on a long line above allows the next line only from the line's end.
        let above = format!("// leakscan:allow-next-line {filler}\nkey = \"x\"");
        assert!(!check(&above));
        let above = format!("// {filler} leakscan:allow-next-line\nkey = \"x\"");
        assert!(check(&above));
    }
}
