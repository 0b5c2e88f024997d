//! The scanner: one per thread, borrowing the shared `RuleSet`.
//!
//! Per blob: one ASCII-case-insensitive Aho-Corasick pass over all keywords picks the candidate
//! rules → each candidate's regex runs over the whole blob (so multi-line secrets such as PEM
//! keys and the Talon.One SDK form are in reach) → placeholder filters → entropy → structural
//! verification → overlapping findings of one secret are merged, provider rules winning over
//! generic ones → positions are computed, with a line index built only now that there are
//! findings → findings allowed by an inline `leakscan:allow` comment are dropped.
//!
//! Generic (context) rules run only on files whose grammar they fit (`FileKind`): never on
//! lock files, minified bundles, source maps, type declarations or translations, where hashes,
//! mangled names and messages would drown the user; provider rules run everywhere. Every
//! accepted match gets a confidence from its evidence (`confidence`).

mod allow;
mod confidence;
mod entropy;
mod excerpt;
mod key_cache;
mod value;
mod verify;

use crate::file_kind::FileKind;
use crate::finding::{Confidence, Finding, Secret};
use crate::location::LineIndex;
use crate::rules::{FilterSet, Rule, RuleSet, TokenKind};
use excerpt::{excerpt, line_around, LINE_CONTEXT};
use key_cache::{cached_key, KeyCache};
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Why a candidate match was not reported, or reported at lower confidence; `rules check`
/// uses this to prove that each filter example is handled by that filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Rejection {
    /// Every dropping filter (by index) that matched and applies to the rule.
    Filter(Vec<usize>),
    /// Not dropped: the match was kept at the lower confidence these filters (by index) set.
    Lowered(Vec<usize>),
    Entropy,
    Verify,
    /// The value model (`value`) says this is not a literal secret value.
    Value(&'static str),
    /// Not a finding: an identifier rule matched at `start..end` (it only raises the
    /// confidence of a secret of the same provider beside it).
    Identifier {
        start: usize,
        end: usize,
    },
}

/// A match that passed every check, before positions are computed.
#[derive(Debug, Clone, Copy)]
struct Accepted {
    rule: usize,
    start: usize,
    end: usize,
    confidence: Confidence,
}

/// The blob being scanned, with what is learnt about it on the way.
struct Blob<'d> {
    data: &'d [u8],
    kind: FileKind,
    /// Comments and docstrings, found on the first generic candidate that needs them.
    commentary: std::cell::OnceCell<value::Commentary>,
}

/// A candidate match: the secret's span and, for rules with a `name` group, the name's.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    name: Option<(usize, usize)>,
}

/// Scans blobs with one rule set. Holds per-thread scratch space, so make one per thread.
pub struct Scanner<'r> {
    rules: &'r RuleSet,
    candidate: Vec<bool>,
    /// Keyword hit spans per single-line rule, for this blob; `touched` lists the rules whose
    /// list is non-empty, so clearing costs nothing for the rules a blob never mentions.
    hits: Vec<Vec<(usize, usize)>>,
    touched: Vec<usize>,
    /// Each rule's regex search state, made on the rule's first use on this thread and reused
    /// for every blob after (no pool, no allocation per search).
    /// Boxed: a search state is over a kilobyte, and a scan that meets a dozen of 600 rules
    /// should not allocate and fault in room for all of them (one-file scan start-up).
    engines: Vec<Option<Box<(meta::Cache, Captures)>>>,
    allowed_inline: u64,
    /// Fingerprint keys derived on this thread, by (rule, path, secret): history holds the same
    /// secret at the same path in many blob versions, and each derivation is a millisecond of
    /// PBKDF2 (13% of `git --all` before this cache). Cleared when full, so a blob with
    /// thousands of distinct secrets cannot grow it without bound.
    keys: KeyCache,
    /// Set by a scan that found more than `MAX_FINDINGS_PER_BLOB`.
    capped: Option<usize>,
    line_windows: bool,
    /// Nanoseconds spent in each rule, when profiling (`LEAKSCAN_PROFILE=1`).
    profile: Option<Vec<std::cell::Cell<u64>>>,
}

impl<'r> Scanner<'r> {
    pub fn new(rules: &'r RuleSet) -> Self {
        Scanner {
            rules,
            candidate: vec![false; rules.rules.len()],
            hits: vec![Vec::new(); rules.rules.len()],
            touched: Vec::new(),
            engines: (0..rules.rules.len()).map(|_| None).collect(),
            allowed_inline: 0,
            keys: HashMap::new(),
            capped: None,
            line_windows: true,
            profile: std::env::var_os("LEAKSCAN_PROFILE")
                .map(|_| vec![std::cell::Cell::new(0); rules.rules.len()]),
        }
    }

