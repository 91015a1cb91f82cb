//! A contract over time: the terms in force on a day, every version of its
//! terms, and who changed what.

use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{AuditEntryView, TermsVersionView};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store::{self, Page};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The day to read the terms for; today (in the contract's zone) when left out.
    pub as_of: Option<NaiveDate>,
}

/// The terms in force on a day (a draft's terms while it is a draft).
pub async fn terms_as_of(
    app: &App,
    caller: Caller,
    id: ContractId,
    query: AsOfQuery,
) -> AppResult<TermsVersionView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let version = if contract.status == ContractStatus::Draft {
            store::terms::editable(conn, auth.tenant(), id)?
        } else {
            let day = query
                .as_of
                .unwrap_or_else(|| contract.time_zone.today(Utc::now()));
            if !contract.covers(day) {
                // Outside the contract's dates no terms are in force.
                return Err(AppError::NotFound);
            }
            store::terms::in_force(conn, auth.tenant(), id, day)?
        };
        Ok(version.ok_or(AppError::NotFound)?.into())
    })
    .await
}

/// Every version of the terms, oldest first: drafts, amendments, what is in force.
pub async fn versions(
    app: &App,
    caller: Caller,
    id: ContractId,
) -> AppResult<Vec<TermsVersionView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        Ok(store::terms::history(conn, auth.tenant(), id)?
            .into_iter()
            .map(TermsVersionView::from)
            .collect())
    })
    .await
}

/// Who changed what in the contract and its terms, and when, oldest first.
pub async fn audit_log(
    app: &App,
    caller: Caller,
    id: ContractId,
    page: Page,
) -> AppResult<Vec<AuditEntryView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        Ok(
            store::audit::list(conn, auth.tenant(), "contract", id.get(), page)?
                .into_iter()
                .map(AuditEntryView::from)
                .collect(),
        )
    })
    .await
}
