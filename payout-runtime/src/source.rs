//! Injectable time and randomness.
//!
//! Timestamps, nonces and random IVs all come from here, so tests and known-answer vectors
//! fix them and get the same bytes every run; production uses the system clock and the
//! operating system's random source.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use payout_spec::{Charset, NonceFormat};

/// The current time.
pub trait Clock: Send + Sync {
    fn now_millis(&self) -> u64;
}

/// Random bytes.
pub trait Entropy: Send + Sync {
    /// Fills `buf`; fails only when the source is exhausted or unavailable.
    fn fill(&self, buf: &mut [u8]) -> Result<(), String>;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    }
}

/// The operating system's random source.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&self, buf: &mut [u8]) -> Result<(), String> {
        getrandom::getrandom(buf).map_err(|e| format!("the system random source failed: {e}"))
    }
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_millis(&self) -> u64 {
        self.0
    }
}

/// Returns given bytes in order, then fails: a vector's `random`.
#[derive(Debug, Default)]
pub struct FixedBytes(Mutex<VecDeque<u8>>);

impl FixedBytes {
    pub fn new(bytes: &[u8]) -> Self {
        FixedBytes(Mutex::new(bytes.iter().copied().collect()))
    }
}

impl Entropy for FixedBytes {
    fn fill(&self, buf: &mut [u8]) -> Result<(), String> {
        let mut q = self
            .0
            .lock()
            .map_err(|_| "random source poisoned".to_string())?;
        if q.len() < buf.len() {
            return Err(format!(
                "the fixed random bytes ran out: {} needed, {} left",
                buf.len(),
                q.len()
            ));
        }
        for b in buf.iter_mut() {
            *b = q.pop_front().unwrap_or(0);
        }
        Ok(())
    }
}

/// A nonce of the given shape. Characters are drawn by rejection sampling, so each is
/// equally likely.
pub fn nonce(format: &NonceFormat, entropy: &dyn Entropy) -> Result<String, String> {
    let alphabet: &[u8] = match format.charset {
        Charset::Hex => b"0123456789abcdef",
        Charset::HexUpper => b"0123456789ABCDEF",
        Charset::Digits => b"0123456789",
        Charset::Alphanumeric => b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    };
    // The largest multiple of the alphabet size that fits in a byte.
    let limit = 256 - (256 % alphabet.len());
    let mut out = String::with_capacity(format.length);
    let mut buf = [0u8; 32];
    while out.len() < format.length {
        entropy.fill(&mut buf)?;
        for &b in &buf {
            if (b as usize) < limit && out.len() < format.length {
                out.push(alphabet[b as usize % alphabet.len()] as char);
            }
        }
    }
    Ok(out)
}

/// A random UUID v4 in its usual text form.
pub fn uuid_v4(entropy: &dyn Entropy) -> Result<String, String> {
    let mut b = [0u8; 16];
    entropy.fill(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_have_the_asked_shape() {
        let e = OsEntropy;
        let n = nonce(
            &NonceFormat {
                charset: Charset::Digits,
                length: 10,
            },
            &e,
        )
        .unwrap();
        assert_eq!(n.len(), 10);
        assert!(n.chars().all(|c| c.is_ascii_digit()));
        let n = nonce(&NonceFormat::default(), &e).unwrap();
        assert_eq!(n.len(), 32);
        assert!(n.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
    }

    #[test]
    fn fixed_bytes_come_out_in_order_then_run_out() {
        let f = FixedBytes::new(&[1, 2, 3]);
        let mut b = [0u8; 2];
        f.fill(&mut b).unwrap();
        assert_eq!(b, [1, 2]);
        assert!(f.fill(&mut b).is_err());
    }

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4(&FixedBytes::new(&[0xff; 16])).unwrap();
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}
