//! Exclusion windows of a contract: recorded by the merchant as they happen.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::{audit, to_json};
use crate::domain::exclusion::{ExclusionCategory, ExclusionWindow, NOTE_MAX, check_window};
use crate::domain::{ContractId, Permission, text::parse_text};
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
            id: w.id,
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
#[utoipa::path(get, path = "/api/v1/contracts/{id}/exclusions", tag = "contract terms", security(("bearer" = [])),
    responses((status = 200, body = Vec<ExclusionView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/exclusions")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<ExclusionView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let windows = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            store::contracts::get(conn, auth.scope, id)?;
            Ok(store::exclusions::list(conn, auth.tenant(), id)?)
        })
        .await?;
    Ok(web::Json(
        windows.into_iter().map(ExclusionView::from).collect(),
    ))
}

/// Records days the vendor is not answerable for: they leave the SLA figures, not the bill.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/exclusions", tag = "contract terms", security(("bearer" = [])),
    request_body = NewExclusionBody,
    responses((status = 201, body = ExclusionView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/exclusions")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<NewExclusionBody>,
) -> Result<HttpResponse, ApiError> {
    let id = ContractId::new(id.into_inner());
    let note = parse_text(&body.note, NOTE_MAX).map_err(|e| ApiError::invalid("note", e))?;
    let window = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            check_window(body.from, body.to, contract.start, contract.end)
                .map_err(|(field, error)| ApiError::invalid(field, error))?;
            let new = NewWindow {
                from: body.from,
                to: body.to,
                category: body.category,
                note: &note,
                recorded_by: auth.user_id(),
            };
            let window = store::exclusions::create(conn, auth.tenant(), id, new)?;
            audit(
                conn,
                auth,
                id,
                "exclusion.recorded",
                None,
                Some(to_json(&ExclusionView::from(window.clone()))?),
            )?;
            Ok(window)
        })
        .await?;
    Ok(HttpResponse::Created().json(ExclusionView::from(window)))
}

/// Removes a window recorded by mistake; the audit log keeps it.
#[utoipa::path(delete, path = "/api/v1/contracts/{id}/exclusions/{exclusion}", tag = "contract terms",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[delete("/contracts/{id}/exclusions/{exclusion}")]
pub async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, ApiError> {
    let (id, exclusion) = path.into_inner();
    let id = ContractId::new(id);
    state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
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
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
