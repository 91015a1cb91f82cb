//! A contract's life: a draft put in force, paused, resumed, ended early.

use chrono::Utc;

use super::{ContractView, ReasonBody, audit};
use crate::app::reason;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::terms::Frame;
use crate::domain::versions::TermsState;
use crate::domain::{Contract, ContractId, ContractStatus, Permission, VendorStatus};
use crate::store::{self, DbConnection};

/// Moves a contract to `to`, if its life allows, and audits it.
fn change_status(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    to: ContractStatus,
    reason: Option<&str>,
) -> AppResult<Contract> {
    let mut contract = store::contracts::get(conn, auth.scope, id)?;
    let now = contract.status_today(Utc::now());
    if now == ContractStatus::Expired {
        return Err(AppError::conflict_on(
            "status",
            msg!("error-contract-expired"),
        ));
    }
    contract.status = contract.status.change_to(to)?;
    let ended = contract.end;
    if to == ContractStatus::Terminated {
        // Terminated today: it runs, and bills, no further (a contract
        // terminated before it began keeps its first day).
        let today = contract.time_zone.today(Utc::now());
        contract.end = today.clamp(contract.start, contract.end);
    }
    store::contracts::save(conn, &contract)?;
    let mut detail = serde_json::json!({ "status": to, "reason": reason });
    if contract.end != ended {
        detail["end"] = serde_json::json!(contract.end);
    }
    audit(
        conn,
        auth,
        id,
        &format!("contract.{to}"),
        Some(serde_json::json!({ "status": now })),
        Some(detail),
    )?;
    Ok(contract)
}

/// Puts a draft in force: its terms must be complete and its vendor active.
/// Every problem is listed at once.
pub async fn activate(app: &App, caller: Caller, id: ContractId) -> AppResult<ContractView> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        if contract.status != ContractStatus::Draft {
            return Err(AppError::conflict_on(
                "status",
                msg!("error-activate-not-draft", status = contract.status.word()),
            ));
        }
        let vendor = store::vendors::get(conn, auth.scope, contract.vendor_id)?;
        if vendor.status != VendorStatus::Active {
            return Err(AppError::invalid(
                "vendor_id",
                msg!("error-vendor-not-active"),
            ));
        }
        let draft = store::terms::editable(conn, auth.tenant(), id)?.ok_or(AppError::NotFound)?;
        draft
            .terms
            .completeness(&Frame::of(&contract))
            .into_result()?;
        store::terms::settle(
            conn,
            auth.tenant(),
            id,
            draft.version,
            TermsState::InForce,
            Some(contract.start),
            auth.user_id(),
        )?;
        Ok(change_status(conn, auth, id, ContractStatus::Active, None)?.into())
    })
    .await
}

/// Pauses an active contract.
pub async fn suspend(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: ReasonBody,
) -> AppResult<ContractView> {
    step(app, caller, id, ContractStatus::Suspended, body).await
}

/// Resumes a suspended contract.
pub async fn resume(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: ReasonBody,
) -> AppResult<ContractView> {
    step(app, caller, id, ContractStatus::Active, body).await
}

/// Ends a contract early; final.
pub async fn terminate(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: ReasonBody,
) -> AppResult<ContractView> {
    step(app, caller, id, ContractStatus::Terminated, body).await
}

/// A step of a signed contract's life, with its reason.
async fn step(
    app: &App,
    caller: Caller,
    id: ContractId,
    to: ContractStatus,
    body: ReasonBody,
) -> AppResult<ContractView> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        Ok(change_status(conn, auth, id, to, Some(&reason))?.into())
    })
    .await
}
