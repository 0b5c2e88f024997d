//! The confidence of an accepted match, from evidence.
//!
//! - **High**: a provider's token format (rules that are not `generic`), with its checksum or
//!   structure checked where the rule has one. A key in a test is still a key.
//! - **Medium**: a generic (context) match: a strong secret name, a literal value that passed
//!   the filters and the entropy bar, or a password-named key with a literal value in config.
//! - **Low**: weak evidence. A generic value that reads as words or sample data in tests,
//!   fixtures, examples and docs, comments and docstrings included (`bar-pass`, `squirrel!`); anything generic in vendored or
//!   generated code (not the user's to fix); HTTP Basic credentials whose password reads as
//!   words in tests (`am9lam9lOmhlbGxv` is `joejoe:hello`); matches that a filter with
//!   `confidence = "low"` marks as weak (weak names).
//!
//! A random-looking value in a test file keeps its confidence: real keys get pasted into tests.

use super::value;
use crate::file_kind::FileKind;
use crate::finding::Confidence;
use crate::rules::{Rule, Verify};

/// The confidence of a match of `rule` on `secret` in a file of `kind`; `floor` is the lowest
/// confidence a lowering filter set for it; `in_docs` says the match sits in a comment or a
/// docstring, which counts as documentation.
pub(crate) fn of(
    rule: &Rule,
    kind: &FileKind,
    secret: &[u8],
    floor: Option<Confidence>,
    in_docs: bool,
) -> Confidence {
    let mut confidence = rule.confidence;
    if let Some(floor) = floor {
        confidence = confidence.min(floor);
    }
    let mut context = kind.context;
    context.docs |= in_docs;
    if rule.generic {
        if context.vendored || context.generated {
            confidence = confidence.min(Confidence::Low);
        }
        if context.samples() && !value::looks_random(secret) {
            confidence = confidence.min(Confidence::Low);
        }
    } else if rule.verify == Some(Verify::Basic) && context.samples() {
        // The password of `user:password` is what a person chose; judge it like a password.
        let password = value::decode_base64(secret).and_then(|d| {
            d.iter()
                .position(|&b| b == b':')
                .map(|i| d[i + 1..].to_vec())
        });
        if password.is_some_and(|p| !value::looks_random(&p)) {
            confidence = confidence.min(Confidence::Low);
        }
    }
    confidence
}
