//! Email addresses, as users type them into a sign-up or billing form.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::message::{Explain, Message, msg};

/// Why an email address was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 254 characters")]
    TooLong,
    #[error("must look like name@example.com")]
    Malformed,
}

/// Most characters an address may have (RFC 5321's path limit, less the brackets).
const MAX_LENGTH: usize = 254;

impl Explain for EmailError {
    fn message(&self) -> Message {
        match self {
            Self::Empty => msg!("error-empty"),
            Self::TooLong => msg!("error-too-long", max = MAX_LENGTH),
            Self::Malformed => msg!("error-email-malformed"),
        }
    }
}

/// An email address, trimmed and lower-cased so that one mailbox has one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl TryFrom<String> for EmailAddress {
    type Error = EmailError;

    fn try_from(raw: String) -> Result<Self, EmailError> {
        Self::parse(&raw)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> String {
        email.0
    }
}

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let address = raw.trim().to_lowercase();
        if address.is_empty() {
            return Err(EmailError::Empty);
        }
        if address.len() > MAX_LENGTH {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = address.split_once('@').ok_or(EmailError::Malformed)?;
        let well_formed = !local.is_empty()
            && local.len() <= 64
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !address.chars().any(|c| c.is_whitespace() || c.is_control());
        if !well_formed {
            return Err(EmailError::Malformed);
        }
        Ok(Self(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_cases_and_trims() {
        let email = EmailAddress::parse("  Finance@Shop.CN ").map(|e| e.to_string());
        assert_eq!(email.as_deref(), Ok("finance@shop.cn"));
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for raw in [
            "finance",
            "@shop.cn",
            "finance@shop",
            "a b@shop.cn",
            "a@@shop.cn",
            "a@shop..cn",
        ] {
            assert_eq!(
                EmailAddress::parse(raw),
                Err(EmailError::Malformed),
                "input {raw}"
            );
        }
        assert_eq!(EmailAddress::parse(" "), Err(EmailError::Empty));
    }
}
