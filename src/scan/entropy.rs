//! Shannon entropy of a candidate secret, in bits per byte. The `entropy` crate measures bytes,
//! which is what the rule files' `min_entropy` thresholds are written against.

pub(crate) fn shannon(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    f64::from(entropy::shannon_entropy(bytes))
}

#[cfg(test)]
mod tests {
    use super::shannon;

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
}
