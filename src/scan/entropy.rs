//! Shannon entropy of a candidate secret. `shannon` is bits per byte, from the `entropy` crate,
//! which is what the rule files' `min_entropy` thresholds are written against. `relative` is our
//! own: the same entropy as a share of the most a value of that length over that alphabet could
//! have, because bits per byte alone punish short values and small alphabets (a random 12-digit
//! hex key cannot reach 4 bits, a random 40-character one nearly does), so it cannot compare a
//! hex token with a base62 one, or a 12-character password with a 40-character key.

pub(crate) fn shannon(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    f64::from(entropy::shannon_entropy(bytes))
}

/// The smallest usual alphabet that holds every byte of `value`: hex (16), lower-case letters
/// and digits (36), letters and digits (62), base64 (64), printable ASCII (95), or any byte.
fn alphabet(value: &[u8]) -> f64 {
    let all = |f: fn(&u8) -> bool| value.iter().all(f);
    if all(u8::is_ascii_hexdigit)
        && (all(|b| !b.is_ascii_uppercase()) || all(|b| !b.is_ascii_lowercase()))
    {
        16.0
    } else if all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        36.0
    } else if all(u8::is_ascii_alphanumeric) {
        62.0
    } else if all(|b| b.is_ascii_alphanumeric() || b"+/=_-".contains(b)) {
        64.0
    } else if all(|b| (0x20..0x7f).contains(b)) {
        95.0
    } else {
        256.0
    }
}

/// Shannon entropy as a share (0..=1) of the most a value of this length over its alphabet
/// could have: log2(min(length, alphabet size)).
pub(crate) fn relative(value: &[u8]) -> f64 {
    if value.len() < 2 {
        return 0.0;
    }
    let most = (value.len() as f64).min(alphabet(value)).log2();
    (shannon(value) / most).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::{relative, shannon};

    #[test]
    fn known_values() {
        assert_eq!(shannon(b""), 0.0);
        assert_eq!(shannon(b"aaaaaaaa"), 0.0);
        assert!((shannon(b"abab") - 1.0).abs() < 1e-6);
        assert!((shannon(b"0123456789abcdef") - 4.0).abs() < 1e-6);
        // A random-looking hex key scores well above a repetitive placeholder.
        assert!(shannon(b"dbc644d33aa74d582bd9479c59e16f97") > 3.5);
        assert!(shannon(b"xxxxxxxxxxxxxxxx") < 0.1);
    }

    #[test]
    fn relative_entropy_compares_lengths_and_alphabets() {
        // Random values score high whatever their length and alphabet...
        for random in [
            &b"6a61eb0296034c89b49cc51dde9b40aa"[..],
            b"2UsevZE1x1ZdFZW4MNzH",
            b"x854ZY5Re3aCkdNL",
            b"aUPtawPzE9NU",
            b"cb67e0e7387d9eac",
        ] {
            assert!(
                relative(random) > 0.8,
                "{}",
                String::from_utf8_lossy(random)
            );
        }
        // ...repetitive ones low, though their bits per byte are those of a short random key.
        for repetitive in [
            &b"1111222233334444"[..],
            b"abababababababab",
            b"aaaabbbbccccdddd",
        ] {
            assert!(
                relative(repetitive) < 0.7,
                "{}",
                String::from_utf8_lossy(repetitive)
            );
        }
        assert!(relative(b"supersecure") < 0.75);
    }
}
