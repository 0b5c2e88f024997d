//! Structural checks that a regex cannot express, named by a rule's `verify` key: checksums
//! embedded in a token (`checksum`), encodings a token is made of (`structure`), and key
//! material and provider ids with an inner layout (`keys`). Each returns `false` for a match
//! that has the token's shape but not its structure, and the scanner drops that match.

mod checksum;
mod keys;
mod structure;

use crate::rules::Verify;

pub(crate) fn passes(verify: Verify, secret: &[u8]) -> bool {
    match verify {
        Verify::Jwt => structure::is_jwt(secret),
        Verify::Basic => structure::is_basic_credentials(secret),
        Verify::JsonPayload => structure::has_json_payload(secret),
        Verify::Uuid => structure::is_uuid(secret),
        Verify::Discord => structure::is_discord_token(secret),
        Verify::Crc32Base62 => checksum::crc32_base62_holds(secret),
        Verify::Bech32 => checksum::bech32_holds(secret),
        Verify::Base58check => checksum::base58check_holds(secret),
        Verify::Pem => keys::is_der_or_openssh(secret),
        Verify::Pgp => keys::is_pgp_secret_key(secret),
        Verify::Pypi => keys::is_pypi_macaroon(secret),
        Verify::AwsKeyId => keys::aws_account_id(secret).is_some(),
    }
}

/// Base64 in any of the common alphabets (standard or URL-safe, padded or not), as tokens
/// embed it.
pub(super) fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    use base64::Engine;
    let url = text.iter().any(|&b| b == b'-' || b == b'_');
    let engines = if url {
        [URL_SAFE, URL_SAFE_NO_PAD]
    } else {
        [STANDARD, STANDARD_NO_PAD]
    };
    engines.iter().find_map(|e| e.decode(text).ok())
}
