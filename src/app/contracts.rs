//! Contracts: what every use case on a contract shares.

use serde::Serialize;

use super::{AppError, AppResult, AuthUser};
use crate::domain::ContractId;
use crate::store::{DbConnection, audit};

/// Records a change to a contract in the audit log, by the caller.
pub fn audit(
    conn: &mut DbConnection,
    auth: &AuthUser,
    contract: ContractId,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> AppResult<()> {
    let actor = auth.actor();
    let change = audit::Change {
        entity: "contract",
        entity_id: contract.get(),
        action,
        before: before.as_ref(),
        after: after.as_ref(),
    };
    Ok(audit::record(conn, auth.tenant(), actor, change)?)
}

pub fn to_json<T: Serialize>(value: &T) -> AppResult<serde_json::Value> {
    serde_json::to_value(value).map_err(AppError::internal)
}
