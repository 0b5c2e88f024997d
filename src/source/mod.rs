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

/// Render a path the way reports show it: `/` separators, no leading `./`.
pub(crate) fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
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
}
