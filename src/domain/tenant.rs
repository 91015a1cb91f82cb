//! Tenants: merchant organisations, the unit of isolation.

use chrono::{DateTime, Utc};

use super::ids::TenantId;

pub const NAME_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}
