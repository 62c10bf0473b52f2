//! Constant-time comparison of signatures and MACs.
//!
//! A comparison that stops at the first differing byte tells an attacker, by its timing, how
//! many leading bytes of a forged signature were right. These take the same time for every
//! pair of inputs of one length; the length itself is not secret (it is the algorithm's).

use subtle::ConstantTimeEq;

/// Whether `a` and `b` are the same bytes; constant time for equal lengths, and `false`
/// (at once) for different lengths.
pub fn eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}

/// Whether `a` and `b` are the same bytes apart from ASCII case (hex digests that gateways
/// send in either case). Both are lower-cased first, then compared in constant time.
pub fn eq_ignore_ascii_case(a: &[u8], b: &[u8]) -> bool {
    eq(&a.to_ascii_lowercase(), &b.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_are_equal() {
        assert!(eq(b"", b""));
        assert!(eq(b"3f2a", b"3f2a"));
        assert!(eq(&[0u8, 255, 7], &[0u8, 255, 7]));
    }

    #[test]
    fn different_bytes_are_not_equal() {
        assert!(!eq(b"3f2a", b"3f2b"));
        assert!(!eq(b"3f2a", b"4f2a"));
        assert!(!eq(b"3f2a", b"3F2A"));
    }

    #[test]
    fn different_lengths_are_not_equal() {
        assert!(!eq(b"3f2a", b"3f2"));
        assert!(!eq(b"3f2", b"3f2a"));
        assert!(!eq(b"", b"a"));
    }

    #[test]
    fn ascii_case_can_be_ignored() {
        assert!(eq_ignore_ascii_case(b"3f2aBC", b"3F2Abc"));
        assert!(!eq_ignore_ascii_case(b"3f2aBC", b"3F2Abd"));
        assert!(!eq_ignore_ascii_case(b"3f2a", b"3F2A0"));
        // Only ASCII letters fold: non-ASCII bytes must match exactly.
        assert!(!eq_ignore_ascii_case("é".as_bytes(), "É".as_bytes()));
    }
}
