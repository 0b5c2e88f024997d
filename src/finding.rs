//! Findings and the secret they hold. `Secret` redacts itself wherever it is displayed or
//! serialized; the only way to see the bytes is `Secret::show(Disclosure::Reveal)`, which a
//! reporter can only reach when the user passed `--reveal`.

use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::fmt;

/// How severe a leaked credential of this kind is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How sure leakscan is that a finding is a live secret, from the evidence it had: `High` for a
/// provider's token format (with its checksum or structure where it has one), `Medium` for a
/// strong secret name with a literal, random-looking value (or a password-named key with a
/// literal value in config), `Low` for weak evidence (values that read as words or sample data in
/// tests and docs, weak names, vendored code). Reports show `Medium` and up unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Whether reports may show secrets. Redacted unless the user opted in with `--reveal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Disclosure {
    #[default]
    Redact,
    Reveal,
}

/// The bytes of a found secret. `Display` and `Serialize` redact: at most the first four
/// characters, and only for secrets of 16 characters or more (`dbc6…`); shorter ones are fully
/// masked, and the mask has a fixed width so it does not leak the length either.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

const MASK: &str = "*****";

impl Secret {
    pub fn new(bytes: &[u8]) -> Self {
        Secret(bytes.to_vec())
    }

    /// The secret as reports may show it under `disclosure`.
    pub fn show(&self, disclosure: Disclosure) -> String {
        match disclosure {
            Disclosure::Reveal => String::from_utf8_lossy(&self.0).into_owned(),
            Disclosure::Redact => self.redacted(),
        }
    }

    fn redacted(&self) -> String {
        let text = String::from_utf8_lossy(&self.0);
        if text.chars().count() >= 16 {
            let head: String = text.chars().take(4).collect();
            format!("{head}…")
        } else {
            MASK.to_string()
        }
    }

    /// The raw bytes, for fingerprints and tests; never for output.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.redacted())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}

/// One credential found in one blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule_id: String,
    pub description: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// The path as given on the command line or found by the walker, with `/` separators.
    pub path: String,
    /// 1-based line and column of the first character of the secret.
    pub line: usize,
    pub column: usize,
    /// 1-based line and exclusive column just past the secret's last character.
    pub end_line: usize,
    pub end_column: usize,
    /// Byte range of the secret in the blob.
    pub start: usize,
    pub end: usize,
    pub secret: Secret,
    pub fingerprint: String,
    /// The fingerprint earlier versions wrote for this finding (a fast hash of the secret), to
    /// recognise it in old baselines and ignore files; never reported.
    pub legacy_fingerprint: String,
    /// The commit that introduced the secret, for findings from git history (none for files
    /// and for the index).
    pub commit: Option<String>,
    /// The secret's line, shortened around it, for the text report.
    pub excerpt: Excerpt,
    /// Other places the same rule found the same secret (see `present`): one finding per
    /// secret, every place still listed.
    pub also: Vec<Place>,
}

/// Another place a finding's secret occurs (see `Finding::also`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The fingerprint a finding at this place would have, so a baseline or
    /// `.leakscanignore` written from a grouped report still matches each place.
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

/// A finding's source line, shortened around the secret, with every secret on the line held
/// as a `Secret` (so an excerpt redacts exactly as the finding does, other findings' secrets
/// on the same line included). Text pieces have control characters replaced, so a hostile
/// file cannot send escape sequences to a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt(pub Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A secret; `this` marks the finding's own.
    Secret {
        secret: Secret,
        this: bool,
    },
}

/// `text` with every control character written as an escape (`\n`, `\r`, `\t`, `\x1b`,
/// `\u{85}`): safe to print on a terminal or in a CI log, where a raw newline could start a
/// forged `::warning` workflow command and an ESC could drive the terminal, and still showing
/// what is there (a revealed PEM key keeps its line breaks as `\n`).
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

impl Finding {
    /// Take `other`, a finding of the same secret by the same rule, as one more of this one's
    /// places (with the places it had gathered). The group speaks with the surest of them.
    pub fn absorb(&mut self, other: Finding) {
        self.confidence = self.confidence.max(other.confidence);
        self.also.push(Place {
            path: other.path,
            line: other.line,
            column: other.column,
            end_line: other.end_line,
            end_column: other.end_column,
            fingerprint: other.fingerprint,
            commit: other.commit,
        });
        self.also.extend(other.also);
    }

    /// Shannon entropy of the secret in bits per byte (what gitleaks reports as `Entropy`).
    pub fn entropy(&self) -> f64 {
        let bytes = self.secret.expose();
        if bytes.is_empty() {
            0.0
        } else {
            f64::from(entropy::shannon_entropy(bytes))
        }
    }

    /// Report order: walk order is random, output must not be.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.path, self.line, self.column, &self.rule_id)
    }
}

/// PBKDF2-HMAC-SHA256 rounds that stand between a fingerprint and the secret in it. A
/// fingerprint is uploaded with SARIF to code scanning and kept in baselines, so anyone who can
/// read it could try a dictionary of passwords against it: with a fast hash, `Tr0ub4dor&3` falls
/// in a second. These rounds make every guess cost what computing a fingerprint costs (about a
/// millisecond here, measured in benches/scan.rs), for every finding separately: the rule and
/// the path salt it, so no table computed once serves two findings.
pub const FINGERPRINT_ROUNDS: u32 = 4_096;

