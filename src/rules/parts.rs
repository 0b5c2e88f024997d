//! Parts: named pieces of regex kept as data (the secret-name lexicon, assignment forms,
//! value classes), written `{{id}}` in a rule's regex and expanded before it is parsed.

use std::collections::HashMap;

/// A named regex fragment (`{{id}}` in a rule's regex), with the examples that must match it
/// whole and the negatives that must not.
#[derive(Debug)]
pub struct Part {
    pub id: String,
    pub description: String,
    pub pattern: String,
    pub examples: Vec<String>,
    pub negatives: Vec<String>,
    pub origin: String,
}

/// The most bytes a regex may grow to once its parts are expanded: parts that include parts
/// could otherwise double a pattern at every level (a rule file made to eat memory).
const MAX_EXPANDED: usize = 256 * 1024;
/// How deep parts may include parts.
const MAX_PART_DEPTH: usize = 8;

/// `pattern` with every `{{id}}` replaced by `(?:<part>)`, parts within parts included.
pub(crate) fn expand_parts(pattern: &str, parts: &HashMap<&str, &str>) -> Result<String, String> {
    fn go(
        pattern: &str,
        parts: &HashMap<&str, &str>,
        depth: usize,
        out: &mut String,
    ) -> Result<(), String> {
        let mut rest = pattern;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}") else {
                break;
            };
            let id = &rest[open + 2..open + 2 + close];
            out.push_str(&rest[..open]);
            let Some(part) = parts.get(id) else {
                return Err(format!(
                    "no part `{id}` (write `{{{{id}}}}` for a [[part]] id)"
                ));
            };
            if depth >= MAX_PART_DEPTH {
                return Err(format!("parts nest deeper than {MAX_PART_DEPTH} at `{id}`"));
            }
            out.push_str("(?:");
            go(part, parts, depth + 1, out)?;
            out.push(')');
            if out.len() > MAX_EXPANDED {
                return Err(format!(
                    "the regex grows past {} KiB once its parts are expanded",
                    MAX_EXPANDED / 1024
                ));
            }
            rest = &rest[open + 2 + close + 2..];
        }
        out.push_str(rest);
        Ok(())
    }
    if !pattern.contains("{{") {
        return Ok(pattern.to_string());
    }
    let mut out = String::with_capacity(pattern.len() * 2);
    go(pattern, parts, 0, &mut out)?;
    Ok(out)
}
