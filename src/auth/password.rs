//! Passwords, hashed with argon2id at OWASP's parameters (19 MiB, 2 iterations, 1 lane).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;
use thiserror::Error;

use crate::domain::message::{Explain, Message, msg};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("must be at least {MIN_LENGTH} characters")]
    TooShort,
    #[error("must be at most {MAX_LENGTH} characters")]
    TooLong,
}

impl Explain for PasswordError {
    fn message(&self) -> Message {
        match self {
            Self::TooShort => msg!("error-too-short", min = MIN_LENGTH),
            Self::TooLong => msg!("error-too-long", max = MAX_LENGTH),
        }
    }
}

/// A password someone chose, long enough and not absurdly long.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        match raw.chars().count() {
            n if n < MIN_LENGTH => Err(PasswordError::TooShort),
            n if n > MAX_LENGTH => Err(PasswordError::TooLong),
            _ => Ok(Self(raw.to_owned())),
        }
    }

    /// The PHC string to store (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub fn hash(&self) -> Result<String, argon2::password_hash::Error> {
        Ok(hasher().hash_password(self.0.as_bytes())?.to_string())
    }
}

fn hasher() -> Argon2<'static> {
    // Params::new only fails for out-of-range values; these are the crate's own defaults.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// What an invited person's password hash is until they choose one: no
/// password matches it.
pub const NOT_CHOSEN: &str = "!not-chosen";

/// A hash of nothing anyone knows, verified against when the account does not
/// exist, so that a login for an unknown email costs as long as a wrong password.
static DECOY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    let decoy = NewPassword(hex::encode(super::random_bytes::<16>()));
    decoy.hash().ok()
});

/// Checks `password` against a stored hash; with no hash, burns the same time and fails.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    match stored {
        Some(hash) if hash != NOT_CHOSEN => check(password, hash),
        _ => {
            if let Some(decoy) = DECOY_HASH.as_deref() {
                check(password, decoy);
            }
            false
        }
    }
}

fn check(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_at_owasp_parameters() -> Result<(), Box<dyn std::error::Error>> {
        let hash = NewPassword::parse("correct horse battery")?.hash()?;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify("correct horse battery", Some(&hash)));
        assert!(!verify("correct horse batterY", Some(&hash)));
        Ok(())
    }

    #[test]
    fn an_unknown_account_never_verifies() {
        assert!(!verify("anything at all", None));
    }

    #[test]
    fn length_rules() {
        assert_eq!(
            NewPassword::parse("short").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)).err(),
            Some(PasswordError::TooLong)
        );
        // Ten Chinese characters are a fine password of ten characters.
        assert!(NewPassword::parse("客服外包合同计费平台好").is_ok());
    }
}
