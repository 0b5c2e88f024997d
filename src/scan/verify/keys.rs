//! Key material and issuer formats with an inner layout: PEM bodies (DER or OpenSSH), PGP
//! secret-key blocks (packet tag and CRC-24), PyPI macaroons, and AWS access key ids (which
//! encode the account they belong to).

use base64::Engine;

/// The base64 body of a PEM block, with the newlines, indentation and `\n` escapes it was
/// written with removed.
fn pem_body(secret: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(secret.len());
    let mut i = 0;
    while i < secret.len() {
        match secret[i] {
            b'\\' => i += 2, // `\n`, `\r` escapes in JSON or code strings
            b if b.is_ascii_whitespace() => i += 1,
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn decode_standard(body: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    STANDARD
        .decode(body)
        .or_else(|_| STANDARD_NO_PAD.decode(body))
        .ok()
}

/// A private key's PEM body: base64 of one DER SEQUENCE whose length is exactly the rest of
/// the data (PKCS#1, SEC1, PKCS#8), or of an OpenSSH key (`openssh-key-v1\0`). Random base64,
/// a truncated key or a hand-made example fails.
pub(super) fn is_der_or_openssh(secret: &[u8]) -> bool {
    let Some(der) = decode_standard(&pem_body(secret)) else {
        return false;
    };
    if der.starts_with(b"openssh-key-v1\0") {
        return true;
    }
    der_sequence_length(&der) == Some(der.len())
}

/// The total length (header included) of the DER SEQUENCE at the start of `der`.
fn der_sequence_length(der: &[u8]) -> Option<usize> {
    if der.len() < 2 || der[0] != 0x30 {
        return None;
    }
    let first = der[1];
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 || der.len() < 2 + n {
        return None;
    }
    let len = der[2..2 + n]
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    Some(2 + n + len)
}

/// An ASCII-armored PGP private key block: its first packet is a secret key (tag 5), and the
/// armor checksum (`=XXXX`, CRC-24 of the data, RFC 4880 §6.1), when present, holds.
pub(super) fn is_pgp_secret_key(secret: &[u8]) -> bool {
    let body = pem_body(secret);
    // The checksum line is `=` + 4 base64 characters at the end; padding `=` inside the data
    // is never followed by 4 more characters.
    let (data, crc) = match body.iter().rposition(|&b| b == b'=') {
        Some(i) if body.len() - i == 5 && body[i + 1] != b'=' => (&body[..i], Some(&body[i + 1..])),
        _ => (&body[..], None),
    };
    let Some(packets) = decode_standard(data) else {
        return false;
    };
    let Some(&first) = packets.first() else {
        return false;
    };
    if first & 0x80 == 0 {
        return false;
    }
    let tag = if first & 0x40 != 0 {
        first & 0x3f
    } else {
        (first >> 2) & 0x0f
    };
    if tag != 5 {
        return false;
    }
    match crc.map(decode_standard) {
        None => true,
        Some(Some(c)) if c.len() == 3 => {
            let want = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
            crc24(&packets) == want
        }
        Some(_) => false,
    }
}

fn crc24(data: &[u8]) -> u32 {
    let mut crc: u32 = 0x00B7_04CE;
    for &b in data {
        crc ^= u32::from(b) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x0100_0000 != 0 {
                crc ^= 0x0186_4CFB;
            }
        }
    }
    crc & 0x00FF_FFFF
}

/// A PyPI API token: `pypi-` + base64url (unpadded) of a version-2 macaroon whose location is
/// `pypi.org` or `test.pypi.org`, followed by its identifier and ending in a 32-byte signature.
/// <https://pypi.org/help/#apitoken>
pub(super) fn is_pypi_macaroon(secret: &[u8]) -> bool {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let Some(encoded) = secret.strip_prefix(b"pypi-") else {
        return false;
    };
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(encoded) else {
        return false;
    };
    let mut fields = MacaroonFields {
        bytes: &bytes,
        at: 1,
    };
    if bytes.first() != Some(&2) {
        return false;
    }
    let location_ok =
        matches!(fields.next(), Some((1, loc)) if loc == b"pypi.org" || loc == b"test.pypi.org");
    let identifier_ok = matches!(fields.next(), Some((2, id)) if !id.is_empty());
    // The signature is the last field: type 6, length 32.
    let n = bytes.len();
    let signature_ok = n >= 34 && bytes[n - 34] == 6 && bytes[n - 33] == 32;
    location_ok && identifier_ok && signature_ok
}

/// Type-length-value fields of a macaroon (type and length are one-byte varints here: PyPI's
/// locations and identifiers are short).
struct MacaroonFields<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> MacaroonFields<'a> {
    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        let kind = *self.bytes.get(self.at)?;
        let len = usize::from(*self.bytes.get(self.at + 1)?);
        if len >= 0x80 {
            return None;
        }
        let start = self.at + 2;
        let value = self.bytes.get(start..start + len)?;
        self.at = start + len;
        Some((kind, value))
    }
}

