//! Rule files → the compiled, immutable `RuleSet` that every scanner thread shares by `&`.
//!
//! Every rule is linted here (id shape, keywords, exactly one `secret` group, entropy range,
//! examples present), so a user's `--rules` file gets the same checks as the built-ins. A broken
//! rule is dropped with a problem naming its file and line; the other rules still run.

use super::file::{
    ExampleSpec, FilterSpec, FilterTarget, PartSpec, RuleFile, RuleSpec, TextSpec, TokenKind,
    Verify,
};
use super::filter::{compile_filter_regex, filter_set, Filter, FilterSet, REGEX_SIZE_LIMIT};
use super::parts::{expand_parts, Part};
use super::prefilter::Prefilter;
use super::shape::parse_regex;
use crate::file_kind::Grammar;
use crate::finding::{Confidence, Severity};
use crate::problems::Problem;
use regex_automata::meta;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Lazy-DFA cache per rule per thread (regex-automata's default is 2 MiB). On the 317 MB tree
/// (10 runs each): 2 MiB, 529 ms and peak RSS 58-69 MB (the generic rules' caches filling up
/// while the two largest files are mapped); 1 MiB, 545 ms and 57-60 MB; 512 KiB cost 6% more
/// time. The memory target (64 MB) is worth 3%.
const LAZY_DFA_CACHE: usize = 1 << 20;

/// One detection rule, ready to run.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub description: String,
    pub severity: Severity,
    /// The confidence of a match before the match's own evidence moves it.
    pub confidence: Confidence,
    pub provider: Option<String>,
    pub kind: TokenKind,
    pub help: Option<String>,
    pub keywords: Vec<String>,
    /// The regex source; parsed and compiled on first use (`compiled()`), so a scan of a few
    /// small files builds only the rules whose keywords it met. A user's rule file has its
    /// syntax and `secret` group checked at load as well, to report mistakes up front.
    pub pattern: String,
    compiled: OnceLock<Result<Compiled, String>>,
    pub min_entropy: Option<f64>,
    pub(crate) verify: Option<Verify>,
    /// The file grammars this rule fits; every file when `None`.
    pub file_kinds: Option<Vec<Grammar>>,
    pub generic: bool,
    pub precedence: i32,
    pub examples: Vec<ExampleSpec>,
    pub negatives: Vec<TextSpec>,
    /// The file the rule came from (`rules/talon-one.toml`, or a user path).
    pub origin: String,
}

/// A rule's regex, compiled, and what its syntax tells the scanner.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// A `regex-automata` regex rather than `regex::bytes::Regex`, because it can search a
    /// span of a line while its look-around (`\b`, `^`, `$`) still sees the bytes outside.
    pub(crate) regex: meta::Regex,
    /// Index of the `secret` capture group.
    pub(crate) secret_group: usize,
    /// Indices of the `name` groups (`name`, `name_call`, ...: one per alternative form):
    /// the name the value is assigned to, which `target = "name"` filters judge. The first
    /// that took part in a match is its name.
    pub(crate) name_groups: Vec<usize>,
    /// Whether the regex can match a newline. Rules that cannot are run only on the lines
    /// where their keywords occur (every match contains a keyword, so no match is lost).
    pub(crate) multiline: bool,
    /// The longest match the regex can make (`UNBOUNDED_REACH` when unbounded); single-line
    /// rules search only this far either side of a keyword hit.
    pub(crate) reach: usize,
    /// Whether every match starts at the start of a line (`(?m)^...`): then the scanner
    /// tries only line starts, each with an anchored search.
    pub(crate) line_anchored: bool,
}

impl Rule {
    /// Whether the rule can match across lines (and so searches whole blobs, not only the
    /// lines holding its keywords). A rule whose regex does not compile is reported as
    /// multi-line: it never runs, and claiming the wider scope hides nothing.
    pub fn multiline(&self) -> bool {
        self.compiled().map_or(true, |c| c.multiline)
    }

