//! The rule files under `rules/`, embedded in the binary at build time by `build.rs`, so the
//! installed binary needs no data directory: as written (`files`), and as code that builds
//! them without their examples (`prebuilt`), which is what a scan loads.

#[allow(unused_imports)]
use super::file::PartSpec;
use super::file::{FilterSpec, FilterTarget, RuleFile, RuleSpec, TokenKind, Verify};
use super::keyword_dfa::KeywordDfa;
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

impl Builtins {
    /// The built-in rule files' texts, for tests elsewhere in the crate.
    #[cfg(test)]
    pub(crate) fn files_for_tests() -> &'static [(&'static str, &'static str)] {
        BUILTIN_RULES
    }
}

/// `(name, contents)` of every built-in rule file, in name order.
pub(crate) fn files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULES
}

/// Every built-in rule file as `(name, contents, rules without examples)`, in name order.
pub(crate) fn parsed() -> Vec<(&'static str, &'static str, RuleFile)> {
    prebuilt()
}

/// The keyword DFA `build.rs` made for the built-in keywords, as a little-endian u32 image.
#[repr(C, align(4))]
struct Aligned<B: ?Sized>(B);
static KEYWORD_IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/builtin_keywords.bin"
)));

/// The built-in keyword DFA, when `keywords` are exactly the built-in keywords (a scan with the
/// built-in rules and none disabled or added): no automaton is built at start-up, and its
/// table is read from the binary only where a scan walks it.
pub(crate) fn keyword_dfa(keywords: &[String]) -> Option<KeywordDfa> {
    if !cfg!(target_endian = "little")
        || keywords.len() != BUILTIN_KEYWORDS.len()
        || keywords.iter().zip(BUILTIN_KEYWORDS).any(|(a, b)| a != b)
    {
        return None;
    }
    let bytes = &KEYWORD_IMAGE.0;
    // SAFETY: the image is 4-byte aligned (`Aligned`), its length is a multiple of 4 (build.rs
    // writes whole u32), every bit pattern is a valid u32, and it is a static, so the slice
    // lives for 'static. On a little-endian target the bytes are the words build.rs wrote.
    let words: &'static [u32] =
        unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<u32>(), bytes.len() / 4) };
    KeywordDfa::from_image(words)
}
