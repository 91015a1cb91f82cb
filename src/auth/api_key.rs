//! Vendor API keys: `kefu_<prefix>_<secret>`. The prefix finds the key; only a
//! SHA-256 of the whole key is stored. The key carries 256 random bits, so a
//! fast hash is enough: there is nothing to brute-force that a slow hash would slow.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const SCHEME: &str = "kefu_";

/// A freshly made key: shown to its creator once, never again.
pub struct ApiKeySecret {
    pub prefix: String,
    pub key: String,
}

impl ApiKeySecret {
    pub fn generate() -> Self {
        let prefix = hex::encode(super::random_bytes::<6>());
        let secret = hex::encode(super::random_bytes::<32>());
        let key = format!("{SCHEME}{prefix}_{secret}");
        Self { prefix, key }
    }

    /// What is stored in place of the key.
    pub fn hash(&self) -> String {
        hash_key(&self.key)
    }
}

/// Whether a bearer credential is shaped like one of our API keys (rather than a JWT).
pub fn looks_like_api_key(credential: &str) -> bool {
    credential.starts_with(SCHEME)
}

/// The lookup prefix of a presented key, if it is well formed.
pub fn prefix_of(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(SCHEME)?;
    let (prefix, secret) = rest.split_once('_')?;
    let well_formed = prefix.len() == 12
        && secret.len() == 64
        && rest.bytes().all(|b| b == b'_' || b.is_ascii_hexdigit());
    well_formed.then_some(prefix)
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Compares a presented key with a stored hash in constant time.
pub fn matches(key: &str, stored_hash: &str) -> bool {
    hash_key(key)
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_is_found_by_its_prefix_and_matches_its_hash() {
        let made = ApiKeySecret::generate();
        assert!(looks_like_api_key(&made.key));
        assert_eq!(prefix_of(&made.key), Some(made.prefix.as_str()));
        assert!(matches(&made.key, &made.hash()));
        let mut tampered = made.key.clone();
        tampered.pop();
        tampered.push(if made.key.ends_with('0') { '1' } else { '0' });
        assert!(!matches(&tampered, &made.hash()));
    }

    #[test]
    fn malformed_keys_have_no_prefix() {
        for key in [
            "kefu_",
            "kefu_abc_def",
            "kefu_zzzzzzzzzzzz_",
            "eyJhbGciOi.x.y",
        ] {
            assert_eq!(prefix_of(key), None, "{key}");
        }
    }
}
