//! Users of a tenant.

use chrono::{DateTime, Utc};

use super::email::EmailAddress;
use super::ids::{TenantId, UserId, VendorId};
use super::message::{Explain, Message, msg};
use super::role::Role;

pub const DISPLAY_NAME_MAX: usize = 100;

/// A user as the rest of kefu sees it; the password hash stays in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub tenant_id: TenantId,
    pub email: EmailAddress,
    pub display_name: String,
    pub role: Role,
    /// Set exactly when the role is `vendor`.
    pub vendor_id: Option<VendorId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

impl User {
    pub fn is_active(&self) -> bool {
        self.deactivated_at.is_none()
    }
}

/// A role together with the vendor it binds to: a vendor user has one, nobody else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    role: Role,
    vendor: Option<VendorId>,
}

/// A role and vendor that do not go together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    #[error("a vendor user must name the vendor it works for")]
    VendorMissing,
    #[error("only vendor users are bound to a vendor")]
    VendorNotAllowed,
}

impl Explain for AssignmentError {
    fn message(&self) -> Message {
        match self {
            Self::VendorMissing => msg!("error-user-vendor-missing"),
            Self::VendorNotAllowed => msg!("error-user-vendor-not-allowed"),
        }
    }
}

impl Assignment {
    pub fn new(role: Role, vendor: Option<VendorId>) -> Result<Self, AssignmentError> {
        match (role, vendor) {
            (Role::Vendor, None) => Err(AssignmentError::VendorMissing),
            (Role::Vendor, Some(_)) | (_, None) => Ok(Self { role, vendor }),
            (_, Some(_)) => Err(AssignmentError::VendorNotAllowed),
        }
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn vendor(&self) -> Option<VendorId> {
        self.vendor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_vendor_users_have_a_vendor() {
        let vendor = Some(VendorId::new(1));
        assert!(Assignment::new(Role::Vendor, vendor).is_ok());
        assert_eq!(
            Assignment::new(Role::Vendor, None),
            Err(AssignmentError::VendorMissing)
        );
        assert_eq!(
            Assignment::new(Role::Finance, vendor),
            Err(AssignmentError::VendorNotAllowed)
        );
        assert!(Assignment::new(Role::Finance, None).is_ok());
    }
}