    /// The compiled regex; `Err` if it is broken (a built-in rule is checked only here and
    /// by `rules check`) or exceeds the size limit.
    pub fn regex(&self) -> Result<&meta::Regex, &str> {
        self.compiled().map(|c| &c.regex)
    }

    /// Whether the regex has been built (or failed to build) already.
    pub(crate) fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }

    /// The regex and its shape, parsed and built on first use.
    pub(crate) fn compiled(&self) -> Result<&Compiled, &str> {
        self.compiled
            .get_or_init(|| {
                let (hir, shape) = parse_regex(&self.pattern)?;
                let regex = meta::Builder::new()
                    .configure(
                        meta::Config::new()
                            .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                            .hybrid_cache_capacity(LAZY_DFA_CACHE)
                            // A generic rule runs only in windows around its keywords, and the
                            // literals a prefilter would look for are those same keywords (the
                            // name lexicon): it would find again what the keyword pass found.
                            // Extracting them from the large lexicon alternation was half of
                            // the build (~1 ms of a one-file scan); measured on the corpus
                            // and noise trees, searching without it is no slower.
                            .auto_prefilter(!self.generic || shape.multiline),
                    )
                    .build_from_hir(&hir)
                    .map_err(|e| format!("cannot build the regex: {e}"))?;
                Ok(Compiled {
                    regex,
                    secret_group: shape.secret_group,
                    name_groups: shape.name_groups,
                    multiline: shape.multiline,
                    reach: shape.reach,
                    line_anchored: shape.line_anchored,
                })
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

/// All rules and filters, plus the keyword automaton that decides which rules run on a blob.
#[derive(Debug)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) filters: Vec<Filter>,
    pub(crate) parts: Vec<Part>,
    /// One pattern per distinct keyword, ASCII case-insensitive.
    pub(crate) prefilter: Prefilter,
    /// Keyword pattern index → the rules that keyword enables.
    pub(crate) keyword_rules: Vec<Vec<usize>>,
    /// Secret-target filters as one set, and the filter index of each set member; built
    /// when the first candidate secret needs judging, which most small scans never reach.
    secret_filters: OnceLock<FilterSet>,
    line_filters: OnceLock<FilterSet>,
    name_filters: OnceLock<FilterSet>,
}

/// A rule file's text and the name to report problems under.
pub struct RuleSource<'a> {
    pub name: String,
    pub text: &'a str,
    /// The built-in rule files, whose regexes the test suite checks (`rules check`): they are
    /// parsed on first use instead of at load. Parsing all ~240 costs more than the rest of a
    /// one-file scan; a user's file is always checked at load.
    pub trusted: bool,
    /// Whether every rule must carry examples and negatives: yes for rule files, no for rules
    /// translated from another tool's configuration (a `.gitleaks.toml`), which have none.
    pub examples_required: bool,
}

impl RuleSet {
    /// Compile every rule and filter in `sources`. Broken rules and files are left out and
    /// returned as problems; everything else is compiled.
    pub fn compile(sources: &[RuleSource<'_>]) -> (RuleSet, Vec<Problem>) {
        let parsed = sources.iter().map(|s| Some(parse(s))).collect();
        RuleSet::compile_parsed(sources, parsed)
    }

    /// Like `compile`, where `parsed[i]` may already hold `sources[i]` parsed (the built-ins,
    /// from `build.rs`); `None` entries are parsed here.
    pub(crate) fn compile_parsed(
        sources: &[RuleSource<'_>],
        parsed: Vec<Option<Result<RuleFile, Problem>>>,
    ) -> (RuleSet, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut filters: Vec<Filter> = Vec::new();
        let mut parts: Vec<Part> = Vec::new();
        // Where each id was first defined: source index and byte offset (lines are counted
        // only for a problem). Parts have their own namespace (`{{secret-name}}`).
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        let mut seen_parts: HashMap<String, (usize, usize)> = HashMap::new();

        let mut files = Vec::new();
        for ((index, source), file) in sources.iter().enumerate().zip(parsed) {
            match file.unwrap_or_else(|| parse(source)) {
                Ok(mut f) => {
                    // Parts first, from every file: a rule may use a part defined in any file.
                    for spec in std::mem::take(&mut f.part) {
                        if claim_id(&mut seen_parts, &spec.id, (index, sources), &mut problems) {
                            match compile_part(spec, source) {
                                Ok(part) => parts.push(part),
                                Err((line, msg)) => problems.push(at(source, Some(line), &msg)),
                            }
                        }
                    }
                    files.push((index, f));
                }
                Err(p) => problems.push(p),
            }
        }
        let library: HashMap<&str, &str> = parts
            .iter()
            .map(|p| (p.id.as_str(), p.pattern.as_str()))
            .collect();
        for (index, file) in files {
            let source = &sources[index];
            for spec in file.rule {
                if claim_id(&mut seen, &spec.id, (index, sources), &mut problems) {
                    match compile_rule(spec, source, &library) {
                        Ok(rule) => rules.push(rule),
                        Err((line, msg)) => problems.push(at(source, Some(line), &msg)),
                    }
                }
            }
            for spec in file.filter {
                if claim_id(&mut seen, &spec.id, (index, sources), &mut problems) {
                    match compile_filter(spec, source) {
                        Ok(filter) => filters.push(filter),
                        Err((line, msg)) => problems.push(at(source, Some(line), &msg)),
                    }
                }
            }
        }
        let mut set = assemble(rules, filters);
        set.parts = parts;
        (set, problems)
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
        let mut set = assemble(rules, self.filters);
        set.parts = self.parts;
        (set, unknown)
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    pub(crate) fn secret_filters(&self) -> &FilterSet {
        self.secret_filters
            .get_or_init(|| filter_set(&self.filters, FilterTarget::Secret))
    }

    pub(crate) fn line_filters(&self) -> &FilterSet {
        self.line_filters
            .get_or_init(|| filter_set(&self.filters, FilterTarget::Line))
    }

    pub(crate) fn name_filters(&self) -> &FilterSet {
        self.name_filters
            .get_or_init(|| filter_set(&self.filters, FilterTarget::Name))
    }
}

fn parse(source: &RuleSource<'_>) -> Result<RuleFile, Problem> {
    toml::from_str(source.text)
        .map_err(|e| crate::problems::toml_problem(&source.name, source.text, &e))
}

/// Record `id` as defined in `sources[index]`; false (with a problem) if a rule or filter
/// already has it.
fn claim_id(
    seen: &mut HashMap<String, (usize, usize)>,
    id: &toml::Spanned<String>,
    (index, sources): (usize, &[RuleSource<'_>]),
    problems: &mut Vec<Problem>,
) -> bool {
    match seen.get(id.get_ref()) {
        Some(&(first, offset)) => {
            let prev = &sources[first];
            let msg = format!(
                "duplicate id `{}` (first defined at {}:{})",
                id.get_ref(),
                prev.name,
                line_of(prev.text, offset)
            );
            let source = &sources[index];
            problems.push(at(
                source,
                Some(line_of(source.text, id.span().start)),
                &msg,
            ));
            false
        }
        None => {
            seen.insert(id.get_ref().clone(), (index, id.span().start));
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
    RuleSet {
        rules,
        filters,
        prefilter: Prefilter::new(keywords),
        keyword_rules,
        parts: Vec::new(),
        secret_filters: OnceLock::new(),
        line_filters: OnceLock::new(),
        name_filters: OnceLock::new(),
    }
}

type SpecError = (usize, String);

fn compile_rule(
    spec: RuleSpec,
    source: &RuleSource<'_>,
    parts: &HashMap<&str, &str>,
) -> Result<Rule, SpecError> {
    let id_at = spec.id.span().start;
    let id = spec.id.into_inner();
    let fail = |msg: String| (line_of(source.text, id_at), format!("rule `{id}`: {msg}"));
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
    // Built-in rules are loaded without their examples for scans; the test suite holds them
    // to the same demand.
    if !source.trusted && source.examples_required && spec.example.is_empty() {
        return Err(fail("needs at least one [[rule.example]]".into()));
    }
    if !source.trusted && source.examples_required && spec.negative.is_empty() {
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
    // Counted only for a problem: counting lines up to every rule's regex made loading the
    // built-in rules quadratic in the size of each rule file (~1 ms of a one-file scan).
    let regex_at = spec.regex.span().start;
    let regex_line = || line_of(source.text, regex_at);
    let pattern = expand_parts(spec.regex.get_ref(), parts)
        .map_err(|m| (regex_line(), format!("rule `{id}`: {m}")))?;
    if pattern.len() > MAX_PATTERN {
        return Err((
            regex_line(),
            format!(
                "rule `{id}`: the regex is {} KiB; at most {} KiB (parsing a regex takes memory in proportion)",
                pattern.len() / 1024,
                MAX_PATTERN / 1024
            ),
        ));
    }
    let rule = Rule {
        id,
        description: spec.description,
        severity: spec.severity,
        confidence: spec.confidence.unwrap_or(if spec.generic {
            Confidence::Medium
        } else {
            Confidence::High
        }),
        provider: spec.provider,
        kind: spec.kind,
        help: spec.help,
        keywords: spec.keywords,
        pattern,
        compiled: OnceLock::new(),
        min_entropy: spec.min_entropy,
        verify: spec.verify,
        file_kinds: spec.file_kinds,
        generic: spec.generic,
        precedence: spec.precedence,
        examples: spec.example,
        negatives: spec.negative,
        origin: source.name.clone(),
    };
    build_now(rule, source, regex_line)
}

/// A user's rule is built when it loads: a regex that cannot be built (too large for the size
/// limit, a syntax error) is a problem named at its line, never a rule that silently finds
/// nothing. Built-in rules are built on first use; the test suite builds them all.
fn build_now(
    rule: Rule,
    source: &RuleSource<'_>,
    regex_line: impl Fn() -> usize,
) -> Result<Rule, SpecError> {
    if !source.trusted {
        if let Err(e) = rule.compiled() {
            return Err((regex_line(), format!("rule `{}`: {e}", rule.id)));
        }
    }
    Ok(rule)
}

fn compile_filter(spec: FilterSpec, source: &RuleSource<'_>) -> Result<Filter, SpecError> {
    let id_at = spec.id.span().start;
    let id = spec.id.into_inner();
    let fail = |msg: String| (line_of(source.text, id_at), format!("filter `{id}`: {msg}"));
    check_id(&id).map_err(&fail)?;
    if !source.trusted && spec.example.is_empty() {
        return Err(fail("needs at least one [[filter.example]]".into()));
    }
    let compiled = OnceLock::new();
    if !source.trusted {
        let regex = compile_filter_regex(spec.regex.get_ref()).map_err(|m| {
            let line = line_of(source.text, spec.regex.span().start);
            (line, format!("filter `{id}`: {m}"))
        })?;
        let _ = compiled.set(Ok(regex));
    }
    Ok(Filter {
        id,
        description: spec.description,
        target: spec.target,
        pattern: spec.regex.into_inner(),
        compiled,
        rules: spec.rules,
        confidence: spec.confidence,
        examples: spec.example,
        origin: source.name.clone(),
    })
}

fn compile_part(spec: PartSpec, source: &RuleSource<'_>) -> Result<Part, SpecError> {
    let id_at = spec.id.span().start;
    let id = spec.id.into_inner();
    let fail = |msg: String| (line_of(source.text, id_at), format!("part `{id}`: {msg}"));
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(fail(
            "a part id is lower-case letters, digits and `-` (used as `{{id}}`)".into(),
        ));
    }
    if !source.trusted && spec.examples.is_empty() {
        return Err(fail("needs at least one entry in `examples`".into()));
    }
    Ok(Part {
        id,
        description: spec.description,
        pattern: spec.regex.into_inner(),
        examples: spec.examples,
        negatives: spec.negatives,
        origin: source.name.clone(),
    })
}

/// The longest rule regex, parts expanded: a 400,000-way alternation (3 MB) took 1.24 GB to
/// parse. The largest built-in is far below this (tests/it/rules_harness.rs).
pub const MAX_PATTERN: usize = 64 * 1024;

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
