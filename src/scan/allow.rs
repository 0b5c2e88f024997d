//! Inline suppression: `leakscan:allow` on a finding's line, or `leakscan:allow-next-line` on
//! the line above it (for formats where a trailing comment is impossible, such as JSON or a
//! PEM block). The marker works in any comment syntax because it is matched as plain text.

use crate::location::LineIndex;

const ALLOW: &[u8] = b"leakscan:allow";
const NEXT_LINE: &[u8] = b"-next-line";

/// Whether the finding on `line` (1-based) is allowed by a marker.
pub(crate) fn allowed(index: &LineIndex, data: &[u8], line: usize) -> bool {
    let here = index.line_bytes(data, line);
    if markers(here).any(|next_line| !next_line) {
        return true;
    }
    line > 1 && markers(index.line_bytes(data, line - 1)).any(|next_line| next_line)
}

/// Each marker on a line: true for `leakscan:allow-next-line`, false for `leakscan:allow`.
fn markers(line: &[u8]) -> impl Iterator<Item = bool> + '_ {
    memchr::memmem::find_iter(line, ALLOW)
        .map(move |i| line[i + ALLOW.len()..].starts_with(NEXT_LINE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, line: usize) -> bool {
        let data = text.as_bytes();
        allowed(&LineIndex::new(data), data, line)
    }

    #[test]
    fn same_line_and_next_line() {
        assert!(check("key = \"x\"  # leakscan:allow", 1));
        assert!(check("// leakscan:allow-next-line\nkey = \"x\"", 2));
        assert!(!check("key = \"x\"", 1));
        // allow-next-line does not allow its own line, nor two lines down
        assert!(!check("key = \"x\" # leakscan:allow-next-line", 1));
        assert!(!check("# leakscan:allow-next-line\n\nkey = \"x\"", 3));
        // plain allow on the line above allows nothing
        assert!(!check("# leakscan:allow\nkey = \"x\"", 2));
    }
}
