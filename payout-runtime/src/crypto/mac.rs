//! HMAC (RFC 2104) over SHA-1, SHA-256 and SHA-512.

use hmac::digest::core_api::BlockSizeUser;
use hmac::digest::{Digest, KeyInit, Mac};
use hmac::SimpleHmac;
use payout_spec::HmacAlg;

/// The HMAC a recipe's `hmac:` step names, keyed with `key` (any length).
pub fn hmac(alg: HmacAlg, key: &[u8], data: &[u8]) -> Vec<u8> {
    match alg {
        HmacAlg::Sha1 => tag::<sha1::Sha1>(key, data),
        HmacAlg::Sha256 => tag::<sha2::Sha256>(key, data),
        HmacAlg::Sha512 => tag::<sha2::Sha512>(key, data),
    }
}

/// HMAC-SHA256, the most common gateway MAC and the one AES encrypt-then-MAC uses.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    tag::<sha2::Sha256>(key, data)
}

/// HMAC with digest `D`; the crate brings a key of any length to one block (RFC 2104).
fn tag<D: Digest + BlockSizeUser>(key: &[u8], data: &[u8]) -> Vec<u8> {
    match <SimpleHmac<D> as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            Mac::update(&mut mac, data);
            mac.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of every length: `new_from_slice` never fails for it (the
        // `Result` is the `KeyInit` trait's, shared with fixed-key ciphers).
        Err(_) => unreachable!("HMAC accepts a key of any length"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOX: &[u8] = b"The quick brown fox jumps over the lazy dog";

    #[test]
    fn hmac_sha1_known_answers() {
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha1 -mac HMAC -macopt key:key -r
        assert_eq!(
            hex::encode(hmac(HmacAlg::Sha1, b"key", FOX)),
            "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"
        );
        // python3 -c "import hmac,hashlib; print(hmac.new(b'k'*200, b'long key', hashlib.sha1).hexdigest())"
        assert_eq!(
            hex::encode(hmac(HmacAlg::Sha1, &[b'k'; 200], b"long key")),
            "8859a34f4b78a657ea933bb40edf63050bb8d298"
        );
    }

    #[test]
    fn hmac_sha256_known_answers() {
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -mac HMAC -macopt key:key -r
        let want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        assert_eq!(hex::encode(hmac(HmacAlg::Sha256, b"key", FOX)), want);
        assert_eq!(hex::encode(hmac_sha256(b"key", FOX)), want);
        // python3 -c "import hmac,hashlib; print(hmac.new(b'', b'', hashlib.sha256).hexdigest())"
        assert_eq!(
            hex::encode(hmac_sha256(b"", b"")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        );
        // A key longer than the 64-byte block is hashed first (RFC 2104).
        // python3 -c "import hmac,hashlib; print(hmac.new(b'k'*200, b'long key', hashlib.sha256).hexdigest())"
        assert_eq!(
            hex::encode(hmac_sha256(&[b'k'; 200], b"long key")),
            "0b10c8c6ad1000acb54ef1bc8eebb614fd3bd38ab9b3873365b91f33c612a6b3"
        );
    }

    #[test]
    fn hmac_sha512_known_answers() {
        // printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha512 -mac HMAC -macopt key:key -r
        assert_eq!(
            hex::encode(hmac(HmacAlg::Sha512, b"key", FOX)),
            "b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb\
             82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a"
        );
        // python3 -c "import hmac,hashlib; print(hmac.new(b'k'*200, b'long key', hashlib.sha512).hexdigest())"
        assert_eq!(
            hex::encode(hmac(HmacAlg::Sha512, &[b'k'; 200], b"long key")),
            "b5327f432e261bceec36a6ec6f54e7229bf4744ffc9c480303ddd27e8a22bd19\
             b87f9e8a89d185de4995df9c735982a221d874c679ab05584a6fe2a165830f89"
        );
    }

    #[test]
    fn a_key_of_exactly_one_block_is_used_as_is_and_one_byte_more_is_hashed() {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'k'*64, b'block', hashlib.sha256).hexdigest())"
        assert_eq!(
            hex::encode(hmac_sha256(&[b'k'; 64], b"block")),
            "1b7ee2f78bbad5f9d29e0b4e5f639ae046d13e1763f1ebc7a439089c128f294a"
        );
        // python3 -c "import hmac,hashlib; print(hmac.new(b'k'*65, b'block', hashlib.sha256).hexdigest())"
        assert_eq!(
            hex::encode(hmac_sha256(&[b'k'; 65], b"block")),
            "205da1093ea96b1859b451191f3a71c6c93ec675f0872d8018cedab033bc8986"
        );
    }

    #[test]
    fn a_different_key_gives_a_different_tag() {
        assert_ne!(hmac_sha256(b"key", FOX), hmac_sha256(b"kez", FOX));
    }
}
