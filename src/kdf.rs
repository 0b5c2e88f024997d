//! PBKDF2-HMAC-SHA256 (RFC 8018) with one 32-byte output block: the slow step between a finding's
//! fingerprint and its secret (see `finding::FingerprintKey`).
//!
//! Ours rather than the `pbkdf2` crate's: there, every round runs generic HMAC code instantiated
//! in this crate, so in a debug build (the test suite) a fingerprint took 15 ms and a test with
//! 10,000 findings three minutes. Here the HMAC pads are hashed once and each round is two calls
//! of sha2's block function (optimised in every profile, see Cargo.toml): the same bytes out
//! (pinned against Python's `hashlib.pbkdf2_hmac` in the tests), in a fraction of the time.

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};

/// SHA-256's initial state.
const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// PBKDF2-HMAC-SHA256(password, salt, rounds), the first 32 bytes.
pub(crate) fn pbkdf2_sha256(password: &[u8], salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut key = [0u8; 64];
    if password.len() > 64 {
        key[..32].copy_from_slice(&Sha256::digest(password));
    } else {
        key[..password.len()].copy_from_slice(password);
    }
    let pad = |byte: u8| {
        let mut block = [0u8; 64];
        for (b, k) in block.iter_mut().zip(key) {
            *b = k ^ byte;
        }
        block
    };
    let (ipad, opad) = (pad(0x36), pad(0x5c));
    // U1 = HMAC(password, salt || INT(1)), through the ordinary hasher: it runs once.
    let inner = Sha256::new()
        .chain_update(ipad)
        .chain_update(salt)
        .chain_update(1u32.to_be_bytes())
        .finalize();
    let mut u: [u8; 32] = Sha256::new()
        .chain_update(opad)
        .chain_update(inner)
        .finalize()
        .into();
    let mut out = u;
    // Every later round hashes one 32-byte value: from the pads' states, one block each.
    let inner_state = state_after(&ipad);
    let outer_state = state_after(&opad);
    for _ in 1..rounds {
        u = digest_32(inner_state, &u);
        u = digest_32(outer_state, &u);
        for (o, x) in out.iter_mut().zip(u) {
            *o ^= x;
        }
    }
    out
}

/// The SHA-256 state after one 64-byte block.
fn state_after(block: &[u8; 64]) -> [u32; 8] {
    let mut state = IV;
    sha2::compress256(&mut state, &[*GenericArray::from_slice(block)]);
    state
}

/// SHA-256 of `prefix block || value`, given the state after the prefix block: `value` and its
/// padding fill the second block (32 bytes, 0x80, zeros, the 768-bit length).
fn digest_32(mut state: [u32; 8], value: &[u8; 32]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(value);
    block[32] = 0x80;
    block[56..].copy_from_slice(&(96u64 * 8).to_be_bytes());
    sha2::compress256(&mut state, &[*GenericArray::from_slice(&block)]);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pbkdf2_sha256;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn matches_the_standard() {
        // RFC 7914 section 11 (PBKDF2-HMAC-SHA256 test vectors), first 32 bytes.
        assert_eq!(
            hex(&pbkdf2_sha256(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
        assert_eq!(
            hex(&pbkdf2_sha256(b"Password", b"NaCl", 80000)),
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
        );
        // A key longer than a block is hashed first (Python: hashlib.pbkdf2_hmac).
        let long = [b'k'; 100];
        assert_eq!(
            hex(&pbkdf2_sha256(&long, b"salt", 3)),
            "219c68bb88f1010f4a763b7c8fd58639c2280baf6820814c6d404891fcd85c3d"
        );
    }
}
