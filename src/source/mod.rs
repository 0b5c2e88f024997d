//! Sources: where blobs come from. Every source yields `blob::Blob`s: `walk` finds files in a
//! tree, in parallel, and `read` turns one path into bytes (or a reason it was skipped); `git`
//! reads the index, commit ranges and history, with `patch` telling which lines each change
//! added; `budget` bounds the bytes in flight. Sources know nothing of rules.

pub mod blob;
pub mod budget;
pub mod git;
#[cfg(unix)]
pub mod mmap;
pub mod patch;
pub mod read;
pub mod walk;

/// Render a path the way reports show it: `/` separators, no leading `./`, and every byte that is
/// not printable UTF-8 escaped: an invalid byte and a control character as `\xNN` (`\x0a` for a
/// newline in a file name), and a backslash as `\\`, so that two different names never show
/// (or fingerprint) the same, and no name can start a line of its own in a log.
pub(crate) fn display_path(path: &std::path::Path) -> String {
    let s = escaped(path);
    let mut rest = s.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    if rest.is_empty() {
        ".".to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(unix)]
fn escaped(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("\\x{b:02x}"));
                    }
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn escaped(path: &std::path::Path) -> String {
    crate::finding::printable(&path.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::display_path;
    use std::path::Path;

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(display_path(Path::new("a/b.txt")), "a/b.txt");
        assert_eq!(display_path(Path::new("/abs/b.txt")), "/abs/b.txt");
        assert_eq!(display_path(Path::new(".")), ".");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_printable_utf8_are_escaped_and_stay_distinct() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = display_path(Path::new(OsStr::from_bytes(b"caf\xe9.env")));
        let b = display_path(Path::new(OsStr::from_bytes(b"caf\xe8.env")));
        assert_eq!(a, "caf\\xe9.env");
        assert_ne!(a, b);
        let forged = display_path(Path::new("x\n::warning file=a::forged"));
        assert_eq!(forged, "x\\x0a::warning file=a::forged");
        assert_eq!(display_path(Path::new("a\\b")), "a\\\\b");
        assert_eq!(display_path(Path::new("esc\u{1b}[2J")), "esc\\x1b[2J");
    }
}
