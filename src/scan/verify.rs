//! Structural checks that a regex cannot express, named by a rule's `verify` key.

use crate::rules::Verify;
use base64::Engine;

pub(crate) fn passes(verify: Verify, secret: &[u8]) -> bool {
    match verify {
        Verify::Jwt => is_jwt(secret),
        Verify::Basic => is_basic_credentials(secret),
    }
}

/// HTTP Basic credentials: standard base64 of printable ASCII `user:password`.
fn is_basic_credentials(secret: &[u8]) -> bool {
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(secret) else {
        return false;
    };
    let printable = decoded.iter().all(|&b| (0x20..0x7f).contains(&b));
    match decoded.iter().position(|&b| b == b':') {
        Some(colon) => printable && colon > 0 && colon + 1 < decoded.len(),
        None => false,
    }
}

/// A JWT's first segment is base64url JSON with an `alg` member; anything else shaped like
/// `eyJ….eyJ….` (a truncated example, random base64) is not a token.
fn is_jwt(secret: &[u8]) -> bool {
    let Some(header) = secret.split(|&b| b == b'.').next() else {
        return false;
    };
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let trimmed: Vec<u8> = header.iter().copied().filter(|&b| b != b'=').collect();
    let Ok(json) = engine.decode(trimmed) else {
        return false;
    };
    match serde_json::from_slice::<serde_json::Value>(&json) {
        Ok(serde_json::Value::Object(map)) => map.get("alg").is_some_and(|a| a.is_string()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_header_must_decode_with_alg() {
        // {"alg":"HS256","typ":"JWT"}
        assert!(is_jwt(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.sig"
        ));
        // {"kid":"fg (truncated, no alg)
        assert!(!is_jwt(b"eyJraWQiOiJmZ.eyJzdWIiOiIxIn0.sig"));
        assert!(!is_jwt(b"not base64!.x.y"));
        // {"typ":"JWT"} has no alg
        assert!(!is_jwt(b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.sig"));
    }

    #[test]
    fn basic_credentials_decode_to_user_colon_password() {
        assert!(is_basic_credentials(b"YWxpY2U6czNjcjN0UGFzcw==")); // alice:s3cr3tPass
        assert!(!is_basic_credentials(b"YWxpY2U=")); // alice (no colon)
        assert!(!is_basic_credentials(b"not-base64!"));
        assert!(!is_basic_credentials(b"OnBhc3M=")); // :pass (no user)
    }
}
