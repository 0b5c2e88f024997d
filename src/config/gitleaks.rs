//! A gitleaks configuration (`.gitleaks.toml` at the scan root, or given with `--config`), read so
//! a repository moving over keeps what it allowed and the rules it wrote:
//!
//! - the allowlists (`[allowlist]`, or `[[allowlists]]` in newer gitleaks): `paths` (regexes on
//!   the path), `regexes` (on the secret), `stopwords`, `commits`;
//! - custom `[[rules]]`, translated into leakscan rules (`gitleaks.<id>`) where the regex is one
//!   Rust's regex engine takes: `secretGroup` (or the first group, or the whole match) becomes
//!   the `secret` group, `keywords` and `entropy` carry over.
//!
//! Everything else (`[extend]`, per-rule allowlists, `path` on a rule, a rule without keywords or
//! with a regex Rust cannot build) is named in a warning, so nobody is left believing it applies.

use crate::problems::Problem;
use crate::suppress::Allowlist;
use regex::bytes::{Regex, RegexBuilder};
use std::path::Path;
use toml::{Table, Value};

/// What a gitleaks configuration gives leakscan.
#[derive(Debug, Default)]
pub struct GitleaksConfig {
    pub allowlist: Allowlist,
    /// Commits whose findings are allowed (git modes).
    pub commits: Vec<String>,
    /// The translated `[[rules]]`, as a leakscan rule file's text.
    pub rules: String,
    /// What was used and what was not.
    pub notes: Vec<Problem>,
}

/// Whether `text` is a gitleaks configuration rather than a `.leakscan.toml`.
pub fn looks_like_gitleaks(text: &str) -> bool {
    text.parse::<Table>().is_ok_and(|t| {
        t.get("rules").is_some_and(Value::is_array)
            || t.contains_key("allowlists")
            || t.contains_key("extend")
            || t.contains_key("title")
            || t.get("allowlist")
                .and_then(Value::as_table)
                .is_some_and(|a| a.contains_key("commits") || a.contains_key("description"))
    })
}

