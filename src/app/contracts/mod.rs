//! Contracts: the header (create, update, the reads), its life (activate,
//! suspend, resume, terminate), amendments to its terms, the handover phases
//! and their gates, the parts of the terms, the terms over time and the audit
//! log — one file per job — and what every use case on a contract shares.

pub mod amendments;
pub mod clause_sheet;
pub mod compare;
pub mod create;
pub mod gate;
pub mod handover;
pub mod history;
pub mod life;
pub mod overview;
pub mod phases;
pub mod terms_parts;
pub mod trail;
pub mod update;
pub mod views;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub use views::{AuditEntryView, ContractView, TermsVersionView};

use super::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, ContractStatus, Permission, ShopId, VendorId};
use crate::store::{self, DbConnection, Page, StoreError, audit, contracts::ContractFilter};

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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Why: kept in the audit log.
    pub reason: String,
}

/// The shops a contract names: at least one, each once, each the tenant's.
fn check_shops(conn: &mut DbConnection, auth: &AuthUser, shops: &[i64]) -> AppResult<Vec<ShopId>> {
    let mut errors = Violations::default();
    if shops.is_empty() {
        errors.add("shop_ids", msg!("error-shops-none"));
    }
    for (i, id) in shops.iter().enumerate() {
        if shops[..i].contains(id) {
            errors.add(format!("shop_ids[{i}]"), msg!("error-shop-named-twice"));
        } else if let Err(error) = store::shops::get(conn, auth.tenant(), ShopId::new(*id)) {
            match error {
                StoreError::NotFound => {
                    errors.add(format!("shop_ids[{i}]"), msg!("error-no-such-shop"))
                }
                other => return Err(other.into()),
            }
        }
    }
    Ok(errors.finish(|| Some(shops.iter().map(|id| ShopId::new(*id)).collect()))?)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContractQuery {
    pub status: Option<ContractStatus>,
    pub vendor_id: Option<i64>,
}

/// Lists contracts; a vendor user sees only its vendor's.
pub async fn list(
    app: &App,
    caller: Caller,
    query: ContractQuery,
    page: Page,
) -> AppResult<Vec<ContractView>> {
    let filter = ContractFilter {
        status: query.status,
        vendor: query.vendor_id.map(VendorId::new),
    };
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(store::contracts::list(conn, auth.scope, filter, page)?
            .into_iter()
            .map(ContractView::from)
            .collect())
    })
    .await
}

/// One contract.
pub async fn show(app: &App, caller: Caller, id: ContractId) -> AppResult<ContractView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(store::contracts::get(conn, auth.scope, id)?.into())
    })
    .await
}
