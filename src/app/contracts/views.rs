//! What a contract, a version of its terms and an entry of its audit log
//! look like to the people who read them: the answers of the contract use cases.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::audit::AuditEntry;
use crate::domain::terms::Terms;
use crate::domain::versions::{TermsState, TermsVersion};
use crate::domain::{Contract, ContractStatus};

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractView {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub vendor_id: i64,
    pub shop_ids: Vec<i64>,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub currency: String,
    pub time_zone: String,
    /// Today's status: a running contract past its end reads `expired`.
    pub status: ContractStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Contract> for ContractView {
    fn from(contract: Contract) -> Self {
        Self {
            id: contract.id.get(),
            status: contract.status_today(Utc::now()),
            number: contract.number,
            title: contract.title,
            vendor_id: contract.vendor_id.get(),
            shop_ids: contract.shop_ids.iter().map(|s| s.get()).collect(),
            start: contract.start,
            end: contract.end,
            currency: contract.currency.to_string(),
            time_zone: contract.time_zone.name().to_owned(),
            created_at: contract.created_at,
            updated_at: contract.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermsVersionView {
    pub version: u32,
    pub state: TermsState,
    pub effective_from: Option<NaiveDate>,
    pub reason: Option<String>,
    pub correction: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub applied_by: Option<i64>,
    pub applied_at: Option<DateTime<Utc>>,
    pub terms: Terms,
}

impl From<TermsVersion> for TermsVersionView {
    fn from(v: TermsVersion) -> Self {
        Self {
            version: v.version,
            state: v.state,
            effective_from: v.effective_from,
            reason: v.reason,
            correction: v.correction,
            created_by: v.created_by.map(|u| u.get()),
            created_at: v.created_at,
            applied_by: v.applied_by.map(|u| u.get()),
            applied_at: v.applied_at,
            terms: v.terms,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub action: String,
    pub actor_user_id: Option<i64>,
    pub actor_api_key_id: Option<i64>,
    pub at: DateTime<Utc>,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            action: e.action,
            actor_user_id: e.actor_user_id.map(|u| u.get()),
            actor_api_key_id: e.actor_api_key_id.map(|k| k.get()),
            at: e.at,
            before: e.before,
            after: e.after,
        }
    }
}
