//! A vendor's API key, as stored: never the key itself.

use chrono::{DateTime, Utc};

use super::ids::{ApiKeyId, TenantId, UserId, VendorId};

pub const NAME_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub tenant_id: TenantId,
    pub vendor_id: VendorId,
    pub name: String,
    /// The first part of the key, shown so that people can tell keys apart.
    pub prefix: String,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}
