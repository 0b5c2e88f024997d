//! The keyword DFA for large scans: every occurrence of every keyword (overlapping, ASCII
//! case-insensitive), found by two automata walking the two halves of a blob in one loop.
//!
//! Why our own: a DFA step is one table load that depends on the previous step's load, so a
//! single walk is bound by memory latency (the aho-corasick crate's DFA: ~510 MB/s per core
//! here, whatever its options). Two walks over independent halves, interleaved, keep two loads
//! in flight: ~800 MB/s, with exactly the same matches (tests below check it against
//! aho-corasick). The keyword pass was ~40% of a tree scan's CPU time.
//!
//! Layout: bytes that occur in no keyword share class 0, upper-case letters share their
//! lower-case letter's class; a state's row has a power-of-two stride, and state ids are
//! premultiplied row offsets; states that end a keyword are numbered last, so "is this a
//! match" is one comparison per byte. Within each group states are numbered breadth first: text
//! mostly walks the shallow states, and they then share a few pages of the table (with 900
//! keywords the table is over 1 MB, and scattered shallow rows cost TLB and cache misses).

use std::borrow::Cow;
use std::collections::VecDeque;

/// Below this a blob is walked in one piece (the split costs more than it saves).
const SPLIT_AT: usize = 8 * 1024;

#[derive(Debug)]
pub(crate) struct KeywordDfa {
    classes: [u8; 256],
    stride_shift: u32,
    /// `trans[state + class]` = next state (premultiplied). Borrowed from the binary for the
    /// built-in keywords, which `build.rs` turns into this table at build time.
    trans: Cow<'static, [u32]>,
    /// States from here on end at least one keyword.
    first_match: u32,
    /// Keywords ending in state `s` (by row number): `out[out_at[s]..out_at[s + 1]]`.
    out_at: Cow<'static, [u32]>,
    out: Cow<'static, [u32]>,
    lens: Cow<'static, [u32]>,
    max_len: usize,
}

impl KeywordDfa {
    /// `keywords` must be non-empty ASCII strings, at most 2^16 of them.
    pub(crate) fn new(keywords: &[String]) -> KeywordDfa {
        let mut classes = [0u8; 256];
        let mut count = 1usize;
        for k in keywords {
            for b in k.bytes().map(|b| b.to_ascii_lowercase()) {
                if classes[b as usize] == 0 {
                    classes[b as usize] = count as u8;
                    count += 1;
                }
            }
        }
        for b in b'A'..=b'Z' {
            classes[b as usize] = classes[b.to_ascii_lowercase() as usize];
        }
        // The trie, flat: `child[s * count + c]`, and the keywords that end at each node.
        const NONE: u32 = u32::MAX;
        let mut child: Vec<u32> = vec![NONE; count];
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        for (i, k) in keywords.iter().enumerate() {
            let mut s = 0;
            for b in k.bytes() {
                let at = s * count + classes[b as usize] as usize;
                if child[at] == NONE {
                    child[at] = ends.len() as u32;
                    child.resize(child.len() + count, NONE);
                    ends.push(Vec::new());
                }
                s = child[at] as usize;
            }
            ends[s].push(i as u32);
        }
        // Breadth first: failure links, full transitions (into `child`, in place), and each
        // state's keywords (its own and those of its failure state, which is shallower and so
        // already complete).
        let states = ends.len();
        let mut queue = VecDeque::with_capacity(states);
        // States in breadth-first order: the shallow ones, which ordinary text keeps
        // revisiting, end up in adjacent rows (a few pages of the table, not all of it).
        let mut by_depth = Vec::with_capacity(states);
        by_depth.push(0);
        for next in &mut child[..count] {
            match *next {
                NONE => *next = 0,
                t => queue.push_back((t as usize, 0usize)),
            }
        }
        while let Some((s, fail)) = queue.pop_front() {
            by_depth.push(s);
            if !ends[fail].is_empty() {
                let inherited = ends[fail].clone();
                ends[s].extend(inherited);
            }
            for c in 0..count {
                let via_fail = child[fail * count + c];
                match child[s * count + c] {
                    NONE => child[s * count + c] = via_fail,
                    t => queue.push_back((t as usize, via_fail as usize)),
                }
            }
        }
        debug_assert_eq!(by_depth.len(), states);
        // Number match states last, each group breadth first; the start state (no keyword is
        // empty) stays 0.
        let mut order: Vec<usize> = by_depth
            .iter()
            .copied()
            .filter(|&s| ends[s].is_empty())
            .collect();
        let first_match = order.len();
        order.extend(by_depth.iter().copied().filter(|&s| !ends[s].is_empty()));
        let mut row = vec![0u32; states];
        for (i, &s) in order.iter().enumerate() {
            row[s] = i as u32;
        }
        let stride = count.next_power_of_two();
        let shift = stride.trailing_zeros();
        let mut trans = vec![0u32; states << shift];
        let mut out_at = Vec::with_capacity(states + 1);
        let mut out = Vec::new();
        for (i, &s) in order.iter().enumerate() {
            for c in 0..count {
                trans[(i << shift) + c] = row[child[s * count + c] as usize] << shift;
            }
            out_at.push(out.len() as u32);
            out.extend_from_slice(&ends[s]);
        }
        out_at.push(out.len() as u32);
        KeywordDfa {
            classes,
            stride_shift: shift,
            trans: Cow::Owned(trans),
            first_match: (first_match as u32) << shift,
            out_at: Cow::Owned(out_at),
            out: Cow::Owned(out),
            lens: Cow::Owned(keywords.iter().map(|k| k.len() as u32).collect()),
            max_len: keywords.iter().map(String::len).max().unwrap_or(1),
        }
    }

