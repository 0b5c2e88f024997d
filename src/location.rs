//! Byte offset → 1-based line and column. Built lazily, only for blobs that have findings, so
//! the common case (no findings) never pays for a line index.
//!
//! Lines end at `\n` (a `\r` before it is part of no secret, so CRLF files get the same columns
//! as LF files). Columns count Unicode scalar values, which is what editors show and what the
//! SARIF report declares (`columnKind: unicodeCodePoints`); bytes of invalid UTF-8 count one each.

/// Line starts of one blob.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based position; `column` is the column of a character, or one past the last character
/// when used as an exclusive end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub(crate) fn new(data: &[u8]) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', data).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Position of the byte at `offset` (or the end of the blob when `offset == data.len()`).
    pub(crate) fn position(&self, data: &[u8], offset: usize) -> Position {
        let offset = offset.min(data.len());
        // The line is the last start at or before the offset.
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        Position {
            line: line + 1,
            column: count_chars(&data[start..offset]) + 1,
        }
    }
}

/// Unicode scalar values in `bytes`: every byte that does not continue a UTF-8 sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(data: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(data.as_bytes()).position(data.as_bytes(), offset);
        (p.line, p.column)
    }

    #[test]
    fn first_and_last_line() {
        let text = "abc\ndef";
        assert_eq!(pos(text, 0), (1, 1));
        assert_eq!(pos(text, 2), (1, 3));
        assert_eq!(pos(text, 3), (1, 4)); // the newline itself
        assert_eq!(pos(text, 4), (2, 1));
        assert_eq!(pos(text, 7), (2, 4)); // end of blob, no final newline
    }

    #[test]
    fn crlf_columns_match_lf() {
        let crlf = "a\r\nkey=SECRET\r\n";
        let lf = "a\nkey=SECRET\n";
        assert_eq!(pos(crlf, crlf.find("SECRET").unwrap()), (2, 5));
        assert_eq!(pos(lf, lf.find("SECRET").unwrap()), (2, 5));
    }

    #[test]
    fn multibyte_utf8_counts_characters() {
        let text = "ℹ️ é token=abc";
        assert_eq!(pos(text, text.find("abc").unwrap()), (1, 12));
    }

    #[test]
    fn invalid_utf8_counts_bytes() {
        let data = b"\xff\xfeabc";
        let p = LineIndex::new(data).position(data, 2);
        assert_eq!((p.line, p.column), (1, 3));
    }
}
