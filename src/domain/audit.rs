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