    /// The DFA as one little-endian byte image (what `build.rs` embeds for the built-in
    /// keywords): a header of seven u32 (stride shift, first match, max length, and the lengths
    /// of the four tables), the 256 classes padded to u32, then trans, out_at, out and lens.
    #[allow(dead_code)] // used by build.rs, which includes this file
    pub(crate) fn to_image(&self) -> Vec<u8> {
        let mut words: Vec<u32> = vec![
            self.stride_shift,
            self.first_match,
            self.max_len as u32,
            self.trans.len() as u32,
            self.out_at.len() as u32,
            self.out.len() as u32,
            self.lens.len() as u32,
        ];
        words.extend(self.classes.iter().map(|&c| u32::from(c)));
        for table in [&self.trans, &self.out_at, &self.out, &self.lens] {
            words.extend_from_slice(table);
        }
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    /// The DFA in `image` (from `to_image`), borrowing its tables; `None` if it is not one.
    #[allow(dead_code)] // build.rs includes this file without using it
    pub(crate) fn from_image(image: &'static [u32]) -> Option<KeywordDfa> {
        let header = image.get(..7)?;
        let (shift, first_match, max_len) = (header[0], header[1], header[2] as usize);
        let lens: Vec<usize> = header[3..7].iter().map(|&n| n as usize).collect();
        let mut rest = image.get(7..)?;
        let mut classes = [0u8; 256];
        for (c, &w) in classes.iter_mut().zip(rest.get(..256)?) {
            *c = u8::try_from(w).ok()?;
        }
        rest = &rest[256..];
        let mut take = |n: usize| -> Option<&'static [u32]> {
            let (head, tail) = (rest.get(..n)?, rest.get(n..)?);
            rest = tail;
            Some(head)
        };
        let trans = take(lens[0])?;
        let (out_at, out, keyword_lens) = (take(lens[1])?, take(lens[2])?, take(lens[3])?);
        // The shape only: the image is part of this binary, made by the same code as `new`, and
        // reading it all here would cost the page faults it exists to save. Table lookups are
        // bounds-checked, so even a bad image could not read outside it.
        let stride = 1usize.checked_shl(shift)?;
        let valid = trans.len() % stride == 0
            && classes.iter().all(|&c| (c as usize) < stride)
            && out_at.len() == trans.len() / stride + 1
            && out_at.last().is_some_and(|&n| n as usize == out.len())
            && rest.is_empty();
        valid.then_some(KeywordDfa {
            classes,
            stride_shift: shift,
            trans: Cow::Borrowed(trans),
            first_match,
            out_at: Cow::Borrowed(out_at),
            out: Cow::Borrowed(out),
            lens: Cow::Borrowed(keyword_lens),
            max_len,
        })
    }

    /// Call `f(keyword, start, end)` for every occurrence in `data`, in order of `end`.
    pub(crate) fn for_each(&self, data: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        if data.len() < SPLIT_AT {
            let mut state = 0;
            for (i, &b) in data.iter().enumerate() {
                state = self.step(state, b);
                if state >= self.first_match {
                    self.report(state, i + 1, &mut f);
                }
            }
            return;
        }
        // The first walk owns matches ending in 1..=mid; the second starts far enough before
        // `mid` to see any keyword ending after it, and owns those. Its matches are kept and
        // reported after the first walk's, so the order by end holds.
        let mid = data.len() / 2;
        let second_from = mid + 1 - self.max_len.min(mid + 1);
        let (a, b) = (&data[..mid], &data[second_from..]);
        let mut later: Vec<(usize, usize, usize)> = Vec::new();
        let (mut s1, mut s2) = (0u32, 0u32);
        let both = a.len().min(b.len());
        for i in 0..both {
            s1 = self.step(s1, a[i]);
            s2 = self.step(s2, b[i]);
            if s1 >= self.first_match {
                self.report(s1, i + 1, &mut f);
            }
            if s2 >= self.first_match && second_from + i + 1 > mid {
                self.report(s2, second_from + i + 1, &mut |k, s, e| {
                    later.push((k, s, e))
                });
            }
        }
        for (i, &byte) in a.iter().enumerate().skip(both) {
            s1 = self.step(s1, byte);
            if s1 >= self.first_match {
                self.report(s1, i + 1, &mut f);
            }
        }
        for (i, &byte) in b.iter().enumerate().skip(both) {
            s2 = self.step(s2, byte);
            if s2 >= self.first_match && second_from + i + 1 > mid {
                self.report(s2, second_from + i + 1, &mut |k, s, e| {
                    later.push((k, s, e))
                });
            }
        }
        for (k, s, e) in later {
            f(k, s, e);
        }
    }