    /// Every finding in `data`, in byte order. `path` names the blob in findings and
    /// fingerprints.
    pub fn scan(&mut self, data: &[u8], path: &str) -> Vec<Finding> {
        self.scan_traced(data, path, &mut |_, _| {})
    }

    /// Like `scan`, and also tells `trace` about every match that was suppressed, with the
    /// index of its rule.
    pub fn scan_traced(
        &mut self,
        data: &[u8],
        path: &str,
        trace: &mut dyn FnMut(usize, Rejection),
    ) -> Vec<Finding> {
        self.capped = None;
        // Old Mac line ends: a file whose lines end in a lone `\r` gets them read as `\n`, one
        // byte for one, so every offset, line and column stays true and line rules and
        // `leakscan:allow` see lines instead of one line.
        let unix;
        let data = match cr_only(data) {
            true => {
                unix = data
                    .iter()
                    .map(|&b| if b == b'\r' { b'\n' } else { b })
                    .collect::<Vec<u8>>();
                &unix[..]
            }
            false => data,
        };
        if !self.mark_candidates(data) {
            return Vec::new();
        }
        let kind = FileKind::of(path, data);
        for (c, rule) in self.candidate.iter_mut().zip(&self.rules.rules) {
            *c &= !rule.generic
                || (kind.no_generic.is_none()
                    && rule
                        .file_kinds
                        .as_ref()
                        .is_none_or(|kinds| kinds.contains(&kind.grammar)));
        }
        self.compile_candidates();
        let mut accepted = Vec::new();
        let blob = Blob {
            data,
            kind,
            commentary: std::cell::OnceCell::new(),
        };
        for rule in 0..self.candidate.len() {
            if !self.candidate[rule] {
                continue;
            }
            let started = self.profile.as_ref().map(|_| std::time::Instant::now());
            self.run_rule(rule, &blob, &mut accepted, trace);
            if let (Some(p), Some(t)) = (&self.profile, started) {
                p[rule].set(p[rule].get() + t.elapsed().as_nanos() as u64);
            }
        }
        let accepted = self.pair_identifiers(accepted, trace);
        if accepted.is_empty() {
            return Vec::new();
        }
        let mut accepted = self.merge_overlaps(accepted);
        if accepted.len() > MAX_FINDINGS_PER_BLOB {
            self.capped = Some(accepted.len());
            accepted.truncate(MAX_FINDINGS_PER_BLOB);
        }
        self.findings(data, path, &accepted)
    }

    /// After a scan: how many matches the blob had, when that was more than
    /// `MAX_FINDINGS_PER_BLOB` and only the first ones were reported.
    pub fn capped(&self) -> Option<usize> {
        self.capped
    }

    /// Mark the rules whose keywords occur in `data`, and remember where each rule's keywords
    /// are; false when there are none.
    fn mark_candidates(&mut self, data: &[u8]) -> bool {
        self.candidate.fill(false);
        for &r in &self.touched {
            // A large minified file leaves hundreds of thousands of hits; keeping that much
            // room on every thread for the small files that follow raised peak memory.
            self.hits[r].clear();
            self.hits[r].shrink_to(HITS_KEPT);
        }
        self.touched.clear();
        let mut any = false;
        let (candidate, hits, touched) = (&mut self.candidate, &mut self.hits, &mut self.touched);
        let keyword_rules = &self.rules.keyword_rules;
        self.rules.prefilter.for_each(data, |keyword, start, end| {
            for &r in &keyword_rules[keyword] {
                if !candidate[r] {
                    candidate[r] = true;
                    any = true;
                }
                // Kept for every rule, though multi-line rules search the whole blob: whether a
                // rule is multi-line is known only once its regex is parsed, and this loop must
                // not wait for that.
                if hits[r].is_empty() {
                    touched.push(r);
                }
                hits[r].push((start, end));
            }
        });
        any
    }

