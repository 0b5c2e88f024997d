//! The rule files under `rules/`, embedded in the binary at build time by `build.rs`, so the
//! installed binary needs no data directory.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// How much of each built-in rule file to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtins {
    /// None: only the `--rules` files.
    Off,
    /// Without the example tables (what a scan needs; half the text to parse).
    ForScan,
    /// As written, examples included (`rules check`, `rules list`, the tests).
    Complete,
}

/// `(name, contents)` of every built-in rule file, in name order.
pub(crate) fn files(which: Builtins) -> Vec<(&'static str, &'static str)> {
    BUILTIN_RULES
        .iter()
        .filter_map(|&(name, complete, for_scan)| match which {
            Builtins::Off => None,
            Builtins::ForScan => Some((name, for_scan)),
            Builtins::Complete => Some((name, complete)),
        })
        .collect()
}
