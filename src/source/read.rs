//! One path → its bytes, or the reason it was not read (`Body`); and, for bytes from any
//! source, whether they are text to scan (`classify`): binary files are recognised by a NUL
//! byte in their first 8 KiB, the same heuristic as git and ripgrep use, and UTF-16 with a
//! byte-order mark is decoded. Size is checked before reading. Large files are memory-mapped
//! (`mmap`), smaller ones read into a buffer the thread reuses.

use super::blob::{Body, Content};
use crate::problems::Problem;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How far into a file we look for a NUL byte.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Files at least this large are memory-mapped instead of read (Unix; reading is the
/// fallback). Measured on the 317 MB corpus.sh tree (2 cores, hyperfine, 10 runs), where the
/// 25 files of 1 MiB and more hold 147 MB: all read, 648 ms; mapped from 8 MiB, 626 ms; from
/// 4 MiB, 617 ms; from 2 MiB, 615 ms; from 1 MiB, 605 ms, with system time 228 -> 154 ms and
/// peak memory 57-59 MB. Reading a large file means faulting in and zeroing a fresh buffer as
/// large as the file and copying into it; a mapping of a file in the page cache does neither.
/// Below 1 MiB a reused buffer is cheaper than setting up and tearing down a mapping.
pub const MMAP_THRESHOLD: u64 = 1 << 20;

/// What bytes are, for scanning.
#[derive(Debug, PartialEq, Eq)]
pub enum Text<'a> {
    /// Text as stored.
    Raw(&'a [u8]),
    /// UTF-16 decoded to UTF-8.
    Decoded(Vec<u8>),
    Binary,
}

/// Decide whether `data` is text, decoding UTF-16 with a byte-order mark. The one place this is
/// decided, for files and git objects alike.
pub fn classify(data: &[u8]) -> Text<'_> {
    if let Some(text) = decode_wide(data) {
        // Decoded text with U+0000 in it was binary after all.
        if is_binary(&text) {
            return Text::Binary;
        }
        return Text::Decoded(text);
    }
    if is_binary(data) {
        Text::Binary
    } else {
        Text::Raw(data)
    }
}

/// The largest read buffer kept from one file to the next.
const KEEP_BUFFER: usize = 1 << 20;

/// Reads files for one thread, reusing one buffer.
#[derive(Debug)]
pub struct Reader {
    buf: Vec<u8>,
    pub max_size: u64,
    /// Map files at least this large (`u64::MAX`: never).
    pub mmap_threshold: u64,
}

impl Reader {
    pub fn new(max_size: u64, mmap_threshold: u64) -> Reader {
        Reader {
            buf: Vec::new(),
            max_size,
            mmap_threshold,
        }
    }

    /// Read `path`, unless it is larger than `max_size` or not a regular file.
    /// `shown` is the path as reports name it; `regular` says the walker already saw a regular
    /// file (its directory entry said so), which saves a `stat` of the path.
    pub fn read(&mut self, path: &Path, shown: &str, regular: bool) -> Body<'_> {
        // A buffer grown for one large file (read because it could not be mapped) is not kept for the small files after it: peak memory is what a
        // thread needs for one file, not the largest file it ever met.
        if self.buf.capacity() > KEEP_BUFFER {
            self.buf = Vec::new();
        }
        self.buf.clear();
        if !regular {
            // Check the type before opening: opening a FIFO blocks until a writer appears.
            match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => return Body::Special,
                Ok(_) => {}
                Err(e) => return Body::Failed(Problem::io(shown, &e)),
            }
        }
        let file = match open(path) {
            Ok(f) => f,
            Err(e) => return Body::Failed(Problem::io(shown, &e)),
        };
        let len = match file.metadata() {
            // Replaced by a FIFO or a directory since the walker saw it.
            Ok(m) if !m.is_file() => return Body::Special,
            Ok(m) => m.len(),
            Err(e) => return Body::Failed(Problem::io(shown, &e)),
        };
        if len > self.max_size {
            return Body::TooLarge(len);
        }
        #[cfg(unix)]
        if len >= self.mmap_threshold {
            if let Some(map) = super::mmap::Mapping::new(&file, len) {
                return Body::Bytes(Content::Mapped(map));
            }
        }
        // `take` guards against a file that grows while we read it; the reservation makes it
        // one read call for a file that does not.
        self.buf.reserve(len as usize + 1);
        if let Err(e) = (&file)
            .take(self.max_size.saturating_add(1))
            .read_to_end(&mut self.buf)
        {
            return Body::Failed(Problem::io(shown, &e));
        }
        if self.buf.len() as u64 > self.max_size {
            return Body::TooLarge(self.buf.len() as u64);
        }
        Body::Bytes(Content::Read(&self.buf))
    }
}

