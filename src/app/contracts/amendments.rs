//! Amendments to a signed contract's terms: opened as a copy of the terms in
//! force, edited through the parts of the terms, then applied or discarded.

use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{TermsVersionView, audit, to_json};
use crate::app::reason;
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::terms::Frame;
use crate::domain::versions::{TermsState, TermsVersion, check_effective_from};
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store::{self, DbConnection, terms::NewVersion};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendmentBody {
    /// From when the amended terms apply: within the contract, not before the current month unless a correction.
    pub effective_from: NaiveDate,
    pub reason: String,
    /// Says the amendment reaches back into a past period on purpose.
    #[serde(default)]
    pub correction: bool,
}

/// Opens an amendment to a signed contract: a copy of the terms now in force,
/// edited through the parts' routes until it is applied or discarded.
pub async fn open(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: AmendmentBody,
) -> AppResult<TermsVersionView> {
    let reason = reason("reason", &body.reason)?;
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let status = contract.status_today(Utc::now());
        if !matches!(status, ContractStatus::Active | ContractStatus::Suspended) {
            return Err(AppError::conflict(msg!(
                "error-amend-not-running",
                status = status.word()
            )));
        }
        if store::terms::editable(conn, auth.tenant(), id)?.is_some() {
            return Err(AppError::conflict(msg!("error-amendment-open")));
        }
        let today = contract.time_zone.today(Utc::now());
        check_effective_from(
            body.effective_from,
            today,
            body.correction,
            contract.start,
            contract.end,
        )
        .map_err(|e| AppError::invalid("effective_from", e))?;
        let current = store::terms::history(conn, auth.tenant(), id)?
            .into_iter()
            .filter(|v| v.state == TermsState::InForce)
            .max_by_key(|v| (v.effective_from, v.version))
            .ok_or(AppError::NotFound)?;
        let pending = NewVersion {
            state: TermsState::Pending,
            effective_from: Some(body.effective_from),
            reason: Some(&reason),
            correction: body.correction,
            terms: &current.terms,
            created_by: auth.user_id(),
        };
        let number = store::terms::add(conn, auth.tenant(), id, pending)?;
        let detail = serde_json::json!({
            "version": number,
            "effective_from": body.effective_from,
            "reason": reason,
            "correction": body.correction,
        });
        audit(conn, auth, id, "amendment.opened", None, Some(detail))?;
        Ok(store::terms::get(conn, auth.tenant(), id, number)?.into())
    })
    .await
}

/// Puts an open amendment in force from its effective date, once its terms are complete.
pub async fn apply(
    app: &App,
    caller: Caller,
    id: ContractId,
    number: u32,
) -> AppResult<TermsVersionView> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let pending = open_numbered(conn, auth, id, number)?;
        // Checked again now: an amendment opened last month may have become one
        // that reaches back into a period since billed.
        let effective = pending.effective_from.unwrap_or(contract.start);
        let today = contract.time_zone.today(Utc::now());
        check_effective_from(
            effective,
            today,
            pending.correction,
            contract.start,
            contract.end,
        )
        .map_err(|e| AppError::invalid("effective_from", e))?;
        pending
            .terms
            .completeness(&Frame::of(&contract))
            .into_result()?;
        let before = store::terms::in_force(conn, auth.tenant(), id, effective)?;
        store::terms::settle(
            conn,
            auth.tenant(),
            id,
            number,
            TermsState::InForce,
            None,
            auth.user_id(),
        )?;
        let before = before.map(|v| to_json(&v.terms)).transpose()?;
        audit(
            conn,
            auth,
            id,
            "amendment.applied",
            before,
            Some(to_json(&pending.terms)?),
        )?;
        Ok(store::terms::get(conn, auth.tenant(), id, number)?.into())
    })
    .await
}

/// Drops an open amendment; the terms in force stay as they are.
pub async fn discard(app: &App, caller: Caller, id: ContractId, number: u32) -> AppResult<()> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        open_numbered(conn, auth, id, number)?;
        store::terms::settle(
            conn,
            auth.tenant(),
            id,
            number,
            TermsState::Discarded,
            None,
            auth.user_id(),
        )?;
        audit(
            conn,
            auth,
            id,
            "amendment.discarded",
            None,
            Some(serde_json::json!({ "version": number })),
        )
    })
    .await
}

/// Version `number` of the terms, refused unless it is an open amendment.
fn open_numbered(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    number: u32,
) -> AppResult<TermsVersion> {
    let version = store::terms::get(conn, auth.tenant(), id, number)?;
    if version.state != TermsState::Pending {
        return Err(AppError::conflict(msg!(
            "error-version-not-open",
            number = number,
            state = version.state.word()
        )));
    }
    Ok(version)
}
