//! Single-use links about an account: an invitation to set a first password,
//! or a reset of a forgotten one. Each is good for a while, and once.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// What a link is for, and so how long it is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// The owner added a person; the link lets them choose their password (72 hours).
    Invitation,
    /// The person forgot their password (30 minutes).
    PasswordReset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::PasswordReset => "password_reset",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "invitation" => Some(Self::Invitation),
            "password_reset" => Some(Self::PasswordReset),
            _ => None,
        }
    }

    /// How long a link is good after it is made.
    pub fn validity(self) -> Duration {
        match self {
            Self::Invitation => Duration::from_secs(72 * 3600),
            Self::PasswordReset => Duration::from_secs(30 * 60),
        }
    }
}

/// A link as stored: whose, what for, until when, and whether it was used.
#[derive(Debug, Clone)]
pub struct AccountLink {
    pub purpose: LinkPurpose,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl AccountLink {
    /// Whether the link still opens: not used, not expired.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.used_at.is_none() && now < self.expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_link_opens_once_and_until_it_expires() {
        let link = AccountLink {
            purpose: LinkPurpose::PasswordReset,
            expires_at: at(9, 30),
            used_at: None,
        };
        assert!(link.is_open(at(9, 29)));
        assert!(!link.is_open(at(9, 30)));
        let used = AccountLink {
            used_at: Some(at(9, 10)),
            ..link
        };
        assert!(!used.is_open(at(9, 15)));
    }

    #[test]
    fn an_invitation_lasts_three_days_and_a_reset_half_an_hour() {
        assert_eq!(
            LinkPurpose::Invitation.validity(),
            Duration::from_secs(259_200)
        );
        assert_eq!(
            LinkPurpose::PasswordReset.validity(),
            Duration::from_secs(1800)
        );
        for purpose in [LinkPurpose::Invitation, LinkPurpose::PasswordReset] {
            assert_eq!(LinkPurpose::parse(purpose.as_str()), Some(purpose));
        }
    }
}
