//! The rule files under `rules/`, embedded in the binary at build time by `build.rs`, so the
//! installed binary needs no data directory: as written (`files`), and as code that builds
//! them without their examples (`prebuilt`), which is what a scan loads.

#[allow(unused_imports)]
use super::file::PartSpec;
use super::file::{FilterSpec, FilterTarget, RuleFile, RuleSpec, TokenKind, Verify};
#[allow(unused_imports)]
use crate::file_kind::Grammar;
// The generated code names `Confidence` only when some rule sets one.
#[allow(unused_imports)]
use crate::finding::{Confidence, Severity};
use toml::Spanned;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// How much of each built-in rule file to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtins {
    /// None: only the `--rules` files.
    Off,
    /// Without the example tables, already parsed (what a scan needs).
    ForScan,
    /// As written, examples included, parsed at run time (`rules check`, `rules list`, the
    /// tests).
    Complete,
}

/// `(name, contents)` of every built-in rule file, in name order.
pub(crate) fn files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULES
}

/// Every built-in rule file as `(name, contents, rules without examples)`, in name order.
pub(crate) fn parsed() -> Vec<(&'static str, &'static str, RuleFile)> {
    prebuilt()
}
