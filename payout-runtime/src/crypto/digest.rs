//! Plain message digests: MD5, SHA-1, SHA-256, SHA-512, and the CRC-32 checksum.
//!
//! MD5 and SHA-1 are broken as collision-resistant hashes, but gateways still sign with them
//! (`md5(body + key)`), so they are here to be spoken, not chosen.

use payout_spec::HashAlg;
use sha2::Digest;

/// MD5 of `data` (16 bytes).
pub fn md5(data: &[u8]) -> Vec<u8> {
    digest_of::<md5::Md5>(data)
}

/// SHA-1 of `data` (20 bytes).
pub fn sha1(data: &[u8]) -> Vec<u8> {
    digest_of::<sha1::Sha1>(data)
}

/// SHA-256 of `data` (32 bytes).
pub fn sha256(data: &[u8]) -> Vec<u8> {
    digest_of::<sha2::Sha256>(data)
}

/// SHA-512 of `data` (64 bytes).
pub fn sha512(data: &[u8]) -> Vec<u8> {
    digest_of::<sha2::Sha512>(data)
}

/// The digest a recipe's `hash:` step names.
pub fn hash(alg: HashAlg, data: &[u8]) -> Vec<u8> {
    match alg {
        HashAlg::Md5 => md5(data),
        HashAlg::Sha1 => sha1(data),
        HashAlg::Sha256 => sha256(data),
        HashAlg::Sha512 => sha512(data),
        HashAlg::Crc32 => crc32(data),
    }
}

/// CRC-32 (IEEE) of `data`, as zlib computes it: 4 bytes, big-endian.
pub fn crc32(data: &[u8]) -> Vec<u8> {
    crc32fast::hash(data).to_be_bytes().to_vec()
}

/// A digest taking its input piece by piece: a template's text is fed to it as it is
/// written ([`std::fmt::Write`]), so the string to sign need not be built.
#[derive(Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha512(sha2::Sha512),
    Crc32(crc32fast::Hasher),
}

impl Hasher {
    /// An empty digest of the algorithm a recipe's `hash:` step names.
    pub fn new(alg: HashAlg) -> Hasher {
        match alg {
            HashAlg::Md5 => Hasher::Md5(md5::Md5::new()),
            HashAlg::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            HashAlg::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            HashAlg::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
            HashAlg::Crc32 => Hasher::Crc32(crc32fast::Hasher::new()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(d) => d.update(data),
            Hasher::Sha1(d) => d.update(data),
            Hasher::Sha256(d) => d.update(data),
            Hasher::Sha512(d) => d.update(data),
            Hasher::Crc32(d) => d.update(data),
        }
    }

    /// The digest of everything fed, as [`hash`] gives it for the same bytes at once.
    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Md5(d) => d.finalize().to_vec(),
            Hasher::Sha1(d) => d.finalize().to_vec(),
            Hasher::Sha256(d) => d.finalize().to_vec(),
            Hasher::Sha512(d) => d.finalize().to_vec(),
            Hasher::Crc32(d) => d.finalize().to_be_bytes().to_vec(),
        }
    }
}

impl std::fmt::Write for Hasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.update(s.as_bytes());
        Ok(())
    }
}

/// One generic body for every algorithm of the digest-0.10 family.
fn digest_of<D: Digest>(data: &[u8]) -> Vec<u8> {
    D::digest(data).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_known_answers() {
        // python3 -c "import zlib; print('%08x' % zlib.crc32(b''))"  -> 00000000
        assert_eq!(hex::encode(crc32(b"")), "00000000");
        // python3 -c "import zlib; print('%08x' % zlib.crc32(b'123456789'))"  -> cbf43926
        assert_eq!(hex::encode(crc32(b"123456789")), "cbf43926");
        // python3 -c "import zlib; print('%08x' % zlib.crc32(b'The quick brown fox jumps over the lazy dog'))"
        assert_eq!(hex::encode(crc32(FOX)), "414fa339");
    }

    const FOX: &[u8] = b"The quick brown fox jumps over the lazy dog";

    /// Fed in pieces, each algorithm gives what it gives for the whole text at once; the
    /// expected values are openssl's (and zlib's) for the whole text.
    #[test]
    fn a_digest_fed_in_pieces_is_the_digest_of_the_whole() {
        let whole: [(HashAlg, &str); 5] = [
            // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -md5 -r
            (HashAlg::Md5, "9e107d9d372bb6826bd81d3542a419d6"),
            // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha1 -r
            (HashAlg::Sha1, "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
            // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -r
            (
                HashAlg::Sha256,
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
            ),
            // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha512 -r
            (
                HashAlg::Sha512,
                "07e547d9586f6a73f73fbac0435ed76951218fb7d0c8d788a309d785436bbb642e93a252a954f23912547d1e8a3b5ed6e1bfd7097821233fa0538f3db854fee6",
            ),
            // python3 -c "import zlib; print('%08x' % zlib.crc32(b'The quick brown fox jumps over the lazy dog'))"
            (HashAlg::Crc32, "414fa339"),
        ];
        for (alg, expected) in whole {
            for cut in [0, 1, 20, FOX.len()] {
                let mut h = Hasher::new(alg);
                h.update(&FOX[..cut]);
                h.update(b"");
                h.update(&FOX[cut..]);
                assert_eq!(hex::encode(h.finish()), expected, "{alg:?}, cut at {cut}");
            }
        }
    }

    #[test]
    fn md5_known_answers() {
        // printf '' | openssl dgst -md5 -r
        assert_eq!(hex::encode(md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
        // printf '%s' abc | openssl dgst -md5 -r
        assert_eq!(hex::encode(md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -md5 -r
        assert_eq!(hex::encode(md5(FOX)), "9e107d9d372bb6826bd81d3542a419d6");
    }

    #[test]
    fn sha1_known_answers() {
        // printf '' | openssl dgst -sha1 -r
        assert_eq!(
            hex::encode(sha1(b"")),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        // printf '%s' abc | openssl dgst -sha1 -r
        assert_eq!(
            hex::encode(sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha1 -r
        assert_eq!(
            hex::encode(sha1(FOX)),
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"
        );
    }

    #[test]
    fn sha256_known_answers() {
        // printf '' | openssl dgst -sha256 -r
        assert_eq!(
            hex::encode(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        // printf '%s' abc | openssl dgst -sha256 -r
        assert_eq!(
            hex::encode(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -r
        assert_eq!(
            hex::encode(sha256(FOX)),
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        );
    }

    #[test]
    fn sha512_known_answers() {
        // printf '' | openssl dgst -sha512 -r
        assert_eq!(
            hex::encode(sha512(b"")),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce\
             47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        );
        // printf '%s' abc | openssl dgst -sha512 -r
        assert_eq!(
            hex::encode(sha512(b"abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
    }

    #[test]
    fn hash_dispatches_on_the_algorithm() {
        // Same literals as above (openssl dgst -<alg> -r of "abc").
        let cases = [
            (HashAlg::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (HashAlg::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                HashAlg::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
            (
                HashAlg::Sha512,
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                 2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            ),
        ];
        for (alg, want) in cases {
            assert_eq!(hex::encode(hash(alg, b"abc")), want, "{alg:?}");
        }
    }
}