    /// Build the regexes of this blob's candidate rules that are not built yet, on every core
    /// when there are several: on a one-file scan (a pre-commit hook) building a handful of
    /// large generic regexes one after another is most of the run. Largest first, so the
    /// threads finish together.
    fn compile_candidates(&self) {
        let mut pending: Vec<&Rule> = (0..self.candidate.len())
            .filter(|&r| self.candidate[r])
            .map(|r| &self.rules.rules[r])
            .filter(|r| !r.is_compiled())
            .collect();
        let threads = cores().min(pending.len());
        if threads < 2 {
            return;
        }
        pending.sort_by_key(|r| std::cmp::Reverse(r.pattern.len()));
        let next = AtomicUsize::new(0);
        let work = || {
            while let Some(rule) = pending.get(next.fetch_add(1, Ordering::Relaxed)) {
                let _ = rule.compiled();
            }
        };
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
    }

    fn run_rule(
        &mut self,
        index: usize,
        blob: &Blob<'_>,
        accepted: &mut Vec<Accepted>,
        trace: &mut dyn FnMut(usize, Rejection),
    ) {
        let data = blob.data;
        let rules = self.rules;
        let rule = &rules.rules[index];
        // A regex over the size limit (or a broken built-in one) fails here, not at load;
        // `rules check` reports it.
        let Ok(compiled) = rule.compiled() else {
            return;
        };
        let regex = &compiled.regex;
        let (cache, caps) = &mut **self.engines[index]
            .get_or_insert_with(|| Box::new((regex.create_cache(), regex.create_captures())));
        let hits = &self.hits[index];
        let mut judge = |c: Candidate| Self::judge(rules, index, blob, c, &mut *trace);
        // Every match in `start..end`, or with `anchored` only one starting at `start`.
        let mut search = |start: usize, end: usize, anchored: bool| {
            let mut input = Input::new(data).span(start..end);
            if anchored {
                input.set_anchored(Anchored::Yes);
            }
            loop {
                regex.search_captures_with(cache, &input, caps);
                let Some(m) = caps.get_match() else {
                    break;
                };
                if let Some(secret) = caps
                    .get_group(compiled.secret_group)
                    .filter(|s| !s.is_empty())
                {
                    let name = compiled
                        .name_groups
                        .iter()
                        .find_map(|&g| caps.get_group(g))
                        .map(|n| (n.start, n.end));
                    let candidate = Candidate {
                        start: secret.start,
                        end: secret.end,
                        name,
                    };
                    if let Some(confidence) = judge(candidate) {
                        accepted.push(Accepted {
                            rule: index,
                            start: secret.start,
                            end: secret.end,
                            confidence,
                        });
                    }
                }
                let next = if m.is_empty() { m.end() + 1 } else { m.end() };
                if anchored || next > end {
                    break;
                }
                input.set_start(next);
            }
        };
        if compiled.multiline || !self.line_windows {
            return search(0, data.len(), false);
        }
        let mut search = |start: usize, end: usize| {
            if !compiled.line_anchored {
                return search(start, end, false);
            }
            // Every match starts a line: try each line start, anchored, so that a line that
            // cannot match is given up after a few bytes instead of searched to its end
            // (`generic.config-secret` over code lines full of `key` and `token`).
            let mut line = if start == 0 || data[start - 1] == b'\n' {
                Some(start)
            } else {
                memchr::memchr(b'\n', &data[start..end]).map(|i| start + i + 1)
            };
            while let Some(s) = line.filter(|&s| s < end) {
                search(s, end, true);
                line = memchr::memchr(b'\n', &data[s..end]).map(|i| s + i + 1);
            }
        };
        // A match cannot cross a line, contains a keyword and is at most `reach` bytes long:
        // search only that far around each hit, within its line. The span keeps the bytes
        // outside in view of `\b`, `^` and `$`, so a cut inside a long line changes nothing.
        let mut window: Option<(usize, usize)> = None;
        for &(hit, hit_end) in hits {
            let (start, end) = around(data, hit, hit_end, compiled.reach);
            window = match window {
                // Overlapping windows (adjacent lines share a newline): merge them.
                Some((ws, we)) if start < we => Some((ws, we.max(end))),
                Some((ws, we)) => {
                    search(ws, we);
                    Some((start, end))
                }
                None => Some((start, end)),
            };
        }
        if let Some((ws, we)) = window {
            search(ws, we);
        }
    }