/// The secret-bearing part of a finding's fingerprints: a slow, salted key derived from the
/// secret. Computed once per secret per file; each copy then costs one fast hash.
pub struct FingerprintKey {
    rule_id: String,
    path: String,
    key: [u8; 32],
    /// The pre-0.2 fingerprint's secret input, kept only to recognise old baselines and
    /// `.leakscanignore` entries; never written out.
    legacy: Vec<u8>,
}

impl FingerprintKey {
    pub fn new(rule_id: &str, path: &str, secret: &[u8]) -> Self {
        let mut salt = Vec::with_capacity(rule_id.len() + path.len() + 32);
        salt.extend_from_slice(b"leakscan/fingerprint/v2\0");
        salt.extend_from_slice(rule_id.as_bytes());
        salt.push(0);
        salt.extend_from_slice(path.as_bytes());

        let key = crate::kdf::pbkdf2_sha256(secret, &salt, FINGERPRINT_ROUNDS);
        FingerprintKey {
            rule_id: rule_id.to_string(),
            path: path.to_string(),
            key,
            legacy: secret.to_vec(),
        }
    }

    /// The fingerprint of copy number `occurrence` (0 for the first) of the secret in the file:
    /// 128 bits of SHA-256 over the rule id, the path, the derived key and the copy number. It
    /// holds no line number, so it survives lines inserted above the secret.
    pub fn fingerprint(&self, occurrence: usize) -> String {
        let mut h = Sha256::new();
        h.update(b"leakscan/fingerprint/v2\0");
        h.update(self.rule_id.as_bytes());
        h.update([0]);
        h.update(self.path.as_bytes());
        h.update([0]);
        h.update(self.key);
        h.update(occurrence.to_string().as_bytes());
        hex(&h.finalize()[..16])
    }

    /// The fingerprint leakscan wrote before it derived a key (SHA-256 over rule, path and the
    /// secret itself), to keep reading baselines and ignore files written then.
    pub fn legacy_fingerprint(&self, occurrence: usize) -> String {
        let mut h = Sha256::new();
        h.update(self.rule_id.as_bytes());
        h.update([0]);
        h.update(self.path.as_bytes());
        h.update([0]);
        h.update(&self.legacy);
        if occurrence > 0 {
            h.update([0]);
            h.update(occurrence.to_string().as_bytes());
        }
        hex(&h.finalize()[..16])
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprint of copy `occurrence` of `secret` under `rule_id` in `path` (see
/// `FingerprintKey`).
pub fn fingerprint(rule_id: &str, path: &str, secret: &[u8], occurrence: usize) -> String {
    FingerprintKey::new(rule_id, path, secret).fingerprint(occurrence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_secrets_show_four_characters() {
        let s = Secret::new(b"dbc644d33aa74d582bd9479c59e16f97");
        assert_eq!(s.to_string(), "dbc6…");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"dbc6…\"");
        assert_eq!(format!("{s:?}"), "Secret(dbc6…)");
    }

    #[test]
    fn short_secrets_are_fully_masked() {
        assert_eq!(Secret::new(b"hunter2").to_string(), "*****");
        assert_eq!(Secret::new(b"123456789012345").to_string(), "*****");
        assert_eq!(Secret::new(b"1234567890123456").to_string(), "1234…");
    }

    #[test]
    fn multibyte_secrets_redact_by_character() {
        let s = Secret::new("ééééabcdefghijklmnop".as_bytes());
        assert_eq!(s.to_string(), "éééé…");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            printable("a\nb\r\tc\u{1b}[31md\u{85}e"),
            "a\\nb\\r\\tc\\x1b[31md\\u{85}e"
        );
        assert_eq!(printable("é ok"), "é ok");
    }

    #[test]
    fn reveal_is_explicit() {
        let s = Secret::new(b"hunter2");
        assert_eq!(s.show(Disclosure::Redact), "*****");
        assert_eq!(s.show(Disclosure::Reveal), "hunter2");
    }

    #[test]
    fn fingerprint_depends_on_content_not_position() {
        let a = fingerprint("r.x", "a.txt", b"secret", 0);
        assert_eq!(a, fingerprint("r.x", "a.txt", b"secret", 0));
        assert_eq!(a.len(), 32);
        assert_ne!(a, fingerprint("r.y", "a.txt", b"secret", 0));
        assert_ne!(a, fingerprint("r.x", "b.txt", b"secret", 0));
        assert_ne!(a, fingerprint("r.x", "a.txt", b"secreT", 0));
        assert_ne!(a, fingerprint("r.x", "a.txt", b"secret", 1));
    }

    #[test]
    fn fingerprints_are_stable_across_versions_of_this_code() {
        // Pinned: a change here breaks every baseline and ignore file in use.
        let k = FingerprintKey::new(
            "generic.password-assignment",
            "app/settings.py",
            b"Tr0ub4dor&3",
        );
        assert_eq!(k.fingerprint(0), "154dfc311b4d6b200f93514cc8c7839d");
        // The fast, unsalted form of earlier versions, still recognised.
        assert_eq!(k.legacy_fingerprint(0), "42e9155dcbcd75ebd68b78e028f38660");
    }
}
