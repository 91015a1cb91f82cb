//! A vendor's API key, as stored: never the key itself; and what it may do.

use chrono::{DateTime, Utc};

use super::ids::{ApiKeyId, TenantId, UserId, VendorId};
use super::message::{Explain, Message, msg};
use super::names::{UnknownName, named_enum};
use super::role::Permission;

pub const NAME_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub tenant_id: TenantId,
    pub vendor_id: VendorId,
    pub name: String,
    /// The first part of the key, shown so that people can tell keys apart.
    pub prefix: String,
    /// What the key may do, chosen when it was made.
    pub scopes: ApiKeyScopes,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

named_enum!(
    /// One thing an API key may do for its vendor. No scope manages keys or
    /// users: a leaked key cannot make itself a successor or lock its owners out.
    ApiKeyScope {
        /// Send daily KPI figures.
        SendKpi = "send_kpi",
        /// Log incidents and their escalation.
        LogIncidents = "log_incidents",
        /// Read the vendor's contracts, their figures, reports and invoices.
        ReadContracts = "read_contracts",
        /// Draft and submit the vendor's monthly reports.
        WriteReports = "write_reports",
    }
);

/// The scopes of one key: a set, never empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiKeyScopes(u8);

/// A key must be able to do something.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("choose at least one scope")]
pub struct NoScopes;

impl Explain for NoScopes {
    fn message(&self) -> Message {
        msg!("error-api-key-no-scopes")
    }
}

impl ApiKeyScopes {
    /// What a key gets when its maker names no scopes: a feed job's needs,
    /// without writing reports (a person's work, usually).
    pub const DEFAULT: ApiKeyScopes = ApiKeyScopes(
        bit(ApiKeyScope::SendKpi)
            | bit(ApiKeyScope::LogIncidents)
            | bit(ApiKeyScope::ReadContracts),
    );

    pub fn of(scopes: impl IntoIterator<Item = ApiKeyScope>) -> Result<Self, NoScopes> {
        let set = scopes.into_iter().fold(0, |set, s| set | bit(s));
        if set == 0 {
            Err(NoScopes)
        } else {
            Ok(ApiKeyScopes(set))
        }
    }

    pub fn contains(self, scope: ApiKeyScope) -> bool {
        self.0 & bit(scope) != 0
    }

    /// The scopes in their declared order.
    pub fn iter(self) -> impl Iterator<Item = ApiKeyScope> {
        ApiKeyScope::ALL
            .iter()
            .copied()
            .filter(move |&s| self.contains(s))
    }

    /// Whether a key with these scopes may do what `permission` names (its
    /// vendor role must allow it too). Key and user management are never allowed.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        let needed = match permission {
            ReadSelf => return true,
            WriteKpi => ApiKeyScope::SendKpi,
            LogIncidents => ApiKeyScope::LogIncidents,
            ReadVendors | ReadContracts | ReadInvoices => ApiKeyScope::ReadContracts,
            DraftReports => ApiKeyScope::WriteReports,
            ReadUsers | ManageUsers | ReadApiKeys | ManageApiKeys | ReadShops | WriteShops
            | WriteVendors | FillParticulars | WriteContracts | ReviewReports | DraftInvoices
            | IssueInvoices | ManageTenant | SendMail | ReadOutbox => return false,
        };
        self.contains(needed)
    }

    /// The stored form: names separated by spaces, as OAuth writes scopes.
    pub fn to_stored(self) -> String {
        self.iter()
            .map(ApiKeyScope::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn parse_stored(stored: &str) -> Result<Self, UnknownName> {
        let scopes = stored
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<Vec<ApiKeyScope>, _>>()?;
        ApiKeyScopes::of(scopes).map_err(|_| UnknownName {
            found: stored.to_owned(),
            expected: "at least one scope",
        })
    }
}

const fn bit(scope: ApiKeyScope) -> u8 {
    1 << scope as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn no_scope_manages_keys_or_users() {
        let all = ApiKeyScopes::of(ApiKeyScope::ALL.iter().copied()).unwrap();
        for permission in [ReadApiKeys, ManageApiKeys, ReadUsers, ManageUsers] {
            assert!(!all.allows(permission), "a key may {permission:?}");
        }
        assert!(all.allows(DraftReports) && all.allows(WriteKpi));
    }

    #[test]
    fn the_default_sends_logs_and_reads_but_writes_no_report() {
        let default = ApiKeyScopes::DEFAULT;
        for permission in [
            WriteKpi,
            LogIncidents,
            ReadContracts,
            ReadInvoices,
            ReadSelf,
        ] {
            assert!(default.allows(permission), "{permission:?}");
        }
        assert!(!default.allows(DraftReports));
    }

    #[test]
    fn a_feed_only_key_reads_nothing() {
        let feed = ApiKeyScopes::of([ApiKeyScope::SendKpi]).unwrap();
        assert!(feed.allows(WriteKpi));
        assert!(!feed.allows(ReadInvoices) && !feed.allows(ReadContracts));
    }

    #[test]
    fn the_stored_form_round_trips_and_refuses_unknown_or_no_scopes() {
        let stored = ApiKeyScopes::DEFAULT.to_stored();
        assert_eq!(stored, "send_kpi log_incidents read_contracts");
        assert_eq!(
            ApiKeyScopes::parse_stored(&stored),
            Ok(ApiKeyScopes::DEFAULT)
        );
        assert!(ApiKeyScopes::parse_stored("send_kpi manage_keys").is_err());
        assert!(ApiKeyScopes::parse_stored("").is_err());
        assert_eq!(ApiKeyScopes::of([]), Err(NoScopes));
    }
}
