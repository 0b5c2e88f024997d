//! Fingerprint keys, kept per scanning thread: a key is a slow PBKDF2 derivation from the
//! secret (see `finding::FingerprintKey`), and the same (rule, path, secret) comes back in every
//! version of a file in history, so each is derived once.

use crate::finding::FingerprintKey;
use std::collections::HashMap;

/// Distinct fingerprint keys one scanning thread keeps (about 100 bytes each plus the secret).
const KEY_CACHE: usize = 4_096;

/// Fingerprint keys by (rule index, path, secret).
pub(super) type KeyCache = HashMap<(usize, Box<str>, Box<[u8]>), FingerprintKey>;

/// The key of (rule, path, secret), derived on first use. A full cache is emptied rather than
/// grown: memory stays bounded on a history with millions of distinct secrets.
pub(super) fn cached_key<'c>(
    cache: &'c mut KeyCache,
    rule: usize,
    rule_id: &str,
    path: &str,
    secret: &[u8],
) -> &'c FingerprintKey {
    let k = (rule, Box::<str>::from(path), Box::<[u8]>::from(secret));
    if cache.len() >= KEY_CACHE && !cache.contains_key(&k) {
        cache.clear();
    }
    cache
        .entry(k)
        .or_insert_with(|| FingerprintKey::new(rule_id, path, secret))
}
