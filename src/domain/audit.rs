//! The audit log: who changed what, when, with the value before and after.

use chrono::{DateTime, Utc};

use super::ids::{ApiKeyId, UserId};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    /// What kind of thing changed: `contract`, and later reports and invoices.
    pub entity: String,
    pub entity_id: i64,
    /// What was done, e.g. `charge.created`, `amendment.applied`.
    pub action: String,
    pub actor_user_id: Option<UserId>,
    pub actor_api_key_id: Option<ApiKeyId>,
    pub at: DateTime<Utc>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Who did it: a user, a vendor's API key, or neither (kefu itself, run by an
/// operator: the monthly close from the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<UserId>,
    pub api_key: Option<ApiKeyId>,
}

impl Actor {
    /// kefu itself, as when an operator closes a month from the command line.
    pub const SYSTEM: Actor = Actor {
        user: None,
        api_key: None,
    };
}
