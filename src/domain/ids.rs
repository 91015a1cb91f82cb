//! Typed ids: two ids of different things can never be swapped by mistake.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps a raw id read from storage or a URL.
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The raw id, for storage.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A tenant: one merchant organisation, the unit of isolation.
    TenantId
);
typed_id!(
    /// A user of one tenant.
    UserId
);
typed_id!(
    /// A storefront of a tenant on a platform.
    ShopId
);
typed_id!(
    /// An outsourcing company onboarded by a tenant.
    VendorId
);
typed_id!(
    /// A vendor's API key for machine feeds.
    ApiKeyId
);
typed_id!(
    /// A contract between a tenant and a vendor.
    ContractId
);
typed_id!(
    /// An invoice (or an adjustment invoice) of a contract's month.
    InvoiceId
);
typed_id!(
    /// A credit note against an invoice.
    CreditNoteId
);
typed_id!(
    /// An incident reported on a contract.
    IncidentId
);
typed_id!(
    /// An exclusion window of a contract (days its SLA does not count).
    ExclusionId
);
typed_id!(
    /// A mail in the outbox.
    MailId
);
typed_id!(
    /// A payment recorded against an invoice.
    PaymentId
);
