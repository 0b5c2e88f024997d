//! Rule files → the compiled, immutable `RuleSet` that every scanner thread shares by `&`.
//!
//! Every rule is linted here (id shape, keywords, exactly one `secret` group, entropy range,
//! examples present), so a user's `--rules` file gets the same checks as the built-ins. A broken
//! rule is dropped with a problem naming its file and line; the other rules still run.

use super::file::{ExampleSpec, FilterSpec, FilterTarget, RuleFile, RuleSpec, TextSpec, Verify};
use crate::finding::Severity;
use crate::problems::Problem;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use regex_automata::meta;
use regex_automata::util::syntax;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Rule and filter regexes are compiled in ASCII mode (`unicode(false)`): `\b`, `\w`, `\s` and
/// `(?i)` are ASCII, `.` and negated classes match any byte. Secrets are ASCII, and Unicode word
/// boundaries would force the regex engine off its fast lazy DFA on any non-ASCII haystack.
/// A rule can opt back in with `(?u)`.
///
/// Compiled regexes may use this much memory each; a rule that needs more is a broken rule,
/// not a reason to use gigabytes.
const REGEX_SIZE_LIMIT: usize = 16 << 20;

/// How far from its keyword a single-line rule looks when the rule's regex has no maximum
/// match length (`\s*`, `[^"]+`): on a megabyte-long line (a source map, a minified bundle)
/// searching the whole line for every keyword hit costs more than the rest of a scan. A
/// credential assignment longer than this on one line is not one a person wrote.
pub const UNBOUNDED_REACH: usize = 4096;

/// One detection rule, ready to run.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub description: String,
    pub severity: Severity,
    pub keywords: Vec<String>,
    /// The regex source; compiled on first use (`regex()`), so a scan of a few small files
    /// builds only the rules whose keywords it met. The syntax and the `secret` group were
    /// checked when the rule was loaded.
    pub pattern: String,
    compiled: OnceLock<Result<meta::Regex, String>>,
    /// Index of the `secret` capture group in the regex.
    pub(crate) secret_group: usize,
    /// Whether the regex can match a newline. Rules that cannot are run only on the lines
    /// where their keywords occur (every match contains a keyword, so no match is lost).
    pub(crate) multiline: bool,
    /// The longest match the regex can make (`UNBOUNDED_REACH` when unbounded); single-line
    /// rules search only this far either side of a keyword hit.
    pub(crate) reach: usize,
    pub min_entropy: Option<f64>,
    pub(crate) verify: Option<Verify>,
    pub generic: bool,
    pub precedence: i32,
    pub examples: Vec<ExampleSpec>,
    pub negatives: Vec<TextSpec>,
    /// The file the rule came from (`rules/talon-one.toml`, or a user path).
    pub origin: String,
}

impl Rule {
    /// Whether the rule can match across lines (and so searches whole blobs, not only the
    /// lines holding its keywords).
    pub fn multiline(&self) -> bool {
        self.multiline
    }

