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

    /// Position of the byte at `offset` (or the end of the blob when `offset == data.len()`):
    /// the plain computation a cursor must agree with.
    #[cfg(test)]
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

    /// Positions of many offsets, each in time proportional to the distance from the one before
    /// when offsets come in order along a line: thousands of findings on one megabyte-long line
    /// must not each count the line's characters from its start.
    pub(crate) fn cursor(&self) -> Cursor<'_> {
        Cursor {
            index: self,
            at: 0,
            line: 0,
            column: 0,
        }
    }
}

/// Remembers the last position asked for, to go on from it (see `LineIndex::cursor`).
pub(crate) struct Cursor<'i> {
    index: &'i LineIndex,
    /// The last offset, its 0-based line and its 0-based column.
    at: usize,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    pub(crate) fn position(&mut self, data: &[u8], offset: usize) -> Position {
        let offset = offset.min(data.len());
        let line = self.index.starts.partition_point(|&s| s <= offset) - 1;
        let column = if line == self.line && offset >= self.at {
            self.column + count_chars(&data[self.at..offset])
        } else {
            count_chars(&data[self.index.starts[line]..offset])
        };
        (self.at, self.line, self.column) = (offset, line, column);
        Position {
            line: line + 1,
            column: column + 1,
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
    use proptest::prelude::*;

    /// The inverse of `position`: the byte offset of a 1-based line and column (a character
    /// starts at a byte that does not continue a UTF-8 sequence).
    fn offset_of(index: &LineIndex, data: &[u8], p: Position) -> usize {
        let start = index.starts[p.line - 1];
        let is_start = |i: usize| i >= data.len() || data[i] & 0xC0 != 0x80;
        let mut at = start;
        while !is_start(at) {
            at += 1;
        }
        for _ in 1..p.column {
            at += 1;
            while !is_start(at) {
                at += 1;
            }
        }
        at
    }

    #[test]
    fn a_cursor_gives_what_position_gives() {
        let data = "a\u{e9}b = \"x\" c\u{e9}\nsecond line \u{1F600} end\n\nlast".as_bytes();
        let index = LineIndex::new(data);
        let mut cursor = index.cursor();
        // In order, backwards, across lines, and at the end.
        let offsets = [0, 3, 5, 9, 14, 20, 27, 9, 2, 33, data.len(), 0];
        for o in offsets {
            assert_eq!(
                cursor.position(data, o),
                index.position(data, o),
                "offset {o}"
            );
        }
    }

    proptest! {
        /// Every offset where a character starts (and the end) maps to a line and column that
        /// map back to it, on any bytes: CRLF, invalid UTF-8, multi-byte characters.
        #[test]
        fn offset_to_position_round_trips(
            data in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b'\n'), Just(b'\r'), Just(0xC3), Just(0xA9)], 0..400),
            pick in any::<proptest::sample::Index>(),
        ) {
            let index = LineIndex::new(&data);
            let starts: Vec<usize> = (0..=data.len())
                .filter(|&i| i == data.len() || data[i] & 0xC0 != 0x80)
                .collect();
            let offset = starts[pick.index(starts.len())];
            let p = index.position(&data, offset);
            prop_assert_eq!(p.line, 1 + data[..offset].iter().filter(|&&b| b == b'\n').count());
            prop_assert_eq!(offset_of(&index, &data, p), offset);
        }
    }

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
