//! Checksums that issuers embed in a token: CRC32 in base62 (GitHub, npm), bech32 (age,
//! Nostr), base58check (Bitcoin WIF keys and BIP32 extended private keys). A random string of
//! the right shape fails each of them with probability about 1 − 2⁻³⁰.

use sha2::{Digest, Sha256};

/// CRC-32 (IEEE 802.3, the zlib one), bit by bit: verification runs only on matches.
pub(super) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub's token format (ghp_, gho_, ghu_, ghs_, ghr_) and npm's (npm_): a prefix ending in
/// `_`, 30 random base62 characters, and 6 base62 digits (0-9A-Za-z order) holding the CRC-32
/// of those 30 characters.
/// <https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/>
pub(super) fn crc32_base62_holds(secret: &[u8]) -> bool {
    let body = match secret.iter().rposition(|&b| b == b'_') {
        Some(i) => &secret[i + 1..],
        None => secret,
    };
    if body.len() <= 6 {
        return false;
    }
    let (random, check) = body.split_at(body.len() - 6);
    let mut value: u64 = 0;
    for c in check {
        let Some(digit) = BASE62.iter().position(|b| b == c) else {
            return false;
        };
        value = value * 62 + digit as u64;
    }
    value == u64::from(crc32(random))
}

const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// Bech32 (BIP 173) or bech32m (BIP 350): `hrp` `1` data, whose last six characters are a
/// BCH checksum over the human-readable part and the data. Case-insensitive but not mixed.
pub(super) fn bech32_holds(secret: &[u8]) -> bool {
    let lower = secret.iter().any(u8::is_ascii_lowercase);
    let upper = secret.iter().any(u8::is_ascii_uppercase);
    if lower && upper {
        return false;
    }
    let text: Vec<u8> = secret.to_ascii_lowercase();
    let Some(sep) = text.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&text[..sep], &text[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 {
        return false;
    }
    let mut values: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.iter().map(|c| c & 31));
    for c in data {
        match BECH32.iter().position(|b| b == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    let residue = polymod(&values);
    residue == 1 || residue == 0x2bc8_30a3
}

fn polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58check: base58 of a payload followed by the first four bytes of its double SHA-256.
pub(super) fn base58check_holds(secret: &[u8]) -> bool {
    let Some(bytes) = base58_decode(secret) else {
        return false;
    };
    if bytes.len() < 5 {
        return false;
    }
    let (payload, check) = bytes.split_at(bytes.len() - 4);
    let hash = Sha256::digest(Sha256::digest(payload));
    hash[..4] == *check
}

fn base58_decode(text: &[u8]) -> Option<Vec<u8>> {
    // Big-endian base-256 digits, grown as needed; tokens are short.
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    for c in text {
        let mut carry = BASE58.iter().position(|b| b == c)? as u32;
        for byte in out.iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = text.iter().take_while(|&&c| c == b'1').count();
    let mut full = vec![0u8; zeros];
    full.extend(out);
    Some(full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_value() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn github_and_npm_checksums() {
        assert!(crc32_base62_holds(
            b"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"
        ));
        assert!(crc32_base62_holds(
            b"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"
        ));
        // one character of the random part changed
        assert!(!crc32_base62_holds(
            b"ghp_Xk3mQ9vR2tLp8ZwN4yB7cF1dH6jS0b1CyGUC"
        ));
        // one character of the checksum changed
        assert!(!crc32_base62_holds(
            b"ghp_Xk3mQ9vR2tLp8ZwN4yB7cF1dH6jS0a1CyGUD"
        ));
        assert!(!crc32_base62_holds(
            b"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        ));
        assert!(!crc32_base62_holds(b"ghp_abc"));
        assert!(!crc32_base62_holds(
            b"ghp_Xk3mQ9vR2tLp8ZwN4yB7cF1dH6jS0a1Cy-UC"
        ));
    }

    #[test]
    fn bech32_checksums() {
        // BIP 173 test vectors.
        assert!(bech32_holds(b"A12UEL5L"));
        assert!(bech32_holds(
            b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
        ));
        // BIP 350 (bech32m) test vector.
        assert!(bech32_holds(b"a1lqfn3a"));
        // one data character changed
        assert!(!bech32_holds(
            b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxx"
        ));
        // mixed case
        assert!(!bech32_holds(b"A12uEL5L"));
        // `b` is not in the bech32 alphabet
        assert!(!bech32_holds(
            b"abcdef1bpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
        ));
        assert!(!bech32_holds(b"nodatahere"));
    }

    #[test]
    fn base58check_checksums() {
        // The WIF of private key 0x0C28FCA3…, from the Bitcoin wiki's WIF page.
        assert!(base58check_holds(
            b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
        ));
        // last character changed
        assert!(!base58check_holds(
            b"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTK"
        ));
        // `0` is not base58
        assert!(!base58check_holds(
            b"0HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
        ));
        assert!(!base58check_holds(b"1111"));
    }
}
