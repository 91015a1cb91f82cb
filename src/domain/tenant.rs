//! Tenants: merchant organisations, the unit of isolation.

use chrono::{DateTime, Utc};

use super::ids::TenantId;
use super::{BankDetails, CreditCode};

pub const NAME_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub profile: Profile,
}

pub const ADDRESS_MAX: usize = 300;

/// The merchant's legal particulars, printed as the buyer on its invoices.
/// Empty until the owner or finance fills it in; invoices then show the tenant's name alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// The registered company name, when it differs from the tenant's name.
    pub legal_name: Option<String>,
    /// 统一社会信用代码.
    pub credit_code: Option<CreditCode>,
    pub address: Option<String>,
    pub bank: Option<BankDetails>,
}
