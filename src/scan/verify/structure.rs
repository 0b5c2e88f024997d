//! Tokens made of a known encoding: JWTs, HTTP Basic credentials, prefixed base64 JSON
//! payloads (Sentry org tokens, Grafana Cloud tokens, 1Password service accounts), UUIDs and
//! Discord bot tokens.

use super::decode_base64;

/// HTTP Basic credentials: standard base64 of printable ASCII `user:password`.
pub(super) fn is_basic_credentials(secret: &[u8]) -> bool {
    use base64::Engine;
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(secret) else {
        return false;
    };
    let printable = decoded.iter().all(|&b| (0x20..0x7f).contains(&b));
    match decoded.iter().position(|&b| b == b':') {
        Some(colon) => printable && colon > 0 && colon + 1 < decoded.len(),
        None => false,
    }
}

/// A JWT (RFC 7519): the header is base64url JSON with a string `alg`, and the claims (the
/// second segment) are base64url of a JSON object. Anything else shaped like `eyJ….eyJ….`
/// (a truncated example, random base64) is not a token.
pub(super) fn is_jwt(secret: &[u8]) -> bool {
    let mut parts = secret.split(|&b| b == b'.');
    let (Some(header), Some(claims)) = (parts.next(), parts.next()) else {
        return false;
    };
    let header_ok = match json_object(header) {
        Some(map) => map.get("alg").is_some_and(|a| a.is_string()),
        None => false,
    };
    header_ok && json_object(claims).is_some()
}