    #[inline(always)]
    fn step(&self, state: u32, byte: u8) -> u32 {
        // In bounds by construction: `state` is a row offset and every class is below the
        // stride. Indexing keeps the check (a predictable branch off the critical path).
        self.trans[(state + u32::from(self.classes[byte as usize])) as usize]
    }

    #[inline(always)]
    fn report(&self, state: u32, end: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let row = (state >> self.stride_shift) as usize;
        let (from, to) = (self.out_at[row] as usize, self.out_at[row + 1] as usize);
        for &k in &self.out[from..to] {
            let k = k as usize;
            f(k, end - self.lens[k] as usize, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    /// What aho-corasick's overlapping search reports, sorted.
    fn oracle(keywords: &[String], data: &[u8]) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(keywords)
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(data)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        v.sort_unstable();
        v
    }

    fn ours(keywords: &[String], data: &[u8]) -> Vec<(usize, usize, usize)> {
        let dfa = KeywordDfa::new(keywords);
        let mut v = Vec::new();
        let mut last_end = 0;
        dfa.for_each(data, |k, s, e| {
            assert!(e >= last_end, "reported out of order");
            last_end = e;
            v.push((k, s, e));
        });
        v.sort_unstable();
        v
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn nested_and_overlapping_keywords_in_any_case() {
        let k = words(&[
            "secret",
            "client_secret",
            "api_key",
            "key",
            "ghp_",
            "-----begin",
            "k",
        ]);
        let text = b"CLIENT_SECRET=x api_key=ghp_abc; Secret KEY -----BEGIN kk";
        assert_eq!(ours(&k, text), oracle(&k, text));
        assert!(!ours(&k, text).is_empty());
    }

    #[test]
    fn matches_across_the_split_are_found_once() {
        let k = words(&["token", "tok", "ken", "a_long_keyword_of_some_length"]);
        for len in [SPLIT_AT, SPLIT_AT + 1, SPLIT_AT + 7, 3 * SPLIT_AT + 5] {
            for shift in 0..40 {
                // Keywords placed around the middle, where the two walks meet.
                let mut data = vec![b'.'; len];
                let mid = len / 2;
                for (i, w) in ["TOKEN", "a_long_keyword_of_some_length", "tok"]
                    .iter()
                    .enumerate()
                {
                    let at = mid + shift - 20 + i * 3;
                    if at + w.len() <= len {
                        data[at..at + w.len()].copy_from_slice(w.as_bytes());
                    }
                }
                assert_eq!(
                    ours(&k, &data),
                    oracle(&k, &data),
                    "len {len} shift {shift}"
                );
            }
        }
    }

    #[test]
    fn the_built_in_keywords_over_real_text_match_aho_corasick() {
        let (set, _) = crate::rules::load_from(&[], crate::rules::Builtins::ForScan);
        let keywords = set.prefilter.keywords().to_vec();
        let mut text = Vec::new();
        for (_, rules) in super::super::builtin::files() {
            text.extend_from_slice(rules.as_bytes());
        }
        assert!(text.len() > 100_000);
        for cut in [0, 1, 5000, text.len() / 3] {
            let data = &text[cut..];
            assert_eq!(ours(&keywords, data), oracle(&keywords, data));
        }
    }

    proptest::proptest! {
        // Few cases, each long enough to be split (the test profile builds our code
        // unoptimised); the split itself is tested exhaustively above.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

        #[test]
        fn any_keywords_any_text(
            keywords in proptest::collection::vec("[a-dA-D_ -]{1,6}", 1..12),
            picks in proptest::collection::vec(0usize..7, 0..3 * SPLIT_AT),
        ) {
            let text: Vec<u8> = picks.iter().map(|&i| b"aBc_ -\xFF"[i]).collect();
            proptest::prop_assert_eq!(ours(&keywords, &text), oracle(&keywords, &text));
        }
    }
}
