//! One path → its bytes, or the reason it was not scanned. Size is checked before reading and
//! binary files are recognised by a NUL byte in their first 8 KiB, the same heuristic as git
//! and ripgrep use. Large files are memory-mapped (`mmap`), smaller ones read into a buffer
//! the thread reuses.

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

/// What reading a file gave.
#[derive(Debug)]
pub enum Outcome<'a> {
    Text(Content<'a>),
    Binary,
    TooLarge(u64),
    /// Not a regular file (FIFO, socket, device): never opened, so it cannot block.
    Special,
    Failed(Problem),
}

/// A text file's bytes: in the reader's buffer, or mapped.
pub enum Content<'a> {
    Read(&'a [u8]),
    #[cfg(unix)]
    Mapped(super::mmap::Mapping),
}

impl Content<'_> {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Content::Read(b) => b,
            #[cfg(unix)]
            Content::Mapped(m) => m.bytes(),
        }
    }

    /// Whether the file shrank while it was mapped and scanned: what was read past its new end
    /// was zeros, so the caller must report it.
    pub fn truncated(&self) -> bool {
        match self {
            Content::Read(_) => false,
            #[cfg(unix)]
            Content::Mapped(m) => m.truncated(),
        }
    }
}

impl std::fmt::Debug for Content<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Content::Read(b) => write!(f, "Read({} bytes)", b.len()),
            #[cfg(unix)]
            Content::Mapped(m) => write!(f, "Mapped({} bytes)", m.bytes().len()),
        }
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

    /// Read `path`, unless it is larger than `max_size`, binary, or not a regular file.
    /// `shown` is the path as reports name it; `regular` says the walker already saw a regular
    /// file (its directory entry said so), which saves a `stat` of the path.
    pub fn read(&mut self, path: &Path, shown: &str, regular: bool) -> Outcome<'_> {
        // A buffer grown for one large file (read because it could not be mapped, or decoded
        // from UTF-16) is not kept for the small files after it: peak memory is what a
        // thread needs for one file, not the largest file it ever met.
        if self.buf.capacity() > KEEP_BUFFER {
            self.buf = Vec::new();
        }
        self.buf.clear();
        if !regular {
            // Check the type before opening: opening a FIFO blocks until a writer appears.
            match std::fs::metadata(path) {
                Ok(m) if !m.is_file() => return Outcome::Special,
                Ok(_) => {}
                Err(e) => return Outcome::Failed(Problem::io(shown, &e)),
            }
        }
        let file = match open(path) {
            Ok(f) => f,
            Err(e) => return Outcome::Failed(Problem::io(shown, &e)),
        };
        let len = match file.metadata() {
            // Replaced by a FIFO or a directory since the walker saw it.
            Ok(m) if !m.is_file() => return Outcome::Special,
            Ok(m) => m.len(),
            Err(e) => return Outcome::Failed(Problem::io(shown, &e)),
        };
        if len > self.max_size {
            return Outcome::TooLarge(len);
        }
        #[cfg(unix)]
        if len >= self.mmap_threshold {
            if let Some(map) = super::mmap::Mapping::new(&file, len) {
                if let Some(text) = decode_wide(map.bytes()) {
                    self.buf = text;
                    return Outcome::Text(Content::Read(&self.buf));
                }
                if is_binary(map.bytes()) {
                    return Outcome::Binary;
                }
                return Outcome::Text(Content::Mapped(map));
            }
        }
        // `take` guards against a file that grows while we read it; the reservation makes it
        // one read call for a file that does not.
        self.buf.reserve(len as usize + 1);
        if let Err(e) = (&file)
            .take(self.max_size.saturating_add(1))
            .read_to_end(&mut self.buf)
        {
            return Outcome::Failed(Problem::io(shown, &e));
        }
        if self.buf.len() as u64 > self.max_size {
            return Outcome::TooLarge(self.buf.len() as u64);
        }
        if let Some(text) = decode_wide(&self.buf) {
            self.buf = text;
        }
        if is_binary(&self.buf) {
            return Outcome::Binary;
        }
        Outcome::Text(Content::Read(&self.buf))
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
    let (width, big_endian, skip) = match data {
        [0xFF, 0xFE, 0, 0, ..] => (4, false, 4),
        [0, 0, 0xFE, 0xFF, ..] => (4, true, 4),
        [0xFF, 0xFE, ..] => (2, false, 2),
        [0xFE, 0xFF, ..] => (2, true, 2),
        _ => sniff_wide(data)?,
    };
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

/// UTF-16 or UTF-32 without a byte-order mark: (code unit width, big-endian, 0).
fn sniff_wide(data: &[u8]) -> Option<(usize, bool, usize)> {
    let sample = &data[..data.len().min(BINARY_SNIFF_LEN)];
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
                Outcome::Text(c) => assert_eq!(c.bytes(), b"hello"),
                other => panic!("unexpected {other:?}"),
            }
            assert!(matches!(
                Reader::new(4, threshold).read(&text, "t", true),
                Outcome::TooLarge(5)
            ));
            assert!(matches!(r.read(&bin, "b", true), Outcome::Binary));
            match r.read(&dir.path().join("missing"), "m", true) {
                Outcome::Failed(p) => assert_eq!(p.to_string(), "m: no such file or directory"),
                other => panic!("unexpected {other:?}"),
            }
            assert!(matches!(r.read(dir.path(), "d", false), Outcome::Special));
            // The walker's "regular" was stale: the path is a directory now.
            assert!(matches!(r.read(dir.path(), "d", true), Outcome::Special));
        }
        // An empty file is text with no bytes (nothing to map).
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "").unwrap();
        match Reader::new(100, 0).read(&empty, "e", true) {
            Outcome::Text(c) => assert!(c.bytes().is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
}