/// The AWS account an access key id (`AKIA…`, `ASIA…`) belongs to: the 16 base32 characters
/// after the prefix decode to 10 bytes whose bits 1–40 are the account number. An id whose
/// account would exceed 12 decimal digits was not issued by AWS.
pub(super) fn aws_account_id(secret: &[u8]) -> Option<u64> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let chars = secret.get(4..20)?;
    if secret.len() != 20 {
        return None;
    }
    let mut bits: u128 = 0;
    for c in chars {
        let v = ALPHABET.iter().position(|b| b == c)?;
        bits = (bits << 5) | v as u128;
    }
    // 80 bits; the first 48 of them hold the account in bits 46..7.
    let first48 = (bits >> 32) as u64;
    let account = (first48 & 0x7FFF_FFFF_FF80) >> 7;
    (account <= 999_999_999_999).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

    #[test]
    fn der_sequence_must_fill_the_body() {
        // SEQUENCE { INTEGER 0 } — 30 03 02 01 00
        let ok = STANDARD.encode([0x30, 0x03, 0x02, 0x01, 0x00]);
        assert!(is_der_or_openssh(ok.as_bytes()));
        // long-form length: 30 81 80 + 128 bytes
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend([0x05u8; 128]);
        let long = STANDARD.encode(&long);
        assert!(is_der_or_openssh(long.as_bytes()));
        // written with `\n` escapes and indentation
        let split = format!("{}\\n  {}", &long[..64], &long[64..]);
        assert!(is_der_or_openssh(split.as_bytes()));
        // one byte missing
        let short = STANDARD.encode([0x30, 0x03, 0x02, 0x01]);
        assert!(!is_der_or_openssh(short.as_bytes()));
        // not a SEQUENCE
        let octets = STANDARD.encode([0x04, 0x03, 0x02, 0x01, 0x00]);
        assert!(!is_der_or_openssh(octets.as_bytes()));
        let ssh = STANDARD.encode(b"openssh-key-v1\0\0\0\0\x04none");
        assert!(is_der_or_openssh(ssh.as_bytes()));
        assert!(!is_der_or_openssh(b"not*base64"));
    }

    #[test]
    fn pgp_secret_key_packet_and_armor_checksum() {
        // old-format packet, tag 5 (0x95 = 1001 0101), two-byte length
        let packet = [0x95u8, 0x00, 0x03, 0x04, 0x01, 0x02];
        let data = STANDARD.encode(packet);
        let crc = crc24(&packet);
        let crc_text = STANDARD.encode([(crc >> 16) as u8, (crc >> 8) as u8, crc as u8]);
        assert!(is_pgp_secret_key(format!("{data}\n={crc_text}").as_bytes()));
        assert!(is_pgp_secret_key(data.as_bytes()));
        let bad = STANDARD.encode([(crc >> 16) as u8, (crc >> 8) as u8, (crc as u8) ^ 1]);
        assert!(!is_pgp_secret_key(format!("{data}\n={bad}").as_bytes()));
        // a public key packet (tag 6, new format 0xC6)
        let public = STANDARD.encode([0xC6u8, 0x01, 0x04]);
        assert!(!is_pgp_secret_key(public.as_bytes()));
        // new-format secret key (0xC5)
        let new = STANDARD.encode([0xC5u8, 0x01, 0x04]);
        assert!(is_pgp_secret_key(new.as_bytes()));
    }

    #[test]
    fn crc24_of_nothing_is_the_initial_value() {
        assert_eq!(crc24(b""), 0x00B7_04CE);
    }

    fn macaroon(location: &[u8], signature: bool) -> String {
        let mut m = vec![2u8, 1, location.len() as u8];
        m.extend(location);
        m.extend([2u8, 4]);
        m.extend(b"key1");
        m.push(0);
        m.push(0);
        if signature {
            m.extend([6u8, 32]);
            m.extend([7u8; 32]);
        }
        format!("pypi-{}", URL_SAFE_NO_PAD.encode(m))
    }

    #[test]
    fn pypi_token_is_a_pypi_macaroon() {
        assert!(is_pypi_macaroon(macaroon(b"pypi.org", true).as_bytes()));
        assert!(is_pypi_macaroon(
            macaroon(b"test.pypi.org", true).as_bytes()
        ));
        assert!(!is_pypi_macaroon(
            macaroon(b"evil.example", true).as_bytes()
        ));
        assert!(!is_pypi_macaroon(macaroon(b"pypi.org", false).as_bytes()));
        assert!(!is_pypi_macaroon(b"pypi-AgEIcHlwaS5vcmc"));
        assert!(!is_pypi_macaroon(b"pypi-!!!"));
    }

    #[test]
    fn aws_key_ids_decode_to_an_account() {
        // made for account 123456789012: base32 of (account << 7 | 7 random bits) + 4 bytes
        assert_eq!(
            aws_account_id(b"AKIABZPUZDIKH6GFGXOM"),
            Some(123_456_789_012)
        );
        assert_eq!(
            aws_account_id(b"ASIAY34FZKBOKMUTVV7A"),
            Some(609_629_065_308)
        );
        // first character `7`: the account would be over 10^12
        assert_eq!(aws_account_id(b"AKIA7X4FZKBOKMUTVV7A"), None);
        assert_eq!(aws_account_id(b"AKIAY34FZKBOKMUTVV7"), None); // short
        assert_eq!(aws_account_id(b"AKIAY34FZKBOKMUTVV71"), None); // `1` is not base32
    }
}
