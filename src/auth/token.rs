//! Login tokens: HS256 JWTs with `exp`, `nbf`, `iss` and `aud` required and
//! checked with no leeway, and a `kid` so that two keys can be live during rotation.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::domain::{TenantId, UserId};

pub const ISSUER: &str = "kefu";
pub const AUDIENCE: &str = "kefu-api";
/// Shortest signing key accepted: 256 bits, HS256's own strength.
pub const MIN_KEY_BYTES: usize = 32;
const ALGORITHM: Algorithm = Algorithm::HS256;

/// What a token says: who, of which tenant, valid when.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub tid: i64,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

impl Claims {
    pub fn user_id(&self) -> Option<UserId> {
        self.sub.parse().ok().map(UserId::new)
    }

    pub fn tenant_id(&self) -> TenantId {
        TenantId::new(self.tid)
    }
}

/// A signing key was refused at start.
#[derive(Debug, Error)]
pub enum KeyError {
    #[error(
        "the JWT signing key is {0} bytes; it must be at least {MIN_KEY_BYTES} bytes of random data"
    )]
    TooShort(usize),
}

/// A token was refused. Deliberately one variant: the client learns nothing
/// about why, the log does.
#[derive(Debug, Error)]
#[error("invalid token: {0}")]
pub struct InvalidToken(pub String);

/// The signing key and every key whose tokens are still accepted, by `kid`.
pub struct JwtKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: HashMap<String, DecodingKey>,
    validation: Validation,
}

impl JwtKeys {
    /// Builds the key ring from the current key and, during rotation, the previous one.
    pub fn new(current: &[u8], previous: Option<&[u8]>) -> Result<Self, KeyError> {
        let mut decoding = HashMap::new();
        for key in std::iter::once(current).chain(previous) {
            if key.len() < MIN_KEY_BYTES {
                return Err(KeyError::TooShort(key.len()));
            }
            decoding.insert(key_id(key), DecodingKey::from_secret(key));
        }
        let mut validation = Validation::new(ALGORITHM);
        validation.leeway = 0;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        Ok(Self {
            kid: key_id(current),
            encoding: EncodingKey::from_secret(current),
            decoding,
            validation,
        })
    }

    /// Signs a token for a user, valid from `now` for `ttl`.
    pub fn issue(
        &self,
        tenant: TenantId,
        user: UserId,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<(String, DateTime<Utc>), jsonwebtoken::errors::Error> {
        let expires_at =
            now + chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::hours(8));
        let claims = Claims {
            sub: user.to_string(),
            tid: tenant.get(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        let mut header = Header::new(ALGORITHM);
        header.kid = Some(self.kid.clone());
        Ok((
            jsonwebtoken::encode(&header, &claims, &self.encoding)?,
            expires_at,
        ))
    }

    /// Checks signature, algorithm, `kid`, expiry, not-before, issuer and audience.
    pub fn verify(&self, token: &str) -> Result<Claims, InvalidToken> {
        let header = jsonwebtoken::decode_header(token).map_err(|e| InvalidToken(e.to_string()))?;
        if header.alg != ALGORITHM {
            return Err(InvalidToken(format!(
                "algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let kid = header.kid.ok_or_else(|| InvalidToken("no kid".into()))?;
        let key = self
            .decoding
            .get(&kid)
            .ok_or_else(|| InvalidToken(format!("unknown kid {kid}")))?;
        let data = jsonwebtoken::decode::<Claims>(token, key, &self.validation)
            .map_err(|e| InvalidToken(e.to_string()))?;
        Ok(data.claims)
    }
}

/// A key's id: the start of its SHA-256, so that the id reveals nothing of the key.
fn key_id(key: &[u8]) -> String {
    hex::encode(&Sha256::digest(key)[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";
    const OTHER: &[u8] = b"fedcba9876543210fedcba9876543210";

    fn issue(keys: &JwtKeys) -> String {
        keys.issue(
            TenantId::new(7),
            UserId::new(42),
            Utc::now(),
            Duration::from_secs(60),
        )
        .map(|(token, _)| token)
        .unwrap_or_default()
    }

    #[test]
    fn a_token_round_trips() -> Result<(), Box<dyn std::error::Error>> {
        let keys = JwtKeys::new(KEY, None)?;
        let claims = keys.verify(&issue(&keys))?;
        assert_eq!(
            (claims.tenant_id(), claims.user_id()),
            (TenantId::new(7), Some(UserId::new(42)))
        );
        Ok(())
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(matches!(
            JwtKeys::new(b"too short", None),
            Err(KeyError::TooShort(9))
        ));
        assert!(matches!(
            JwtKeys::new(KEY, Some(b"short")),
            Err(KeyError::TooShort(5))
        ));
    }

    #[test]
    fn tokens_of_the_previous_key_still_verify_during_rotation()
    -> Result<(), Box<dyn std::error::Error>> {
        let old = JwtKeys::new(OTHER, None)?;
        let rotated = JwtKeys::new(KEY, Some(OTHER))?;
        assert!(rotated.verify(&issue(&old)).is_ok());
        assert!(JwtKeys::new(KEY, None)?.verify(&issue(&old)).is_err());
        Ok(())
    }
}