impl GitleaksConfig {
    pub fn load(path: &Path, root: &Path) -> Result<GitleaksConfig, Vec<Problem>> {
        let origin = crate::source::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| vec![Problem::io(&origin, &e)])?;
        Self::parse(&text, &origin, root)
    }

    pub fn parse(text: &str, origin: &str, root: &Path) -> Result<GitleaksConfig, Vec<Problem>> {
        let table: Table = toml::from_str(text)
            .map_err(|e| vec![crate::problems::toml_problem(origin, text, &e)])?;
        let note = |msg: String| Problem::new(origin, msg);
        let mut notes = Vec::new();
        let mut ignored: Vec<String> = Vec::new();

        // Allowlists: the old single table and the newer array of tables.
        let mut lists: Vec<&Table> = Vec::new();
        if let Some(Value::Table(t)) = table.get("allowlist") {
            lists.push(t);
        }
        if let Some(Value::Array(a)) = table.get("allowlists") {
            lists.extend(a.iter().filter_map(Value::as_table));
        }
        let strings = |t: &Table, key: &str| -> Vec<String> {
            t.get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let (mut path_res, mut secret_res, mut stopwords, mut commits) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for list in &lists {
            if list
                .get("regexTarget")
                .and_then(Value::as_str)
                .is_some_and(|t| t != "secret")
            {
                ignored.push("an allowlist with regexTarget other than `secret`".into());
                continue;
            }
            path_res.extend(strings(list, "paths"));
            secret_res.extend(strings(list, "regexes"));
            stopwords.extend(strings(list, "stopwords"));
            commits.extend(strings(list, "commits"));
        }
        let mut problems = Vec::new();
        let compile = |r: &String| {
            RegexBuilder::new(r)
                .build()
                .map_err(|_| note(format!("allowlist: {}", crate::problems::regex_error(r))))
        };
        let path_regexes: Vec<Regex> = path_res
            .iter()
            .filter_map(|r| compile(r).map_err(|p| problems.push(p)).ok())
            .collect();
        let secret_regexes: Vec<(String, usize)> = secret_res
            .iter()
            .filter(|r| compile(r).map_err(|p| problems.push(p)).is_ok())
            .map(|r| (r.clone(), 0))
            .collect();
        let mut allowlist = Allowlist::new(root, &[], &secret_regexes, &stopwords)
            .map_err(|(_, msg)| vec![note(msg)])?;
        allowlist.add_path_regexes(path_regexes);

        // Rules.
        let mut rules = String::new();
        let mut translated = 0;
        if let Some(Value::Array(specs)) = table.get("rules") {
            for spec in specs.iter().filter_map(Value::as_table) {
                match translate(spec) {
                    Ok((toml, skipped)) => {
                        rules.push_str(&toml);
                        translated += 1;
                        ignored.extend(skipped);
                    }
                    Err(why) => notes.push(note(why)),
                }
            }
        }
        if table.contains_key("extend") {
            ignored.push("[extend] (leakscan's own rules always apply)".into());
        }
        let used = [
            (path_res.len(), "allowlist path regexes"),
            (secret_res.len(), "allowlist regexes"),
            (stopwords.len(), "stopwords"),
            (commits.len(), "allowlisted commits"),
            (translated, "rules (as gitleaks.*)"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect::<Vec<_>>();
        notes.insert(
            0,
            note(format!(
                "gitleaks configuration: using {}",
                if used.is_empty() {
                    "nothing".to_string()
                } else {
                    used.join(", ")
                }
            )),
        );
        ignored.sort();
        ignored.dedup();
        if !ignored.is_empty() {
            notes.insert(1, note(format!("not used: {}", ignored.join("; "))));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(GitleaksConfig {
            allowlist,
            commits,
            rules,
            notes,
        })
    }
}

/// One gitleaks rule as a leakscan rule file entry, and what of it was left out; `Err` (why)
/// when it cannot be translated.
fn translate(spec: &Table) -> Result<(String, Vec<String>), String> {
    let raw_id = spec.get("id").and_then(Value::as_str).unwrap_or("unnamed");
    let id: String = raw_id
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let id = format!("gitleaks.{}", id.trim_matches('-'));
    let Some(regex) = spec.get("regex").and_then(Value::as_str) else {
        return Err(format!(
            "rule `{raw_id}`: not used: no `regex` (path-only rules have no leakscan equivalent)"
        ));
    };
    let keywords: Vec<String> = spec
        .get("keywords")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default();
    if keywords.is_empty() || keywords.iter().any(|k| k.len() < 2) {
        return Err(format!(
            "rule `{raw_id}`: not used: leakscan needs `keywords` of two or more characters for every rule (its prefilter)"
        ));
    }
    let group = spec
        .get("secretGroup")
        .and_then(Value::as_integer)
        .unwrap_or(-1);
    let pattern = secret_group(regex, group)
        .ok_or_else(|| format!("rule `{raw_id}`: not used: its regex does not parse as a Rust regex, or has no group {group}"))?;
    if RegexBuilder::new(&pattern).build().is_err() {
        return Err(format!(
            "rule `{raw_id}`: not used: its regex is not one Rust's regex engine can build"
        ));
    }
    let mut skipped = Vec::new();
    for (key, what) in [
        ("path", "`path` on a rule"),
        ("allowlist", "per-rule allowlists"),
        ("allowlists", "per-rule allowlists"),
    ] {
        if spec.contains_key(key) {
            skipped.push(what.to_string());
        }
    }
    let description = spec
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or(raw_id);
    let entropy = spec
        .get("entropy")
        .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
        .map(|e| format!("min_entropy = {}\n", e.clamp(0.0, 8.0)))
        .unwrap_or_default();
    let quote = |s: &str| Value::String(s.to_string()).to_string();
    let toml = format!(
        "[[rule]]\nid = {}\ndescription = {}\nkeywords = [{}]\nregex = {}\n{entropy}severity = \"high\"\n\n",
        quote(&id),
        quote(&format!("{description} (gitleaks rule `{raw_id}`)")),
        keywords.iter().map(|k| quote(k)).collect::<Vec<_>>().join(", "),
        quote(&pattern),
    );
    Ok((toml, skipped))
}

/// `regex` with capture group `group` (1-based; 0 = the whole match; -1 = gitleaks' default:
/// the first group if there is one, else the whole match) named `secret`, other groups made
/// non-capturing names dropped; `None` if it does not parse or has no such group.
fn secret_group(regex: &str, group: i64) -> Option<String> {
    use regex_syntax::ast::{self, Ast};
    let parsed = ast::parse::Parser::new().parse(regex).ok()?;
    // Every capture group's opening offset (after its `(`) and the name span to drop.
    let mut groups: Vec<(u32, usize, Option<std::ops::Range<usize>>)> = Vec::new();
    let mut stack = vec![&parsed];
    while let Some(node) = stack.pop() {
        match node {
            Ast::Group(g) => {
                match &g.kind {
                    ast::GroupKind::CaptureIndex(i) => {
                        groups.push((*i, g.span.start.offset + 1, None))
                    }
                    ast::GroupKind::CaptureName { name, .. } => groups.push((
                        name.index,
                        g.span.start.offset + 1,
                        Some(g.span.start.offset + 1..name.span.end.offset + 1),
                    )),
                    ast::GroupKind::NonCapturing(_) => {}
                }
                stack.push(&g.ast);
            }
            Ast::Concat(c) => stack.extend(c.asts.iter()),
            Ast::Alternation(a) => stack.extend(a.asts.iter()),
            Ast::Repetition(r) => stack.push(&r.ast),
            _ => {}
        }
    }
    let want = match group {
        -1 if groups.is_empty() => 0,
        -1 => 1,
        n => u32::try_from(n).ok()?,
    };
    // Edit from the end so earlier offsets stay true: the chosen group gets the name, every
    // other named group loses its name (leakscan allows only `secret` and `name*`).
    let mut out = regex.to_string();
    groups.sort_by_key(|g| std::cmp::Reverse(g.1));
    let mut found = want == 0;
    for (index, open, name) in &groups {
        if let Some(span) = name {
            out.replace_range(span.clone(), "");
        }
        if *index == want {
            out.insert_str(*open, "?P<secret>");
            found = true;
        }
    }
    if want == 0 {
        out = format!("(?P<secret>{out})");
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_group_is_named() {
        assert_eq!(
            secret_group("key=([a-z0-9]{32})", -1).unwrap(),
            "key=(?P<secret>[a-z0-9]{32})"
        );
        assert_eq!(
            secret_group("key=[a-z0-9]{32}", -1).unwrap(),
            "(?P<secret>key=[a-z0-9]{32})"
        );
        assert_eq!(
            secret_group("(acme)_(?P<tok>[a-z0-9]{32})", 2).unwrap(),
            "(acme)_(?P<secret>[a-z0-9]{32})"
        );
        assert_eq!(secret_group("(a)(b)", 3), None);
        assert_eq!(secret_group("(unclosed", 1), None);
    }

    #[test]
    fn allowlists_and_rules_are_used_and_the_rest_named() {
        let text = r#"
title = "acme"
[extend]
useDefault = true

[allowlist]
description = "fixtures"
paths = ['''(^|/)testdata/''']
regexes = ['''^AKIAEXAMPLE''']
stopwords = ["sandbox"]
commits = ["1f2e3d4c5b6a"]

[[rules]]
id = "acme-api-token"
description = "Acme API token"
regex = '''acme_([a-z0-9]{32})'''
keywords = ["acme_"]
entropy = 3.5
path = '''\.env$'''

[[rules]]
id = "no-keywords"
regex = '''x([0-9]{8})'''

[[rules]]
id = "lookaround"
regex = '''(?<=key=)[a-z]{20}'''
keywords = ["key="]
"#;
        let c = GitleaksConfig::parse(text, ".gitleaks.toml", Path::new("")).unwrap();
        let notes: Vec<String> = c.notes.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            notes,
            [
                ".gitleaks.toml: gitleaks configuration: using 1 allowlist path regexes, 1 allowlist regexes, 1 stopwords, 1 allowlisted commits, 1 rules (as gitleaks.*)",
                ".gitleaks.toml: not used: [extend] (leakscan's own rules always apply); `path` on a rule",
                ".gitleaks.toml: rule `no-keywords`: not used: leakscan needs `keywords` of two or more characters for every rule (its prefilter)",
                ".gitleaks.toml: rule `lookaround`: not used: its regex does not parse as a Rust regex, or has no group -1",
            ]
        );
        assert!(
            c.rules.contains("id = \"gitleaks.acme-api-token\""),
            "{}",
            c.rules
        );
        assert!(
            c.rules
                .contains("regex = \"acme_(?P<secret>[a-z0-9]{32})\""),
            "{}",
            c.rules
        );
        assert!(c.rules.contains("min_entropy = 3.5"), "{}", c.rules);
        assert_eq!(c.commits, ["1f2e3d4c5b6a"]);
        assert!(c.allowlist.allows_path(Path::new("pkg/testdata/keys.txt")));
        assert!(looks_like_gitleaks(text));
        assert!(!looks_like_gitleaks("[rules]\ndisable = []\n"));
    }
}
