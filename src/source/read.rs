//! One path → its bytes, or the reason it was not scanned. Size is checked before reading and
//! binary files are recognised by a NUL byte in their first 8 KiB, the same heuristic as git
//! and ripgrep use.

use crate::problems::Problem;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How far into a file we look for a NUL byte.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// What reading a file gave.
#[derive(Debug)]
pub enum Outcome {
    /// The file's bytes are in the buffer passed to `read_file`.
    Text,
    Binary,
    TooLarge(u64),
    /// Not a regular file (FIFO, socket, device): never opened, so it cannot block.
    Special,
    Failed(Problem),
}

/// Read `path` into `buf` (cleared first), unless it is larger than `max_size`, binary, or not a
/// regular file. `shown` is the path as reports name it.
pub fn read_file(path: &Path, shown: &str, max_size: u64, buf: &mut Vec<u8>) -> Outcome {
    buf.clear();
    // Check the type before opening: opening a FIFO blocks until a writer appears.
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Outcome::Failed(Problem::io(shown, &e)),
    };
    if !meta.is_file() {
        return Outcome::Special;
    }
    if meta.len() > max_size {
        return Outcome::TooLarge(meta.len());
    }
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Outcome::Failed(Problem::io(shown, &e)),
    };
    // `take` guards against a file that grows while we read it.
    if let Err(e) = (&mut file).take(max_size + 1).read_to_end(buf) {
        return Outcome::Failed(Problem::io(shown, &e));
    }
    if buf.len() as u64 > max_size {
        return Outcome::TooLarge(buf.len() as u64);
    }
    if is_binary(buf) {
        return Outcome::Binary;
    }
    Outcome::Text
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
    fn outcomes() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "hello").unwrap();
        let bin = dir.path().join("b.bin");
        std::fs::write(&bin, b"\x7fELF\0\0").unwrap();
        let mut buf = Vec::new();
        assert!(matches!(
            read_file(&text, "t", 100, &mut buf),
            Outcome::Text
        ));
        assert_eq!(buf, b"hello");
        assert!(matches!(
            read_file(&text, "t", 4, &mut buf),
            Outcome::TooLarge(5)
        ));
        assert!(matches!(
            read_file(&bin, "b", 100, &mut buf),
            Outcome::Binary
        ));
        match read_file(&dir.path().join("missing"), "m", 100, &mut buf) {
            Outcome::Failed(p) => assert_eq!(p.to_string(), "m: no such file or directory"),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            read_file(dir.path(), "d", 100, &mut buf),
            Outcome::Special
        ));
    }
}