    /// Placeholder filters first (they are knowledge about shapes), then the value model
    /// for generic rules, then entropy, then structure; then the confidence the evidence
    /// supports. `None` (with the reason traced) when the match is not reported.
    fn judge(
        rules: &RuleSet,
        index: usize,
        blob: &Blob<'_>,
        c: Candidate,
        trace: &mut dyn FnMut(usize, Rejection),
    ) -> Option<Confidence> {
        let data = blob.data;
        let rule = &rules.rules[index];
        let secret = &data[c.start..c.end];
        let mut matched = filters_matching(rules, &rule.id, secret, rules.secret_filters());
        let line_filters = rules.line_filters();
        if !line_filters.1.is_empty() {
            let line = line_around(data, c.start, LINE_CONTEXT);
            matched.extend(filters_matching(rules, &rule.id, line, line_filters));
        }
        if let Some((ns, ne)) = c.name {
            matched.extend(filters_matching(
                rules,
                &rule.id,
                &data[ns..ne],
                rules.name_filters(),
            ));
        }
        let (lowered, dropped): (Vec<usize>, Vec<usize>) = matched
            .into_iter()
            .partition(|&f| rules.filters[f].confidence.is_some());
        let reject = |why: Rejection, trace: &mut dyn FnMut(usize, Rejection)| {
            trace(index, why);
            None
        };
        if !dropped.is_empty() {
            return reject(Rejection::Filter(dropped), trace);
        }
        if rule.generic {
            if let Some(why) = value::not_a_literal(data, c.start, c.end) {
                return reject(Rejection::Value(why), trace);
            }
            if value::encodes_prose(secret) {
                return reject(Rejection::Value("base64 of prose"), trace);
            }
        }
        if let Some(min) = rule.min_entropy {
            if entropy::shannon(secret) < min {
                return reject(Rejection::Entropy, trace);
            }
        }
        if let Some(v) = rule.verify {
            if !verify::passes(v, secret) {
                return reject(Rejection::Verify, trace);
            }
        }
        let floor = lowered
            .iter()
            .filter_map(|&f| rules.filters[f].confidence)
            .min();
        if !lowered.is_empty() {
            trace(index, Rejection::Lowered(lowered));
        }
        let in_docs = rule.generic
            && blob
                .commentary
                .get_or_init(|| value::Commentary::new(data, &blob.kind))
                .covers(data, c.start, &blob.kind);
        Some(confidence::of(rule, &blob.kind, secret, floor, in_docs))
    }

    /// Identifiers (a Twilio `SK…` key SID, a key id: `kind = "identifier"`) are not findings on
    /// their own; they are traced, and a secret of the same provider within `PAIR_REACH` bytes
    /// of one is raised to high confidence: the pair is what a credential looks like.
    fn pair_identifiers(
        &self,
        accepted: Vec<Accepted>,
        trace: &mut dyn FnMut(usize, Rejection),
    ) -> Vec<Accepted> {
        let rules = &self.rules.rules;
        let (ids, mut secrets): (Vec<Accepted>, Vec<Accepted>) = accepted
            .into_iter()
            .partition(|a| rules[a.rule].kind == TokenKind::Identifier);
        for id in &ids {
            trace(
                id.rule,
                Rejection::Identifier {
                    start: id.start,
                    end: id.end,
                },
            );
        }
        for secret in secrets.iter_mut() {
            let provider = rules[secret.rule].provider.as_deref();
            let paired = provider.is_some()
                && ids.iter().any(|id| {
                    rules[id.rule].provider.as_deref() == provider
                        && id.start.abs_diff(secret.start) <= PAIR_REACH
                });
            if paired {
                secret.confidence = Confidence::High;
            }
        }
        secrets
    }

    /// One secret, one finding: where matches overlap, a provider rule beats a generic one,
    /// then the higher `precedence`, then the longer span, then the rule defined first.
    fn merge_overlaps(&self, mut accepted: Vec<Accepted>) -> Vec<Accepted> {
        accepted.sort_by_key(|a| (a.start, a.end, a.rule));
        let mut kept: Vec<Accepted> = Vec::with_capacity(accepted.len());
        for a in accepted {
            match kept.last_mut() {
                Some(last) if a.start < last.end => {
                    if self.better(&a, last) {
                        *last = a;
                    }
                }
                _ => kept.push(a),
            }
        }
        kept
    }

    fn better(&self, a: &Accepted, b: &Accepted) -> bool {
        let rank = |x: &Accepted| {
            (
                !self.rules.rules[x.rule].generic,
                self.rules.rules[x.rule].precedence,
                x.end - x.start,
                std::cmp::Reverse(x.rule),
            )
        };
        rank(a) > rank(b)
    }

    /// Search whole blobs with every rule instead of only the lines holding a single-line
    /// rule's keywords. Findings must be identical either way; the test suite checks that.
    pub fn set_line_windows(&mut self, on: bool) {
        self.line_windows = on;
    }

