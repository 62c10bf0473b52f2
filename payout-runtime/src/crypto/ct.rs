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
/// send in either case). Every byte is looked at whatever the others hold: each pair is
/// lower-cased without a branch and their differences gathered, then compared in constant
/// time; only the lengths are compared first (as `ct_eq` does), and they are not secret.
pub fn eq_ignore_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a
        .iter()
        .zip(b)
        .fold(0u8, |d, (x, y)| d | (lower(*x) ^ lower(*y)));
    diff.ct_eq(&0).into()
}

/// An ASCII capital made small, anything else kept; without a branch on the byte.
fn lower(c: u8) -> u8 {
    let capital = u8::from(c.wrapping_sub(b'A') < 26);
    c | (capital << 5)
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
    fn case_is_ignored_for_ascii_letters_only() {
        assert!(eq_ignore_ascii_case(b"3f2a", b"3F2A"));
        assert!(eq_ignore_ascii_case(b"", b""));
        assert!(!eq_ignore_ascii_case(b"3f2a", b"3F2B"));
        assert!(!eq_ignore_ascii_case(b"3f2a", b"3f2"));
        // Every byte against `to_ascii_lowercase`, which is the definition.
        for x in 0..=255u8 {
            for y in [x, x ^ 0x20, x.wrapping_add(1)] {
                assert_eq!(
                    eq_ignore_ascii_case(&[x], &[y]),
                    x.eq_ignore_ascii_case(&y),
                    "{x} {y}"
                );
            }
        }
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
