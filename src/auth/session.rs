//! Browser session secrets: 256 random bits in an `HttpOnly` cookie, kept in
//! the database only as their SHA-256, with the tenant in front so the lookup
//! is keyed by tenant like every other; and the CSRF token bound to each.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::domain::TenantId;

/// A session's secret as the cookie carries it: `<tenant>.<64 hex digits>`.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionKey {
    tenant: TenantId,
    secret: String,
}

/// Never prints the secret: a key may end up in a log line.
impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionKey")
            .field("tenant", &self.tenant)
            .finish_non_exhaustive()
    }
}

impl SessionKey {
    /// A new secret for a session in `tenant`.
    pub fn generate(tenant: TenantId) -> Self {
        Self {
            tenant,
            secret: hex::encode(super::random_bytes::<32>()),
        }
    }

    /// The key a cookie holds; `None` for anything not of the form kefu writes.
    pub fn parse(cookie: &str) -> Option<Self> {
        let (tenant, secret) = cookie.split_once('.')?;
        let tenant = tenant.parse::<i64>().ok().filter(|t| *t > 0)?;
        let well_formed = secret.len() == 64
            && secret
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then(|| Self {
            tenant: TenantId::new(tenant),
            secret: secret.to_owned(),
        })
    }

    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// What the cookie carries.
    pub fn cookie_value(&self) -> String {
        format!("{}.{}", self.tenant.get(), self.secret)
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        hex::encode(Sha256::digest(self.secret.as_bytes()))
    }

    /// The CSRF token of this session's forms. Derived from the secret under
    /// another label, so that it is bound to the session, is the same on
    /// every page of it, reveals nothing of the secret, and is checked
    /// without a trip to the database.
    pub fn csrf_token(&self) -> String {
        let mut digest = Sha256::new();
        digest.update(b"kefu csrf\0");
        digest.update(self.secret.as_bytes());
        hex::encode(digest.finalize())
    }

    /// Whether `presented` is this session's CSRF token (in constant time).
    pub fn csrf_matches(&self, presented: &str) -> bool {
        same_token(&self.csrf_token(), presented)
    }
}

/// Compares two tokens in constant time.
pub fn same_token(expected: &str, presented: &str) -> bool {
    expected.len() == presented.len() && bool::from(expected.as_bytes().ct_eq(presented.as_bytes()))
}

/// A random token for a form shown before sign-in (double submit: the same
/// value in a cookie and in the form).
pub fn form_token() -> String {
    hex::encode(super::random_bytes::<32>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_from_its_cookie_and_hides_its_secret() {
        let key = SessionKey::generate(TenantId::new(7));
        let cookie = key.cookie_value();
        assert!(cookie.starts_with("7."));
        assert_eq!(SessionKey::parse(&cookie), Some(key.clone()));
        assert!(!format!("{key:?}").contains(&key.secret));
        assert_ne!(key.hash(), key.secret);
        assert_ne!(key.csrf_token(), key.hash());
    }

    #[test]
    fn cookies_kefu_did_not_write_are_not_keys() {
        let secret = "a".repeat(64);
        for cookie in [
            "".to_owned(),
            secret.clone(),
            format!("0.{secret}"),
            format!("x.{secret}"),
            format!("7.{}", "a".repeat(63)),
            format!("7.{}", "A".repeat(64)),
            format!("7.{}", "g".repeat(64)),
        ] {
            assert_eq!(SessionKey::parse(&cookie), None, "{cookie}");
        }
    }

    #[test]
    fn the_csrf_token_belongs_to_one_session() {
        let one = SessionKey::generate(TenantId::new(1));
        let other = SessionKey::generate(TenantId::new(1));
        assert!(one.csrf_matches(&one.csrf_token()));
        assert!(!one.csrf_matches(&other.csrf_token()));
        assert!(!one.csrf_matches(""));
    }
}
