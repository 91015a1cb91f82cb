//! Exclusion windows of a contract: days the vendor is not answerable for,
//! recorded by the merchant as they happen.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::contracts::{audit, to_json};
use super::{App, AppError, AppResult, Caller};
use crate::domain::exclusion::{ExclusionCategory, ExclusionWindow, NOTE_MAX, check_window};
use crate::domain::{ContractId, ExclusionId, Permission, text::parse_text};
use crate::store::{self, exclusions::NewWindow};

#[derive(Debug, Serialize, ToSchema)]
pub struct ExclusionView {
    pub id: i64,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub category: ExclusionCategory,
    pub note: String,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTime<Utc>,
}

impl From<ExclusionWindow> for ExclusionView {
    fn from(w: ExclusionWindow) -> Self {
        Self {
            id: w.id.get(),
            from: w.from,
            to: w.to,
            category: w.category,
            note: w.note,
            recorded_by: w.recorded_by.map(|u| u.get()),
            recorded_at: w.recorded_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewExclusionBody {
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub category: ExclusionCategory,
    /// What happened, e.g. 台风停电.
    pub note: String,
}

/// The contract's exclusion windows, in date order.
pub async fn list(app: &App, caller: Caller, id: ContractId) -> AppResult<Vec<ExclusionView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        Ok(store::exclusions::list(conn, auth.tenant(), id)?
            .into_iter()
            .map(ExclusionView::from)
            .collect())
    })
    .await
}

/// Records days the vendor is not answerable for: they leave the SLA figures, not the bill.
pub async fn create(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: NewExclusionBody,
) -> AppResult<ExclusionView> {
    let note = parse_text(&body.note, NOTE_MAX).map_err(|e| AppError::invalid("note", e))?;
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        check_window(body.from, body.to, contract.start, contract.end)
            .map_err(|(field, error)| AppError::invalid(field, error))?;
        let new = NewWindow {
            from: body.from,
            to: body.to,
            category: body.category,
            note: &note,
            recorded_by: auth.user_id(),
        };
        let view = ExclusionView::from(store::exclusions::create(conn, auth.tenant(), id, new)?);
        audit(
            conn,
            auth,
            id,
            "exclusion.recorded",
            None,
            Some(to_json(&view)?),
        )?;
        Ok(view)
    })
    .await
}

/// Removes a window recorded by mistake; the audit log keeps it.
pub async fn remove(
    app: &App,
    caller: Caller,
    id: ContractId,
    exclusion: ExclusionId,
) -> AppResult<()> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        let window = store::exclusions::get(conn, auth.tenant(), id, exclusion)?;
        store::exclusions::delete(conn, auth.tenant(), id, exclusion)?;
        audit(
            conn,
            auth,
            id,
            "exclusion.removed",
            Some(to_json(&ExclusionView::from(window))?),
            None,
        )
    })
    .await
}
