//! What `leakscan rules list` and `rules show` print: rules selected by family, severity and
//! confidence, as aligned text or JSON, and one rule in full with its examples. Rule examples are
//! synthetic, so they are printed as written (no redaction).

use super::{Rule, RuleSet, TokenKind, Verify};
use std::io::{self, Write};

/// Which rules `rules list` prints; an empty list means no restriction on that field.
#[derive(Debug, Default, Clone)]
pub struct RuleFilter {
    /// Families (`github`, the part of the id before the dot).
    pub families: Vec<String>,
    /// `critical`, `high`, `medium`, `low`.
    pub severities: Vec<String>,
    /// `high`, `medium`, `low`.
    pub confidences: Vec<String>,
}

impl RuleFilter {
    fn keeps(&self, rule: &Rule) -> bool {
        let any = |list: &[String], value: &str| list.is_empty() || list.iter().any(|v| v == value);
        any(&self.families, family(&rule.id))
            && any(&self.severities, rule.severity.as_str())
            && any(&self.confidences, rule.confidence.as_str())
    }

    /// The rules the filter keeps, in rule-set order; `Err` names a `--family` that no rule
    /// has (a typo would otherwise print nothing and look like success).
    pub fn select<'a>(&self, set: &'a RuleSet) -> Result<Vec<&'a Rule>, String> {
        if let Some(missing) = self
            .families
            .iter()
            .find(|f| !set.rules().iter().any(|r| family(&r.id) == f.as_str()))
        {
            return Err(format!("no rule family `{missing}`"));
        }
        Ok(set.rules().iter().filter(|r| self.keeps(r)).collect())
    }
}

fn family(id: &str) -> &str {
    id.split('.').next().unwrap_or(id)
}

pub fn kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Secret => "secret",
        TokenKind::Identifier => "identifier",
    }
}

/// One line per rule: id, provider, kind, confidence, severity, description; the provider
/// column is as wide as the longest provider listed.
pub fn write_list(out: &mut dyn Write, rules: &[&Rule]) -> io::Result<()> {
    let provider = |r: &Rule| r.provider.clone().unwrap_or_else(|| "-".to_string());
    let width = rules
        .iter()
        .map(|r| provider(r).chars().count())
        .max()
        .unwrap_or(0);
    for r in rules {
        writeln!(
            out,
            "{:<44} {:<width$} {:<10} {:<6} {:<8} {}",
            r.id,
            provider(r),
            kind_name(r.kind),
            r.confidence.as_str(),
            r.severity,
            r.description
        )?;
    }
    Ok(())
}

/// The JSON rows of `rules list --format json`.
pub fn list_json(rules: &[&Rule]) -> Vec<serde_json::Value> {
    rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "description": r.description,
                "severity": r.severity,
                "confidence": r.confidence,
                "provider": r.provider,
                "kind": kind_name(r.kind),
                "help": r.help,
                "keywords": r.keywords,
                "verify": r.verify.map(Verify::as_str),
                "scope": if r.multiline() { "blob" } else { "line" },
                "origin": r.origin,
            })
        })
        .collect()
}

/// `rules show ID`: every field, then the examples and negatives as written.
pub fn write_rule(out: &mut dyn Write, r: &Rule) -> io::Result<()> {
    let field = |out: &mut dyn Write, name: &str, value: &str| writeln!(out, "{name:<12} {value}");
    field(out, "id", &r.id)?;
    field(out, "description", &r.description)?;
    field(out, "provider", r.provider.as_deref().unwrap_or("-"))?;
    field(out, "kind", kind_name(r.kind))?;
    field(out, "severity", r.severity.as_str())?;
    field(out, "confidence", r.confidence.as_str())?;
    field(out, "help", r.help.as_deref().unwrap_or("-"))?;
    field(out, "keywords", &r.keywords.join(", "))?;
    field(out, "regex", &r.pattern)?;
    let entropy = r.min_entropy.map_or("-".to_string(), |e| e.to_string());
    field(out, "min_entropy", &entropy)?;
    field(out, "verify", r.verify.map_or("-", Verify::as_str))?;
    field(out, "scope", if r.multiline() { "blob" } else { "line" })?;
    field(out, "origin", &r.origin)?;
    for (i, ex) in r.examples.iter().enumerate() {
        writeln!(out, "\nexample {}:", i + 1)?;
        indented(out, &ex.text)?;
        writeln!(out, "  secret: {}", ex.secret)?;
    }
    for (i, neg) in r.negatives.iter().enumerate() {
        writeln!(out, "\nnegative {}:", i + 1)?;
        indented(out, &neg.text)?;
    }
    Ok(())
}

fn indented(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for line in text.trim_end_matches('\n').lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// The id closest to a mistyped one, for `rules show`.
pub fn closest<'a>(set: &'a RuleSet, id: &str) -> Option<&'a str> {
    set.rules()
        .iter()
        .map(|r| (strsim::jaro_winkler(&r.id, id), r.id.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}