    /// The compiled regex, built on first use; `Err` only if it exceeds the size limit.
    /// A `regex-automata` regex rather than `regex::bytes::Regex`, because it can search a
    /// span of a line while its look-around (`\b`, `^`, `$`) still sees the bytes outside.
    pub fn regex(&self) -> Result<&meta::Regex, &str> {
        self.compiled
            .get_or_init(|| {
                meta::Regex::builder()
                    .syntax(syntax::Config::new().unicode(false).utf8(false))
                    .configure(meta::Config::new().nfa_size_limit(Some(REGEX_SIZE_LIMIT)))
                    .build(&self.pattern)
                    .map_err(|e| format!("bad regex: {e}"))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// One placeholder / false-positive filter.
#[derive(Debug)]
pub struct Filter {
    pub id: String,
    pub description: String,
    pub target: FilterTarget,
    pub regex: Regex,
    /// Rule-id patterns this filter is limited to (`None`: every rule).
    pub rules: Option<Vec<String>>,
    pub examples: Vec<TextSpec>,
    pub origin: String,
}

impl Filter {
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

/// All rules and filters, plus the keyword automaton that decides which rules run on a blob.
#[derive(Debug)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) filters: Vec<Filter>,
    /// One pattern per distinct keyword, ASCII case-insensitive.
    pub(crate) prefilter: AhoCorasick,
    /// Keyword pattern index → the rules that keyword enables.
    pub(crate) keyword_rules: Vec<Vec<usize>>,
    /// Secret-target filters as one set, and the filter index of each set member.
    pub(crate) secret_filters: (RegexSet, Vec<usize>),
    pub(crate) line_filters: (RegexSet, Vec<usize>),
}

/// A rule file's text and the name to report problems under.
pub struct RuleSource<'a> {
    pub name: String,
    pub text: &'a str,
}

impl RuleSet {
    /// Compile every rule and filter in `sources`. Broken rules and files are left out and
    /// returned as problems; everything else is compiled.
    pub fn compile(sources: &[RuleSource<'_>]) -> (RuleSet, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut filters: Vec<Filter> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();

        for source in sources {
            let file: RuleFile = match toml::from_str(source.text) {
                Ok(f) => f,
                Err(e) => {
                    let line = e.span().map(|s| line_of(source.text, s.start));
                    problems.push(at(source, line, e.message().trim()));
                    continue;
                }
            };
            for spec in file.rule {
                if claim_id(&mut seen, &spec.id, source, &mut problems) {
                    match compile_rule(spec, source) {
                        Ok(rule) => rules.push(rule),
                        Err((line, msg)) => problems.push(at(source, Some(line), &msg)),
                    }
                }
            }
            for spec in file.filter {
                if claim_id(&mut seen, &spec.id, source, &mut problems) {
                    match compile_filter(spec, source) {
                        Ok(filter) => filters.push(filter),
                        Err((line, msg)) => problems.push(at(source, Some(line), &msg)),
                    }
                }
            }
        }
        (assemble(rules, filters), problems)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// This set without the rules whose ids are in `ids` (a project's `disable` list), and the
    /// ids that matched no rule.
    pub fn without(self, ids: &[String]) -> (RuleSet, Vec<String>) {
        let unknown: Vec<String> = ids
            .iter()
            .filter(|id| !self.rules.iter().any(|r| &r.id == *id))
            .cloned()
            .collect();
        if ids.is_empty() {
            return (self, unknown);
        }
        let rules = self
            .rules
            .into_iter()
            .filter(|r| !ids.contains(&r.id))
            .collect();
        (assemble(rules, self.filters), unknown)
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }
}

/// Record `id` as defined here; false (with a problem) if a rule or filter already has it.
fn claim_id(
    seen: &mut HashMap<String, String>,
    id: &toml::Spanned<String>,
    source: &RuleSource<'_>,
    problems: &mut Vec<Problem>,
) -> bool {
    let line = line_of(source.text, id.span().start);
    let here = format!("{}:{line}", source.name);
    match seen.get(id.get_ref()) {
        Some(prev) => {
            let msg = format!("duplicate id `{}` (first defined at {prev})", id.get_ref());
            problems.push(at(source, Some(line), &msg));
            false
        }
        None => {
            seen.insert(id.get_ref().clone(), here);
            true
        }
    }
}

fn assemble(rules: Vec<Rule>, filters: Vec<Filter>) -> RuleSet {
    let mut keyword_index: HashMap<String, usize> = HashMap::new();
    let mut keywords: Vec<String> = Vec::new();
    let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        for kw in &rule.keywords {
            let kw = kw.to_ascii_lowercase();
            let k = *keyword_index.entry(kw.clone()).or_insert_with(|| {
                keywords.push(kw);
                keyword_rules.push(Vec::new());
                keywords.len() - 1
            });
            if !keyword_rules[k].contains(&i) {
                keyword_rules[k].push(i);
            }
        }
    }
    // A full DFA: overlapping search (every keyword at every position, so no rule is missed
    // because its keyword overlaps another's) is several times faster on a DFA than on the
    // default NFA, and ~200 short keywords make a DFA of a few megabytes at most.
    let prefilter = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&keywords)
        .expect("keywords were linted: non-empty ASCII, so the automaton builds");
    let secret_filters = filter_set(&filters, FilterTarget::Secret);
    let line_filters = filter_set(&filters, FilterTarget::Line);
    RuleSet {
        rules,
        filters,
        prefilter,
        keyword_rules,
        secret_filters,
        line_filters,
    }
}

fn filter_set(filters: &[Filter], target: FilterTarget) -> (RegexSet, Vec<usize>) {
    let members: Vec<usize> = (0..filters.len())
        .filter(|&i| filters[i].target == target)
        .collect();
    let set = RegexSetBuilder::new(members.iter().map(|&i| filters[i].regex.as_str()))
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT * 4)
        .build()
        .expect("each filter regex compiled on its own, so the set compiles");
    (set, members)
}

type SpecError = (usize, String);

fn compile_rule(spec: RuleSpec, source: &RuleSource<'_>) -> Result<Rule, SpecError> {
    let line = line_of(source.text, spec.id.span().start);
    let id = spec.id.into_inner();
    let fail = |msg: String| (line, format!("rule `{id}`: {msg}"));
    check_id(&id).map_err(&fail)?;
    if spec.description.trim().is_empty() {
        return Err(fail("`description` is empty".into()));
    }
    if spec.keywords.is_empty() {
        return Err(fail(
            "`keywords` is empty; every rule needs at least one prefilter keyword".into(),
        ));
    }
    for kw in &spec.keywords {
        if kw.len() < 2 || !kw.is_ascii() || kw.bytes().any(|b| b.is_ascii_whitespace()) {
            return Err(fail(format!(
                "keyword {kw:?} must be 2+ ASCII characters without spaces"
            )));
        }
    }
    if let Some(e) = spec.min_entropy {
        if !(0.0..=8.0).contains(&e) {
            return Err(fail(format!(
                "`min_entropy` {e} is outside 0..=8 bits per byte"
            )));
        }
    }
    if spec.example.is_empty() {
        return Err(fail("needs at least one [[rule.example]]".into()));
    }
    if spec.negative.is_empty() {
        return Err(fail("needs at least one [[rule.negative]]".into()));
    }
    for ex in &spec.example {
        if ex.secret.is_empty() || !ex.text.contains(&ex.secret) {
            return Err(fail(format!(
                "example secret {:?} does not occur in its text",
                ex.secret
            )));
        }
    }
    let regex_line = line_of(source.text, spec.regex.span().start);
    let (secret_group, multiline, reach) =
        check_regex(spec.regex.get_ref()).map_err(|m| (regex_line, format!("rule `{id}`: {m}")))?;
    Ok(Rule {
        id,
        description: spec.description,
        severity: spec.severity,
        keywords: spec.keywords,
        pattern: spec.regex.into_inner(),
        compiled: OnceLock::new(),
        secret_group,
        multiline,
        reach,
        min_entropy: spec.min_entropy,
        verify: spec.verify,
        generic: spec.generic,
        precedence: spec.precedence,
        examples: spec.example,
        negatives: spec.negative,
        origin: source.name.clone(),
    })
}

fn compile_filter(spec: FilterSpec, source: &RuleSource<'_>) -> Result<Filter, SpecError> {
    let line = line_of(source.text, spec.id.span().start);
    let id = spec.id.into_inner();
    check_id(&id).map_err(|m| (line, format!("filter `{id}`: {m}")))?;
    if spec.example.is_empty() {
        return Err((
            line,
            format!("filter `{id}`: needs at least one [[filter.example]]"),
        ));
    }
    let regex_line = line_of(source.text, spec.regex.span().start);
    let regex = RegexBuilder::new(spec.regex.get_ref())
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| (regex_line, format!("filter `{id}`: bad regex: {e}")))?;
    Ok(Filter {
        id,
        description: spec.description,
        target: spec.target,
        regex,
        rules: spec.rules,
        examples: spec.example,
        origin: source.name.clone(),
    })
}

/// Parse a rule regex (cheap: no automaton is built), find its one `secret` group, and tell
/// whether it can match a newline and how long a match can be.
fn check_regex(pattern: &str) -> Result<(usize, bool, usize), String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|e| format!("bad regex: {e}"))?;
    let mut names: Vec<(u32, String)> = Vec::new();
    named_groups(&hir, &mut names);
    match names.as_slice() {
        [(i, name)] if name == "secret" => {
            let reach = hir
                .properties()
                .maximum_len()
                .map_or(UNBOUNDED_REACH, |n| n.min(UNBOUNDED_REACH));
            Ok((*i as usize, crosses_lines(&hir), reach))
        }
        [] => Err("regex has no named group `secret` (write `(?P<secret>...)`)".into()),
        _ => Err(format!(
            "regex must have exactly one named group, `secret`; it has {}",
            names
                .iter()
                .map(|(_, n)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Whether a match can span lines. A newline is harmless in the first or last element of the
/// pattern when that element holds no capture group and matches at most one character: a leading or trailing delimiter such as
/// `(?:^|[^A-Za-z0-9])` or `(?:[^A-Za-z0-9]|$)`, which the scanner's line windows satisfy by
/// including the newline on either side of the line.
fn crosses_lines(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Concat(subs) => subs.iter().enumerate().any(|(i, h)| {
            let edge = (i == 0 || i + 1 == subs.len())
                && !has_capture(h)
                && h.properties().maximum_len().is_some_and(|n| n <= 1);
            !edge && matches_newline(h)
        }),
        HirKind::Alternation(subs) => subs.iter().any(crosses_lines),
        _ => matches_newline(hir),
    }
}

fn has_capture(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(_) => true,
        HirKind::Repetition(r) => has_capture(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_capture),
        _ => false,
    }
}

/// Whether any literal or class in the regex admits `\n`.
fn matches_newline(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.contains(&b'\n'),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Capture(c) => matches_newline(&c.sub),
        HirKind::Repetition(r) => matches_newline(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(matches_newline),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

fn named_groups(hir: &regex_syntax::hir::Hir, out: &mut Vec<(u32, String)>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(name) = &c.name {
                out.push((c.index, name.to_string()));
            }
            named_groups(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().for_each(|h| named_groups(h, out));
        }
        HirKind::Repetition(r) => named_groups(&r.sub, out),
        _ => {}
    }
}

/// Ids are `family.name`: lower-case ASCII words joined by `-`, at least one dot.
fn check_id(id: &str) -> Result<(), String> {
    let ok = id.contains('.')
        && id.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "id `{id}` must look like `family.name` (lower-case letters, digits, `-`)"
        ))
    }
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn at(source: &RuleSource<'_>, line: Option<usize>, msg: &str) -> Problem {
    match line {
        Some(l) => Problem::new(format!("{}:{l}", source.name), msg),
        None => Problem::new(source.name.clone(), msg),
    }
}
