//! When to send a query again: exponential backoff with jitter, so that many clients that
//! failed together do not come back together, and never sooner than the gateway's
//! `Retry-After`.

use std::time::Duration;

use crate::source::Entropy;

/// The wait before the next attempt: "equal jitter" — half the backoff, plus a random part
/// of the other half — and at least the gateway's `Retry-After`. `None` when the gateway
/// asks for more than `max_retry_after`: the caller then gets the error now rather than a
/// call that hangs.
pub(super) fn wait(
    backoff: Duration,
    retry_after: Option<Duration>,
    max_retry_after: Duration,
    entropy: &dyn Entropy,
) -> Option<Duration> {
    let half = backoff / 2;
    let mut bytes = [0u8; 8];
    // Without randomness (an exhausted source), the full backoff: still a correct wait.
    let jittered = match entropy.fill(&mut bytes) {
        Ok(()) => {
            let fraction = u64::from_le_bytes(bytes) as f64 / u64::MAX as f64;
            half + half.mul_f64(fraction)
        }
        Err(_) => backoff,
    };
    match retry_after {
        Some(asked) if asked > max_retry_after => None,
        Some(asked) => Some(asked.max(jittered)),
        None => Some(jittered),
    }
}

/// `Retry-After` (RFC 9110 §10.2.3), the header's value as received: delay-seconds or an
/// HTTP-date, from now.
pub(super) fn retry_after(value: Option<&str>, now_millis: u64) -> Option<Duration> {
    let value = value?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // A number too large for u64 is "a very long time".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at_millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    Some(Duration::from_millis(at_millis.saturating_sub(now_millis)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FixedBytes;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(retry_after(Some("7"), 0), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(Some(" 0 "), 0), Some(Duration::ZERO));
        // date -u -d @1445412480 -R  →  Wed, 21 Oct 2015 07:28:00 +0000
        let now = 1_445_412_480_000 - 2_500;
        assert_eq!(
            retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT"), now),
            Some(Duration::from_millis(2_500))
        );
        // A date in the past: no wait.
        assert_eq!(
            retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT"), now + 10_000),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(Some("soon"), 0), None);
        assert_eq!(retry_after(None, 0), None);
        assert_eq!(
            retry_after(Some("99999999999999999999999"), 0),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn jitter_stays_between_half_and_all_of_the_backoff() {
        let backoff = Duration::from_millis(400);
        let max = Duration::from_secs(30);
        // All-zero randomness: exactly half; all-ones: the whole backoff.
        let zero = FixedBytes::new(&[0; 8]);
        assert_eq!(
            wait(backoff, None, max, &zero),
            Some(Duration::from_millis(200))
        );
        let ones = FixedBytes::new(&[0xff; 8]);
        assert_eq!(wait(backoff, None, max, &ones), Some(backoff));
        let mid = FixedBytes::new(&[0, 0, 0, 0, 0, 0, 0, 0x80]);
        let w = wait(backoff, None, max, &mid).unwrap();
        assert!(
            w > Duration::from_millis(290) && w < Duration::from_millis(310),
            "{w:?}"
        );
    }

    #[test]
    fn retry_after_is_a_floor_and_too_long_is_no_retry() {
        // Each wait draws 8 bytes; an exhausted source gives the whole backoff.
        let zero = FixedBytes::new(&[0; 24]);
        let max = Duration::from_secs(30);
        let backoff = Duration::from_millis(100);
        assert_eq!(
            wait(backoff, Some(Duration::from_secs(2)), max, &zero),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            wait(backoff, Some(Duration::ZERO), max, &zero),
            Some(Duration::from_millis(50))
        );
        assert_eq!(
            wait(backoff, Some(Duration::from_secs(31)), max, &zero),
            None
        );
        let empty = FixedBytes::new(&[]);
        assert_eq!(wait(backoff, None, max, &empty), Some(backoff));
    }
}
