//! Filters: placeholder and false-positive knowledge kept as data, each a regex over the
//! secret, its line or its name that drops a match (or lowers its confidence), built on first
//! use and searched as one `RegexSet` per target.

use super::file::{FilterTarget, TextSpec};
use crate::finding::Confidence;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::sync::OnceLock;

/// Rule and filter regexes are compiled in ASCII mode (`unicode(false)`): `\b`, `\w`, `\s` and
/// `(?i)` are ASCII, `.` and negated classes match any byte. Secrets are ASCII, and Unicode word
/// boundaries would force the regex engine off its fast lazy DFA on any non-ASCII haystack.
/// A rule can opt back in with `(?u)`.
///
/// Compiled regexes may use this much memory each; a rule that needs more is a broken rule,
/// not a reason to use gigabytes.
pub(super) const REGEX_SIZE_LIMIT: usize = 16 << 20;

/// One placeholder / false-positive filter.
#[derive(Debug)]
pub struct Filter {
    pub id: String,
    pub description: String,
    pub target: FilterTarget,
    /// The regex source, compiled on first use (`regex()`); a user's filter is compiled at
    /// load, to report a broken regex up front.
    pub pattern: String,
    pub(super) compiled: OnceLock<Result<Regex, String>>,
    /// Rule-id patterns this filter is limited to (`None`: every rule).
    pub rules: Option<Vec<String>>,
    /// `Some`: a match keeps this confidence instead of being dropped.
    pub confidence: Option<Confidence>,
    pub examples: Vec<TextSpec>,
    pub origin: String,
}

impl Filter {
    /// The compiled regex; `Err` if it is broken (a built-in filter is checked only here and
    /// by `rules check`).
    pub fn regex(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| compile_filter_regex(&self.pattern))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether this filter may silence a match of rule `id`.
    pub fn applies_to(&self, id: &str) -> bool {
        match &self.rules {
            None => true,
            Some(patterns) => patterns.iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => id.starts_with(prefix),
                None => id == p,
            }),
        }
    }
}

/// Filters of one target as one `RegexSet`, and the filter index of each set member.
pub(crate) type FilterSet = (RegexSet, Vec<usize>);

pub(super) fn filter_set(filters: &[Filter], target: FilterTarget) -> FilterSet {
    let build = |members: Vec<usize>| {
        RegexSetBuilder::new(members.iter().map(|&i| filters[i].pattern.as_str()))
            .unicode(false)
            .size_limit(REGEX_SIZE_LIMIT * 4)
            .build()
            .map(|set| (set, members))
    };
    let members: Vec<usize> = (0..filters.len())
        .filter(|&i| filters[i].target == target)
        .collect();
    // A broken built-in filter (checked only on use) must not take the others down with it:
    // leave out the ones that do not compile on their own.
    build(members.clone()).unwrap_or_else(|_| {
        let good = members
            .into_iter()
            .filter(|&i| filters[i].regex().is_ok())
            .collect();
        build(good).unwrap_or_else(|_| (RegexSet::empty(), Vec::new()))
    })
}

pub(super) fn compile_filter_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|_| crate::problems::regex_error(pattern))
}
