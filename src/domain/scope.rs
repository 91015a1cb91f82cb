//! Whose data a request may see.

use super::ids::{TenantId, VendorId};

/// The tenant a request acts for and, for vendor users and API keys, the one
/// vendor it is bound to. Built only from a verified credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub tenant: TenantId,
    pub vendor: Option<VendorId>,
}

impl Scope {
    /// Whether the vendor with this id is visible in this scope.
    pub fn sees_vendor(&self, vendor: VendorId) -> bool {
        self.vendor.is_none_or(|own| own == vendor)
    }
}