/// Open for reading; non-blocking on Unix, so a file that turned into a FIFO since it was
/// looked at cannot block us (regular files ignore the flag).
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Text in UTF-16 or UTF-32, decoded to UTF-8 so that its secrets are found like any other;
/// `None` for anything else. With a byte-order mark (what Windows tools such as PowerShell's
/// `Out-File` write), or without one when the first 8 KiB are plainly wide text: nine in ten
/// code units an ASCII character with zero bytes in the other places. Its NUL bytes would
/// otherwise make it look binary. Findings then have the lines and columns of the text; their
/// byte offsets are of the decoded text.
pub fn decode_wide(data: &[u8]) -> Option<Vec<u8>> {
    let (width, big_endian, skip) = wide_format(data)?;
    let body = &data[skip..];
    let text: String = if width == 2 {
        let units = body.chunks_exact(2).map(|p| {
            if big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        body.chunks_exact(4)
            .map(|p| {
                let unit: [u8; 4] = [p[0], p[1], p[2], p[3]];
                let n = if big_endian {
                    u32::from_be_bytes(unit)
                } else {
                    u32::from_le_bytes(unit)
                };
                char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect()
    };
    Some(text.into_bytes())
}

/// Line ranges of UTF-16 or UTF-32 `data` as git counts lines (split after every 0x0A byte: what
/// its diff hunks number) → the same ranges in the decoded text (split after every U+000A). A
/// raw line belongs to the decoded line of its last byte: in UTF-16LE a newline is `0A 00`, so
/// a raw line is the `00` left of the previous newline, then one decoded line's units up to the
/// `0A` of its own newline; a 0x0A byte inside another character splits a decoded line in two
/// raw lines of the same decoded line. Ranges past the end are clamped; `data` that is not
/// wide text keeps its ranges.
pub fn wide_lines(data: &[u8], raw: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let Some((width, big_endian, skip)) = wide_format(data) else {
        return raw.to_vec();
    };
    // ends[r] = decoded line (1-based) of the last byte of raw line r + 1.
    let mut ends = Vec::new();
    let mut line = 1;
    // The byte-order mark belongs to the first line.
    ends.extend(data[..skip].iter().filter(|&&b| b == b'\n').map(|_| line));
    for unit in data[skip..].chunks(width) {
        let value = match (unit.len() == width, width) {
            (false, _) => 0, // a trailing partial unit
            (true, 2) if big_endian => u32::from(u16::from_be_bytes([unit[0], unit[1]])),
            (true, 2) => u32::from(u16::from_le_bytes([unit[0], unit[1]])),
            (true, _) if big_endian => u32::from_be_bytes([unit[0], unit[1], unit[2], unit[3]]),
            (true, _) => u32::from_le_bytes([unit[0], unit[1], unit[2], unit[3]]),
        };
        ends.extend(unit.iter().filter(|&&b| b == b'\n').map(|_| line));
        if value == 0x0A {
            line += 1;
        }
    }
    // The last raw line, when the data does not end with a 0x0A byte.
    if data.last() != Some(&b'\n') {
        ends.push(line);
    }
    let at = |r: usize| ends.get(r.max(1) - 1).or(ends.last()).copied().unwrap_or(1);
    raw.iter().map(|&(a, b)| (at(a), at(b))).collect()
}

/// Whether `data` is wide text: (code unit width, big-endian, bytes of byte-order mark).
fn wide_format(data: &[u8]) -> Option<(usize, bool, usize)> {
    match data {
        [0xFF, 0xFE, 0, 0, ..] => Some((4, false, 4)),
        [0, 0, 0xFE, 0xFF, ..] => Some((4, true, 4)),
        [0xFF, 0xFE, ..] => Some((2, false, 2)),
        [0xFE, 0xFF, ..] => Some((2, true, 2)),
        _ => sniff_wide(data),
    }
}

/// UTF-16 or UTF-32 without a byte-order mark: (code unit width, big-endian, 0).
fn sniff_wide(data: &[u8]) -> Option<(usize, bool, usize)> {
    let sample = &data[..data.len().min(BINARY_SNIFF_LEN)];
    // Wide text is mostly zero bytes; without one in the sample no unit can be ASCII-and-zeros,
    // so the answer is no. Nearly every blob is plain text: this keeps the test to one memchr
    // (it was 10% of `git --all`'s profile, counting units four ways for every blob).
    memchr::memchr(0, sample)?;
    // ASCII in a wide encoding: the character byte, zeros elsewhere in the unit.
    let share = |width: usize, at: usize| {
        let units: Vec<&[u8]> = sample.chunks_exact(width).collect();
        let ascii = units
            .iter()
            .filter(|u| {
                let c = u[at];
                (c == b'\t' || c == b'\n' || c == b'\r' || (0x20..0x7f).contains(&c))
                    && u.iter().enumerate().all(|(i, &b)| i == at || b == 0)
            })
            .count();
        (ascii * 10 >= units.len() * 9 && units.len() >= 8).then_some(())
    };
    [(4, false, 0), (4, true, 3), (2, false, 0), (2, true, 1)]
        .into_iter()
        .find(|&(width, _, at)| share(width, at).is_some())
        .map(|(width, big_endian, _)| (width, big_endian, 0))
}

/// A NUL byte in the first 8 KiB marks a binary file.
pub fn is_binary(data: &[u8]) -> bool {
    memchr::memchr(0, &data[..data.len().min(BINARY_SNIFF_LEN)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_sniff_looks_at_first_8k_only() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary(b"plain text"));
        let mut late = vec![b'a'; BINARY_SNIFF_LEN];
        late.push(0);
        assert!(!is_binary(&late));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let text = "key = \"é\"\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_wide(&le).unwrap(), text.as_bytes());
        assert_eq!(decode_wide(&be).unwrap(), text.as_bytes());
        assert_eq!(decode_wide(b"plain"), None);
        // A lone surrogate becomes U+FFFD rather than an error.
        assert_eq!(
            decode_wide(&[0xFF, 0xFE, 0x00, 0xD8]).unwrap(),
            "\u{fffd}".as_bytes()
        );
    }

    fn utf16le(text: &str) -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    }

    #[test]
    fn classify_decodes_utf16_and_spots_binaries() {
        assert_eq!(classify(b"plain"), Text::Raw(b"plain"));
        assert_eq!(classify(b"\x7fELF\0"), Text::Binary);
        assert_eq!(classify(&utf16le("a\nb")), Text::Decoded(b"a\nb".to_vec()));
        // Decoded, but holding U+0000: binary.
        assert_eq!(classify(&utf16le("a\0b")), Text::Binary);
    }

    #[test]
    fn wide_lines_map_raw_line_numbers_to_decoded_ones() {
        // LE: raw lines split after each 0A byte, the 00 of "\n" starting the next one.
        let le = utf16le("one\ntwo\nthree");
        assert_eq!(
            wide_lines(&le, &[(1, 1), (2, 2), (3, 3)]),
            [(1, 1), (2, 2), (3, 3)]
        );
        assert_eq!(wide_lines(&le, &[(2, usize::MAX)]), [(2, 3)]);
        // U+0A0D holds a 0A byte: raw lines 1 and 2 are both decoded line 1.
        let odd = utf16le("a\u{0a0d}b\nc\n");
        assert_eq!(wide_lines(&odd, &[(2, 2), (3, 3)]), [(1, 1), (2, 2)]);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x\ny\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(wide_lines(&be, &[(2, 2)]), [(2, 2)]);
        // UTF-32LE with a BOM, and UTF-16LE without one (sniffed): "\n" is `0A 00 00 00` and
        // `0A 00`, and raw line k is decoded line k.
        let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(
                "one\ntwo\nthree\n"
                    .chars()
                    .flat_map(|c| (c as u32).to_le_bytes()),
            )
            .collect();
        assert_eq!(wide_lines(&utf32, &[(2, 3)]), [(2, 3)]);
        let bomless: Vec<u8> = "line one\nline two\nline three\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(wide_lines(&bomless, &[(3, 3)]), [(3, 3)]);
        // Not wide text: the ranges as they are.
        assert_eq!(wide_lines(b"a\nb\n", &[(2, 2)]), [(2, 2)]);
    }

    #[test]
    fn utf16_without_a_bom_and_utf32_are_decoded() {
        let text = "api_key = \"Zk8Qv2Lm5Xp9Rt3Wn7Yb1Hc4\"\n";
        let le16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        let bom32: Vec<u8> = [0xFF, 0xFE, 0, 0].into_iter().chain(le32.clone()).collect();
        for wide in [&le16, &be16, &le32, &be32, &bom32] {
            assert_eq!(decode_wide(wide).unwrap(), text.as_bytes());
        }
        // Binary with NULs is not text.
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode_wide(&binary), None);
        assert!(is_binary(&binary));
    }

    #[test]
    fn outcomes() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "hello").unwrap();
        let bin = dir.path().join("b.bin");
        std::fs::write(&bin, b"\x7fELF\0\0").unwrap();
        // Every case both read and mapped.
        for threshold in [u64::MAX, 0] {
            let mut r = Reader::new(100, threshold);
            match r.read(&text, "t", false) {
                Body::Bytes(c) => assert_eq!(c.bytes(), b"hello"),
                other => panic!("unexpected {other:?}"),
            }
            assert!(matches!(
                Reader::new(4, threshold).read(&text, "t", true),
                Body::TooLarge(5)
            ));
            match r.read(&bin, "b", true) {
                Body::Bytes(c) => assert_eq!(classify(c.bytes()), Text::Binary),
                other => panic!("unexpected {other:?}"),
            }
            match r.read(&dir.path().join("missing"), "m", true) {
                Body::Failed(p) => assert_eq!(p.to_string(), "m: no such file or directory"),
                other => panic!("unexpected {other:?}"),
            }
            assert!(matches!(r.read(dir.path(), "d", false), Body::Special));
            // The walker's "regular" was stale: the path is a directory now.
            assert!(matches!(r.read(dir.path(), "d", true), Body::Special));
        }
        // An empty file is text with no bytes (nothing to map).
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "").unwrap();
        match Reader::new(100, 0).read(&empty, "e", true) {
            Body::Bytes(c) => assert!(c.bytes().is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
}
