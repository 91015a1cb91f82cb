//! Changes a contract's header: number, title, shops; dates only while a draft.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ContractView, audit, check_shops, to_json};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::contract::{NUMBER_MAX, TITLE_MAX};
use crate::domain::message::msg;
use crate::domain::terms::Frame;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractPatch {
    pub number: Option<String>,
    pub title: Option<String>,
    pub shop_ids: Option<Vec<i64>>,
    /// Only while the contract is a draft.
    pub start: Option<NaiveDate>,
    /// Only while the contract is a draft.
    pub end: Option<NaiveDate>,
}

/// Changes the header: number, title, shops; dates only while a draft.
pub async fn update(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: ContractPatch,
) -> AppResult<ContractView> {
    let mut errors = Violations::default();
    let number = body
        .number
        .as_deref()
        .map(|n| errors.check("number", parse_text(n, NUMBER_MAX)));
    let title = body
        .title
        .as_deref()
        .map(|t| errors.check("title", parse_text(t, TITLE_MAX)));
    let (number, title) = errors.finish(|| Some((number.flatten(), title.flatten())))?;
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let mut contract = store::contracts::get(conn, auth.scope, id)?;
        let before = to_json(&ContractView::from(contract.clone()))?;
        let dates_change = body.start.is_some() || body.end.is_some();
        if dates_change && contract.status != ContractStatus::Draft {
            return Err(AppError::conflict_on(
                "start",
                msg!("error-dates-by-amendment"),
            ));
        }
        if let Some(shops) = &body.shop_ids {
            contract.shop_ids = check_shops(conn, auth, shops)?;
        }
        contract.number = number.unwrap_or(contract.number);
        contract.title = title.unwrap_or(contract.title);
        contract.start = body.start.unwrap_or(contract.start);
        contract.end = body.end.unwrap_or(contract.end);
        if contract.end < contract.start {
            return Err(AppError::invalid("end", msg!("error-not-before-start")));
        }
        if dates_change {
            // The draft terms must still fit the new dates.
            let draft =
                store::terms::editable(conn, auth.tenant(), id)?.ok_or(AppError::NotFound)?;
            draft.terms.check(&Frame::of(&contract)).into_result()?;
        }
        store::contracts::save(conn, &contract)?;
        let view = ContractView::from(store::contracts::get(conn, auth.scope, id)?);
        let after = to_json(&view)?;
        audit(
            conn,
            auth,
            id,
            "contract.updated",
            Some(before),
            Some(after),
        )?;
        Ok(view)
    })
    .await
}