    /// With `LEAKSCAN_PROFILE` set: (rule id, milliseconds spent in its regex) so far, slowest
    /// first; for tuning rule sets, not for reports.
    pub fn profile(&self) -> Vec<(String, f64)> {
        let Some(p) = &self.profile else {
            return Vec::new();
        };
        let mut out: Vec<(String, f64)> = p
            .iter()
            .enumerate()
            .map(|(i, c)| (self.rules.rules[i].id.clone(), c.get() as f64 / 1e6))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// Findings dropped so far by inline `leakscan:allow` comments.
    pub fn allowed_inline(&self) -> u64 {
        self.allowed_inline
    }

    fn findings(&mut self, data: &[u8], path: &str, accepted: &[Accepted]) -> Vec<Finding> {
        let index = LineIndex::new(data);
        let (mut starts, mut ends) = (index.cursor(), index.cursor());
        // How many copies of each secret came before in this blob.
        let mut copies: HashMap<(usize, &[u8]), usize> = HashMap::new();
        let cache = &mut self.keys;
        let mut allowed = 0;
        let found = accepted
            .iter()
            .filter(|a| {
                let ok = !allow::allowed(data, a.start, a.end);
                allowed += u64::from(!ok);
                ok
            })
            .map(|a| {
                let rule = &self.rules.rules[a.rule];
                let secret = &data[a.start..a.end];
                let copy = copies.entry((a.rule, secret)).or_insert(0);
                let occurrence = *copy;
                *copy += 1;
                let key = cached_key(cache, a.rule, &rule.id, path, secret);
                let begin = starts.position(data, a.start);
                let end = ends.position(data, a.end);
                Finding {
                    rule_id: rule.id.clone(),
                    description: rule.description.clone(),
                    severity: rule.severity,
                    confidence: a.confidence,
                    path: path.to_string(),
                    line: begin.line,
                    column: begin.column,
                    end_line: end.line,
                    end_column: end.column,
                    start: a.start,
                    end: a.end,
                    secret: Secret::new(secret),
                    fingerprint: key.fingerprint(occurrence),
                    legacy_fingerprint: key.legacy_fingerprint(occurrence),
                    commit: None,
                    excerpt: excerpt(data, a, accepted),
                    also: Vec::new(),
                }
            })
            .collect();
        self.allowed_inline += allowed;
        found
    }
}

/// Keyword hits a rule keeps room for between blobs (16 bytes each).
const HITS_KEPT: usize = 4_096;

/// Indices of the filters in `set` that match `haystack` and apply to rule `id`. Empty (and
/// allocation-free) in the common case.
fn filters_matching(rules: &RuleSet, id: &str, haystack: &[u8], set: &FilterSet) -> Vec<usize> {
    let (set, members) = set;
    if members.is_empty() {
        return Vec::new();
    }
    set.matches(haystack)
        .iter()
        .map(|i| members[i])
        .filter(|&f| rules.filters[f].applies_to(id))
        .collect()
}

/// The span a single-line rule with matches of at most `reach` bytes searches around a keyword
/// at `hit..hit_end`: no further than `reach` either side, and not past the newline on either
/// side (included, so leading and trailing delimiter classes see what they would see in the
/// whole blob). The newline search is bounded by `reach` too, so thousands of hits on a
/// megabyte-long line stay linear.
fn around(data: &[u8], hit: usize, hit_end: usize, reach: usize) -> (usize, usize) {
    let lo = hit.saturating_sub(reach + 1);
    let hi = (hit_end + reach + 1).min(data.len());
    let start = memchr::memrchr(b'\n', &data[lo..hit]).map_or(lo, |i| lo + i);
    let end = memchr::memchr(b'\n', &data[hit_end..hi]).map_or(hi, |i| hit_end + i + 1);
    (start, end)
}

/// How near (in bytes) an identifier must be to a secret of its provider to pair with it: a
/// few lines of a config file or a constructor call.
const PAIR_REACH: usize = 512;

/// The most findings one blob reports: more than this is a machine-generated file (a dump, a
/// test vector list), and the first ones say what the rest are. The pipeline warns when a file
/// reaches it.
pub const MAX_FINDINGS_PER_BLOB: usize = 10_000;

/// Whether `data` ends its lines with a lone `\r` (and never with `\n`), judged on its start.
fn cr_only(data: &[u8]) -> bool {
    let head = &data[..data.len().min(64 * 1024)];
    memchr::memchr(b'\n', head).is_none() && memchr::memchr(b'\r', head).is_some()
}

/// The number of cores, asked once (it reads cgroup files).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
