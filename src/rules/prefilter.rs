//! The keyword automaton that decides which rules run on a blob: every rule keyword, ASCII
//! case-insensitive, found with overlapping search (every keyword at every position, so no
//! rule is missed because its keyword overlaps another's).
//!
//! Two automata for the same keywords, because a scan is either tiny or large. A contiguous
//! NFA (aho-corasick) builds in 0.8 ms and scans at 280 MB/s; our two-walk DFA
//! (`keyword_dfa.rs`) takes about 1 ms to build (cold) and scans at 800 MB/s. A pre-commit hook
//! scanning one staged file never earns back the DFA, so every scan starts on the NFA; once
//! `DFA_AFTER` bytes have gone through, the first scanner thread to notice builds the DFA and
//! all threads use it from then on. Both report the same matches (tested), so findings do not
//! depend on which one ran. For exactly the built-in keywords (no rule added or disabled),
//! `build.rs` has built the DFA already: it is used from the first byte and nothing is built.

use super::keyword_dfa::KeywordDfa;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Bytes scanned with the NFA before the DFA is built: about what the NFA scans in the time
/// the DFA takes to build, so a scan this size has paid for the DFA whichever it used.
const DFA_AFTER: usize = 1 << 20;

#[derive(Debug)]
pub(crate) struct Prefilter {
    keywords: Vec<String>,
    nfa: OnceLock<AhoCorasick>,
    dfa: OnceLock<KeywordDfa>,
    scanned: AtomicUsize,
}

impl Prefilter {
    /// `keywords` must be non-empty ASCII strings (rule loading lints them). With exactly the
    /// built-in keywords the DFA `build.rs` made is used from the start and nothing is built.
    pub(crate) fn new(keywords: Vec<String>) -> Prefilter {
        let dfa = OnceLock::new();
        if let Some(prebuilt) = super::builtin::keyword_dfa(&keywords) {
            let _ = dfa.set(prebuilt);
        }
        Prefilter {
            keywords,
            nfa: OnceLock::new(),
            dfa,
            scanned: AtomicUsize::new(0),
        }
    }

    fn nfa(&self) -> &AhoCorasick {
        self.nfa.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&self.keywords)
                .expect("keywords were linted: non-empty ASCII, so the automaton builds")
        })
    }

    #[cfg(test)]
    pub(crate) fn keywords(&self) -> &[String] {
        &self.keywords
    }

    /// Call `f(keyword, start, end)` for every keyword occurrence in `data`, in order of
    /// `end`. Counts the bytes, and builds the DFA once the scan has grown past `DFA_AFTER`.
    pub(crate) fn for_each(&self, data: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        if let Some(dfa) = self.dfa() {
            return dfa.for_each(data, f);
        }
        let before = self.scanned.fetch_add(data.len(), Ordering::Relaxed);
        if before.saturating_add(data.len()) >= DFA_AFTER {
            let dfa = self.dfa.get_or_init(|| KeywordDfa::new(&self.keywords));
            return dfa.for_each(data, f);
        }
        for m in self.nfa().find_overlapping_iter(data) {
            f(m.pattern().as_usize(), m.start(), m.end());
        }
    }

    fn dfa(&self) -> Option<&KeywordDfa> {
        self.dfa.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfa_and_dfa_report_the_same_overlapping_matches() {
        let keywords: Vec<String> = ["secret", "client_secret", "api_key", "key", "ghp_"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let p = Prefilter::new(keywords);
        let text = b"CLIENT_SECRET=x api_key=ghp_abc; Secret KEY";
        let all = |p: &Prefilter, data: &[u8]| {
            let mut v = Vec::new();
            p.for_each(data, |k, s, e| v.push((k, s, e)));
            v.sort_unstable();
            v
        };
        let small = all(&p, text);
        assert!(p.dfa().is_none(), "a small scan must not build the DFA");
        p.scanned.store(DFA_AFTER, Ordering::Relaxed);
        let large = all(&p, text);
        assert!(p.dfa().is_some(), "a large scan switches to the DFA");
        assert_eq!(small, large);
        assert_eq!(small.len(), 7, "{small:?}");
    }

    /// The built-in rules start on the DFA build.rs made, and it finds what a DFA built now
    /// from the same keywords finds.
    #[test]
    fn the_built_in_keywords_use_the_prebuilt_dfa() {
        let (set, problems) = crate::rules::load_from(&[], crate::rules::Builtins::ForScan);
        assert!(problems.is_empty());
        let prebuilt = set
            .prefilter
            .dfa()
            .expect("built-in keywords use the prebuilt DFA");
        assert!(set.prefilter.nfa.get().is_none(), "and build no NFA");
        let fresh = KeywordDfa::new(&set.prefilter.keywords);
        let mut text = Vec::new();
        for (_, rules) in crate::rules::Builtins::files_for_tests() {
            text.extend_from_slice(rules.as_bytes());
        }
        let all = |d: &KeywordDfa| {
            let mut v = Vec::new();
            d.for_each(&text, |k, s, e| v.push((k, s, e)));
            v
        };
        let found = all(prebuilt);
        assert!(found.len() > 1000);
        assert_eq!(found, all(&fresh));
        // Add one rule's keyword and the keywords are no longer the built-in ones.
        let mut more = set.prefilter.keywords.clone();
        more.push("zzkeyword".into());
        assert!(crate::rules::builtin::keyword_dfa(&more).is_none());
    }
}
