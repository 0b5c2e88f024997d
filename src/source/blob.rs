//! `Blob`: bytes with a path, the one thing every source yields and the pipeline scans. A file
//! from the walker and an object from git are both a `Blob`: its `body` is the bytes (or why
//! there are none), `origin` says where in git it was read (for findings and messages), and
//! `lines` says which lines count when only a change's added lines should be reported.

use crate::problems::Problem;

/// Where a blob was read: the file system, the index, a commit's change, a commit's tree, or an
/// object found in history whose commit is not known yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File,
    /// The index (`--staged`).
    Index,
    /// What a commit changed: its findings carry the commit.
    Change(String),
    /// A file in the tree of a commit: a snapshot, so its findings carry no commit.
    Tree(String),
    /// An object in history (its id), before provenance says which commit introduced it.
    Object(String),
}

impl Origin {
    /// The commit findings from this blob carry.
    pub fn commit(&self) -> Option<&str> {
        match self {
            Origin::Change(c) => Some(c),
            _ => None,
        }
    }

    /// `path`, or `path (index)`, `path (commit 0123456789ab)`: how messages name the blob.
    pub fn label(&self, path: &str) -> String {
        match self {
            Origin::File | Origin::Object(_) => path.to_string(),
            Origin::Index => format!("{path} (index)"),
            Origin::Change(c) | Origin::Tree(c) => format!("{path} (commit {})", short(c)),
        }
    }
}

/// The first 12 hex digits of an object id, as messages and reports show commits.
pub fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// Bytes with a path.
#[derive(Debug)]
pub struct Blob<'a> {
    /// The path reports name, with `/` separators.
    pub path: String,
    pub origin: Origin,
    /// Only findings touching these 1-based, inclusive line ranges of the bytes as stored
    /// count (the lines a change added); `None`: every line.
    pub lines: Option<Vec<(usize, usize)>>,
    /// Order of the change or commit in history (oldest first), 0 outside history.
    pub seq: u64,
    pub body: Body<'a>,
    /// Memory the bytes hold against the source's budget, given back when the blob is dropped.
    pub held: Option<super::budget::Permit>,
}

impl<'a> Blob<'a> {
    /// A blob with every line counting and nothing held.
    pub fn new(path: String, origin: Origin, body: Body<'a>) -> Blob<'a> {
        Blob {
            path,
            origin,
            lines: None,
            seq: 0,
            body,
            held: None,
        }
    }

    /// How messages name it.
    pub fn label(&self) -> String {
        self.origin.label(&self.path)
    }
}

/// A blob's bytes, or the reason there are none.
#[derive(Debug)]
pub enum Body<'a> {
    Bytes(Content<'a>),
    /// Larger than `--max-file-size`: never read.
    TooLarge(u64),
    /// Not a regular file (FIFO, socket, device): never opened, so it cannot block.
    Special,
    Failed(Problem),
}

/// Bytes: borrowed from a reader's buffer, owned (an object read from git), in anonymous
/// memory of their own (a large object read from git), or mapped.
pub enum Content<'a> {
    Read(&'a [u8]),
    Owned(Vec<u8>),
    /// Pages of its own, given back to the system when the blob is dropped: a freed 20 MB
    /// `Vec` would stay in the allocator's heap (its mmap threshold rises to the largest
    /// block freed), and three of them held the peak 20 MB above what was in flight.
    Anon(memmap2::MmapMut),
    #[cfg(unix)]
    Mapped(super::mmap::Mapping),
}

impl Content<'_> {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Content::Read(b) => b,
            Content::Owned(b) => b,
            Content::Anon(m) => m,
            #[cfg(unix)]
            Content::Mapped(m) => m.bytes(),
        }
    }

    /// Whether the file shrank while it was mapped and scanned: what was read past its new end
    /// was zeros, so the caller must report it.
    pub fn truncated(&self) -> bool {
        match self {
            Content::Read(_) | Content::Owned(_) | Content::Anon(_) => false,
            #[cfg(unix)]
            Content::Mapped(m) => m.truncated(),
        }
    }
}

impl std::fmt::Debug for Content<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match self {
            Content::Read(_) => "Read",
            Content::Owned(_) => "Owned",
            Content::Anon(_) => "Anon",
            #[cfg(unix)]
            Content::Mapped(_) => "Mapped",
        };
        write!(f, "{how}({} bytes)", self.bytes().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_revision() {
        let id = "0123456789abcdef0123456789abcdef01234567".to_string();
        assert_eq!(Origin::File.label("a.txt"), "a.txt");
        assert_eq!(Origin::Index.label("a.txt"), "a.txt (index)");
        assert_eq!(
            Origin::Change(id.clone()).label("a.txt"),
            "a.txt (commit 0123456789ab)"
        );
        assert_eq!(Origin::Change(id.clone()).commit(), Some(id.as_str()));
        assert_eq!(Origin::Tree(id).commit(), None);
    }
}
