//! Pure types and rules: no I/O, no diesel, no actix.
//!
//! A value of a type from this module is valid by construction: it is built
//! through a `parse` (or `TryFrom`) that checks it once, at the edge.

pub mod account;
pub mod api_key;
pub mod audit;
pub mod billing;
pub mod contract;
pub mod credit_code;
pub mod decimal;
pub mod email;
pub mod exclusion;
pub mod ids;
pub mod incident;
pub mod invoice;
pub mod kpi;
pub mod mail;
pub mod message;
pub mod metric;
pub(crate) mod names;
pub mod numbered;
pub mod parties;
pub mod period;
pub mod report;
pub mod role;
pub mod scope;
pub mod session;
pub mod shop;
pub mod standing;
pub mod statement;
pub mod tagged;
pub mod tenant;
pub mod terms;
pub mod text;
pub mod user;
pub mod vendor;
pub mod versions;
pub mod violation;

pub use api_key::ApiKey;
pub use contract::{Contract, ContractStatus, Currency, NewContract, TimeZone};
pub use credit_code::CreditCode;
pub use email::EmailAddress;
pub use ids::{
    ApiKeyId, ContractId, CreditNoteId, ExclusionId, IncidentId, InvoiceId, MailId, PaymentId,
    ShopId, TenantId, UserId, VendorId,
};
pub use period::Period;
pub use role::{Permission, Role};
pub use scope::Scope;
pub use shop::{NewShop, Platform, Shop, ShopChanges};
pub use tenant::Tenant;
pub use user::{Assignment, User};
pub use vendor::{BankDetails, Contact, NewVendor, Vendor, VendorChanges, VendorStatus};
