//! What a rule regex's syntax says about its matches, read from the parsed pattern before any
//! automaton is built: its `secret` and `name` groups, whether a match can cross a line, how
//! long one can be, and whether it starts at a line start. The scanner decides from this where
//! to search (line windows or the whole blob, how far around a keyword).

use regex_syntax::hir::Hir;

/// How far from its keyword a single-line rule looks when the rule's regex has no maximum
/// match length (`\s*`, `[^"]+`): on a megabyte-long line (a source map, a minified bundle)
/// searching the whole line for every keyword hit costs more than the rest of a scan. A
/// credential assignment longer than this on one line is not one a person wrote.
pub const UNBOUNDED_REACH: usize = 4096;

/// What a rule regex's syntax says about its matches.
pub(crate) struct Shape {
    pub secret_group: usize,
    pub name_groups: Vec<usize>,
    pub multiline: bool,
    pub reach: usize,
    pub line_anchored: bool,
}

/// Parse a rule regex (no automaton is built), find its one `secret` group, and tell whether
/// it can match a newline and how long a match can be.
pub(crate) fn parse_regex(pattern: &str) -> Result<(Hir, Shape), String> {
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .map_err(|_| crate::problems::regex_error(pattern))?;
    let mut names: Vec<(u32, String)> = Vec::new();
    named_groups(&hir, &mut names);
    let is_name = |n: &str| n == "name" || n.starts_with("name_");
    let secret: Vec<&(u32, String)> = names.iter().filter(|(_, n)| n == "secret").collect();
    let name_groups: Vec<usize> = names
        .iter()
        .filter(|(_, n)| is_name(n))
        .map(|(i, _)| *i as usize)
        .collect();
    let others: Vec<String> = names
        .iter()
        .filter(|(_, n)| n != "secret" && !is_name(n))
        .map(|(_, n)| format!("`{n}`"))
        .collect();
    if !others.is_empty() {
        return Err(format!(
            "named groups are `secret` (exactly one) and `name` or `name_<form>` (the name the value is assigned to); this regex also has {}",
            others.join(", ")
        ));
    }
    match secret.as_slice() {
        [(i, _)] => {
            let shape = Shape {
                secret_group: *i as usize,
                name_groups,
                multiline: crosses_lines(&hir),
                reach: hir
                    .properties()
                    .maximum_len()
                    .map_or(UNBOUNDED_REACH, |n| n.min(UNBOUNDED_REACH)),
                line_anchored: hir
                    .properties()
                    .look_set_prefix()
                    .contains(regex_syntax::hir::Look::StartLF),
            };
            Ok((hir, shape))
        }
        [] => Err("regex has no named group `secret` (write `(?P<secret>...)`)".into()),
        _ => Err("regex must have exactly one named group `secret`".into()),
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
