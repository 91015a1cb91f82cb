//! Mails in the outbox: their states and when a failed one is tried again.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::account::LinkPurpose;
use super::ids::{InvoiceId, MailId, TenantId, UserId};
use super::message::{Message, msg};

/// What a mail is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An invoice, sent with its documents.
    Invoice(InvoiceId),
    /// A person's account: an invitation or a password reset, with its
    /// single-use link until the mail is sent or given up.
    Account {
        user: UserId,
        purpose: LinkPurpose,
        link: Option<String>,
    },
}

/// A mail, as the outbox holds it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: MailId,
    pub tenant_id: TenantId,
    pub subject: Subject,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    /// `zh-CN` or `en`.
    pub language: String,
    pub status: MailStatus,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub message_id: Option<String>,
    pub requested_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl Mail {
    /// The invoice the mail is about, if it is about one.
    pub fn invoice(&self) -> Option<InvoiceId> {
        match self.subject {
            Subject::Invoice(id) => Some(id),
            Subject::Account { .. } => None,
        }
    }
}

/// One attempt at sending a mail.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub attempted_at: DateTime<Utc>,
    pub worker: String,
    pub outcome: Outcome,
    /// The mail server's answer, or why it could not be reached.
    pub response: String,
}

/// Where a mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for its (next) attempt.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Given up: refused for good, or out of attempts. Shown until retried.
    Failed,
}

impl MailStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Pending => msg!("mail-status-pending"),
            Self::Sent => msg!("mail-status-sent"),
            Self::Failed => msg!("mail-status-failed"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "pending" => Some(Self::Pending),
            "sent" => Some(Self::Sent),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Sent,
    /// A failure worth another try later (server down, busy, 4xx).
    Retry,
    /// Refused for good (5xx, such as an unknown recipient), or the last attempt.
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Retry => "retry",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "sent" => Some(Self::Sent),
            "retry" => Some(Self::Retry),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// The longest wait between two attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// What an attempt that failed leads to: another try after a wait that doubles
/// with each attempt (`base`, 2×, 4×, … at most [`MAX_BACKOFF`]), or the end.
pub fn after_failure(
    attempts: u32,
    max_attempts: u32,
    permanent: bool,
    base: Duration,
) -> (Outcome, Option<Duration>) {
    if permanent || attempts >= max_attempts {
        return (Outcome::Failed, None);
    }
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1));
    let wait = base.saturating_mul(factor).min(MAX_BACKOFF);
    (Outcome::Retry, Some(wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_until_the_attempts_run_out() {
        let base = Duration::from_secs(30);
        let waits: Vec<_> = (1..=5).map(|n| after_failure(n, 5, false, base)).collect();
        assert_eq!(
            waits,
            vec![
                (Outcome::Retry, Some(Duration::from_secs(30))),
                (Outcome::Retry, Some(Duration::from_secs(60))),
                (Outcome::Retry, Some(Duration::from_secs(120))),
                (Outcome::Retry, Some(Duration::from_secs(240))),
                (Outcome::Failed, None),
            ]
        );
    }

    #[test]
    fn a_refusal_for_good_is_not_tried_again() {
        assert_eq!(
            after_failure(1, 8, true, Duration::from_secs(30)),
            (Outcome::Failed, None)
        );
    }

    #[test]
    fn the_wait_never_exceeds_the_cap() {
        let (_, wait) = after_failure(40, 50, false, Duration::from_secs(30));
        assert_eq!(wait, Some(MAX_BACKOFF));
    }
}