fn json_object(segment: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    let trimmed: Vec<u8> = segment.iter().copied().filter(|&b| b != b'=').collect();
    let json = decode_base64(&trimmed)?;
    match serde_json::from_slice::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// `prefix_<base64 JSON object>[_<secret>]`: the part after the first `_` (the whole token
/// when there is none), up to the next `_`, is base64 of a JSON object. Sentry org tokens
/// (`sntrys_`), Grafana Cloud tokens (`glc_`), Grafana API keys (`eyJrIjoi…`) and 1Password
/// service-account tokens (`ops_`) carry their issuer's metadata this way.
pub(super) fn has_json_payload(secret: &[u8]) -> bool {
    let body = match secret.iter().position(|&b| b == b'_') {
        Some(i) if !secret.starts_with(b"eyJ") => &secret[i + 1..],
        _ => secret,
    };
    // Sentry puts a `_` between the payload and the secret; base64url payloads would have `_`
    // inside, but the issuers that use this form all write standard base64.
    let payload = body.split(|&b| b == b'_').next().unwrap_or(body);
    json_object(payload).is_some()
}

/// A UUID (RFC 9562) as issued: version 1–8 in the version nibble and the RFC variant
/// (`8`, `9`, `a` or `b`) in the variant nibble. Hand-typed shapes (`12345678-1234-…`) and
/// the nil UUID fail.
pub(super) fn is_uuid(secret: &[u8]) -> bool {
    let text = match secret.len() {
        36 => secret,
        // `HRKU-` and other prefixes before the UUID.
        n if n > 36 => &secret[n - 36..],
        _ => return false,
    };
    let hex = |b: &u8| b.is_ascii_hexdigit();
    let dashes = [8, 13, 18, 23];
    let shape = text.iter().enumerate().all(|(i, b)| {
        if dashes.contains(&i) {
            *b == b'-'
        } else {
            hex(b)
        }
    });
    let version = text[14];
    let variant = text[19].to_ascii_lowercase();
    shape && (b'1'..=b'8').contains(&version) && matches!(variant, b'8' | b'9' | b'a' | b'b')
}

/// A Discord bot token's first segment is base64 of the bot's user id, a snowflake of 17–20
/// decimal digits.
pub(super) fn is_discord_token(secret: &[u8]) -> bool {
    let Some(first) = secret.split(|&b| b == b'.').next() else {
        return false;
    };
    match decode_base64(first) {
        Some(id) => (17..=20).contains(&id.len()) && id.iter().all(u8::is_ascii_digit),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_header_must_decode_with_alg_and_claims_to_an_object() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"1"}
        assert!(is_jwt(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.sig"
        ));
        // {"kid":"fg (truncated, no alg)
        assert!(!is_jwt(b"eyJraWQiOiJmZ.eyJzdWIiOiIxIn0.sig"));
        assert!(!is_jwt(b"not base64!.x.y"));
        // {"typ":"JWT"} has no alg
        assert!(!is_jwt(b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.sig"));
        // claims `eyJzdWIiOi` decode to `{"sub":` — not JSON
        assert!(!is_jwt(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi.sig"
        ));
        // no claims segment at all
        assert!(!is_jwt(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"));
    }

    #[test]
    fn basic_credentials_decode_to_user_colon_password() {
        assert!(is_basic_credentials(b"YWxpY2U6czNjcjN0UGFzcw==")); // alice:s3cr3tPass
        assert!(!is_basic_credentials(b"YWxpY2U=")); // alice (no colon)
        assert!(!is_basic_credentials(b"not-base64!"));
        assert!(!is_basic_credentials(b"OnBhc3M=")); // :pass (no user)
    }

    #[test]
    fn json_payload_after_the_prefix() {
        // sntrys_ + base64 {"iat":1,"org":"acme"} + _ + secret
        assert!(has_json_payload(
            b"sntrys_eyJpYXQiOjEsIm9yZyI6ImFjbWUifQ==_c2VjcmV0c2VjcmV0c2VjcmV0"
        ));
        // glc_ + base64 {"o":"1"}
        assert!(has_json_payload(b"glc_eyJvIjoiMSJ9"));
        // a Grafana API key is the payload itself: {"k":"x"}
        assert!(has_json_payload(b"eyJrIjoieCJ9"));
        // base64 of `{"o":` (cut short) is not an object
        assert!(!has_json_payload(b"glc_eyJvIjo"));
        // random base64
        assert!(!has_json_payload(b"glc_Q2F0c0FuZERvZ3NBbmRGaXNo"));
    }

    #[test]
    fn uuid_version_and_variant() {
        assert!(is_uuid(b"3f0c8a52-7d1e-4b9a-9c2f-51e7a0d4b6c8")); // v4, variant 9
        assert!(is_uuid(b"HRKU-3f0c8a52-7d1e-4b9a-9c2f-51e7a0d4b6c8"));
        assert!(is_uuid(b"01890a5d-ac96-774b-bcce-b302099a8057")); // v7
        assert!(!is_uuid(b"12345678-1234-1234-1234-123456789012")); // variant 1
        assert!(!is_uuid(b"00000000-0000-0000-0000-000000000000")); // nil
        assert!(!is_uuid(b"3f0c8a52-7d1e-9b9a-9c2f-51e7a0d4b6c8")); // version 9
        assert!(!is_uuid(b"3f0c8a52-7d1e-4b9a-cc2f-51e7a0d4b6c8")); // variant c
        assert!(!is_uuid(b"3f0c8a527d1e4b9a9c2f51e7a0d4b6c8")); // no dashes
    }

    #[test]
    fn discord_token_starts_with_a_snowflake() {
        // base64("812345678901234567") = ODEyMzQ1Njc4OTAxMjM0NTY3
        assert!(is_discord_token(
            b"ODEyMzQ1Njc4OTAxMjM0NTY3.YKx3bQ.Zq8vT1mB4nR7cW2xY5pL9sD3fG6hJ0kE1aQ"
        ));
        // base64("hello world, friends") is not digits
        assert!(!is_discord_token(
            b"aGVsbG8gd29ybGQsIGZyaWVuZHM.YKx3bQ.Zq8vT1mB4nR7cW2xY5pL9sD3fG6hJ0kE1aQ"
        ));
        assert!(!is_discord_token(b"!!!.YKx3bQ.x"));
    }
}
