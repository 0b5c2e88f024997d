//! The rule files under `rules/`, embedded in the binary at build time by `build.rs`, so the
//! installed binary needs no data directory.

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// `(name, contents)` of every built-in rule file, in name order.
pub(crate) fn files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULES
}
