//! The syntax of a rule file (`rules/*.toml`): a serde mirror of the TOML, nothing more.
//! Unknown keys are errors (`deny_unknown_fields`), never silent defaults; a misspelt
//! `min_entropy` must not quietly turn a rule into a noisier one.

use crate::file_kind::Grammar;
use crate::finding::{Confidence, Severity};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    #[serde(default)]
    pub filter: Vec<FilterSpec>,
    #[serde(default)]
    pub part: Vec<PartSpec>,
}

/// A named regex fragment that rules include as `{{id}}`: the secret-name lexicon, the
/// assignment operators, the value classes. A part is reviewed and tested on its own: every
/// example must match it whole, every negative must not.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartSpec {
    pub id: Spanned<String>,
    pub description: String,
    pub regex: Spanned<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub negatives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSpec {
    pub id: Spanned<String>,
    pub description: String,
    pub keywords: Vec<String>,
    pub regex: Spanned<String>,
    pub min_entropy: Option<f64>,
    pub severity: Severity,
    /// How sure a match of this rule is, before the evidence of the match itself (file kind,
    /// value, name) moves it: `high` for provider rules and `medium` for generic ones unless
    /// set.
    pub confidence: Option<Confidence>,
    /// Who issues the credential (`GitHub`, `Talon.One`); absent for generic rules.
    pub provider: Option<String>,
    /// Whether a match is a secret or only an identifier (an account or key id that is not
    /// a credential on its own).
    #[serde(default)]
    pub kind: TokenKind,
    /// Where the token format is documented (SARIF `helpUri`).
    pub help: Option<String>,
    /// A structural check on the secret that a regex cannot express (e.g. a JWT header that
    /// decodes to JSON).
    pub verify: Option<Verify>,
    /// The file grammars a generic rule fits (`code`, `shell`, `config`, `markup`, `docs`,
    /// `other`); every file when absent.
    pub file_kinds: Option<Vec<Grammar>>,
    /// Generic (context-based) rules yield to provider rules that find the same secret.
    #[serde(default)]
    pub generic: bool,
    /// Among overlapping matches of the same kind (provider or generic), the higher precedence
    /// wins: context rules that know the credential type beat name-only ones.
    #[serde(default)]
    pub precedence: i32,
    #[serde(default)]
    pub example: Vec<ExampleSpec>,
    #[serde(default)]
    pub negative: Vec<TextSpec>,
}

/// What a rule's match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A credential: reported.
    #[default]
    Secret,
    /// An identifier that is not a credential on its own (a key id, an account SID).
    Identifier,
}

/// A structural check on a matched secret (`src/scan/verify/`); a match that fails it is
/// dropped. Written in kebab-case in rule files (`crc32-base62`, `aws-key-id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verify {
    /// The secret is a JWT whose header decodes to a JSON object with an `alg` member and whose
    /// claims decode to a JSON object.
    Jwt,
    /// The secret is base64 of a printable `user:password` pair (HTTP Basic credentials).
    Basic,
    /// After the prefix (`sntrys_`, `glc_`, `ops_`) comes base64 of a JSON object.
    JsonPayload,
    /// A UUID with an RFC 9562 version (1–8) and variant.
    Uuid,
    /// A Discord bot token whose first segment is base64 of a numeric user id.
    Discord,
    /// GitHub/npm format: 30 base62 characters then their CRC-32 as 6 base62 digits.
    Crc32Base62,
    /// A bech32 or bech32m string whose checksum holds (age, Nostr keys).
    Bech32,
    /// Base58 with a double-SHA-256 checksum (Bitcoin WIF keys, BIP32 extended keys).
    Base58check,
    /// A PEM body that decodes to exactly one DER SEQUENCE, or to an OpenSSH private key.
    Pem,
    /// A PGP armored body whose first packet is a secret key and whose CRC-24 holds.
    Pgp,
    /// A PyPI token: a macaroon located at pypi.org or test.pypi.org, with a signature.
    Pypi,
    /// An AWS access key id that decodes to a 12-digit account number.
    AwsKeyId,
}

impl Verify {
    /// The name a rule file uses for the check.
    pub fn as_str(self) -> &'static str {
        match self {
            Verify::Jwt => "jwt",
            Verify::Basic => "basic",
            Verify::JsonPayload => "json-payload",
            Verify::Uuid => "uuid",
            Verify::Discord => "discord",
            Verify::Crc32Base62 => "crc32-base62",
            Verify::Bech32 => "bech32",
            Verify::Base58check => "base58check",
            Verify::Pem => "pem",
            Verify::Pgp => "pgp",
            Verify::Pypi => "pypi",
            Verify::AwsKeyId => "aws-key-id",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: String,
    /// The exact secret the example must produce; its line and column are those of its first
    /// occurrence in `text`.
    pub secret: String,
    /// The path the text is scanned under (its file kind matters to generic rules);
    /// `snippet` when absent.
    pub path: Option<String>,
    /// The confidence the finding must have; medium or high (shown by default) when absent.
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    pub text: String,
    /// The path the text is scanned under; `snippet` when absent.
    pub path: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FilterSpec {
    pub id: Spanned<String>,
    pub description: String,
    pub target: FilterTarget,
    pub regex: Spanned<String>,
    /// Rule ids the filter applies to (`generic.*` matches a whole family); all rules if absent.
    pub rules: Option<Vec<String>>,
    /// A match keeps this confidence instead of being dropped (`low`: weak evidence, shown
    /// only with `--confidence low`).
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub example: Vec<TextSpec>,
}

/// What a filter's regex is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterTarget {
    /// The secret's bytes: placeholders, templates, truncated examples.
    Secret,
    /// The whole line the secret starts on: context such as an environment look-up.
    Line,
    /// The name the value is assigned to, for rules that capture one (`(?P<name>...)`).
    Name,
}
